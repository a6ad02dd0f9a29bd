"""The attendee's next step that certificates know of: a certificate just issued."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterator
from typing import Any

from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from core.next_steps import EventLink, NextStep, Urgency

# How long a new certificate is pointed out before it is simply one of the certificates.
NEW_FOR = dt.timedelta(days=14)


def certificate_steps(user: Any) -> Iterator[NextStep]:
    recent = Certificate.objects.filter(
        user=user, status=Certificate.VALID, issued_at__gt=timezone.now() - NEW_FOR
    ).select_related("event")
    for certificate in recent:
        yield NextStep(
            title=f"Your certificate for “{certificate.event.title}” is ready",
            detail=f"Certificate {certificate.number}, in your legal name.",
            action="Download the certificate",
            url=reverse("certificates:detail", args=[certificate.number]),
            urgency=Urgency.SOON,
            event_id=certificate.event_id,
        )


def certificate_links(user: Any, event_ids: Collection[int]) -> Iterator[EventLink]:
    held = Certificate.objects.filter(user=user, status=Certificate.VALID, event_id__in=event_ids)
    for certificate in held.only("number", "event_id"):
        yield EventLink(
            event_id=certificate.event_id,
            text=f"Certificate {certificate.number}",
            url=reverse("certificates:detail", args=[certificate.number]),
        )
