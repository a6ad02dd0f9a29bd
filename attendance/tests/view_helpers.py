"""Shared set-up for the attendance view tests: a finished 3-hour webinar and its connections.

The event runs 10:00 AM–1:00 PM PST on December 8, 2026 (Los Angeles, Dana's zone too), so
every time a test asserts reads the same for the event and the viewer.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import itertools
from decimal import Decimal

import time_machine
from django.urls import reverse

from attendance.models import AttendanceImport, Connection
from events.models import Event, Registration
from tests.factories import EventFactory, RegistrationFactory

START = dt.datetime(2026, 12, 8, 18, 0, tzinfo=dt.UTC)  # 10:00 AM PST
END = START + dt.timedelta(hours=3)  # 1:00 PM PST
AFTER = END + dt.timedelta(hours=2)
_lines = itertools.count(2)


def finished_event(**kwargs) -> Event:
    defaults = {
        "title": "Trauma-Informed Care",
        "slug": "trauma-informed-care",
        "time_zone": "America/Los_Angeles",
        "start": START,
        "end": END,
        "advertised_hours": Decimal("3"),
    }
    return EventFactory(**(defaults | kwargs))


def register(event: Event, user=None, **kwargs) -> Registration:
    if user is not None:
        kwargs["user"] = user
    return RegistrationFactory(event=event, **kwargs)


def at(clock: str | dt.datetime) -> dt.datetime:
    """ "10:31:05" on the event's day, Pacific time, as UTC (a datetime is taken as it is)."""
    if isinstance(clock, dt.datetime):
        return clock
    hours, minutes, seconds = (int(part) for part in clock.split(":"))
    return START + dt.timedelta(hours=hours - 10, minutes=minutes, seconds=seconds)


def connect(
    event: Event,
    join: str | dt.datetime,
    leave: str | dt.datetime,
    *,
    registration: Registration | None = None,
    name: str = "",
    email: str = "",
    phone: str = "",
    method: str = "",
) -> Connection:
    record, _ = AttendanceImport.objects.get_or_create(
        event=event, content_sha256="t" * 64, defaults={"format": "test"}
    )
    if registration is not None and not name:
        name = registration.name
    key = hashlib.sha256(f"{name}{email}{phone}{join}{leave}".encode()).hexdigest()
    return Connection.objects.create(
        event=event,
        attendance_import=record,
        identity_key=key,
        source="report.csv",
        line=next(_lines),
        name=name or (phone and f"+1 555 555 {phone[-4:]}") or "",
        email=email,
        join=at(join),
        leave=at(leave),
        registration=registration,
        match_method=method or ("email" if registration is not None else ""),
        is_phone=bool(phone),
        phone_digits=phone,
    )


def save_phone(user, number: str, moment: dt.datetime) -> None:
    """`user` saved `number` on their profile at `moment` (before an event, or after it)."""
    with time_machine.travel(moment, tick=False):
        user.phone = number
        user.save()


def webinar_csv(rows: list[tuple[str, str, str, str]], day: str = "Dec 8, 2026") -> bytes:
    """A small Zoom webinar Attendee Report: (name, email, join, leave) with "HH:MM:SS" times
    on `day`, written the way Zoom writes them (reference §5.1, variant A)."""
    lines = [
        "Attendee Report,,,,,,,,,,,,",
        f'Report Generated:,"{day} 2:10 PM",,,,,,,,,,,',
        "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,"
        "# Cancelled,Unique Viewers,Total Users,Max Concurrent Views,,,,",
        f'Trauma-Informed Care,847 5984 1045,"{day} 9:58 AM",182,3,0,2,3,2,,,,',
        "Host Details,,,,,,,,,,,,",
        "Attended,User Name (Original Name),Email,Join Time,Leave Time,"
        "Time in Session (minutes),Is Guest,Country/Region Name,,,,,",
        f'Yes,Host Person,host@example.com,"{day} 09:50:00","{day} 13:05:00",'
        "195,No,United States,,,,,",
        "Attendee Details,,,,,,,,,,,,",
        "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,"
        "Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),"
        "Is Guest,Country/Region Name",
    ]
    for name, address, join, leave in rows:
        first, _, last = name.partition(" ")
        lines.append(
            f'Yes,{name},{first},{last},{address},,"{day} 08:00:00",approved,'
            f'"{day} {join}","{day} {leave}",1,No,United States'
        )
    return ("\n".join(lines) + "\n").encode()


def url(name: str, event: Event, *args: object) -> str:
    return reverse(f"attendance:{name}", args=[event.slug, *args])


def page_text(response) -> str:
    """The page's text with whitespace folded, so assertions read like the page."""
    return " ".join(response.content.decode().split())
