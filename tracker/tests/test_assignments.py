"""Assigning a certificate's hours to licenses and categories: the limits that must hold."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.urls import reverse
from django.utils import timezone

from certificates.models import Certificate
from core.errors import DomainError
from licensing.models import CECategory
from tests.factories import UserLicenseFactory
from tracker.models import CreditAssignment
from tracker.services.assignments import assign_certificate, parse_hours
from tracker.tests.conftest import make_certificate


def category(code: str) -> CECategory:
    return CECategory.objects.get(code=code)


def refusal(certificate, user, rows) -> DomainError:
    with pytest.raises(DomainError) as caught:
        assign_certificate(certificate, user, rows)
    return caught.value


def test_hours_can_be_split_across_categories_and_count_for_two_licenses(
    dana, ca_license, ny_license
):
    # California accepts APA and ASWB ACE, New York its own State Education Department.
    certificate = make_certificate(dana, hours="3", approvals=["APA", "ASWB_ACE", "NY_SED"])
    assign_certificate(
        certificate,
        dana,
        [
            (ca_license, category("law_ethics"), Decimal("2")),
            (ca_license, None, Decimal("1")),
            (ny_license, category("law_ethics"), Decimal("3")),
        ],
    )
    stored = {
        (a.user_license_id, a.category.code if a.category else None): a.hours
        for a in CreditAssignment.objects.filter(certificate=certificate)
    }
    assert stored == {
        (ca_license.pk, "law_ethics"): Decimal("2"),
        (ca_license.pk, None): Decimal("1"),
        (ny_license.pk, "law_ethics"): Decimal("3"),
    }


def test_the_parts_for_one_license_never_exceed_the_certificate_hours(dana, ca_license):
    certificate = make_certificate(dana, hours="3")
    error = refusal(
        certificate,
        dana,
        [(ca_license, category("law_ethics"), Decimal("2")), (ca_license, None, Decimal("1.5"))],
    )
    assert error.code == "hours_exceed_credit"
    assert error.field == f"license-{ca_license.pk}"
    assert "3.5" in error.message and "worth 3" in error.message


def test_a_category_the_event_was_not_approved_for_is_refused(dana, ca_license):
    certificate = make_certificate(dana, categories=["law_ethics"])
    error = refusal(certificate, dana, [(ca_license, category("suicide_risk"), Decimal("1"))])
    assert error.code == "category_not_approved"
    assert "Law and ethics" in error.message


def test_someone_elses_license_is_refused(dana, omar):
    certificate = make_certificate(dana)
    theirs = UserLicenseFactory(user=omar)
    assert refusal(certificate, dana, [(theirs, None, Decimal("1"))]).code == "license_not_yours"


def test_someone_elses_certificate_is_refused(dana, omar):
    certificate = make_certificate(dana)
    theirs = UserLicenseFactory(user=omar)
    assert refusal(certificate, omar, [(theirs, None, Decimal("1"))]).code == (
        "certificate_not_yours"
    )


def test_a_revoked_certificate_cannot_be_assigned(dana, ca_license):
    certificate = make_certificate(dana)
    Certificate.objects.filter(pk=certificate.pk).update(
        status=Certificate.REVOKED, revoked_at=timezone.now()
    )
    error = refusal(certificate, dana, [(ca_license, None, Decimal("1"))])
    assert error.code == "certificate_not_valid"


@pytest.mark.parametrize(
    ("hours", "code"),
    [("0", "hours_not_positive"), ("-1", "hours_not_positive"), ("1.005", "hours_too_precise")],
)
def test_hours_must_be_positive_with_at_most_two_decimals(dana, ca_license, hours, code):
    certificate = make_certificate(dana)
    assert refusal(certificate, dana, [(ca_license, None, Decimal(hours))]).code == code


def test_a_category_twice_for_one_license_is_refused(dana, ca_license):
    certificate = make_certificate(dana, hours="3", categories=["law_ethics"])
    before = list(CreditAssignment.objects.values_list("user_license", "category", "hours"))
    ethics = category("law_ethics")
    error = refusal(
        certificate, dana, [(ca_license, ethics, Decimal("1")), (ca_license, ethics, Decimal("2"))]
    )
    assert error.code == "duplicate_assignment"
    assert error.field == f"hours-{ca_license.pk}-{ethics.pk}"
    assert list(CreditAssignment.objects.values_list("user_license", "category", "hours")) == (
        before
    )


@pytest.mark.parametrize("text", ["two", "1,5", "NaN", "Infinity"])
def test_hours_that_are_not_a_number_are_refused_and_change_nothing(client, dana, ca_license, text):
    with pytest.raises(DomainError) as caught:
        parse_hours(text, field="hours-1-general")
    assert (caught.value.code, caught.value.field) == ("hours_not_a_number", "hours-1-general")

    certificate = make_certificate(dana, hours="3")
    before = list(CreditAssignment.objects.values_list("user_license", "category", "hours"))
    client.force_login(dana)
    response = client.post(
        reverse("tracker:assign_certificate", args=[certificate.number]),
        {f"hours-{ca_license.pk}-general": text},
    )
    assert response.status_code == 400
    assert "Enter hours as a number, such as 1.5." in response.content.decode()
    assert list(CreditAssignment.objects.values_list("user_license", "category", "hours")) == (
        before
    )


def test_a_refused_assignment_keeps_the_previous_one(dana, ca_license):
    certificate = make_certificate(dana, hours="3")
    assign_certificate(certificate, dana, [(ca_license, None, Decimal("3"))])
    refusal(certificate, dana, [(ca_license, None, Decimal("4"))])
    assert list(CreditAssignment.objects.values_list("hours", flat=True)) == [Decimal("3")]


def test_saving_nothing_clears_the_assignment(dana, ca_license):
    certificate = make_certificate(dana)
    assert CreditAssignment.objects.filter(certificate=certificate).exists()  # pre-filled
    assign_certificate(certificate, dana, [])
    assert not CreditAssignment.objects.filter(certificate=certificate).exists()
