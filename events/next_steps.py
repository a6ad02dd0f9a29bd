"""The attendee's next step that events know of: a registered event open for joining."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from core.next_steps import NextStep, Urgency
from events.models import Event, Registration


def join_steps(user: Any) -> Iterator[NextStep]:
    now = timezone.now()
    opens_within = dt.timedelta(minutes=settings.JOIN_OPENS_MINUTES_BEFORE)
    registrations = (
        Registration.objects.active()
        .filter(
            user=user,
            event__status=Event.PUBLISHED,
            event__start__lte=now + opens_within,
            event__end__gt=now,
        )
        .select_related("event")
    )
    for registration in registrations:
        event = registration.event
        live = event.has_started(now)
        yield NextStep(
            title=f"“{event.title}” is live now" if live else f"“{event.title}” is about to start",
            detail="" if live else "The Main Hall is open: join a few minutes early.",
            action="Join now",
            url=reverse("events:hall", args=[event.slug]),
            urgency=Urgency.NOW,
            due=event.start,
            event_id=event.pk,
        )
