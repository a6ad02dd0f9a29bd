"""The simulated room's connections as Zoom's report API participant rows.

`participant_rows` returns what `GET /report/webinars/{id}/participants?include_fields=
registrant_id` would list for the event (see the Zoom reference notes, §1.2), so the attendance
importer reads the simulated room and Zoom through one parser.

Only connections that have **ended** are listed (left, or fell silent for longer than
`presence.SILENCE_LIMIT`). Zoom's report describes a finished meeting, and its rows never change
once written; leaving out connections still in progress keeps that promise, so importing the same
rows twice, or importing again later, never has to revise a row. Every connection has ended
shortly after the room closes, because the room refuses heartbeats from then on.
"""

from __future__ import annotations

import base64
import datetime as dt
from typing import Any

from django.utils import timezone

from events.models import Event
from meetings.models import SimulatedConnection
from meetings.simulated import presence

# Zoom's per-connection user ids are numeric strings that step by 1024 from 16778240.
_USER_ID_BASE = 16777216
_USER_ID_STEP = 1024


def _zoom_time(value: dt.datetime) -> dt.datetime:
    # The report API gives whole seconds in UTC.
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _iso(value: dt.datetime) -> str:
    return value.strftime("%Y-%m-%dT%H:%M:%SZ")


def _zoom_uuid(connection: SimulatedConnection) -> str:
    # Written the way Zoom writes participant UUIDs: unpadded URL-safe base64 of 16 bytes, e.g.
    # "UaNQgyQYSM-qKsOyfaDzGQ". Zoom repeats a signed-in user's id on all their rows; the room has
    # no Zoom accounts, so each connection has its own, and importers must not key on it.
    return base64.urlsafe_b64encode(connection.participant_uuid.bytes).rstrip(b"=").decode()


def participant_row(connection: SimulatedConnection, now: dt.datetime) -> dict[str, Any]:
    registration = connection.registration
    join = _zoom_time(connection.joined_at)
    leave = _zoom_time(presence.counted_until(connection, now))
    return {
        "id": _zoom_uuid(connection),
        "user_id": str(_USER_ID_BASE + _USER_ID_STEP * connection.pk),
        "name": registration.name,
        "user_email": registration.email,
        "join_time": _iso(join),
        "leave_time": _iso(leave),
        "duration": int((leave - join).total_seconds()),
        "registrant_id": registration.provider_registrant_id,
        "status": "in_meeting",
        "failover": False,
        "customer_key": "",
    }


def participant_rows(event: Event, now: dt.datetime | None = None) -> list[dict[str, Any]]:
    """One row per ended connection to `event`'s simulated room, in order of joining."""
    now = now or timezone.now()
    connections = (
        SimulatedConnection.objects.filter(registration__event=event)
        .select_related("registration")
        .order_by("joined_at", "pk")
    )
    return [participant_row(c, now) for c in connections if not presence.is_live(c, now)]
