"""What publishing an event schedules after its end, for tests that build events with the
factories instead of publishing them."""

from __future__ import annotations

from attendance.receivers import schedule_collection
from evaluations.receivers import schedule_attendance_check
from events.models import Event


def schedule_after_end(event: Event) -> None:
    """Collect the attendance after the end, and check 20 hours later that it arrived."""
    schedule_collection(event)
    schedule_attendance_check(event)
