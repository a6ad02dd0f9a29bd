"""What the public may learn about a certificate from its verification code.

The code is printed on the certificate, so whoever holds it sees what the certificate says,
minus what the certificate holder never handed out with it: no email address, and at most the
last four characters of the license number.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings

from certificates.formatting import event_when, long_date
from certificates.models import Certificate


def public_record(certificate: Certificate) -> dict[str, Any]:
    snapshot = certificate.snapshot
    license = snapshot.get("license")
    current = certificate.current_version()
    superseded_by = (
        settings.SITE_URL + current.verification_path
        if certificate.status == Certificate.SUPERSEDED and current.pk != certificate.pk
        else None
    )
    return {
        "number": certificate.number,
        "version": certificate.version,
        "status": certificate.status,
        "valid": certificate.is_valid,
        "revoked_at": certificate.revoked_at.isoformat() if certificate.revoked_at else None,
        "superseded_by": superseded_by,
        "holder_name": snapshot["holder_name"],
        "license": (
            {
                "type": license["type"],
                "state": license["state"],
                "number_last4": license["number"][-4:],
            }
            if license
            else None
        ),
        "event": {
            "title": snapshot["event"]["title"],
            "format": snapshot["event"]["format"],
            "start": snapshot["event"]["start"],
            "end": snapshot["event"]["end"],
            "time_zone": snapshot["event"]["time_zone"],
            "when": event_when(snapshot["event"]),
        },
        "program": snapshot["program"],
        "presenters": snapshot["presenters"],
        "ce_hours": snapshot["ce_hours"],
        "categories": snapshot["categories"],
        "approvals": snapshot["approvals"],
        "provider_name": snapshot["provider_name"],
        "issued_at": snapshot["issued_at"],
        "issue_date": snapshot["issue_date"],
        "issue_date_display": long_date(snapshot["issue_date"]),
        "verification_url": snapshot["verification_url"],
    }
