"""Times as attendees read them: to the second, in their own zone, with its abbreviation."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils.dateformat import format as date_format


def clock(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """A clock time to the second, without the zone: "10:31:05 AM"."""
    return date_format(moment.astimezone(zone), "g:i:s A")


def span_text(start: dt.datetime, end: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    """ "10:31:05 AM–10:33:40 AM PST"; both abbreviations when the clocks change in between."""
    first, last = start.astimezone(zone), end.astimezone(zone)
    if first.tzname() == last.tzname():
        return f"{clock(first, zone)}–{clock(last, zone)} {first.tzname()}"
    return f"{clock(first, zone)} {first.tzname()}–{clock(last, zone)} {last.tzname()}"
