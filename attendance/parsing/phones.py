"""Recognising phone dial-in rows (reference §6).

A dial-in row has no email, and its name is a placeholder ("Call-in User", "Call-in User_3") or
the caller's number, possibly masked by the account's "Mask phone number in the participant
list" setting ("+1 415***0142"). Attendees later identify themselves by the last four digits of
the number they called from, so the visible digits are kept in order.
"""

from __future__ import annotations

import re
from typing import NamedTuple

_CALL_IN = re.compile(r"call[\s_-]?in[\s_-]?user(?:[\s_#-]*\d+)?", re.IGNORECASE)
_MASKS = "*xX•·#"
_NUMBER = re.compile(r"\+?[\d\s\-().*xX•·#/]+")
_MIN_LENGTH = 7  # digits plus masked positions: shorter "numbers" are names like "Room 12"


class DialIn(NamedTuple):
    is_phone: bool
    digits: str  # the visible digits, in order ("" for a Call-in User placeholder)
    masked: bool  # some digits were hidden


NOT_PHONE = DialIn(False, "", False)


def dial_in(name: str) -> DialIn:
    """What a row's name says about a phone connection (the caller checks there is no email)."""
    name = name.strip()
    if not name:
        return NOT_PHONE
    if _CALL_IN.fullmatch(name):
        return DialIn(True, "", False)
    if not _NUMBER.fullmatch(name):
        return NOT_PHONE
    digits = "".join(ch for ch in name if ch.isdigit())
    masked = sum(1 for ch in name if ch in _MASKS)
    if not digits or len(digits) + masked < _MIN_LENGTH:
        return NOT_PHONE
    return DialIn(True, digits, masked > 0)
