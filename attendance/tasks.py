"""Collecting attendance automatically once an event is over."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone
from django_tasks import task

from events.models import Event

# The simulated room's connections are final once the last heartbeat has timed out.
SETTLE_AFTER_END = dt.timedelta(minutes=5)


@task()
def collect_attendance(event_id: int) -> str:
    """Import the meeting provider's attendance for an ended event. Safe to run again: an
    import of the same data changes nothing, and a moved event gets its own later run."""
    from attendance.services.importing import import_simulated

    event = Event.objects.get(pk=event_id)
    if event.status != Event.PUBLISHED:
        return "skipped: event not published"
    if timezone.now() < event.end + SETTLE_AFTER_END:
        return "skipped: the event has not ended (a run at its new end is queued)"
    if event.meeting_provider == "simulated":
        summary = import_simulated(event)
        return f"imported {summary.new_rows} new rows"
    if event.meeting_provider == "zoom":
        from meetings.tasks import pull_zoom_attendance

        # That task retries by itself while Zoom's report is not ready, then alerts staff.
        return pull_zoom_attendance.call(event.pk)
    return f"skipped: no automatic collection for {event.meeting_provider!r}"


@task()
def decide_again(event_id: int) -> str:
    """Take the event's decisions again after its window, breaks or hours changed. Safe to run
    twice: deciding with unchanged inputs writes no new version."""
    from attendance.services.deciding import decide_event

    event = Event.objects.get(pk=event_id)
    changes = decide_event(event)
    return f"{len(changes)} new decision(s)"
