"""Receivers: evaluations follows attendance decisions and event schedules, by enqueueing work
only."""

from __future__ import annotations

from typing import Any

from attendance.alerts import NO_DATA_ALERT_AFTER_END
from core.tasks import enqueue
from evaluations.tasks import check_attendance_arrived, sync_evaluations
from events.models import Event


def enqueue_evaluation_sync(
    sender: Any, *, event_id: int, changes: list[tuple[int, str]], **kwargs: Any
) -> None:
    """Attendance decisions changed: issue and withdraw evaluations to match, after commit.

    The whole event is synced rather than the listed changes: the sync is idempotent and cheap,
    and it also catches anything an earlier failed run missed.
    """
    enqueue(sync_evaluations, event_id)


def schedule_attendance_check(event: Event) -> None:
    """20 hours after the end, make sure the attendance arrived (or alert staff), so the
    evaluations can still go out within 24 hours (a run is queued for every new end time)."""
    enqueue(check_attendance_arrived, event.pk, run_after=event.end + NO_DATA_ALERT_AFTER_END)


def on_event_published(sender: Any, *, event: Event, **kwargs: Any) -> None:
    schedule_attendance_check(event)


def on_event_changed(sender: Any, *, event: Event, moved: bool, **kwargs: Any) -> None:
    if moved:
        schedule_attendance_check(event)
