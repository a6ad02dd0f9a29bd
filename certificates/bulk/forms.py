from __future__ import annotations

import datetime as dt
from typing import cast

from django import forms


def two_years_before(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 2)
    except ValueError:  # February 29
        return day.replace(year=day.year - 2, day=28)


class CertificateFilterForm(forms.Form):
    """The wallet's GET filters; the choices come from the person's own certificates."""

    license = forms.ChoiceField(required=False)
    year = forms.TypedChoiceField(required=False, coerce=int, empty_value=None)
    category = forms.ChoiceField(required=False)

    def __init__(self, *args, choices: dict[str, list], **kwargs) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["license"]).choices = [("", "Any license")] + [
            (label, label) for label in choices["licenses"]
        ]
        cast(forms.ChoiceField, self.fields["year"]).choices = [("", "Any year")] + [
            (str(year), str(year)) for year in choices["years"]
        ]
        cast(forms.ChoiceField, self.fields["category"]).choices = [("", "Any category")] + [
            (name, name) for name in choices["categories"]
        ]


class TranscriptForm(forms.Form):
    """Events from `start` to `end`, both days included; by default the last 24 months."""

    start = forms.DateField(label="From", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="To", widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, data=None, *, today: dt.date, **kwargs) -> None:
        self.defaults = {"start": two_years_before(today), "end": today}
        if data is not None and not any(data.get(name) for name in self.defaults):
            data = None  # no parameters at all: the default range
        super().__init__(data, initial=self.defaults, **kwargs)

    @property
    def range(self) -> tuple[dt.date, dt.date]:
        if not self.is_bound:
            return self.defaults["start"], self.defaults["end"]
        return self.cleaned_data["start"], self.cleaned_data["end"]

    def is_valid(self) -> bool:
        return not self.is_bound or super().is_valid()

    def clean(self):
        super().clean()
        cleaned = self.cleaned_data
        start, end = cleaned.get("start"), cleaned.get("end")
        if start and end and start > end:
            raise forms.ValidationError("The start date must be on or before the end date.")
        return cleaned
