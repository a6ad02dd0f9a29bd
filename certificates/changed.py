"""Certificates whose attendance decision changed after they were issued.

An issued certificate is never changed by itself (it is what the holder may already have
shown a board). When an event's schedule or hours are edited, or its attendance is corrected,
the decision is taken again as a new version; the certificates printed from an older version
are listed here for staff to correct or revoke.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from attendance.models import Decision
from certificates.models import Certificate
from certificates.snapshot import credit_hours


@dataclass
class ChangedCertificate:
    certificate: Certificate
    printed_hours: Decimal
    now: Decision | None

    @property
    def summary(self) -> str:
        if self.now is None:
            return "The attendance decision was removed."
        if self.now.outcome != Decision.ELIGIBLE:
            return "The attendance decision is now: not eligible."
        if self.now.credited_hours != self.printed_hours:
            return f"The decision now credits {self.now.credited_hours.normalize():f} hours."
        return "The decision was taken again; the credited hours are unchanged."


def changed_after_issue(limit: int = 200) -> list[ChangedCertificate]:
    certificates = list(
        Certificate.objects.filter(status=Certificate.VALID, decision__is_current=False)
        .select_related("decision", "event")
        .order_by("-issued_at", "-pk")[:limit]
    )
    registrations = [c.decision.registration_id for c in certificates]
    current = {
        d.registration_id: d
        for d in Decision.objects.filter(registration_id__in=registrations, is_current=True)
    }
    return [
        ChangedCertificate(
            certificate=c,
            printed_hours=credit_hours(c.snapshot),
            now=current.get(c.decision.registration_id),
        )
        for c in certificates
    ]
