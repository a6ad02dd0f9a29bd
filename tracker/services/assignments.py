"""Where a credit's hours count: the one write path for assignments (design habit 1).

A person splits each certificate's (or outside credit's) hours across their licenses and the
categories the activity carries. Per license the parts never add up to more than the credit's
hours; the same hours may count for two licenses, because each board judges them on its own.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import QuerySet

from certificates.models import Certificate
from certificates.snapshot import credit_hours
from credit.hours import format_hours
from licensing.acceptance import BodyVerdict, verdict
from licensing.models import ApprovalBody, CECategory, UserLicense
from tracker.errors import LICENSE_NOT_YOURS, TrackerCode
from tracker.models import CreditAssignment, OutsideCredit, ReviewedCertificate

Row = tuple[UserLicense, CECategory | None, Decimal]
CENT = Decimal("0.01")


def field_name(license: UserLicense, category: CECategory | None) -> str:
    """The form input of one (license, category) cell; errors point at it."""
    return f"hours-{license.pk}-{category.pk if category else 'general'}"


def certificate_hours(certificate: Certificate) -> Decimal:
    """The credit a certificate awards, as its snapshot records it."""
    return credit_hours(certificate.snapshot)


def certificate_categories(certificate: Certificate) -> list[CECategory]:
    """The categories the event was approved for, as printed on the certificate.

    The snapshot keeps category names (what the certificate shows), so they are matched by name.
    """
    names = certificate.snapshot.get("categories") or []
    found = {c.name: c for c in CECategory.objects.filter(name__in=names)}
    return [found[name] for name in names if name in found]


def certificate_bodies(certificate: Certificate) -> list[ApprovalBody]:
    """The bodies whose approval the certificate states (the snapshot keeps their codes), the
    same ones the tracker's cycle report judges the credit by."""
    codes = {item["body_code"] for item in certificate.snapshot.get("approvals", [])}
    return list(ApprovalBody.objects.filter(code__in=codes)) if codes else []


def outside_bodies(credit: OutsideCredit) -> list[ApprovalBody]:
    """The body that approved an outside credit; one typed in by hand matches no board list."""
    return [credit.approval_body] if credit.approval_body is not None else []


def verdicts(
    licenses: Iterable[UserLicense], bodies: Sequence[ApprovalBody]
) -> dict[int, BodyVerdict]:
    """Per license: whether its board accepts an approval by one of ``bodies``."""
    return {license.pk: verdict(license.license_type, bodies) for license in licenses}


def parse_hours(text: str, *, field: str) -> Decimal | None:
    """Hours typed into a form: blank is nothing; anything else must be a number."""
    text = (text or "").strip()
    if not text:
        return None
    try:
        value = Decimal(text)
    except InvalidOperation:
        raise TrackerCode.HOURS_NOT_A_NUMBER.error(field=field) from None
    if not value.is_finite():
        raise TrackerCode.HOURS_NOT_A_NUMBER.error(field=field)
    return value


def _check_rows(
    rows: Sequence[Row],
    *,
    user: Any,
    hours: Decimal,
    allowed: Iterable[CECategory],
    allowed_text: str,
    bodies: Sequence[ApprovalBody],
) -> None:
    allowed_ids = {c.pk for c in allowed}
    judged: dict[int, BodyVerdict] = {}
    seen: set[tuple[int, int | None]] = set()
    per_license: dict[int, Decimal] = defaultdict(Decimal)
    licenses: dict[int, UserLicense] = {}
    for license, category, amount in rows:
        name = field_name(license, category)
        if license.user_id != user.pk:
            raise LICENSE_NOT_YOURS.error(
                "You can assign hours only to your own licenses.", field=name
            )
        if license.pk not in judged:
            judged[license.pk] = verdict(license.license_type, bodies)
        if not judged[license.pk].recordable:
            raise TrackerCode.APPROVAL_NOT_ACCEPTED.error(
                judged[license.pk].reason, field=f"license-{license.pk}"
            )
        if category is not None and category.pk not in allowed_ids:
            raise TrackerCode.CATEGORY_NOT_APPROVED.error(
                field=name, category=category.name, allowed=allowed_text
            )
        key = (license.pk, category.pk if category else None)
        if key in seen:
            raise TrackerCode.DUPLICATE_ASSIGNMENT.error(field=name)
        seen.add(key)
        if amount <= 0:
            raise TrackerCode.HOURS_NOT_POSITIVE.error(field=name)
        if amount != amount.quantize(CENT):
            raise TrackerCode.HOURS_TOO_PRECISE.error(field=name)
        per_license[license.pk] += amount
        licenses[license.pk] = license
    for pk, total in per_license.items():
        if total > hours:
            raise TrackerCode.HOURS_EXCEED_CREDIT.error(
                field=f"license-{pk}",
                license=licenses[pk].license_type.label,
                assigned=format_hours(total),
                worth=format_hours(hours),
            )


def _describe(categories: Sequence[CECategory]) -> str:
    if not categories:
        return "it carries no category, so its hours are general hours"
    return "its categories: " + ", ".join(c.name for c in categories)


@transaction.atomic
def assign_certificate(certificate: Certificate, user: Any, rows: Sequence[Row]) -> None:
    """Replace where this certificate's hours count with `rows`; an empty list counts it
    nowhere (and the automatic pre-fill never brings it back)."""
    certificate = Certificate.objects.select_for_update(of=("self",)).get(pk=certificate.pk)
    if certificate.user_id is None or certificate.user_id != user.pk:
        raise TrackerCode.CERTIFICATE_NOT_YOURS.error()
    if not certificate.is_valid:
        raise TrackerCode.CERTIFICATE_NOT_VALID.error(
            number=certificate.number, status=certificate.get_status_display().lower()
        )
    allowed = certificate_categories(certificate)
    _check_rows(
        rows,
        user=user,
        hours=certificate_hours(certificate),
        allowed=allowed,
        allowed_text=_describe(allowed),
        bodies=certificate_bodies(certificate),
    )
    CreditAssignment.objects.filter(certificate=certificate).delete()
    CreditAssignment.objects.bulk_create(
        CreditAssignment(user_license=license, certificate=certificate, category=cat, hours=hours)
        for license, cat, hours in rows
    )
    ReviewedCertificate.objects.update_or_create(user=user, number=certificate.number)


@transaction.atomic
def assign_outside_credit(credit: OutsideCredit, user: Any, rows: Sequence[Row]) -> None:
    """Replace where an outside credit's hours count with `rows`."""
    credit = OutsideCredit.objects.select_for_update().get(pk=credit.pk)
    if credit.user_id != user.pk:
        raise TrackerCode.OUTSIDE_CREDIT_NOT_YOURS.error()
    allowed = list(credit.categories.all())
    _check_rows(
        rows,
        user=user,
        hours=credit.hours,
        allowed=allowed,
        allowed_text=_describe(allowed),
        bodies=outside_bodies(credit),
    )
    CreditAssignment.objects.filter(outside_credit=credit).delete()
    CreditAssignment.objects.bulk_create(
        CreditAssignment(user_license=license, outside_credit=credit, category=cat, hours=hours)
        for license, cat, hours in rows
    )


def drop_invalid_outside_assignments(credit: OutsideCredit) -> int:
    """After an edit: remove assignments the record no longer supports (a category it lost, a
    license whose board does not accept its approving body now, or more hours for a license
    than it is now worth). Returns how many were removed."""
    allowed = {c.pk for c in credit.categories.all()}
    assignments = list(credit.assignments.select_related("user_license__license_type"))
    judged = verdicts({a.user_license for a in assignments}, outside_bodies(credit))
    stale = [
        a.pk
        for a in assignments
        if (a.category_id is not None and a.category_id not in allowed)
        or not judged[a.user_license_id].recordable
    ]
    totals: dict[int, Decimal] = defaultdict(Decimal)
    for a in assignments:
        if a.pk not in stale:
            totals[a.user_license_id] += a.hours
    over = {pk for pk, total in totals.items() if total > credit.hours}
    stale += [a.pk for a in assignments if a.user_license_id in over and a.pk not in stale]
    CreditAssignment.objects.filter(pk__in=stale).delete()
    return len(stale)


def _default_category(certificate: Certificate, allowed: list[CECategory]) -> CECategory | None:
    chosen = certificate.evaluation.assigned_category
    if chosen is not None and chosen.pk in {c.pk for c in allowed}:
        return chosen
    return allowed[0] if len(allowed) == 1 else None


def _default_licenses(certificate: Certificate) -> list[UserLicense]:
    """The license chosen in the evaluation when its board does not refuse the approval;
    without a choice, every license whose board accepts it. Never one the hours cannot count
    for."""
    licenses = list(
        UserLicense.objects.filter(user_id=certificate.user_id)
        .select_related("license_type__board")
        .prefetch_related("license_type__accepted_bodies")
    )
    judged = verdicts(licenses, certificate_bodies(certificate))
    chosen = certificate.evaluation.assigned_license_id
    if chosen is not None:
        return [
            license
            for license in licenses
            if license.pk == chosen and judged[license.pk].recordable
        ]
    return [license for license in licenses if judged[license.pk].counts]


def suggested_rows(certificate: Certificate) -> list[Row]:
    """Where the hours most likely count: the license and category chosen in the evaluation,
    else every license whose board accepts one of the event's approvals, in the event's only
    category (or as general hours when it has several)."""
    allowed = certificate_categories(certificate)
    category = _default_category(certificate, allowed)
    hours = certificate_hours(certificate)
    if hours <= 0:
        return []
    return [(license, category, hours) for license in _default_licenses(certificate)]


def suggested_outside_rows(credit: OutsideCredit) -> list[Row]:
    """Where an outside credit's hours most likely count: every license whose board accepts
    the body that approved it, in its only category (or as general hours). A body typed in by
    hand matches no board list, so nothing is suggested for it."""
    if credit.approval_body_id is None:
        return []
    categories = list(credit.categories.all())
    category = categories[0] if len(categories) == 1 else None
    licenses = UserLicense.objects.filter(
        user_id=credit.user_id, license_type__accepted_bodies=credit.approval_body_id
    ).select_related("license_type")
    return [(license, category, credit.hours) for license in licenses]


@transaction.atomic
def prefill(certificate: Certificate) -> bool:
    """Store the suggested assignment for a valid certificate nobody has assigned yet.

    Never touches a certificate that has assignments or that its holder already reviewed
    (including one they deliberately cleared). Returns whether anything was created.
    """
    if not certificate.is_valid or certificate.user_id is None:
        return False
    if CreditAssignment.objects.filter(certificate=certificate).exists():
        return False
    if ReviewedCertificate.objects.filter(
        user_id=certificate.user_id, number=certificate.number
    ).exists():
        return False
    rows = suggested_rows(certificate)
    CreditAssignment.objects.bulk_create(
        CreditAssignment(user_license=license, certificate=certificate, category=cat, hours=hours)
        for license, cat, hours in rows
    )
    return bool(rows)


def unassigned_certificates(user: Any) -> QuerySet[Certificate]:
    """The person's valid certificates with no assignment that they have not looked at either
    (one deliberately cleared is reviewed): hours the tracker does not count yet."""
    reviewed = ReviewedCertificate.objects.filter(user=user).values("number")
    return Certificate.objects.filter(
        user=user, status=Certificate.VALID, credit_assignments=None
    ).exclude(number__in=reviewed)


def prefill_unassigned(user: Any) -> int:
    """The lazy pre-fill when the tracker opens: certificates issued before the person added
    their licenses (or before the tracker existed) get their suggested assignment."""
    waiting = unassigned_certificates(user).select_related("evaluation", "event")
    return sum(prefill(certificate) for certificate in waiting)


def carry_over(old: Certificate, new: Certificate) -> int:
    """A corrected certificate keeps the assignments of the version it replaces."""
    return CreditAssignment.objects.filter(certificate=old).update(certificate=new)
