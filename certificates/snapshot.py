"""The frozen content of a certificate, built once at issuance.

Everything the PDF, the wallet and the verification page show comes from this plain dict, so
a certificate reads the same years later whatever happened to the account or the event since.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.urls import reverse

from attendance.models import Decision
from certificates.errors import CertificateCode
from certificates.models import Branding
from evaluations.models import Evaluation
from events.models import Event, EventApproval, format_hours

# 2: the credited hours as a number, from the attendance decision, and the decision it came from.
SCHEMA_VERSION = 2


def credit_hours(snapshot: dict[str, Any]) -> Decimal:
    """The hours a certificate awards, as a number. Snapshots before schema 2 kept only the
    printed text, which then was the advertised hours written as a plain decimal."""
    if "credit_hours" in snapshot:
        return Decimal(snapshot["credit_hours"])
    return Decimal(str(snapshot.get("ce_hours") or 0))


def _decision(evaluation: Evaluation) -> Decision:
    """The current attendance decision behind the certificate; it must be eligible (rule 2:
    its credited hours are the advertised hours in full)."""
    decision = Decision.objects.filter(
        registration_id=evaluation.registration_id, is_current=True
    ).first()
    if decision is None or decision.outcome != Decision.ELIGIBLE:
        raise CertificateCode.NOT_ELIGIBLE.error()
    return decision


def _branding() -> dict[str, Any]:
    """The signatory and images in force at issuance; images by content hash (see BrandImage)."""
    branding = Branding.current()
    return {
        "signatory": {
            "name": branding.signatory_name or settings.CERTIFICATE_SIGNATORY_NAME,
            "title": branding.signatory_title or settings.CERTIFICATE_SIGNATORY_TITLE,
        },
        "images": {
            role: image.sha256
            for role, image in (("logo", branding.logo), ("signature", branding.signature))
            if image is not None
        },
    }


def holder_name(evaluation: Evaluation) -> str:
    # Rule 7: the account's legal name at the moment of issuance; the registration's copy only
    # when the account no longer has one.
    user = evaluation.registration.user
    return (user.legal_name if user is not None else "") or evaluation.registration.name


def _license(evaluation: Evaluation) -> dict[str, str] | None:
    license = evaluation.assigned_license
    if license is None:
        return None
    return {
        "type": license.license_type.label,
        "type_name": license.license_type.name,
        "state": license.license_type.state,
        "number": license.number,
    }


def _event(event: Event) -> dict[str, str]:
    return {
        "title": event.title,
        "start": event.start.astimezone(dt.UTC).isoformat(),
        "end": event.end.astimezone(dt.UTC).isoformat(),
        "time_zone": event.time_zone,
        "format": event.get_format_display(),
    }


def _presenters(event: Event) -> list[dict[str, str]]:
    rows = event.event_presenters.select_related("presenter").order_by("position", "pk")
    return [{"name": r.presenter.name, "credentials": r.presenter.credentials} for r in rows]


def _body_statement(row: EventApproval) -> str:
    # The body's template, filled as event drafting fills it, for events saved without one.
    return row.body.statement.replace("{provider}", settings.PROVIDER_NAME).replace(
        "{number}", row.approval_number or "—"
    )


def _approvals(event: Event) -> list[dict[str, str]]:
    # Only approvals the event holds: a "not approved" row is a promotional disclaimer, never
    # something to print on a certificate.
    rows = event.approvals.filter(approved=True).select_related("body").order_by("body__code")
    return [
        {
            "body_name": row.body.name,
            "body_code": row.body.code,
            "approval_number": row.approval_number,
            "statement": row.statement or _body_statement(row),
        }
        for row in rows
    ]


def build_snapshot(
    evaluation: Evaluation, *, number: str, version: int, code: str, issued_at: dt.datetime
) -> dict[str, Any]:
    event = evaluation.event
    user = evaluation.registration.user
    zone = zoneinfo.ZoneInfo(user.time_zone if user is not None else event.time_zone)
    decision = _decision(evaluation)
    return {
        "schema": SCHEMA_VERSION,
        "number": number,
        "version": version,
        "verification_code": code,
        # Printed (text and QR code) on an official document and frozen with it, so it is never
        # rebuilt from a later SITE_URL: production's start-up check (fullcredit/settings.py)
        # refuses a missing, local or plain-HTTP SITE_URL before the first certificate is issued.
        "verification_url": settings.SITE_URL + reverse("certificates:verify", args=[code]),
        "holder_name": holder_name(evaluation),
        "license": _license(evaluation),
        "event": _event(event),
        "program": {"code": event.program.code, "title": event.program.title},
        "presenters": _presenters(event),
        # Rule 2: the decision credits the advertised hours in full; the certificate takes them
        # from the decision, so what it prints is what was decided.
        "ce_hours": format_hours(decision.credited_hours),
        "credit_hours": str(decision.credited_hours),
        "decision": {"id": decision.pk, "version": decision.version},
        "categories": [c.name for c in event.categories.order_by("position", "name")],
        "approvals": _approvals(event),
        "provider_name": settings.PROVIDER_NAME,
        **_branding(),
        "issued_at": issued_at.astimezone(dt.UTC).isoformat(),
        "issue_date": issued_at.astimezone(zone).date().isoformat(),
    }
