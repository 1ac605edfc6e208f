from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from core.metadata import not_indexed_urls

from . import views

app_name = "accounts"

FORM = "accounts/form_page.html"
MESSAGE = "accounts/message_page.html"


def _form(heading: str, submit: str, **extra) -> dict:
    return {"template_name": FORM, "extra_context": {"heading": heading, "submit": submit, **extra}}


def _message(heading: str, text: str) -> dict:
    return {"template_name": MESSAGE, "extra_context": {"heading": heading, "text": text}}


urlpatterns = [
    path("accounts/signup/", views.signup, name="signup"),
    path(
        "accounts/login/",
        views.SignInView.as_view(),
        name="login",
    ),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/change/",
        views.PasswordChangeView.as_view(
            success_url=reverse_lazy("accounts:password_change_done"),
            **_form("Change your password", "Change password"),
        ),
        name="password_change",
    ),
    path(
        "accounts/password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(
            **_message("Password changed", "Your new password is in effect.")
        ),
        name="password_change_done",
    ),
    path(
        "accounts/password/reset/",
        views.PasswordResetView.as_view(
            email_template_name="accounts/password_reset_email.txt",
            subject_template_name="accounts/password_reset_subject.txt",
            success_url=reverse_lazy("accounts:password_reset_done"),
            **_form("Reset your password", "Send me a link"),
        ),
        name="password_reset",
    ),
    path(
        "accounts/password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(
            **_message(
                "Check your e-mail",
                "If an account uses that address, a link to choose a new password is on its way.",
            )
        ),
        name="password_reset_done",
    ),
    path(
        "accounts/password/reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete"),
            **_form("Choose a new password", "Set password"),
        ),
        name="password_reset_confirm",
    ),
    path(
        "accounts/password/reset/done/",
        auth_views.PasswordResetCompleteView.as_view(
            **_message("Password set", "You can sign in with your new password now.")
        ),
        name="password_reset_complete",
    ),
    path("accounts/settings/profile/", views.profile_edit, name="profile_edit"),
]
# Nothing about an account is for search engines.
not_indexed_urls(urlpatterns)
