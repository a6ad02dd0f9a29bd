"""The codes the CE tracker raises: outside credit uploads and assigning hours to licenses."""

from __future__ import annotations

from core.errors import CommonCode, ErrorCode
from licensing.errors import LicensingCode


class TrackerCode(ErrorCode):
    # Outside credit and its uploaded certificate.
    OUTSIDE_CREDIT_NOT_YOURS = "outside_credit_not_yours", "This record is not yours."
    FILE_REQUIRED = "file_required", "Upload your certificate (PDF, PNG or JPEG)."
    FILE_EMPTY = "file_empty", "The file you chose is empty."
    IMAGE_TOO_LARGE = "image_too_large", "This image is too large to read."
    FILE_TYPE_NOT_ALLOWED = (
        "file_type_not_allowed",
        "This file is not a PDF, PNG or JPEG. Upload the certificate as one of those.",
    )
    # Assigning a certificate's or an outside credit's hours.
    CERTIFICATE_NOT_YOURS = "certificate_not_yours", "This certificate is not in your wallet."
    CERTIFICATE_NOT_VALID = (
        "certificate_not_valid",
        "Certificate {number} is {status}; its hours cannot count.",
    )
    CATEGORY_NOT_APPROVED = (
        "category_not_approved",
        "“{category}” is not a category of this credit ({allowed}).",
    )
    DUPLICATE_ASSIGNMENT = "duplicate_assignment", "Each category appears once per license."
    HOURS_NOT_A_NUMBER = "hours_not_a_number", "Enter hours as a number, such as 1.5."
    HOURS_NOT_POSITIVE = (
        "hours_not_positive",
        "Hours must be more than 0 (leave the box empty to count nothing).",
    )
    HOURS_TOO_PRECISE = "hours_too_precise", "Use at most two decimals, such as 1.25."
    # The board's own words come from `licensing.acceptance.verdict(...).reason`.
    APPROVAL_NOT_ACCEPTED = (
        "approval_not_accepted",
        "Your board does not accept this credit's approval, so its hours cannot count for "
        "this license.",
    )
    HOURS_EXCEED_CREDIT = (
        "hours_exceed_credit",
        "For your {license} you assigned {assigned} hours, but this credit is worth {worth}.",
    )


LICENSE_NOT_YOURS = LicensingCode.LICENSE_NOT_YOURS
FILE_TOO_LARGE = CommonCode.FILE_TOO_LARGE  # an uploaded certificate over 10 MB
