"""Certificate emails: a link to the wallet, never the PDF itself (the wallet checks who asks)."""

from __future__ import annotations

from django.conf import settings

from certificates.models import Certificate
from core.email import send_email


def send_ready(certificate: Certificate) -> None:
    assert certificate.user is not None
    snapshot = certificate.snapshot
    send_email(
        "certificate_ready",
        [certificate.user.email],
        {
            "name": snapshot["holder_name"],
            "event_title": snapshot["event"]["title"],
            "hours": snapshot["ce_hours"],
            "number": certificate.number,
            "certificate_url": settings.SITE_URL + certificate.get_absolute_url(),
        },
    )
