"""Wall-clock times typed by staff, read in a given zone (an event's own, usually).

A datetime-local input carries no zone, so "2:30 AM" on the morning clocks spring forward does
not exist, and "1:30 AM" on the morning they fall back happens twice. Guessing would move an
event (and every attendee's required time) by an hour without anyone noticing, so both are
refused with a message that says what the clocks do that day.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.utils.dateformat import format as date_format


class LocalTimeInvalid(ValueError):
    """The wall-clock time does not name exactly one moment in the zone."""


def _round_trips(aware: dt.datetime) -> bool:
    back = aware.astimezone(dt.UTC).astimezone(aware.tzinfo)
    return back.replace(tzinfo=None) == aware.replace(tzinfo=None)


def _offset(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.timedelta:
    offset = moment.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset for an aware moment
    return offset


def _clock_change(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
    """The wall clock just before and just after the clock change around `naive`."""
    before = naive.replace(tzinfo=zone, fold=0).utcoffset()
    after = naive.replace(tzinfo=zone, fold=1).utcoffset()
    assert before is not None and after is not None
    # Read with the offset in force before the change, `naive` lands after the change and vice
    # versa, so the change lies between the two readings. Zones change on whole seconds.
    low = (naive - max(before, after)).replace(tzinfo=dt.UTC)
    high = (naive - min(before, after)).replace(tzinfo=dt.UTC)
    while high - low > dt.timedelta(seconds=1):
        middle = (low + (high - low) // 2).replace(microsecond=0)
        if _offset(middle, zone) == before:
            low = middle
        else:
            high = middle
    return (high + before).replace(tzinfo=None), (high + after).replace(tzinfo=None)


def _clock(value: dt.datetime) -> str:
    return date_format(value, "G:i")


def to_aware(naive: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The one moment `naive` names on the clocks of `zone`, or LocalTimeInvalid."""
    if naive.tzinfo is not None:
        raise ValueError("to_aware expects a wall-clock (naive) datetime")
    earlier = naive.replace(tzinfo=zone, fold=0)
    later = naive.replace(tzinfo=zone, fold=1)
    typed = date_format(naive, "g:i A")
    day = date_format(naive, "F j, Y")
    if not _round_trips(earlier):
        jump_from, jump_to = _clock_change(naive, zone)
        raise LocalTimeInvalid(
            f"{typed} does not exist on {day} in {zone.key}: clocks jump from "
            f"{_clock(jump_from)} to {_clock(jump_to)}."
        )
    if earlier.utcoffset() != later.utcoffset():
        back_from, back_to = _clock_change(naive, zone)
        raise LocalTimeInvalid(
            f"{typed} happens twice on {day} in {zone.key} (first {earlier.tzname()}, then "
            f"{later.tzname()}): clocks go back from {_clock(back_from)} to {_clock(back_to)}. "
            f"Choose a time before {_clock(back_to)} or from {_clock(back_from)} on."
        )
    return earlier


def to_wall_clock(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """What the clocks of `zone` show at `moment`, without the zone (for a datetime-local input)."""
    return moment.astimezone(zone).replace(tzinfo=None)
