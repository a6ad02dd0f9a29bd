"""Forms for the account: sign-up details, profile and deletion."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.http import HttpRequest

from accounts.models import User
from accounts.names import (
    LEGAL_NAME_PART_MAX,
    normalise_name,
    too_long_message,
    validate_name_characters,
)
from accounts.timezones import is_valid_zone, time_zone_choices

LEGAL_NAME_HELP = (
    "This is the name printed on your certificates. Use it exactly as on your license."
)
PHONE_PATTERN = re.compile(r"^\+?[\d\s().-]{7,24}$")


def clean_phone_number(value: str) -> str:
    value = value.strip()
    if not value:
        return ""
    digits = re.sub(r"\D", "", value)
    if not PHONE_PATTERN.match(value) or not 7 <= len(digits) <= 15:
        raise forms.ValidationError(
            "Enter a phone number of 7 to 15 digits, for example +1 415 555 0100."
        )
    return ("+" if value.startswith("+") else "") + digits


class TimeZoneField(forms.ChoiceField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Time zone")
        kwargs.setdefault("help_text", "Every date and time on FullCredit is shown in this zone.")
        super().__init__(choices=time_zone_choices, **kwargs)

    def validate(self, value: Any) -> None:
        if not is_valid_zone(value):
            raise forms.ValidationError("Choose a time zone from the list.")


def legal_name_field(label: str, **kwargs: Any) -> forms.CharField:
    return forms.CharField(
        label=label,
        max_length=LEGAL_NAME_PART_MAX,
        validators=[validate_name_characters],
        error_messages={"max_length": too_long_message(label.lower())},
        **kwargs,
    )


class LegalNameMixin(forms.Form):
    legal_first_name = legal_name_field("Legal first name", help_text=LEGAL_NAME_HELP)
    legal_last_name = legal_name_field("Legal last name")

    def clean_legal_first_name(self) -> str:
        return normalise_name(self.cleaned_data["legal_first_name"])

    def clean_legal_last_name(self) -> str:
        return normalise_name(self.cleaned_data["legal_last_name"])


class SignupDetailsForm(LegalNameMixin):
    """Extra fields on allauth's sign-up form (allauth calls `signup` after creating the user)."""

    # The page's script selects the browser's own zone here (site.js, data-browser-zone).
    time_zone = TimeZoneField(widget=forms.Select(attrs={"data-browser-zone": ""}))

    field_order = ["legal_first_name", "legal_last_name", "time_zone"]

    def signup(self, request: HttpRequest, user: User) -> None:
        user.legal_first_name = self.cleaned_data["legal_first_name"]
        user.legal_last_name = self.cleaned_data["legal_last_name"]
        user.time_zone = self.cleaned_data["time_zone"]
        user.save(update_fields=["legal_first_name", "legal_last_name", "time_zone"])


class ProfileForm(LegalNameMixin):
    time_zone = TimeZoneField()
    phone = forms.CharField(
        label="Phone number",
        required=False,
        max_length=32,
        help_text=(
            "If you join a webinar by phone, call from this number: it is how we recognise you."
        ),
    )

    field_order = ["legal_first_name", "legal_last_name", "time_zone", "phone"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # A zone saved under a name the list no longer offers ("Asia/Calcutta") stays chosen,
        # so saving the profile never moves the person to another zone unasked.
        saved = self.initial.get("time_zone")
        field = self.fields["time_zone"]
        assert isinstance(field, forms.ChoiceField)
        offered = {name for _group, zones in time_zone_choices() for name, _label in zones}
        if saved and saved not in offered and is_valid_zone(saved):
            field.choices = [*time_zone_choices(), ("Your saved zone", [(saved, saved)])]

    def clean_phone(self) -> str:
        return clean_phone_number(self.cleaned_data["phone"])


class DeleteAccountForm(forms.Form):
    confirm_email = forms.CharField(
        label="Type your primary email address to confirm",
        max_length=254,
    )
    password = forms.CharField(
        label="Your password",
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        required=False,
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            del self.fields["password"]

    def clean_confirm_email(self) -> str:
        value = self.cleaned_data["confirm_email"].strip().lower()
        if value != self.user.email.lower():
            raise forms.ValidationError("This is not your primary email address.")
        return value

    def clean_password(self) -> str:
        password = self.cleaned_data.get("password", "")
        if not self.user.check_password(password):
            raise forms.ValidationError("The password is not correct.")
        return password
