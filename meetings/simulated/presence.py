"""When a connection to the simulated room counts as present, and when it ended.

The page in the attendee's browser proves it is still open by sending a heartbeat every
`HEARTBEAT_INTERVAL`, and says goodbye with a leave request (a button or a beacon). A browser that
crashes, loses its network or is closed before the beacon gets out simply falls silent; the
connection then ends by itself, at the time `counted_until` gives.
"""

from __future__ import annotations

import datetime as dt
from typing import Protocol

from django.db.models import Q

HEARTBEAT_INTERVAL = dt.timedelta(seconds=15)

# Browsers delay timers in background tabs (Chrome runs them once a minute after a tab has been
# hidden for five minutes), so a late heartbeat is not yet a silence. Only after this long without
# a word is the connection over; a heartbeat arriving later is refused, otherwise a sleeping laptop
# would be credited for the time it slept.
SILENCE_LIMIT = dt.timedelta(seconds=90)

LEFT = "left"
TIMEOUT = "timeout"


class Connection(Protocol):
    last_seen_at: dt.datetime
    left_at: dt.datetime | None


def counted_until(connection: Connection, now: dt.datetime) -> dt.datetime:
    """The moment the connection counts as having left, as far as is known at `now`.

    A leave request is the person's own word. Without one, presence is vouched for only until one
    heartbeat interval after the last heartbeat, and never beyond the present.
    """
    if connection.left_at is not None:
        return connection.left_at
    return min(connection.last_seen_at + HEARTBEAT_INTERVAL, now)


def is_live(connection: Connection, now: dt.datetime) -> bool:
    """Whether the connection may still send heartbeats (mirrored by `live_filter`)."""
    return connection.left_at is None and now - connection.last_seen_at <= SILENCE_LIMIT


def live_filter(now: dt.datetime) -> Q:
    """`is_live` as a query, so updates can be made conditional on it in one statement."""
    return Q(left_at__isnull=True, last_seen_at__gte=now - SILENCE_LIMIT)


def left_how(connection: Connection, now: dt.datetime) -> str:
    """ "left" (button or beacon), "timeout" (fell silent), or "" while still connected."""
    if connection.left_at is not None:
        return LEFT
    return "" if is_live(connection, now) else TIMEOUT
