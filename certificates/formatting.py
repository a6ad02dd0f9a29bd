"""Dates as a certificate prints them, from snapshot values alone (shared by the PDF and the
pages, so both say exactly the same thing)."""

from __future__ import annotations

import calendar
import datetime as dt
import re
import zoneinfo


def event_when(event: dict[str, str]) -> str:
    """Like "December 1, 2026, 10:00 AM – 12:00 PM EST" in the event's own time zone."""
    zone = zoneinfo.ZoneInfo(event["time_zone"])
    start = dt.datetime.fromisoformat(event["start"]).astimezone(zone)
    end = dt.datetime.fromisoformat(event["end"]).astimezone(zone)
    return time_span(start, end)


def time_span(start: dt.datetime, end: dt.datetime, *, with_day: bool = True) -> str:
    """Two moments as printed on certificates and their pages, in the zone they carry:
    "December 1, 2026, 10:00 AM – 12:00 PM EST" (the end's day added when it differs)."""
    head = f"{_day(start)}, " if with_day else ""
    if start.date() == end.date():
        return f"{head}{_clock(start)} – {_clock(end)} {end.tzname()}"
    return f"{head}{_clock(start)} – {_day(end)}, {_clock(end)} {end.tzname()}"


def _day(moment: dt.datetime) -> str:
    return f"{calendar.month_name[moment.month]} {moment.day}, {moment.year}"


def _clock(moment: dt.datetime) -> str:
    return moment.strftime("%I:%M %p").lstrip("0")


def long_date(iso_date: str) -> str:
    day = dt.date.fromisoformat(iso_date)
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"


def provider_number(number: str) -> str:
    """An approval number as printed after "Provider No.": "#1234", "No. 1234" and "1234" all
    give "1234", so a number typed with its own sign is never printed with two."""
    return re.sub(r"^\s*(?:no\.?|number|#)\s*", "", number.strip(), flags=re.IGNORECASE).strip()


def approval_heading(approval: dict[str, str]) -> str:
    """Like "National Board for Certified Counselors, Provider No. 7654": the body's name, never
    its internal code."""
    number = provider_number(approval.get("approval_number") or "")
    return f"{approval['body_name']}, Provider No. {number}" if number else approval["body_name"]
