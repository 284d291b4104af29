from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class TokenForm(forms.Form):
    token = forms.CharField(
        label=_("Six-digit code from your authenticator app"),
        min_length=6,
        max_length=6,
        strip=True,
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "inputmode": "numeric", "autofocus": True}),
    )

    def clean_token(self) -> str:
        token = self.cleaned_data["token"].replace(" ", "")
        if not token.isdigit():
            raise forms.ValidationError(_("Enter the six digits your authenticator app shows."))
        return token


class ReviewForm(forms.Form):
    month = forms.DateField(
        label=_("Month"),
        required=False,
        input_formats=["%Y-%m"],
        widget=forms.DateInput(attrs={"type": "month"}, format="%Y-%m"),
        help_text=_("Leave empty for the last complete month."),
    )


class LoginForm(AuthenticationForm):
    """Django's login form in the words a Korean service uses: 아이디 and 비밀번호, and a refusal that reads as
    Korean rather than "올바른 아이디와/과 비밀번호"."""

    error_messages = {
        "invalid_login": _("The ID or the password is not right. Capital and small letters count as different."),
        "inactive": _("This account cannot be used. Ask your job centre."),
    }

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("Login ID")
        self.fields["password"].label = _("Password")
