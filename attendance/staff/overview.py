"""What the staff attendance page shows: counts by outcome, every registrant's current
decision, the queue of connections nobody could be matched to, the connections set aside as
not an attendee's, and the hand-made matches."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django import forms
from django.db.models import Count

from attendance.models import (
    Connection,
    Decision,
    PhoneClaim,
    ReviewResolution,
    counts_as_attendance,
)
from attendance.report import presenters_and_hosts
from attendance.services.deciding import credited_window
from credit.schedule import format_duration
from events.models import Event, Registration

NOT_DECIDED = "not_decided"
OUTCOME_LABELS = {
    Decision.ELIGIBLE: "Eligible",
    Decision.NOT_ELIGIBLE: "Not eligible",
    Decision.NEEDS_REVIEW: "Needs review",
    NOT_DECIDED: "Not decided yet",
}
# Outcome → badge class; "needs review" is what staff must act on.
OUTCOME_BADGES = {
    Decision.ELIGIBLE: "badge-success",
    Decision.NOT_ELIGIBLE: "badge-danger",
    Decision.NEEDS_REVIEW: "badge-warning",
    NOT_DECIDED: "",
}
HAND_MATCHED = (Connection.STAFF, Connection.PHONE_SELF)
REVIEW_LABELS = {
    ReviewResolution.ATTENDED_ALONE: "confirmed they attended alone",
    ReviewResolution.NOT_ELIGIBLE: "marked not eligible",
}


@dataclass(frozen=True)
class RegistrantRow:
    registration: Registration
    decision: Decision | None
    connections: int

    @property
    def outcome(self) -> str:
        return self.decision.outcome if self.decision else NOT_DECIDED

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def badge(self) -> str:
        return OUTCOME_BADGES[self.outcome]

    @property
    def attended(self) -> str:
        return format_duration(self.decision.attended_seconds) if self.decision else ""

    @property
    def required(self) -> str:
        return format_duration(self.decision.required_seconds) if self.decision else ""

    @property
    def review(self) -> str:
        """How staff closed this decision's review ("" if nobody did)."""
        stored = self.decision.inputs.get("review") if self.decision else None
        if not stored:
            return ""
        label = REVIEW_LABELS.get(stored["kind"], stored["kind"])
        return f"Review closed: {label} — “{stored['reason']}”"


@dataclass
class QueueItem:
    connection: Connection
    claims: list[PhoneClaim] = field(default_factory=list)  # pending claims with its digits
    form: forms.Form | None = None  # the assign form the page shows for it
    set_aside_form: forms.Form | None = None  # "not an attendee"


def registrant_rows(event: Event) -> list[RegistrantRow]:
    registrations = (
        event.registrations.active()
        .annotate(
            connection_count=Count(
                "connections",
                filter=counts_as_attendance("connections__"),
            )
        )
        .order_by("name", "pk")
    )
    decisions = {
        d.registration_id: d
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }
    return [RegistrantRow(r, decisions.get(r.pk), r.connection_count) for r in registrations]


def outcome_counts(rows: list[RegistrantRow]) -> list[tuple[str, str, int]]:
    counted = Counter(row.outcome for row in rows)
    return [(outcome, label, counted[outcome]) for outcome, label in OUTCOME_LABELS.items()]


def pending_claims(event: Event) -> list[PhoneClaim]:
    return list(
        PhoneClaim.objects.filter(registration__event=event, resolved=False)
        .select_related("registration__user", "registration__event")
        .order_by("created_at")
    )


def queue(event: Event, claims: list[PhoneClaim]) -> list[QueueItem]:
    """Attendee connections nobody could be matched to (waiting-room rows never count)."""
    items = []
    for connection in Connection.objects.unplaced().filter(event=event):
        last4 = connection.phone_last4
        matching = [c for c in claims if last4 and c.last4 == last4]
        items.append(QueueItem(connection, matching))
    return items


def set_aside(event: Event) -> list[Connection]:
    """Connections staff took out of the queue as not an attendee's, latest first."""
    return list(
        Connection.objects.set_aside()
        .filter(event=event)
        .select_related("set_aside_by")
        .order_by("-set_aside_at", "pk")
    )


def hand_matched(event: Event) -> list[Connection]:
    return list(
        Connection.objects.filter(event=event, match_method__in=HAND_MATCHED)
        .select_related("registration", "matched_by")
        .order_by("-matched_at", "pk")
    )


def presenter_context(event: Event) -> list[dict[str, Any]]:
    window, _breaks, _basis = credited_window(event)
    rows = list(Connection.objects.filter(event=event).exclude(role="attendee"))
    return presenters_and_hosts(rows, window)
