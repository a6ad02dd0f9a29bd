"""What the public may learn about a certificate from its verification code.

The code is printed on the certificate, so whoever holds it sees what the certificate says,
minus what the certificate holder never handed out with it: no email address, and at most the
last four characters of the license number.
"""

from __future__ import annotations

import re
from typing import Any

from django import forms
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


# The lookup at /verify/. A verification code opens its page, as the address printed on the
# certificate does. Numbers are sequential, so a number opens a page only together with the
# holder's last name as printed: a number alone reveals nothing, not even that it exists.
MAX_LOOKUP_LENGTH = 200
_NUMBER = re.compile(r"^([A-Z]+)(\d{4})(\d+)$")


class LookupForm(forms.Form):
    q = forms.CharField(
        label="Certificate number or verification code",
        max_length=MAX_LOOKUP_LENGTH,
        error_messages={"required": "Enter the certificate number or the verification code."},
        help_text="Both are printed on the certificate, for example FC-2026-000123.",
    )
    name = forms.CharField(
        label="Holder's last name",
        max_length=MAX_LOOKUP_LENGTH,
        required=False,
        help_text="Needed with a certificate number, as printed on the certificate. "
        "Not needed with a verification code.",
    )


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def _by_code(text: str) -> Certificate | None:
    # Codes are case-sensitive and may contain dashes; the exact spelling wins, a case-blind
    # match counts only when it is the only one.
    for candidate in dict.fromkeys([text, text.strip("-")]):
        if not candidate:
            continue
        exact = Certificate.objects.filter(verification_code=candidate).first()
        if exact is not None:
            return exact
        loose = list(Certificate.objects.filter(verification_code__iexact=candidate)[:2])
        if len(loose) == 1:
            return loose[0]
    return None


def _number(text: str) -> str | None:
    bare = re.sub(r"[\s\-–—]", "", text).upper()
    match = _NUMBER.match(bare)
    return f"{match[1]}-{match[2]}-{match[3]}" if match else None


def _name_matches(holder_name: str, typed: str) -> bool:
    holder, typed = _folded(holder_name), _folded(typed)
    return bool(typed) and (holder == typed or holder.endswith(" " + typed))


def find_certificate(query: str, name: str = "") -> Certificate | None:
    """The certificate version the typed code, or number and last name, identifies."""
    text = "".join(query.split())
    if not text or len(text) > MAX_LOOKUP_LENGTH:
        return None
    if "/verify/" in text:
        # A pasted verification address: its last path segment is the code.
        text = text.split("/verify/", 1)[1].split("/", 1)[0].removesuffix(".json")
    certificate = _by_code(text)
    if certificate is not None:
        return certificate
    number = _number(text)
    if number is None or not name.strip():
        return None
    # Each version carries the name it was issued in: an old printed copy finds its version.
    for version in Certificate.objects.filter(number=number).order_by("-version"):
        if _name_matches(version.snapshot.get("holder_name", ""), name):
            return version
    return None
