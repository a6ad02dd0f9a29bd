"""The attendee's next step that attendance knows of: a phone call that may be theirs."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from attendance.models import Connection, Decision
from core.next_steps import NextStep, Urgency
from credit.eligibility import NO_CONNECTION

# Dial-in claims are asked for while the event is fresh in the attendee's memory.
CLAIM_ASKED_FOR = dt.timedelta(days=14)


def dial_in_steps(user: Any) -> Iterator[NextStep]:
    """Asks for the last 4 digits when nothing placed the attendee in the room but the event
    had phone calls nobody has been placed on, and they have not claimed one yet."""
    now = timezone.now()
    missing = Decision.objects.filter(
        registration__user=user,
        registration__phone_claims=None,
        is_current=True,
        outcome=Decision.NOT_ELIGIBLE,
        registration__event__end__gt=now - CLAIM_ASKED_FOR,
        registration__event__end__lte=now,
    ).select_related("registration__event")
    for decision in missing:
        if NO_CONNECTION not in decision.reasons:
            continue
        event = decision.registration.event
        unplaced_calls = Connection.objects.unplaced().filter(event=event, is_phone=True).exists()
        if not unplaced_calls:
            continue
        yield NextStep(
            title=f"Did you join “{event.title}” by phone?",
            detail="We found no connection of yours. Tell us the last 4 digits of the number "
            "you called from, and we will look for your call.",
            action="Claim your call",
            url=reverse("attendance:receipt", args=[event.slug]) + "#dial-in",
            urgency=Urgency.SOON,
            event_id=event.pk,
        )
