"""Domain errors: a stable machine code for tests and the API, a plain message for people.

Every code lives in one vocabulary: an `ErrorCode` enum in the `errors.py` of the app that
raises it (the attendance parsers' in `attendance/parsing/codes.py`). A member is the code and
carries the message a person reads unless the call site has a more specific sentence:

    raise EventCode.EVENT_FULL.error()                              # the default message
    raise EventCode.ALREADY_REGISTERED.error(where="registered")    # the template, filled in
    raise EventCode.EVENT_CANCELLED.error("A cancelled event cannot be published.")

A member is a `str`, so `exc.code == "event_full"` holds and JSON carries the plain value. A code
several apps raise has one home (`CommonCode` below, or the app it is about) and the other apps'
vocabularies re-export that member; two members never share a value.
"""

from __future__ import annotations

import enum
from typing import Any


class DomainError(Exception):
    """A refusal the user can act on. `code` never changes once published; `message` may."""

    def __init__(self, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.message = message
        self.field = field

    def __str__(self) -> str:
        return self.message


class ErrorCode(enum.StrEnum):
    """The base of a vocabulary: members are `NAME = "code", "Default message."`.

    The message is plain language for the person refused (no codes in it); it may be a
    `str.format` template whose fields the call site passes to `error()`.
    """

    message: str

    def __new__(cls, value: str, message: str) -> ErrorCode:
        member = str.__new__(cls, value)
        member._value_ = value
        member.message = message
        return member

    def error(
        self, message: str | None = None, *, field: str | None = None, **params: Any
    ) -> DomainError:
        """The DomainError with this code: `message` replaces the default, `params` fill it in."""
        text = self.message if message is None else message
        return DomainError(self, text.format(**params) if params else text, field=field)


class CommonCode(ErrorCode):
    """Refusals that mean the same wherever they happen; apps re-export the ones they raise."""

    REASON_REQUIRED = "reason_required", "Give a reason: it is kept in the audit log."
    NAME_REQUIRED = "name_required", "Give a name."
    TIME_ZONE_UNKNOWN = (
        "time_zone_unknown",
        "Unknown time zone {zone!r}; use a name such as America/Chicago.",
    )
    FILE_TOO_LARGE = "file_too_large", "The file is too large."
