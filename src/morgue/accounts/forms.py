"""The accounts' forms: sign-up and the sign-in form's wording."""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AuthenticationForm, UserCreationForm


class SignUpForm(UserCreationForm):
    """A free account: a user name, an optional e-mail address (needed to reset a forgotten password), a password."""

    email = forms.EmailField(required=False, help_text="Optional; needed only to reset a forgotten password.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")

    def clean_username(self):
        username = self.cleaned_data["username"]
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("That user name is taken.")
        return username

    def clean_email(self):
        email = self.cleaned_data.get("email", "").strip()
        if email and get_user_model().objects.filter(email__iexact=email).exists():
            raise forms.ValidationError("That e-mail address already has an account; sign in or reset its password.")
        return email


class SignInForm(AuthenticationForm):
    """Sign in with a user name or e-mail address."""

    username = forms.CharField(label="User name or e-mail", max_length=254,
                               widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}))
