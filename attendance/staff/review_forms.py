"""Forms for closing reviews on the staff attendance page: resolve a review, reassign one of the
registrant's connections, and place or decline a dial-in claim. Each is prefixed per registrant
or claim, so the page can hold one of each for everyone waiting."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django import forms

from attendance.forms import ReasonField, RegistrantChoiceField
from attendance.models import Connection, Decision, PhoneClaim, ReviewResolution
from attendance.timetext import span_text
from core.errors import DomainError
from events.models import Registration

RESOLUTION_LABELS = {
    ReviewResolution.ATTENDED_ALONE: (
        "They attended alone: clear the flag (their connections must still cover the required time)"
    ),
    ReviewResolution.NOT_ELIGIBLE: "Not eligible: no credit for this event",
}
ATTENDEE_READS = "The attendee reads this on their receipt; it is kept in the audit log."


class ConnectionChoiceField(forms.ModelChoiceField):
    def __init__(self, *args: Any, zone: zoneinfo.ZoneInfo, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.zone = zone

    def label_from_instance(self, obj: Connection) -> str:
        if obj.is_phone:
            device = f"Phone call from …{obj.phone_last4}" if obj.phone_last4 else "Phone call"
        else:
            device = obj.name or "Unnamed connection"
        return f"{device}, {span_text(obj.join, obj.leave, self.zone)}"


class DomainErrorsForm(forms.Form):
    def show_domain_error(self, exc: DomainError) -> None:
        self.add_error(exc.field if exc.field in self.fields else None, exc.message)


class ResolveReviewForm(DomainErrorsForm):
    resolution = forms.ChoiceField(
        label="Resolution",
        widget=forms.RadioSelect,
        error_messages={"required": "Choose how the review is resolved."},
    )
    reason = ReasonField(label="Reason for the resolution", help_text=ATTENDEE_READS)
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, decision: Decision, kinds: list[str], **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"review-{decision.registration_id}")
        kwargs.setdefault("initial", {"version": decision.version})
        super().__init__(*args, **kwargs)
        self.fields["resolution"].choices = [(kind, RESOLUTION_LABELS[kind]) for kind in kinds]


class ReassignForm(DomainErrorsForm):
    """Move one of the registrant's connections to another registrant, or back to the queue."""

    connection = ConnectionChoiceField(
        label="Connection",
        queryset=Connection.objects.none(),
        zone=zoneinfo.ZoneInfo("UTC"),
        empty_label="Choose one of their connections",
        error_messages={"required": "Choose the connection to reassign."},
    )
    to = RegistrantChoiceField(
        label="Give it to",
        queryset=Registration.objects.none(),
        required=False,
        empty_label="Nobody: back to the unplaced connections",
    )
    reason = ReasonField(
        label="Reason for reassigning", help_text="How you know whose it is. Kept in the audit log."
    )

    def __init__(self, *args: Any, registration: Registration, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"reassign-{registration.pk}")
        super().__init__(*args, **kwargs)
        self.registration = registration
        field = self.fields["connection"]
        field.queryset = (
            Connection.objects.attendance().filter(registration=registration).order_by("join", "pk")
        )
        field.zone = registration.event.zone
        self.fields["to"].queryset = (
            Registration.objects.active()
            .filter(event_id=registration.event_id)
            .exclude(pk=registration.pk)
            .order_by("name", "pk")
        )


class PlaceClaimForm(DomainErrorsForm):
    call = ConnectionChoiceField(
        label="The call",
        queryset=Connection.objects.none(),
        zone=zoneinfo.ZoneInfo("UTC"),
        empty_label="Choose the unplaced call",
        error_messages={"required": "Choose the call to place."},
    )
    reason = ReasonField(
        help_text="How you know the call is theirs, e.g. “Sent a phone bill showing the call”."
    )

    def __init__(self, *args: Any, claim: PhoneClaim, calls: list[Connection], **kwargs: Any):
        kwargs.setdefault("prefix", f"place-{claim.pk}")
        ending = [c for c in calls if c.phone_last4 == claim.last4]
        if len(ending) == 1:
            kwargs.setdefault("initial", {"call": ending[0].pk})
        super().__init__(*args, **kwargs)
        field = self.fields["call"]
        field.queryset = Connection.objects.filter(pk__in=[c.pk for c in calls]).order_by(
            "join", "pk"
        )
        field.zone = claim.registration.event.zone


class DeclineClaimForm(DomainErrorsForm):
    reason = ReasonField(
        help_text="Why no call can be matched to them. " + ATTENDEE_READS,
    )

    def __init__(self, *args: Any, claim: PhoneClaim, **kwargs: Any) -> None:
        kwargs.setdefault("prefix", f"decline-{claim.pk}")
        super().__init__(*args, **kwargs)
