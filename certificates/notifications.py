"""Certificate emails: a link to the wallet, never the PDF itself (the wallet checks who asks)."""

from __future__ import annotations

from django.conf import settings

from certificates.models import Certificate
from core.email import send_email
from core.next_steps import Urgency, steps_for


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
            # The rest of what waits for them (the same list as their home page), so the email
            # that closes one loop points at the next thing to do.
            "other_steps": [
                {
                    "title": s.title,
                    "action": s.action,
                    "url": settings.SITE_URL + s.url,
                    "due": s.due if s.urgency == Urgency.DUE else None,
                }
                for s in steps_for(certificate.user)
                if s.url != certificate.get_absolute_url()
            ],
            "zone": certificate.user.time_zone,
        },
    )
