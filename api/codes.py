"""The codes the JSON API raises itself (the services' codes pass through unchanged).

`api.errors` turns every DomainError into {"code", "message", "details"?}; a report file the
importer refuses keeps its parser's code (`ReportCode`, attendance/parsing/codes.py).
"""

from __future__ import annotations

from attendance.parsing.codes import ReportCode
from core.errors import CommonCode, ErrorCode
from evaluations.errors import EvaluationCode
from events.errors import EventCode
from licensing.errors import LicensingCode


class ApiCode(ErrorCode):
    # A request the API cannot take as sent.
    VALIDATION_ERROR = "validation_error", "The request is not valid."
    INVALID = "invalid", "This value is not valid."  # one field of a form the API checked
    CURSOR_INVALID = "cursor_invalid", "This cursor is not one we gave out."
    LICENSE_FILTER_NEEDS_LOGIN = (
        "license_filter_needs_login",
        "Filtering by one of your licenses needs a token or a signed-in session.",
    )
    RECEIPT_NOT_READY = (
        "receipt_not_ready",
        "There is no attendance receipt yet: it follows the attendance report after the event "
        "ends.",
    )
    # Attendance imports.
    TOO_MANY_FILES = "too_many_files", "Import at most {most} files at a time."
    FILES_TOO_LARGE = "files_too_large", "Import at most {most} MB at a time."
    # API tokens.
    EXPIRY_IN_PAST = "expiry_in_past", "Choose an expiry date in the future."
    TOO_MANY_TOKENS = (
        "too_many_tokens",
        "You already have {most} tokens; revoke one you no longer use.",
    )
    TOKEN_REVOKED = "token_revoked", "This token is already revoked."


NAME_REQUIRED = CommonCode.NAME_REQUIRED  # a token needs a name
TIME_ZONE_UNKNOWN = CommonCode.TIME_ZONE_UNKNOWN
LICENSE_TYPE_UNKNOWN = LicensingCode.LICENSE_TYPE_UNKNOWN
LICENSE_NOT_YOURS = LicensingCode.LICENSE_NOT_YOURS
CATEGORY_NOT_ON_EVENT = EvaluationCode.CATEGORY_NOT_ON_EVENT
NOT_REGISTERED = EventCode.NOT_REGISTERED
# What the import endpoint answers when the parsers refuse a file (documented in its schema).
REPORT_CODES = tuple(ReportCode)
