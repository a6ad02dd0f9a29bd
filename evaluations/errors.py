"""The codes evaluations raise: submitting one, its answers, and reopening a closed one."""

from __future__ import annotations

from core.errors import CommonCode, ErrorCode
from licensing.errors import LicensingCode


class EvaluationCode(ErrorCode):
    NOT_YOURS = "not_yours", "This evaluation belongs to someone else."
    ALREADY_SUBMITTED = "already_submitted", "This evaluation was submitted; it is final."
    EVALUATION_WITHDRAWN = (
        "evaluation_withdrawn",
        "This evaluation was withdrawn because the attendance record no longer shows "
        "attendance of the entire event.",
    )
    EVALUATION_CLOSED = (
        "evaluation_closed",
        "The deadline for this evaluation has passed. Contact us if you need it reopened.",
    )
    NOT_CLOSED = "not_closed", "This evaluation is still open; there is nothing to reopen."
    DAYS_INVALID = "days_invalid", "Choose between 1 and {most} days."
    # The submission itself.
    ATTESTATION_REQUIRED = (
        "attestation_required",
        "Confirm that you attended the entire event and completed this evaluation yourself.",
    )
    ANSWER_REQUIRED = "answer_required", "This question needs an answer."
    ANSWER_INVALID = "answer_invalid", "This answer is not one the question accepts."
    CATEGORY_NOT_ON_EVENT = "category_not_on_event", "Choose a CE category this event offers."


LICENSE_NOT_YOURS = LicensingCode.LICENSE_NOT_YOURS
REASON_REQUIRED = CommonCode.REASON_REQUIRED
