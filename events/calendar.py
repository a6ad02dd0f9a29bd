"""The .ics calendar file sent with a registration (RFC 5545, via `icalendar`)."""

from __future__ import annotations

from django.conf import settings
from django.utils import timezone
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from events.models import Registration


def registration_ics(registration: Registration) -> bytes:
    event = registration.event
    calendar = Calendar()
    calendar.add("prodid", "-//FullCredit//Continuing education//EN")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    entry = CalendarEvent()
    # A stable UID lets calendar apps update the entry in place when the event moves.
    entry.add("uid", f"registration-{registration.pk}@{_host()}")
    entry.add("dtstamp", timezone.now())
    entry.add("sequence", int(event.updated_at.timestamp()))
    entry.add("summary", event.title)
    # Times are written in the event's own zone with its VTIMEZONE, so every calendar shows
    # the right local time, across daylight-saving changes too.
    entry.add("dtstart", event.start.astimezone(event.zone))
    entry.add("dtend", event.end.astimezone(event.zone))
    hall = f"{settings.SITE_URL}/events/{event.slug}/hall/"
    entry.add("url", hall)
    entry.add("location", hall)
    join = ""
    if registration.link_status == Registration.LINK_READY and registration.join_url:
        join = f"Your personal Join Now link (don't share it):\n{registration.join_link}\n\n"
    entry.add(
        "description",
        f"{event.summary}\n\nJoin from My Events → Access Event → Main Hall → Join Now:\n{hall}\n\n"
        f"{join}Attend the entire event under your own name to earn credit.",
    )
    if event.is_cancelled:
        entry.add("status", "CANCELLED")
    calendar.add_component(entry)
    calendar.add_missing_timezones()
    return calendar.to_ical()


def _host() -> str:
    return settings.SITE_URL.split("://", 1)[-1].split("/", 1)[0]
