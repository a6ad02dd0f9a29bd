"""The form kit every app uses: how every form renders (labels without colons, help and errors
tied to their input for screen readers, optional fields marked as such), wall-clock date and
time fields read in a zone the form chooses, and formsets of repeating rows."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import TYPE_CHECKING, Any

from django import forms
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting

from core.localtime import LocalTimeInvalid, to_aware


class FormRenderer(TemplatesSetting):
    form_template_name = "includes/form_fields.html"


WALL_CLOCK_FORMAT = "%Y-%m-%dT%H:%M"


class WallClockField(forms.Field):
    """A date and time without a zone (a datetime-local input); the form decides the zone.

    Django's DateTimeField would attach the *viewer's* zone and refuse skipped times in it,
    which is the wrong zone for an event scheduled elsewhere.
    """

    default_error_messages = {
        "invalid": "Enter a date and time, for example 2026-03-12 14:00.",
    }

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            forms.DateTimeInput(attrs={"type": "datetime-local"}, format=WALL_CLOCK_FORMAT),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> dt.datetime | None:
        if value in self.empty_values:
            return None
        if isinstance(value, dt.datetime):
            parsed = value
        else:
            try:
                parsed = dt.datetime.fromisoformat(str(value).strip())
            except ValueError:
                raise ValidationError(self.error_messages["invalid"], code="invalid") from None
        if parsed.tzinfo is not None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return parsed

    def has_changed(self, initial: Any, data: Any) -> bool:
        try:
            data_value = self.to_python(data)
        except ValidationError:
            return True
        initial_value = self.to_python(initial) if initial not in self.empty_values else None
        return data_value != initial_value


def aware_or_error(form: forms.Form, name: str, zone: zoneinfo.ZoneInfo) -> dt.datetime | None:
    """Replace the wall-clock value of `name` by the moment it names in `zone`, or add the
    field's error (a skipped or repeated time) and return None."""
    value = form.cleaned_data.get(name)
    if value is None:
        return None
    try:
        moment = to_aware(value, zone)
    except LocalTimeInvalid as exc:
        form.add_error(name, str(exc))
        return None
    form.cleaned_data[name] = moment
    return moment


class BreakForm(forms.Form):
    """One break: wall-clock start and end (the zone is the surrounding form's), a label."""

    start = WallClockField(label="Break starts")
    end = WallClockField(label="Break ends")
    label = forms.CharField(max_length=80, required=False, initial="Break")


if TYPE_CHECKING:
    _FormSet = forms.BaseFormSet[forms.Form]
else:  # generic only to the type checker
    _FormSet = forms.BaseFormSet


class LiveRowsFormSet(_FormSet):
    """Rows that count: filled in, and not ticked for removal."""

    def live_forms(self) -> list[forms.Form]:
        return [
            form
            for form in self.forms
            if form.has_changed() or form in self.forms[: self.initial_form_count()]
            if not (self.can_delete and self._should_delete_form(form))  # type: ignore[attr-defined]
        ]

    def add_fields(self, form: forms.Form, index: int | None) -> None:
        super().add_fields(form, index)
        if "DELETE" in form.fields:
            form.fields["DELETE"].label = "Remove this row"
