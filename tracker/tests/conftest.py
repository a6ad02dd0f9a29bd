"""Tracker fixtures: certificates issued through the real issuance service, private files in a
temporary folder, and small valid uploads."""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Callable
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image

from certificates.models import Certificate
from certificates.services import issue_certificate
from evaluations.defaults import ensure_default_template
from evaluations.models import Evaluation
from evaluations.snapshot import build_questions
from events.models import Event, Registration
from licensing.models import CECategory, UserLicense
from tests.factories import (
    EventFactory,
    RegistrationFactory,
    UserLicenseFactory,
    decided_eligible,
)

PDF_BYTES = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


@pytest.fixture(autouse=True)
def _private_root(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"


def png_bytes() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 4), "white").save(buffer, format="PNG")
    return buffer.getvalue()


def pdf_upload(name: str = "certificate.pdf", content: bytes = PDF_BYTES) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def make_certificate(
    user: object,
    *,
    categories: list[str] | None = None,
    hours: str = "3",
    approvals: list[str] | None = None,
    days_ago: int = 10,
    license: UserLicense | None = None,
    category: str | None = None,
    title: str = "Ethics in Telehealth",
    event: Event | None = None,
    registration: Registration | None = None,
) -> Certificate:
    """A certificate issued the real way for a webinar `user` attended `days_ago` days ago
    (or for `event`, through `registration`)."""
    start = (timezone.now() - dt.timedelta(days=days_ago)).replace(second=0, microsecond=0)
    event = event or EventFactory(
        title=title,
        start=start,
        end=start + dt.timedelta(hours=3),
        advertised_hours=Decimal(hours),
        categories=["general", "law_ethics"] if categories is None else categories,
        approvals=approvals,
    )
    template = ensure_default_template()
    registration = registration or RegistrationFactory(event=event, user=user)
    decided_eligible(registration)
    evaluation = Evaluation.objects.create(
        registration=registration,
        event=event,
        template=template,
        questions=build_questions(template, event),
        deadline=timezone.now() + dt.timedelta(days=30),
        status=Evaluation.SUBMITTED,
        submitted_at=timezone.now(),
        attested=True,
        assigned_license=license,
        assigned_category=CECategory.objects.get(code=category) if category else None,
    )
    return issue_certificate(evaluation)


@pytest.fixture
def certificate_for() -> Callable[..., Certificate]:
    return make_certificate


@pytest.fixture
def ca_license(dana) -> UserLicense:
    return dana.licenses.get(license_type__state="CA")


@pytest.fixture
def ny_license(dana) -> UserLicense:
    return UserLicenseFactory(user=dana, license_type__state="NY", license_type__code="LCSW")
