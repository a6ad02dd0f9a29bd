"""An event's dates as the viewer reads them: in the viewer's zone (the one the request runs
in), with the event's own zone in brackets when its clock differs, e.g.
"December 1, 2026, 7:00 AM – 9:00 AM PST (10:00 AM – 12:00 PM EST)".

The certificate itself prints the event's zone only (certificates.formatting.event_when); the
pages add the viewer's zone so nobody converts in their head.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from typing import Any

from django import template
from django.utils import timezone

from certificates.formatting import time_span

register = template.Library()


def viewer_when(event: dict[str, Any], zone: dt.tzinfo | None = None) -> str:
    """The snapshot event's start and end in `zone` (default: the active zone)."""
    zone = zone or timezone.get_current_timezone()
    own_zone = zoneinfo.ZoneInfo(event["time_zone"])
    start = dt.datetime.fromisoformat(event["start"])
    end = dt.datetime.fromisoformat(event["end"])
    here = (start.astimezone(zone), end.astimezone(zone))
    there = (start.astimezone(own_zone), end.astimezone(own_zone))
    text = time_span(*here)
    same_clock = all(
        a.utcoffset() == b.utcoffset() and a.tzname() == b.tzname()
        for a, b in zip(here, there, strict=True)
    )
    if same_clock:
        return text
    same_days = all(a.date() == b.date() for a, b in zip(here, there, strict=True))
    return f"{text} ({time_span(*there, with_day=not same_days)})"


@register.filter(name="viewer_when")
def viewer_when_filter(event: dict[str, Any]) -> str:
    return viewer_when(event)
