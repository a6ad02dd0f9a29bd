"""A person's license as the API shows it: the one place its shape is defined, with the CE
tracker's reading of its current cycle."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone
from ninja import Field, Schema

from api.schemas.common import Hours, Timestamp
from credit.tracker.interpret import CONDITION_LABELS
from credit.tracker.types import CycleReport
from licensing.models import UserLicense
from tracker.evaluation import license_report


class RuleSource(Schema):
    rule_id: str
    source_url: str
    as_of: str
    verified: bool = Field(description="False: unverified, check with your board.")
    note: str


class CategoryProgressOut(Schema):
    code: str
    label: str
    required_hours: Hours | None = Field(description="None: completing a course is required.")
    earned_hours: Hours
    recurrence: str = Field(description="every renewal, once in your career, every N years...")
    applies: bool
    not_applicable_reason: str
    met: bool
    met_earlier_on: dt.date | None
    met_earlier_by: str
    verified: bool


class CapOut(Schema):
    label: str
    formats: list[str]
    limit_hours: Hours
    used_hours: Hours
    unused_hours: Hours = Field(description="Eligible hours the cap kept from counting.")


class CreditLineOut(Schema):
    key: str = Field(description="certificate:<number> or outside:<id>")
    title: str
    completed_on: dt.date
    hours: Hours
    counted_hours: Hours
    over_cap_hours: Hours
    categories: dict[str, Hours]
    rejected_reason: str


class ProgressOut(Schema):
    cycle_start: dt.date | None
    cycle_end: dt.date | None
    cycle_basis: str
    days_to_renewal: int | None
    required_hours: Hours | None
    earned_hours: Hours
    carry_in_hours: Hours
    total_hours: Hours
    shortfall_hours: Hours
    carry_out_hours: Hours
    exempt: bool
    met: bool
    categories: list[CategoryProgressOut]
    caps: list[CapOut]
    credits: list[CreditLineOut]
    warnings: list[str]
    rules: list[RuleSource]


class LicenseOut(Schema):
    id: int
    state: str
    license_type: str
    license_type_name: str
    board: str
    number: str
    expires_on: dt.date | None
    issued_on: dt.date | None
    conditions: list[str]
    carry_in_hours: Hours
    created_at: Timestamp
    updated_at: Timestamp
    progress: ProgressOut


def progress_out(report: CycleReport) -> ProgressOut:
    window = report.window
    today = timezone.localdate()
    return ProgressOut(
        cycle_start=window.start if window else None,
        cycle_end=window.end if window else None,
        cycle_basis=report.cycle_basis,
        days_to_renewal=(window.end - today).days if window else None,
        required_hours=report.required,
        earned_hours=report.earned,
        carry_in_hours=report.carry_in,
        total_hours=report.total,
        shortfall_hours=report.shortfall,
        carry_out_hours=report.carry_out,
        exempt=report.exempt,
        met=report.met,
        categories=[
            CategoryProgressOut(
                code=item.rule.code,
                label=item.rule.label,
                required_hours=item.required,
                earned_hours=item.earned,
                recurrence=item.rule.recurrence.describe(),
                applies=item.applies,
                not_applicable_reason=item.not_applicable_reason,
                met=item.met,
                met_earlier_on=item.met_earlier_on,
                met_earlier_by=item.met_earlier_by,
                verified=bool(item.rule.provenance and item.rule.provenance.verified),
            )
            for item in report.categories
        ],
        caps=[
            CapOut(
                label=usage.cap.label,
                formats=sorted(str(f) for f in usage.cap.formats),
                limit_hours=usage.limit,
                used_hours=usage.used,
                unused_hours=usage.unused,
            )
            for usage in report.caps
        ],
        credits=[
            CreditLineOut(
                key=line.credit.key,
                title=line.credit.title,
                completed_on=line.credit.completed_on,
                hours=line.credit.hours,
                counted_hours=line.counted,
                over_cap_hours=line.over_cap,
                categories=line.categories,
                rejected_reason=line.rejected_reason,
            )
            for line in report.lines
        ],
        warnings=[report.cycle_warning, *report.warnings]
        if report.cycle_warning
        else report.warnings,
        rules=[
            RuleSource(
                rule_id=p.rule_id,
                source_url=p.source_url,
                as_of=p.as_of,
                verified=p.verified,
                note=p.note,
            )
            for p in report.rules.provenances
        ],
    )


def license_out(license: UserLicense, *, category_codes: dict | None = None) -> LicenseOut:
    kind = license.license_type
    return LicenseOut(
        id=license.pk,
        state=kind.state,
        license_type=kind.code,
        license_type_name=kind.name,
        board=kind.board.name,
        number=license.number,
        expires_on=license.expires_on,
        issued_on=license.issued_on,
        conditions=list(license.conditions or []),
        carry_in_hours=license.carry_in_hours or Decimal(0),
        created_at=license.created_at,
        updated_at=license.updated_at,
        progress=progress_out(license_report(license, category_codes=category_codes)),
    )


class LicenseIn(Schema):
    # Both are looked up before the license form runs, so they are checked here: a control
    # character (NUL above all, which PostgreSQL refuses in text) never reaches the query.
    state: str = Field(
        ...,
        min_length=2,
        max_length=2,
        pattern="^[A-Za-z]{2}$",
        description="Issuing state, e.g. CA",
    )
    license_type: str = Field(
        ..., min_length=1, max_length=40, pattern=r"^[^\x00-\x1f]+$", description="e.g. LCSW"
    )
    number: str = Field(..., min_length=1, max_length=40)
    expires_on: dt.date | None = None
    issued_on: dt.date | None = Field(None, description="Date first licensed.")
    conditions: list[str] = Field(
        default_factory=list,
        description="Situations that add requirements: " + ", ".join(CONDITION_LABELS),
    )
    carry_in_hours: Decimal | None = Field(
        None, ge=0, le=100, max_digits=5, decimal_places=2, description="Carried from last cycle."
    )
