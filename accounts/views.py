from urllib.parse import urlsplit

from axes.helpers import get_client_username
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm
from django.db import IntegrityError, transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render, resolve_url

from core.http import RefusedFormStatus, form_status, safe_next, sign_in_required
from core.links import page_link
from core.throttle import first_refusal, refusal

from .forms import ProfileForm, SignUpForm
from .members import signed_in_member
from .models import User
from .services import profile_save

LOOKS_TAKEN_OR_USED = (
    "Someone has just taken this name, or one that looks the same, or this e-mail address. "
    "Please choose another."
)


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect(page_link("home"))
    form = SignUpForm(request.POST or None)
    refused = None
    if request.method == "POST" and form.is_valid():
        # Only accounts about to be made count: a typo in a form never locks anyone out.
        refused = refusal(request, group="signup", key="ip", rate=settings.SIGNUP_RATE)
        if refused is None and (user := _create_member(form)) is not None:
            login(request, user, backend="accounts.backends.MembersBackend")
            messages.success(request, f"Welcome to dramadb, {user.username}!")
            return redirect(safe_next(request, user.get_absolute_url()))
    response = render(
        request,
        "accounts/form_page.html",
        {
            "form": form,
            "heading": "Create an account",
            "submit": "Create account",
            "next": safe_next(request, ""),
            "refusal": refused.message if refused else "",
        },
        status=form_status(form),
    )
    return refused.apply(response) if refused else response


def _create_member(form: SignUpForm) -> User | None:
    """Save the new member; None, with the reason on the form, when someone took a name or
    address that looks the same a moment earlier (the unique keys decide)."""
    try:
        with transaction.atomic():
            return form.save()
    except IntegrityError:
        form.add_error(None, LOOKS_TAKEN_OR_USED)
        return None


@sign_in_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    member = signed_in_member(request)
    # Only ever the signed-in user's own profile: there is no id in the URL to tamper with.
    form = ProfileForm(request.POST or None, request.FILES or None, instance=member)
    if request.method == "POST" and form.is_valid():
        profile_save(form)
        messages.success(request, "Your profile was saved.")
        return redirect(member.get_absolute_url())
    return render(
        request,
        "accounts/form_page.html",
        {"form": form, "heading": "Edit your profile", "submit": "Save profile", "multipart": True},
        status=form_status(form),
    )


# The sign-in page's words, for the page and for its locked-out version alike.
SIGN_IN_PAGE = {"heading": "Sign in", "submit": "Sign in", "show_signup": True}


class SignInView(RefusedFormStatus, auth_views.LoginView):
    """Sign-in; a visitor who is already signed in goes on to `next` (or home) at once."""

    redirect_authenticated_user = True
    template_name = "accounts/form_page.html"
    extra_context = SIGN_IN_PAGE

    def get_success_url(self) -> str:
        target = safe_next(self.request, "")
        # Sent back to the sign-in page itself, a signed-in visitor would loop forever.
        if not target or urlsplit(target).path == self.request.path:
            return resolve_url(settings.LOGIN_REDIRECT_URL)
        return target


# Django's password views, answering a refused form with 422 like every form of the site.
class PasswordChangeView(RefusedFormStatus, auth_views.PasswordChangeView):
    pass


class PasswordResetView(RefusedFormStatus, auth_views.PasswordResetView):
    """Reset mails are throttled per address and per client, so nobody floods an inbox."""

    def form_valid(self, form: PasswordResetForm) -> HttpResponse:
        address = form.cleaned_data["email"].strip().lower()
        refused = first_refusal(
            refusal(
                self.request,
                group="password-reset-address",
                key=lambda group, request: address,
                rate=settings.PASSWORD_RESET_RATE_PER_ADDRESS,
            ),
            refusal(
                self.request,
                group="password-reset-client",
                key="ip",
                rate=settings.PASSWORD_RESET_RATE_PER_CLIENT,
            ),
        )
        if refused is not None:
            context = self.get_context_data(form=form, refusal=refused.message)
            return refused.apply(self.render_to_response(context))
        return super().form_valid(form)


class PasswordResetConfirmView(RefusedFormStatus, auth_views.PasswordResetConfirmView):
    pass


# django-axes keeps the name of every failed sign-in in a column of this many characters.
THROTTLED_NAME_LENGTH = 255


def throttled_name(request: HttpRequest, credentials: dict[str, str] | None = None) -> str:
    """The name django-axes counts a failed sign-in under: the name as typed, cut to what its
    table holds. No member's name is that long, so a cut name still locks out no member, and
    a long name is answered as any wrong name is."""
    source = credentials if credentials is not None else request.POST
    return (source.get("username") or "")[:THROTTLED_NAME_LENGTH]


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, str] | None = None,
) -> HttpResponse:
    """The sign-in page after too many wrong passwords for one name from one address."""
    username = get_client_username(request, credentials) or ""
    form = AuthenticationForm(request, initial={"username": username})
    context = {
        **SIGN_IN_PAGE,
        "form": form,
        "refusal": (
            "Too many wrong passwords for this name: signing in is paused for "
            f"{settings.AXES_COOLOFF_TIME.seconds // 60} minutes. Nothing else was changed; "
            "you can reset your password meanwhile."
        ),
    }
    return render(request, "accounts/form_page.html", context, status=429)
