"""Joining, staying in and leaving the simulated room: the one write path for connections.

Each function takes the registration or connection the caller has already checked belongs to the
person asking; refusals are `DomainError`s with stable codes.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from events.models import Event, Registration
from meetings.errors import (
    EVENT_CANCELLED,
    EVENT_NOT_FOUND,
    REGISTRATION_CANCELLED,
    REGISTRATION_WAITLISTED,
    MeetingCode,
)
from meetings.models import SimulatedConnection
from meetings.simulated import presence
from meetings.simulated.devices import device_label


def check_room_open(registration: Registration, now: dt.datetime) -> None:
    """Refuse unless this registrant may be in the room at `now`."""
    event = registration.event
    if registration.status == Registration.CANCELLED:
        raise REGISTRATION_CANCELLED.error()
    if registration.status == Registration.WAITLISTED:
        raise REGISTRATION_WAITLISTED.error()
    if event.is_cancelled:
        raise EVENT_CANCELLED.error()
    if not event.is_published:
        raise EVENT_NOT_FOUND.error("This event is not open.")
    if now < event.join_opens_at():
        raise MeetingCode.ROOM_NOT_OPEN_YET.error()
    if now >= event.end:
        raise MeetingCode.ROOM_CLOSED.error()


def join_room(registration: Registration, user_agent: str) -> SimulatedConnection:
    """Record a new connection: every page load is a join, as every Zoom (re)join is a row."""
    now = timezone.now()
    check_room_open(registration, now)
    return SimulatedConnection.objects.create(
        registration=registration,
        device_label=device_label(user_agent),
        joined_at=now,
        last_seen_at=now,
    )


def record_heartbeat(connection: SimulatedConnection) -> None:
    """Extend a live connection to now; refuse once the room has closed or the connection ended."""
    now = timezone.now()
    # Refusing after the close leaves the connection to end one interval after its last
    # heartbeat, which is just past the event's end for anyone who stayed to the end.
    check_room_open(connection.registration, now)
    live = SimulatedConnection.objects.filter(presence.live_filter(now), pk=connection.pk)
    if not live.update(last_seen_at=now):
        raise MeetingCode.CONNECTION_ENDED.error()


def leave_room(connection: SimulatedConnection) -> bool:
    """Record that the person left now; False (and nothing changed) if the connection had ended.

    A leave may arrive after the room closed (the page was still open); the attendance rules clip
    every connection to the event's window, so that time is never credited.
    """
    now = timezone.now()
    live = SimulatedConnection.objects.filter(presence.live_filter(now), pk=connection.pk)
    return bool(live.update(left_at=now))


@dataclass(frozen=True)
class Segment:
    kind: str  # "session" or "break"
    label: str
    start: dt.datetime
    end: dt.datetime


def schedule(event: Event) -> list[Segment]:
    """The event's window cut into instruction and breaks, in order."""
    segments = []
    cursor = event.start
    for item in event.breaks.all().order_by("start"):
        if item.start > cursor:
            segments.append(Segment("session", "Session", cursor, item.start))
        segments.append(Segment("break", item.label or "Break", item.start, item.end))
        cursor = max(cursor, item.end)
    if cursor < event.end:
        segments.append(Segment("session", "Session", cursor, event.end))
    return segments


def current_segment(segments: list[Segment], now: dt.datetime) -> Segment | None:
    return next((s for s in segments if s.start <= now < s.end), None)


def phase(segments: list[Segment], now: dt.datetime) -> str:
    """What the room shows as happening now: "before", "session", "break" or "ended"."""
    if not segments or now < segments[0].start:
        return "before"
    current = current_segment(segments, now)
    return current.kind if current is not None else "ended"
