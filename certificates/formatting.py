"""Dates as a certificate prints them, from snapshot values alone (shared by the PDF and the
pages, so both say exactly the same thing)."""

from __future__ import annotations

import calendar
import datetime as dt
import zoneinfo


def event_when(event: dict[str, str]) -> str:
    """Like "December 1, 2026, 10:00 AM – 12:00 PM EST" in the event's own time zone."""
    zone = zoneinfo.ZoneInfo(event["time_zone"])
    start = dt.datetime.fromisoformat(event["start"]).astimezone(zone)
    end = dt.datetime.fromisoformat(event["end"]).astimezone(zone)
    day = f"{calendar.month_name[start.month]} {start.day}, {start.year}"

    def clock(moment: dt.datetime) -> str:
        return moment.strftime("%I:%M %p").lstrip("0")

    if start.date() == end.date():
        return f"{day}, {clock(start)} – {clock(end)} {end.tzname()}"
    end_day = f"{calendar.month_name[end.month]} {end.day}, {end.year}"
    return f"{day}, {clock(start)} – {end_day}, {clock(end)} {end.tzname()}"


def long_date(iso_date: str) -> str:
    day = dt.date.fromisoformat(iso_date)
    return f"{calendar.month_name[day.month]} {day.day}, {day.year}"
