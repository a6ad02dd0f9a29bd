"""The codes the meeting rooms raise (joining, staying in and leaving the simulated room)."""

from __future__ import annotations

from core.errors import ErrorCode
from events.errors import EventCode


class MeetingCode(ErrorCode):
    ROOM_NOT_OPEN_YET = "room_not_open_yet", "The room is not open yet."
    ROOM_CLOSED = "room_closed", "This event has ended and its room is closed."
    CONNECTION_ENDED = (
        "connection_ended",
        "This connection has ended: the room did not hear from your browser for a while.",
    )


# The event's and the registration's state, as the events app names it.
EVENT_CANCELLED = EventCode.EVENT_CANCELLED
EVENT_NOT_FOUND = EventCode.EVENT_NOT_FOUND
REGISTRATION_CANCELLED = EventCode.REGISTRATION_CANCELLED
REGISTRATION_WAITLISTED = EventCode.REGISTRATION_WAITLISTED
