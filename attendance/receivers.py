"""Receivers: attendance follows what the events and meetings apps announce, by enqueueing
work only."""

from __future__ import annotations

import datetime as dt
from typing import Any

from attendance.models import AttendanceImport
from attendance.tasks import SETTLE_AFTER_END, collect_attendance, decide_again
from core.tasks import enqueue
from events.models import Event


def schedule_collection(event: Event) -> None:
    """Collect the attendance once the event is over (a run is queued for every new end
    time; runs for an earlier end find that it moved)."""
    enqueue(collect_attendance, event.pk, run_after=event.end + SETTLE_AFTER_END)


def on_event_published(sender: Any, *, event: Event, **kwargs: Any) -> None:
    schedule_collection(event)


def on_event_changed(
    sender: Any, *, event: Event, moved: bool, credit_terms_changed: bool, **kwargs: Any
) -> None:
    if moved:
        schedule_collection(event)
    # Before any attendance arrived there is nothing to decide again.
    if credit_terms_changed and AttendanceImport.objects.filter(event=event).exists():
        enqueue(decide_again, event.pk)


def on_meeting_ended(
    sender: Any, *, event: Event, collect_after: dt.datetime, **kwargs: Any
) -> None:
    enqueue(collect_attendance, event.pk, run_after=collect_after)
