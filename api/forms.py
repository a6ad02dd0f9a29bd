from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone


class TokenForm(forms.Form):
    name = forms.CharField(
        label="Name",
        max_length=100,
        help_text="What will use the token, e.g. “Membership sync” or “My spreadsheet”.",
    )
    expires_on = forms.DateField(
        label="Expires on",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="The token stops working at the start of this day (your time zone).",
    )
    read_only = forms.BooleanField(
        label="Read-only (the token can read but not change anything)", required=False
    )

    def clean_expires_on(self) -> dt.date | None:
        day = self.cleaned_data.get("expires_on")
        if day is not None and day <= timezone.localdate():
            raise forms.ValidationError("Choose a day after today.")
        return day

    def expires_at(self) -> dt.datetime | None:
        day = self.cleaned_data.get("expires_on")
        if day is None:
            return None
        return timezone.make_aware(dt.datetime.combine(day, dt.time.min))
