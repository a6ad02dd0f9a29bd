"""The write paths for events and registrations; views, commands and the API call these."""

from events.services.drafting import (
    ApprovalDraft,
    BreakDraft,
    EventDraft,
    PresenterDraft,
    ScheduleInvalid,
    save_event,
)
from events.services.publishing import cancel_event, duplicate_event, publish_event
from events.services.registration import cancel_registration, register_attendee

__all__ = [
    "ApprovalDraft",
    "BreakDraft",
    "EventDraft",
    "PresenterDraft",
    "ScheduleInvalid",
    "cancel_event",
    "cancel_registration",
    "duplicate_event",
    "publish_event",
    "register_attendee",
    "save_event",
]
