"""Attendance for the demo's past events, as a Zoom meeting participants export would give it:
one attendee in full (with a reconnect), one who left early, a no-show, and a phone call that
only the attendee can identify."""

from __future__ import annotations

import datetime as dt

from attendance.services.importing import import_attendance
from events.models import Event

HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest\n"


def _stamp(event: Event, minutes: float) -> str:
    moment = (event.start + dt.timedelta(minutes=minutes)).astimezone(event.zone)
    return moment.strftime("%m/%d/%Y %I:%M:%S %p")


def _row(event: Event, name: str, email: str, start: float, end: float) -> str:
    return (
        f"{name},{email},{_stamp(event, start)},{_stamp(event, end)},"
        f"{round(end - start)},{'Yes' if not email else 'No'}\n"
    )


def load() -> None:
    grief = Event.objects.filter(slug="grief-across-the-lifespan").first()
    if grief is not None and not grief.attendance_imports.exists():
        length = (grief.end - grief.start).total_seconds() / 60
        rows = [
            _row(grief, "Dana Whitfield-Núñez", "attendee@example.com", -4, 61.5),
            _row(grief, "Dana W (Dana Whitfield-Núñez)", "attendee@example.com", 61.2, length + 2),
            _row(grief, "Jordan Lee", "jordan.lee@example.com", -1, length - 12.5),
            _row(grief, "Ana Ruiz", "", -20, length + 5),
        ]
        import_attendance(grief, [("grief-participants.csv", (HEADER + "".join(rows)).encode())])
    boundaries = Event.objects.filter(slug="boundaries-and-dual-relationships").first()
    if boundaries is not None and not boundaries.attendance_imports.exists():
        length = (boundaries.end - boundaries.start).total_seconds() / 60
        rows = [
            _row(boundaries, "+1 646***0199", "", -2, length + 1),
            _row(boundaries, "Priya Nair", "priya.nair@example.com", 0, length),
        ]
        content = (HEADER + "".join(rows)).encode()
        import_attendance(boundaries, [("boundaries-participants.csv", content)])
