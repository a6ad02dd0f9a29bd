"""The staff event form and the small forms on the event's overview page.

Start, end and break times are typed as wall-clock times in the event's own zone (what the
presenter and the flyer use), then turned into moments here, refusing times that the zone's
clocks skip or repeat.
"""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile

from accounts.forms import TimeZoneField
from core.errors import DomainError
from core.forms import WallClockField, aware_or_error
from credit.schedule import MINIMUM_INSTRUCTIONAL_MINUTES
from events.models import Event, Program, format_hours
from events.services.handouts import (
    ACCEPTED_DESCRIPTION,
    ACCEPTED_EXTENSIONS,
    MAX_HANDOUT_MB,
    check_handout_file,
)
from licensing.models import CECategory


class ProgramChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Program) -> str:
        return f"{obj.title} ({obj.code})"


class EventForm(forms.Form):
    title = forms.CharField(max_length=200)
    summary = forms.CharField(
        max_length=300, help_text="One or two sentences shown in listings and emails."
    )
    description = forms.CharField(widget=forms.Textarea(attrs={"rows": 6}), required=False)
    learning_objectives = forms.CharField(
        label="Learning objectives",
        widget=forms.Textarea(attrs={"rows": 4}),
        required=False,
        help_text="One per line, each completing “Participants will be able to…”.",
    )
    format = forms.ChoiceField(
        choices=[(Event.LIVE_WEBINAR, "Live interactive webinar")],
        initial=Event.LIVE_WEBINAR,
    )
    time_zone = TimeZoneField(
        label="Event time zone",
        help_text="The start, end and breaks below are read in this zone. Attendees see times "
        "in their own zone.",
    )
    start = WallClockField(label="Starts")
    end = WallClockField(label="Ends")
    advertised_hours = forms.DecimalField(
        label="Advertised CE hours",
        max_digits=5,
        decimal_places=2,
        widget=forms.NumberInput(attrs={"step": str(settings.CE_HOURS_INCREMENT), "min": "0"}),
    )
    categories = forms.ModelMultipleChoiceField(
        label="CE categories",
        queryset=CECategory.objects.all(),
        to_field_name="code",
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    capacity = forms.IntegerField(
        min_value=1, required=False, help_text="Leave empty for no limit."
    )
    dial_in_instructions = forms.CharField(
        label="Instructions for dial-in attendees",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text="Attendees who call in identify themselves by the last 4 digits of the phone "
        "they call from.",
    )
    instructional_level = forms.ChoiceField(
        label="Instructional level",
        choices=[("", "Not stated yet"), *Event.LEVEL_CHOICES],
        required=False,
    )
    accommodations_contact = forms.CharField(
        label="Accessibility requests contact",
        max_length=200,
        required=False,
        help_text="Email or phone attendees use to ask for accommodations (ADA), "
        "e.g. access@example.org.",
    )
    cancellation_policy = forms.CharField(
        label="Cancellation and refund policy",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=f"Leave empty for the standard wording: “{Event.STANDARD_CANCELLATION_POLICY}”",
    )
    grievance_policy = forms.CharField(
        label="Grievance policy",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text="How attendees raise a complaint, or a link to your policy.",
    )
    program = ProgramChoiceField(
        queryset=Program.objects.order_by("title"),
        to_field_name="code",
        required=False,
        empty_label="New content: start a new program",
        help_text="A repeat or a recording of earlier content belongs to the same program, so "
        "a person earns its credit only once.",
    )

    def __init__(self, *args: Any, event: Event | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        increment = format_hours(settings.CE_HOURS_INCREMENT)
        self.fields["advertised_hours"].help_text = (
            f"In steps of {increment} hour, at most the instructional time (the event minus its "
            f"breaks, at least {MINIMUM_INSTRUCTIONAL_MINUTES} minutes) in hours."
        )
        if event is not None and event.format != Event.LIVE_WEBINAR:
            # An event created elsewhere in another format keeps it rather than being silently
            # turned into a webinar by an unrelated edit.
            field = self.fields["format"]
            field.choices = [*field.choices, (event.format, event.get_format_display())]
        if event is not None:
            self.fields["program"].empty_label = "Keep the current program"

    def clean_title(self) -> str:
        return " ".join(self.cleaned_data["title"].split())

    def clean_learning_objectives(self) -> list[str]:
        lines = self.cleaned_data["learning_objectives"].splitlines()
        return [line.strip() for line in lines if line.strip()]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean()
        zone = self.zone
        if zone is not None:
            aware_or_error(self, "start", zone)
            aware_or_error(self, "end", zone)
        return cleaned

    @property
    def zone(self) -> zoneinfo.ZoneInfo | None:
        """The chosen zone once it is valid; None until then."""
        name = getattr(self, "cleaned_data", {}).get("time_zone")
        return zoneinfo.ZoneInfo(name) if name else None


NONE, STATED = "none", "stated"


class PublishForm(forms.Form):
    """What staff state at publish time: the disclosures are never assumed."""

    commercial_support = forms.ChoiceField(
        label="Commercial support",
        choices=[
            (NONE, Event.NO_COMMERCIAL_SUPPORT),
            (STATED, "Commercial support was received (describe it below)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether this program received commercial support."},
    )
    commercial_support_text = forms.CharField(
        label="Describe the commercial support",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )
    conflicts = forms.ChoiceField(
        label="Conflicts of interest",
        choices=[
            (NONE, Event.NO_CONFLICTS),
            (STATED, "Someone has a relevant financial relationship (describe it below)"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether presenters or planners have conflicts."},
    )
    conflicts_text = forms.CharField(
        label="Describe the relationships",
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
    )

    @classmethod
    def for_event(cls, event: Event, data: Any = None) -> PublishForm:
        initial: dict[str, str] = {}
        for choice, text, stored, standard in (
            (
                "commercial_support",
                "commercial_support_text",
                event.commercial_support,
                Event.NO_COMMERCIAL_SUPPORT,
            ),
            ("conflicts", "conflicts_text", event.conflicts_of_interest, Event.NO_CONFLICTS),
        ):
            if stored == standard:
                initial[choice] = NONE
            elif stored.strip():
                initial[choice], initial[text] = STATED, stored
        return cls(data, initial=initial)

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for choice, text in (
            ("commercial_support", "commercial_support_text"),
            ("conflicts", "conflicts_text"),
        ):
            if cleaned.get(choice) == STATED and not cleaned.get(text, "").strip():
                self.add_error(text, "Describe it: attendees must be told.")
        return cleaned

    def disclosures(self) -> dict[str, str]:
        cleaned = self.cleaned_data
        return {
            "commercial_support": Event.NO_COMMERCIAL_SUPPORT
            if cleaned["commercial_support"] == NONE
            else cleaned["commercial_support_text"].strip(),
            "conflicts_of_interest": Event.NO_CONFLICTS
            if cleaned["conflicts"] == NONE
            else cleaned["conflicts_text"].strip(),
        }


class CancelEventForm(forms.Form):
    reason = forms.CharField(
        label="Reason for cancelling",
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Everyone registered or on the waiting list is emailed this reason.",
        error_messages={"required": "Say why the event is cancelled: attendees are told."},
    )

    def clean_reason(self) -> str:
        reason = self.cleaned_data["reason"].strip()
        if not reason:
            raise ValidationError(self.fields["reason"].error_messages["required"])
        return reason


class HandoutForm(forms.Form):
    title = forms.CharField(max_length=150, label="Handout title")
    file = forms.FileField(
        help_text=f"A {ACCEPTED_DESCRIPTION}, up to {MAX_HANDOUT_MB} MB.",
        widget=forms.FileInput(attrs={"accept": ",".join(ACCEPTED_EXTENSIONS)}),
    )

    def clean_file(self) -> UploadedFile:
        file = self.cleaned_data["file"]
        try:
            check_handout_file(file.name, file.size)
        except DomainError as exc:
            raise ValidationError(exc.message, code=exc.code) from None
        return file


class EventFilterForm(forms.Form):
    STATUS_CHOICES = [("", "All events"), *Event.STATUS_CHOICES]

    q = forms.CharField(label="Title contains", required=False, max_length=200)
    status = forms.ChoiceField(choices=STATUS_CHOICES, required=False)
