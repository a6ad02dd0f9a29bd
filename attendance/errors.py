"""The codes attendance raises: imports, placing connections, dial-in claims and reviews.

A report file the parsers refuse carries a `ReportCode` (attendance/parsing/codes.py) instead.
"""

from __future__ import annotations

from attendance.parsing.codes import ReportCode
from core.errors import CommonCode, ErrorCode
from events.errors import EventCode


class AttendanceCode(ErrorCode):
    # Importing and withdrawing reports.
    IMPORT_IN_PROGRESS = (
        "import_in_progress",
        "Another import of this file is running for this event (or has just finished); it is "
        "stored once. Wait a moment, then reload the attendance page to see the result.",
    )
    IMPORT_WITHDRAWN = "import_withdrawn", "This import was already withdrawn."
    # Placing connections on registrants.
    WRONG_EVENT = "wrong_event", "That call is not part of this event."
    NOT_AN_ATTENDEE = (
        "not_an_attendee",
        "Host and panelist connections are never credited to attendees.",
    )
    NOT_ASSIGNED = "not_assigned", "This connection is not assigned to anyone."
    # Setting a connection aside as not an attendee's, and putting it back.
    SET_ASIDE_AS_UNKNOWN = (
        "set_aside_as_unknown",
        "Choose who this connection is: a presenter, a host, a member of staff or someone else.",
    )
    NOT_IN_QUEUE = (
        "not_in_queue",
        "This connection is not in the unplaced queue (a host's, panelist's or waiting-room "
        "row never is), so there is nothing to set aside.",
    )
    CONNECTION_PLACED = (
        "connection_placed",
        "This connection is matched to {name}; undo that match first if it is not an attendee's.",
    )
    ALREADY_SET_ASIDE = "already_set_aside", "This connection was already set aside."
    IS_SET_ASIDE = (
        "is_set_aside",
        "This connection was set aside as not an attendee's: put it back in the queue first.",
    )
    NOT_SET_ASIDE = (
        "not_set_aside",
        "This connection is not set aside: it is already in the unplaced queue or placed.",
    )
    # Dial-in claims.
    LAST4_INVALID = "last4_invalid", "Enter exactly 4 digits."
    EVENT_NOT_OVER = "event_not_over", "You can identify your call once the event has ended."
    EVENT_DIAL_IN_NUMBER = (
        "event_dial_in_number",
        "{last4} are the last digits of a number in the event's dial-in instructions, which "
        "every attendee sees. Enter the last 4 digits of the phone you called from.",
    )
    CLAIM_LIMIT_REACHED = (
        "claim_limit_reached",
        "You have identified a call {limit} times for this event in the last 24 hours, the "
        "most we accept. Staff have your earlier claims; you can try again in {wait}.",
    )
    CLAIM_CLOSED = "claim_closed", "This dial-in claim was already settled."
    NOT_A_CALL = "not_a_call", "Only an attendee's phone call can answer a dial-in claim."
    ALREADY_PLACED = (
        "already_placed",
        "That call is already matched to {name}; undo that match first if it is wrong.",
    )
    # Reviews.
    NOT_UNDER_REVIEW = "not_under_review", "{name}'s attendance is not waiting for a review."
    DECISION_CHANGED = (
        "decision_changed",
        "{name}'s attendance changed while you were looking at it (it is now version "
        "{version}): check it again before resolving the review.",
    )
    RESOLUTION_NOT_APPLICABLE = (
        "resolution_not_applicable",
        "Nothing in this attendance looks shared, so there is nothing to confirm: place or "
        "decline the dial-in claim instead, or mark the attendance not eligible.",
    )


NO_FILES = ReportCode.NO_FILES  # the importer's refusal is the parsers'
REASON_REQUIRED = CommonCode.REASON_REQUIRED
NOT_REGISTERED = EventCode.NOT_REGISTERED
SCHEDULE_INVALID = EventCode.SCHEDULE_INVALID  # the actual schedule staff record
