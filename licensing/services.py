"""Write paths for a person's licenses."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction

from accounts.models import User
from core import audit
from licensing.errors import LicensingCode
from licensing.models import LicenseType, UserLicense


def _refuse_duplicate(user: User, license_type: LicenseType, exclude_pk: int | None) -> None:
    others = UserLicense.objects.filter(user=user, license_type=license_type)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    if others.exists():
        raise LicensingCode.LICENSE_DUPLICATE.error(
            field="license_type", license=license_type.label
        )


def _details(
    issued_on: dt.date | None, conditions: list[str] | None, carry_in_hours: Decimal | None
) -> dict[str, Any]:
    """The tracker details given (None: not given, left as they are)."""
    given = {"issued_on": issued_on, "conditions": conditions, "carry_in_hours": carry_in_hours}
    return {name: value for name, value in given.items() if value is not None}


def add_license(
    user: User,
    *,
    license_type: LicenseType,
    number: str,
    expires_on: dt.date | None,
    issued_on: dt.date | None = None,
    conditions: list[str] | None = None,
    carry_in_hours: Decimal | None = None,
) -> UserLicense:
    _refuse_duplicate(user, license_type, None)
    try:
        with transaction.atomic():
            license = UserLicense.objects.create(
                user=user,
                license_type=license_type,
                number=number,
                expires_on=expires_on,
                **_details(issued_on, conditions, carry_in_hours),
            )
            audit.record(user, "license.added", license)
    except IntegrityError as exc:  # a concurrent request added the same type first
        raise LicensingCode.LICENSE_DUPLICATE.error(
            f"You already have a {license_type.label} license on file.", field="license_type"
        ) from exc
    return license


@transaction.atomic
def update_license(
    license: UserLicense,
    *,
    license_type: LicenseType,
    number: str,
    expires_on: dt.date | None,
    issued_on: dt.date | None = None,
    conditions: list[str] | None = None,
    carry_in_hours: Decimal | None = None,
) -> UserLicense:
    _refuse_duplicate(license.user, license_type, license.pk)
    before = {"license_type": license.license_type.label, "number": license.number}
    license.license_type = license_type
    license.number = number
    license.expires_on = expires_on
    for name, value in _details(issued_on, conditions, carry_in_hours).items():
        setattr(license, name, value)
    license.save()
    audit.record(license.user, "license.updated", license, before=before)
    return license


@transaction.atomic
def remove_license(license: UserLicense) -> None:
    audit.record(license.user, "license.removed", license)
    license.delete()
