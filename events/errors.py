"""The codes events raise: drafting, publishing and cancelling events, registrations, handouts."""

from __future__ import annotations

from core.errors import CommonCode, ErrorCode


class EventCode(ErrorCode):
    # The event's state.
    EVENT_CANCELLED = "event_cancelled", "This event was cancelled."
    # Not published: to anyone but staff an unpublished event does not exist.
    EVENT_NOT_FOUND = "event_not_found", "This event is not open for registration."
    EVENT_ENDED = "event_ended", "This event has already ended."
    NO_APPROVAL = (
        "no_approval",
        "Record at least one accrediting body's approval before publishing: an event without "
        "an approval cannot award CE credit.",
    )
    # Drafting.
    SCHEDULE_INVALID = "schedule_invalid", "The schedule does not meet the credit rules."
    PROGRAM_UNKNOWN = "program_unknown", "There is no program with the code {code!r}."
    CATEGORY_UNKNOWN = "category_unknown", "Unknown CE categories: {categories}."
    PRESENTER_UNKNOWN = "presenter_unknown", "There is no presenter record {id}."
    APPROVAL_BODY_UNKNOWN = "approval_body_unknown", "Unknown approval body {body!r}."
    APPROVAL_PERIOD_INVALID = (
        "approval_period_invalid",
        "The {body} approval period ends before it starts.",
    )
    APPROVAL_PERIOD_EXCLUDES_EVENT = (
        "approval_period_excludes_event",
        "The {body} approval period does not include the event's date ({day:%B %-d, %Y}); an "
        "approval must be in force on the day.",
    )
    # Handouts.
    HANDOUT_TITLE_REQUIRED = "handout_title_required", "Give the handout a title."
    HANDOUT_TYPE_REFUSED = (
        "handout_type_refused",
        "“{name}” was not added: {found} not accepted. Upload a {accepted}.",
    )
    # Registrations.
    REGISTRATION_CLOSED = (
        "registration_closed",
        "Registration closed when the event started: credit requires attending the entire event.",
    )
    ALREADY_REGISTERED = "already_registered", "You are already {where} for this event."
    EVENT_FULL = "event_full", "This event is full. You can join the waiting list instead."
    REGISTRATION_CANCELLED = (
        "registration_cancelled",
        "Your registration for this event was cancelled.",
    )
    REGISTRATION_WAITLISTED = (
        "registration_waitlisted",
        "You are on the waiting list for this event. The room opens to you once you have a place.",
    )
    # No active registration (cancelled, waiting, or none) where one is needed.
    NOT_REGISTERED = "not_registered", "That person's registration is not active."
    CANCELLATION_CLOSED = (
        "cancellation_closed",
        "The event has started; the registration can no longer be cancelled.",
    )


REASON_REQUIRED = CommonCode.REASON_REQUIRED
FILE_TOO_LARGE = CommonCode.FILE_TOO_LARGE  # a handout over the size limit
