"""The attendee's next step that the CE Tracker knows of: hours not yet put toward a license."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from core.next_steps import NextStep, Urgency
from licensing.models import UserLicense
from tracker.services.assignments import unassigned_certificates


def assignment_steps(user: Any) -> Iterator[NextStep]:
    # A certificate is pre-assigned when it is issued (tracker.signals); one with no assignment
    # that its holder has not looked at is hours the tracker cannot count yet.
    waiting = list(unassigned_certificates(user).select_related("event"))
    if not waiting:
        return
    if not UserLicense.objects.filter(user=user).exists():
        yield NextStep(
            title="Add your license so your CE Tracker can count your hours",
            detail=f"{len(waiting)} certificate{'s' if len(waiting) != 1 else ''} waiting.",
            action="Add a license",
            url=reverse("licensing:add"),
            urgency=Urgency.ANYTIME,
        )
        return
    # Those the tracker could place by itself were placed when the license was added
    # (tracker.signals); these need the person to choose, or to confirm they count nowhere.
    for certificate in waiting:
        yield NextStep(
            title=f"Choose where the hours of “{certificate.event.title}” count",
            action="Assign the hours",
            url=reverse("tracker:assign_certificate", args=[certificate.number]),
            urgency=Urgency.ANYTIME,
            event_id=certificate.event_id,
        )
