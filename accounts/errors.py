"""The codes accounts raise (inviting a person by email, with a legal name)."""

from __future__ import annotations

from accounts.names import INVISIBLE_MESSAGE
from core.errors import CommonCode, ErrorCode


class AccountCode(ErrorCode):
    # Legal names: the rules of accounts.names, which name corrections also apply.
    NAME_INVISIBLE_CHARACTERS = "name_invisible_characters", INVISIBLE_MESSAGE
    NAME_TOO_LONG = "name_too_long", "This name is too long."
    EMAIL_INVALID = "email_invalid", "Enter a valid email address."


NAME_REQUIRED = CommonCode.NAME_REQUIRED
