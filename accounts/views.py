from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render

from dramadb.http import safe_next
from reviews.selectors import list_summary

from .forms import ProfileForm, SignUpForm
from .models import User

PROFILE_ENTRIES_PER_STATUS = 10


def signup(request: HttpRequest) -> HttpResponse:
    if request.user.is_authenticated:
        return redirect("home")
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, f"Welcome to dramadb, {user.username}!")
        return redirect(safe_next(request, user.get_absolute_url()))
    return render(
        request,
        "accounts/form_page.html",
        {
            "form": form,
            "heading": "Create an account",
            "submit": "Create account",
            "next": safe_next(request, ""),
        },
    )


def profile(request: HttpRequest, username: str) -> HttpResponse:
    member = get_object_or_404(User, username=username, is_active=True)
    context = {"member": member, "list_groups": list_summary(member, PROFILE_ENTRIES_PER_STATUS)}
    return render(request, "accounts/profile.html", context)


@login_required
def profile_edit(request: HttpRequest) -> HttpResponse:
    # Only ever the signed-in user's own profile: there is no id in the URL to tamper with.
    form = ProfileForm(request.POST or None, request.FILES or None, instance=request.user)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Your profile was saved.")
        return redirect(request.user.get_absolute_url())
    return render(
        request,
        "accounts/form_page.html",
        {"form": form, "heading": "Edit your profile", "submit": "Save profile", "multipart": True},
    )
