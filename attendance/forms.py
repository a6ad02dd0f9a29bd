"""Forms for attendance: the attendee's dial-in claim, and the staff import, queue and schedule.

Each form only collects and checks input; the services in attendance.services do the work and
their DomainErrors are shown on the field they name.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from accounts.forms import TimeZoneField
from attendance.models import Connection
from core.errors import DomainError
from core.forms import BreakForm, LiveRowsFormSet, WallClockField, aware_or_error
from events.models import Event, Registration

# Zoom's largest reports (thousands of attendees, one row per reconnect) are a few megabytes;
# this leaves ample room while keeping staged uploads from swelling the database.
MAX_UPLOAD_MB = 25
MAX_FILES = 20
ACCEPTED_EXTENSIONS = [".csv", ".json", ".txt"]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one input (Django's documented pattern for `multiple`)."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault(
            "widget",
            MultipleFileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
        )
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        single = super().clean
        if isinstance(data, list | tuple) and data:
            return [single(item, initial) for item in data]
        # No file at all: the single-file clean raises "required".
        return [single(data or None, initial)]


class ImportForm(forms.Form):
    files = MultipleFileField(
        label="Attendance report files",
        help_text=(
            "Zoom's webinar Attendee Report or meeting participants export (CSV), or the "
            "report API's participants JSON. Choose several files to import them together "
            f"(up to {MAX_UPLOAD_MB} MB in all)."
        ),
        error_messages={"required": "Choose at least one report file to import."},
    )
    time_zone = TimeZoneField(
        label="Time zone of the report's times",
        help_text=(
            "Zoom writes CSV times without a zone, in the zone of the account that exported "
            "them. JSON from the report API is in UTC and ignores this."
        ),
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {"time_zone": event.time_zone})
        super().__init__(*args, **kwargs)

    def clean_files(self) -> list[UploadedFile]:
        files = self.cleaned_data["files"]
        if len(files) > MAX_FILES:
            raise ValidationError(f"Import at most {MAX_FILES} files at a time.")
        if sum(f.size or 0 for f in files) > MAX_UPLOAD_MB * 1024 * 1024:
            raise ValidationError(
                f"These files are larger than {MAX_UPLOAD_MB} MB in all: import them in parts."
            )
        return files

    def file_contents(self) -> list[tuple[str, bytes]]:
        return [(f.name or "upload", f.read()) for f in self.cleaned_data["files"]]


class DialInForm(forms.Form):
    last4 = forms.CharField(
        label="Last 4 digits of the phone you called from",
        min_length=4,
        max_length=4,
        widget=forms.TextInput(
            attrs={
                "inputmode": "numeric",
                "autocomplete": "off",
                "pattern": "[0-9]{4}",
                "size": "6",
            }
        ),
        error_messages={
            "required": "Enter the last 4 digits of the phone you called from.",
            "min_length": "Enter exactly 4 digits.",
            "max_length": "Enter exactly 4 digits.",
        },
    )

    def clean_last4(self) -> str:
        value = self.cleaned_data["last4"].strip()
        if len(value) != 4 or not value.isdigit():
            raise ValidationError("Enter exactly 4 digits.")
        return value


class RegistrantChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Registration) -> str:
        return f"{obj.name} <{obj.email}>"


class ReasonField(forms.CharField):
    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", "Reason")
        kwargs.setdefault("max_length", 500)
        kwargs.setdefault("help_text", "Kept in the audit log.")
        kwargs.setdefault(
            "error_messages", {"required": "Give a reason: it is kept in the audit log."}
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> str:
        cleaned = super().clean(value).strip()
        if not cleaned:
            raise ValidationError(self.error_messages["required"], code="required")
        return cleaned


class AssignForm(forms.Form):
    """Place one unplaced connection on a registrant. Prefixed per connection on the page."""

    registration = RegistrantChoiceField(
        label="Assign to",
        queryset=Registration.objects.none(),
        empty_label="Choose a registrant",
        error_messages={"required": "Choose the registrant this connection belongs to."},
    )
    reason = ReasonField(
        help_text="How you know, e.g. “Confirmed by email: called from her office line”."
    )

    def __init__(self, *args: Any, connection: Connection, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"assign-{connection.pk}")
        super().__init__(*args, **kwargs)
        self.connection = connection
        self.fields["registration"].queryset = (
            Registration.objects.active()
            .filter(event_id=connection.event_id)
            .order_by("name", "pk")
        )

    def show_domain_error(self, exc: DomainError) -> None:
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)


class UndoForm(forms.Form):
    """Take a connection back off a registrant (it returns to the queue)."""

    reason = ReasonField(help_text="Why the connection is not theirs. Kept in the audit log.")

    def __init__(self, *args: Any, connection: Connection, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"undo-{connection.pk}")
        super().__init__(*args, **kwargs)
        self.connection = connection

    def show_domain_error(self, exc: DomainError) -> None:
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)


class ActualScheduleForm(forms.Form):
    start = WallClockField(label="Actually started")
    end = WallClockField(label="Actually ended")
    reason = ReasonField(
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text="e.g. “The presenter's connection failed; we started 12 minutes late.” "
        "Kept in the audit log.",
    )

    def __init__(self, *args: Any, event: Event, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        zone = event.time_zone
        self.fields["start"].help_text = f"In the event's time zone ({zone})."
        self.fields["end"].help_text = f"In the event's time zone ({zone})."

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        aware_or_error(self, "start", self.zone)
        aware_or_error(self, "end", self.zone)
        return cleaned

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return self.event.zone


ActualBreakFormSet = forms.formset_factory(
    BreakForm, formset=LiveRowsFormSet, extra=2, can_delete=True
)


class SetAsideForm(forms.Form):
    """Take one unplaced connection out of the queue as not an attendee's (a presenter, host,
    staff). Prefixed per connection on the page."""

    set_aside_as = forms.ChoiceField(
        label="Who it is",
        choices=[("", "Choose who it is"), *Connection.SET_ASIDE_CHOICES],
        error_messages={
            "required": "Choose who this connection is: a presenter, a host, staff or someone "
            "else.",
            "invalid_choice": "Choose who this connection is from the list.",
        },
    )
    reason = ReasonField(
        label="How you know",
        max_length=300,
        help_text="A short note, e.g. “Co-host Dr. Lee joined under her personal account”. "
        "Kept in the audit log.",
        error_messages={
            "required": "Say how you know it is not an attendee: it is kept in the audit log."
        },
    )

    def __init__(self, *args: Any, connection: Connection, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"set-aside-{connection.pk}")
        super().__init__(*args, **kwargs)
        self.connection = connection

    def show_domain_error(self, exc: DomainError) -> None:
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)
