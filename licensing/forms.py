from __future__ import annotations

import datetime as dt
import re
from typing import Any, cast

from django import forms

from credit.tracker.interpret import CONDITION_LABELS
from licensing.models import LicenseType
from licensing.states import state_name

LICENSE_NUMBER = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 ./-]{0,39}$")


class LicenseTypeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: LicenseType) -> str:
        return f"{obj.code} — {obj.name}"


class LicenseForm(forms.Form):
    state = forms.ChoiceField(label="Issuing state")
    license_type = LicenseTypeChoiceField(
        label="License type", queryset=LicenseType.objects.none(), empty_label="Choose a license"
    )
    number = forms.CharField(label="License number", max_length=40)
    expires_on = forms.DateField(
        label="Expiration or renewal date",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="It places your current renewal cycle on the CE Tracker.",
    )
    issued_on = forms.DateField(
        label="Date first licensed",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        help_text="Tells the tracker whether this is your first renewal.",
    )
    conditions = forms.MultipleChoiceField(
        label="Situations that add requirements",
        required=False,
        choices=list(CONDITION_LABELS.items()),
        widget=forms.CheckboxSelectMultiple,
        help_text="Some boards require extra hours, for example from supervisors.",
    )
    carry_in_hours = forms.DecimalField(
        label="Hours carried over from your last cycle",
        required=False,
        min_value=0,
        max_value=100,
        decimal_places=2,
        help_text="Only where your board allows carrying hours forward; leave empty otherwise.",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        types = list(LicenseType.objects.select_related("board").order_by("state", "code"))
        states = sorted({t.state for t in types}, key=state_name)
        cast(forms.ChoiceField, self.fields["state"]).choices = [("", "Choose a state")] + [
            (code, state_name(code)) for code in states
        ]
        field = cast(forms.ModelChoiceField, self.fields["license_type"])
        field.queryset = LicenseType.objects.all()
        # Grouped by state so the list reads like the boards' own rosters, even without script.
        grouped: dict[str, list[tuple[int, str]]] = {}
        for item in types:
            grouped.setdefault(state_name(item.state), []).append(
                (item.pk, f"{item.code} — {item.name}")
            )
        field.choices = [("", "Choose a license"), *sorted(grouped.items())]

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if not LICENSE_NUMBER.match(number):
            raise forms.ValidationError(
                "Enter the number as printed on your license: letters, digits, spaces, "
                "dots, dashes or slashes."
            )
        return number

    def clean_issued_on(self) -> dt.date | None:
        value = self.cleaned_data.get("issued_on")
        if value is not None and (value.year < 1950 or value > dt.date.today()):
            raise forms.ValidationError("Enter the date you were first licensed, e.g. 2018-09-14.")
        return value

    def clean_expires_on(self) -> dt.date | None:
        value = self.cleaned_data.get("expires_on")
        if value is not None and value.year < 1950:
            raise forms.ValidationError("Enter the date from your license, e.g. 2027-06-30.")
        return value

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data
        license_type = cleaned.get("license_type")
        state = cleaned.get("state")
        if license_type is not None and state and license_type.state != state:
            self.add_error(
                "license_type",
                f"{license_type.code} — {license_type.name} is a {state_name(license_type.state)} "
                f"license, not a {state_name(state)} one. Choose the state that issued it.",
            )
        return cleaned
