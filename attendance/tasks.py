"""Background work for attendance: collecting it once an event is over, deciding again."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from accounts.models import User
from attendance.services.collecting import Collection, collect_event_attendance
from attendance.services.deciding import decide_event
from core.tasks import enqueue
from events.models import Event

# The simulated room's connections are final once the last heartbeat has timed out.
SETTLE_AFTER_END = dt.timedelta(minutes=5)


def collect_now(event: Event, *, actor: User | None = None) -> Collection:
    """One collection from the event's provider; a retry the provider asks for is queued."""
    collection = collect_event_attendance(event, actor=actor)
    if collection.retry_at is not None:
        enqueue(collect_attendance, event.pk, run_after=collection.retry_at)
    return collection


@task()
def collect_attendance(event_id: int) -> str:
    """Import the meeting provider's attendance for an ended event. Safe to run again: an
    import of the same data changes nothing, and a moved event gets its own later run."""
    event = Event.objects.get(pk=event_id)
    if event.status != Event.PUBLISHED:
        return "skipped: event not published"
    if timezone.now() < event.end + SETTLE_AFTER_END:
        return "skipped: the event has not ended (a run at its new end is queued)"
    return collect_now(event).outcome


@task()
def decide_again(event_id: int) -> str:
    """Take the event's decisions again after its window, breaks or hours changed. Safe to run
    twice: deciding with unchanged inputs writes no new version."""
    event = Event.objects.get(pk=event_id)
    changes = decide_event(event)
    return f"{len(changes)} new decision(s)"
