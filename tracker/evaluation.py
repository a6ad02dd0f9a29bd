"""A person's licenses evaluated: their rules, their assigned credits, their current cycle.

The glue between the database and the pure evaluation in `credit.tracker`: it reads the
credit assignments (certificates and outside credit), places the cycle, and asks
`evaluate_cycle` for the report.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

from django.db.models import Q
from django.utils import timezone

from accounts.models import User
from certificates.models import Certificate
from credit.tracker.cycles import place_cycle
from credit.tracker.evaluate import evaluate_cycle
from credit.tracker.types import CreditFormat, CycleReport, EarnedCredit
from events.models import Event
from licensing.models import UserLicense
from licensing.requirements import category_code_map, ruleset_for
from tracker.models import CreditAssignment

__all__ = ["earned_credits", "license_report", "license_reports", "sources_of"]

# Each credit's key names its record, so what a report lists can be fetched again.
CERTIFICATE_KEY = "certificate:"
OUTSIDE_KEY = "outside:"

EVENT_FORMATS = {
    Event.LIVE_WEBINAR: CreditFormat.LIVE_ONLINE,
    Event.ON_DEMAND: CreditFormat.SELF_STUDY,
}


def _completed_on(snapshot: dict) -> date:
    event = snapshot["event"]
    end = datetime.fromisoformat(event["end"])
    return end.astimezone(ZoneInfo(event["time_zone"])).date()


def _certificate_credit(
    certificate: Certificate, hours: Decimal, allocations: dict
) -> EarnedCredit:
    snapshot = certificate.snapshot
    return EarnedCredit(
        key=f"{CERTIFICATE_KEY}{certificate.number}",
        title=snapshot["event"]["title"],
        completed_on=_completed_on(snapshot),
        hours=hours,
        format=EVENT_FORMATS.get(certificate.event.format, CreditFormat.LIVE_ONLINE),
        bodies=frozenset(item["body_code"] for item in snapshot.get("approvals", [])),
        provider=snapshot.get("provider_name", ""),
        allocations=allocations,
    )


def earned_credits(user_license: UserLicense) -> list[EarnedCredit]:
    """The credits assigned to this license: one per certificate or outside record."""
    rows = (
        CreditAssignment.objects.filter(user_license=user_license)
        # A revoked or superseded certificate no longer counts; its replacement does.
        .filter(Q(certificate__isnull=True) | Q(certificate__status=Certificate.VALID))
        .select_related("certificate__event", "outside_credit__approval_body", "category")
    )
    hours: dict[object, Decimal] = defaultdict(Decimal)
    allocations: dict[object, dict[str, Decimal]] = defaultdict(dict)
    sources: dict[object, object] = {}
    for row in rows:
        source = row.certificate or row.outside_credit
        key = (type(source).__name__, source.pk)
        sources[key] = source
        hours[key] += row.hours
        if row.category is not None:
            code = row.category.code
            allocations[key][code] = allocations[key].get(code, Decimal(0)) + row.hours
    credits = []
    for key, source in sources.items():
        if isinstance(source, Certificate):
            credits.append(_certificate_credit(source, hours[key], allocations[key]))
        else:
            body = source.approval_body.code if source.approval_body else ""
            credits.append(
                EarnedCredit(
                    key=f"{OUTSIDE_KEY}{source.pk}",
                    title=source.title,
                    completed_on=source.completed_on,
                    hours=hours[key],
                    format=CreditFormat(source.format),
                    bodies=frozenset({body}) if body else frozenset(),
                    provider=source.provider,
                    allocations=allocations[key],
                )
            )
    return credits


def sources_of(report: CycleReport) -> tuple[list[str], list[int]]:
    """The certificate numbers and outside-credit ids of every credit the report lists in its
    cycle, counted or not."""
    keys = [line.credit.key for line in report.lines]
    numbers = [k.removeprefix(CERTIFICATE_KEY) for k in keys if k.startswith(CERTIFICATE_KEY)]
    outside = [int(k.removeprefix(OUTSIDE_KEY)) for k in keys if k.startswith(OUTSIDE_KEY)]
    return numbers, outside


def license_report(
    user_license: UserLicense,
    *,
    today: date | None = None,
    cycle_end: date | None = None,
    category_codes: dict[str, tuple[str, str]] | None = None,
) -> CycleReport:
    """The cycle current on ``today`` (or the one ending on ``cycle_end``)."""
    today = today or timezone.localdate()
    codes = category_codes if category_codes is not None else category_code_map()
    license_type = user_license.license_type
    current_rules = ruleset_for(license_type, on=today, category_codes=codes)
    placement = place_cycle(
        current_rules.cycle,
        today=cycle_end or today,
        renewal_date=cycle_end or user_license.expires_on,
        issued_on=user_license.issued_on,
    )
    window = placement.window
    rules = (
        ruleset_for(license_type, on=window.end, category_codes=codes) if window else current_rules
    )
    first_renewal = bool(
        window and user_license.issued_on and user_license.issued_on >= window.start
    )
    report = evaluate_cycle(
        rules,
        window,
        earned_credits(user_license),
        carry_in=user_license.carry_in_hours or Decimal(0),
        conditions=frozenset(user_license.conditions or ()),
        first_renewal=first_renewal,
    )
    report.cycle_basis = placement.basis
    report.cycle_warning = placement.warning
    return report


def license_reports(
    user: User, *, today: date | None = None
) -> list[tuple[UserLicense, CycleReport]]:
    codes = category_code_map()
    licenses = (
        UserLicense.objects.filter(user=user)
        .select_related("license_type")
        .prefetch_related("license_type__rules", "license_type__accepted_bodies")
    )
    return [
        (license, license_report(license, today=today, category_codes=codes))
        for license in licenses
    ]
