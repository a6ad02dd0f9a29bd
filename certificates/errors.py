"""The codes certificates raise: issuance, name corrections and revocation."""

from __future__ import annotations

from accounts.errors import AccountCode
from core.errors import ErrorCode


class CertificateCode(ErrorCode):
    # Issuance.
    EVALUATION_NOT_SUBMITTED = (
        "evaluation_not_submitted",
        "A certificate is issued only once the evaluation is submitted.",
    )
    NOT_ELIGIBLE = (
        "not_eligible",
        "The attendance record does not show that this person attended the entire event, so "
        "no certificate can be issued.",
    )
    ALREADY_CERTIFIED_FOR_PROGRAM = (
        "already_certified_for_program",
        "You already hold a certificate for this program; it earns credit only once.",
    )
    # Corrections and revocation.
    NOT_ALLOWED = "not_allowed", "Only staff who manage certificates can do this."
    NOT_CERTIFICATE_OWNER = "not_certificate_owner", "Only the holder can ask for a correction."
    CERTIFICATE_REVOKED = "certificate_revoked", "Certificate {number} has been revoked."
    CERTIFICATE_SUPERSEDED = (
        "certificate_superseded",
        "This version of certificate {number} was replaced by a newer one.",
    )
    CORRECTION_NAME_REQUIRED = "correction_name_required", "Give the name as it should read."
    CORRECTION_NAME_UNCHANGED = (
        "correction_name_unchanged",
        "That is already the name on the certificate.",
    )
    CORRECTION_EXPLANATION_REQUIRED = (
        "correction_explanation_required",
        "Explain why the name should change (for example, a misspelling or a legal name change).",
    )
    CORRECTION_ALREADY_PENDING = (
        "correction_already_pending",
        "A correction request for this certificate is already waiting for staff.",
    )
    CORRECTION_NOT_PENDING = "correction_not_pending", "This request was already {status}."
    DECISION_NOTE_REQUIRED = (
        "decision_note_required",
        "Say why the request is declined (the attendee is told).",
    )
    REVOCATION_REASON_REQUIRED = (
        "revocation_reason_required",
        "Say why the certificate is revoked (the attendee is told).",
    )


# A corrected name is held to the legal-name rules of accounts.
NAME_INVISIBLE_CHARACTERS = AccountCode.NAME_INVISIBLE_CHARACTERS
NAME_TOO_LONG = AccountCode.NAME_TOO_LONG
