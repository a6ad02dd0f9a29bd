"""Which of a person's certificates the wallet lists, filters, zips and puts on a transcript.

Everything is read from the frozen snapshot (what the certificate says), never from today's
event or account. A wallet holds tens of certificates, so filters run in Python: the same code
on SQLite and PostgreSQL, with no JSON-containment lookups.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from collections.abc import Iterable
from decimal import Decimal

from certificates.models import Certificate
from certificates.snapshot import credit_hours


def event_date(certificate: Certificate) -> dt.date:
    """The day the event started, in the event's own time zone (as the certificate prints it)."""
    event = certificate.snapshot["event"]
    start = dt.datetime.fromisoformat(event["start"])
    return start.astimezone(zoneinfo.ZoneInfo(event["time_zone"])).date()


def license_label(certificate: Certificate) -> str:
    license = certificate.snapshot.get("license")
    return license["type"] if license else ""


def license_text(certificate: Certificate) -> str:
    license = certificate.snapshot.get("license")
    return f"{license['type']} #{license['number']}" if license else ""


def hours(certificate: Certificate) -> Decimal:
    return credit_hours(certificate.snapshot)


def listed(user: object) -> list[Certificate]:
    """The wallet's certificates: the current version of each (valid or revoked), newest first."""
    return list(
        Certificate.objects.filter(user=user)
        .exclude(status=Certificate.SUPERSEDED)
        .order_by("-issued_at", "-pk")
    )


def valid(user: object) -> list[Certificate]:
    """Certificates that still count: valid means neither revoked nor superseded."""
    return [c for c in listed(user) if c.status == Certificate.VALID]


def filter_certificates(
    certificates: Iterable[Certificate],
    *,
    license: str = "",
    year: int | None = None,
    category: str = "",
) -> list[Certificate]:
    return [
        c
        for c in certificates
        if (not license or license_label(c) == license)
        and (year is None or event_date(c).year == year)
        and (not category or category in c.snapshot["categories"])
    ]


def in_range(
    certificates: Iterable[Certificate], start: dt.date, end: dt.date
) -> list[Certificate]:
    """Certificates whose event started between `start` and `end`, both days included,
    oldest first (a transcript reads chronologically)."""
    chosen = [c for c in certificates if start <= event_date(c) <= end]
    return sorted(chosen, key=lambda c: (event_date(c), c.number))


def filter_choices(certificates: Iterable[Certificate]) -> dict[str, list]:
    certificates = list(certificates)
    return {
        "licenses": sorted({license_label(c) for c in certificates} - {""}),
        "years": sorted({event_date(c).year for c in certificates}, reverse=True),
        "categories": sorted({name for c in certificates for name in c.snapshot["categories"]}),
    }
