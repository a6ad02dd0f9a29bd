"""A person's license as the API shows it: the one place its shape is defined."""

from __future__ import annotations

import datetime as dt

from ninja import Field, Schema

from api.schemas.common import Timestamp
from licensing.models import UserLicense


class LicenseOut(Schema):
    id: int
    state: str
    license_type: str
    license_type_name: str
    board: str
    number: str
    expires_on: dt.date | None
    created_at: Timestamp
    updated_at: Timestamp


def license_out(license: UserLicense) -> LicenseOut:
    kind = license.license_type
    return LicenseOut(
        id=license.pk,
        state=kind.state,
        license_type=kind.code,
        license_type_name=kind.name,
        board=kind.board.name,
        number=license.number,
        expires_on=license.expires_on,
        created_at=license.created_at,
        updated_at=license.updated_at,
    )


class LicenseIn(Schema):
    state: str = Field(..., min_length=2, max_length=2, description="Issuing state, e.g. CA")
    license_type: str = Field(..., min_length=1, max_length=40, description="e.g. LCSW")
    number: str = Field(..., min_length=1, max_length=40)
    expires_on: dt.date | None = None
