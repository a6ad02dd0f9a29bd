"""The tracker's reading of a person's records: assignments in, cycle report out."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from django.utils import timezone

from certificates.models import Certificate
from licensing.models import CECategory
from tracker.evaluation import earned_credits, license_report, license_reports
from tracker.models import CreditAssignment

pytestmark = pytest.mark.django_db


def assign(certificate, user_license, hours, category=None):
    return CreditAssignment.objects.create(
        certificate=certificate,
        user_license=user_license,
        hours=D(hours),
        category=CECategory.objects.get(code=category) if category else None,
    )


def test_assigned_certificate_hours_count_toward_total_and_category(
    dana, ca_license, certificate_for
) -> None:
    ca_license.expires_on = timezone.localdate() + dt.timedelta(days=200)
    ca_license.save()
    certificate = certificate_for(dana, hours="3", approvals=["ASWB_ACE"])
    CreditAssignment.objects.filter(certificate=certificate).delete()
    assign(certificate, ca_license, "2", "law_ethics")
    assign(certificate, ca_license, "1")

    report = license_report(ca_license)

    assert report.window.end == ca_license.expires_on
    assert report.cycle_basis == "your renewal date"
    assert report.earned == D(3) and report.required == D(36) and report.shortfall == D(33)
    law = next(c for c in report.categories if c.rule.code == "law_ethics")
    assert law.earned == D(2) and not law.met
    [credit] = earned_credits(ca_license)
    assert credit.bodies == frozenset({"ASWB_ACE"})
    assert credit.allocations == {"law_ethics": D(2)}


def test_revoked_certificate_no_longer_counts(dana, ca_license, certificate_for) -> None:
    certificate = certificate_for(dana, hours="3", approvals=["ASWB_ACE"])
    CreditAssignment.objects.filter(certificate=certificate).delete()
    assign(certificate, ca_license, "3")
    Certificate.objects.filter(pk=certificate.pk).update(status=Certificate.REVOKED)

    assert license_report(ca_license).earned == 0


def test_board_that_does_not_accept_the_approval_rejects_in_words(
    dana, ny_license, certificate_for
) -> None:
    certificate = certificate_for(dana, hours="3", approvals=["ASWB_ACE"])
    CreditAssignment.objects.filter(certificate=certificate).delete()
    assign(certificate, ny_license, "3")

    report = license_report(ny_license)

    [line] = report.rejected_lines
    assert line.rejected_reason.startswith("Approved by Association of Social Work Boards")
    assert "your board accepts" in line.rejected_reason
    assert report.earned == 0


def test_unknown_cycle_asks_for_the_renewal_date(dana, ca_license) -> None:
    report = license_report(ca_license)
    assert report.window is None
    assert report.cycle_warning == "Add your renewal date to see your current cycle."


def test_first_renewal_and_conditions_come_from_the_license(dana, certificate_for) -> None:
    from tests.factories import UserLicenseFactory

    today = timezone.localdate()
    tx = UserLicenseFactory(
        user=dana,
        license_type__state="TX",
        license_type__code="LPC",
        expires_on=today + dt.timedelta(days=100),
        conditions=["is_supervisor"],
        carry_in_hours=D(4),
    )
    report = license_report(tx)
    supervision = next(c for c in report.categories if c.rule.code == "supervision")
    assert supervision.applies and not supervision.met
    assert report.carry_in == D(4) and report.total == D(4)
    assert [lic for lic, _ in license_reports(dana)] == list(dana.licenses.all())
