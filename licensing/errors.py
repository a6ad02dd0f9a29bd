"""The codes licensing raises: a person's licenses, and loading the license catalog."""

from __future__ import annotations

from core.errors import ErrorCode


class LicensingCode(ErrorCode):
    LICENSE_DUPLICATE = (
        "license_duplicate",
        "You already have a {license} license on file; edit that one instead.",
    )
    LICENSE_NOT_YOURS = "license_not_yours", "Choose one of your own licenses."
    LICENSE_TYPE_UNKNOWN = "license_type_unknown", "There is no {code} license in {state}."
    # The data files (staff running load_license_catalog read these; the call names the file).
    CATALOG_UNREADABLE = "catalog_unreadable", "Cannot read {path}: {reason}."
    CATALOG_MALFORMED = "catalog_malformed", "The license catalog files are not well formed."
