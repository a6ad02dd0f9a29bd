"""Building attendance for evaluation tests: an event that ran on a known day, connection rows
as an import would store them, and decisions taken right after the import."""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from collections.abc import Callable

import time_machine
from django.core import mail

from attendance.models import AttendanceImport, Connection
from attendance.services.deciding import decide_event
from events.models import Event, Registration
from tests.factories import EventFactory, RegistrationFactory

START = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=2)
IMPORTED = END + dt.timedelta(minutes=5)

_rows = itertools.count(1)


def ended_event(**kwargs: object) -> Event:
    """A published two-hour webinar on December 1, 2026, 15:00–17:00 UTC, without automatic
    attendance collection (staff upload the report)."""
    kwargs.setdefault("meeting_provider", "")
    return EventFactory(start=START, end=END, **kwargs)


def register(event: Event, user: object) -> Registration:
    return RegistrationFactory(event=event, user=user)


def connect(
    event: Event,
    registration: Registration | None,
    start_minute: float = -2,
    end_minute: float = 121,
    **extra: object,
) -> Connection:
    """One connection row, stored as an import stores it (matched to `registration`)."""
    record, _ = AttendanceImport.objects.get_or_create(
        event=event, content_sha256="e" * 64, defaults={"format": "test"}
    )
    line = next(_rows)
    extra.setdefault("name", registration.name if registration else "Call-in User")
    return Connection.objects.create(
        event=event,
        attendance_import=record,
        identity_key=hashlib.sha256(f"{event.pk}-{line}".encode()).hexdigest(),
        source="test.csv",
        line=line,
        join=START + dt.timedelta(minutes=start_minute),
        leave=START + dt.timedelta(minutes=end_minute),
        registration=registration,
        match_method="email" if registration else "",
        **extra,
    )


def decide_and_run(event: Event, run_tasks: Callable[[], int], at: dt.datetime = IMPORTED) -> None:
    """Decide the event's attendance at `at` (5 minutes after the end, when imports run) and
    run the background work that follows, as the worker would then."""
    with time_machine.travel(at, tick=False):
        decide_event(event)
        run_tasks()


def run_at(at: dt.datetime, run_tasks: Callable[[], int]) -> None:
    with time_machine.travel(at, tick=False):
        run_tasks()


def sent_to(email: str, subject_contains: str = "") -> list:
    return [m for m in mail.outbox if email in m.to and subject_contains in m.subject]
