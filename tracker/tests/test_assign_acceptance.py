"""Hours go only to licenses whose board accepts the credit's approval, and the page says what
happened: a refused license is shown disabled with the board's reason, a license whose board's
list is not on file is offered with a warning, and the confirmation names where the hours count."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import DomainError
from licensing.models import ApprovalBody, CECategory
from tests.factories import UserLicenseFactory
from tracker.errors import TrackerCode
from tracker.models import CreditAssignment, ReviewedCertificate
from tracker.services.assignments import (
    assign_certificate,
    assign_outside_credit,
    suggested_rows,
)
from tracker.services.outside import add_outside_credit, update_outside_credit
from tracker.tests.conftest import PDF_BYTES, make_certificate
from tracker.tests.test_outside import fields


def url(certificate) -> str:
    return reverse("tracker:assign_certificate", args=[certificate.number])


def flashed(response) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]


@pytest.fixture
def ethics() -> CECategory:
    return CECategory.objects.get(code="law_ethics")


def test_the_page_shows_a_license_whose_board_refuses_the_approval_disabled_with_the_reason(
    client, dana, ca_license, ny_license, ethics
):
    certificate = make_certificate(dana, categories=["law_ethics"])  # APA and ASWB ACE
    client.force_login(dana)

    page = client.get(url(certificate)).content.decode()

    assert "does not accept" in page and "New York State Education Department" in page
    assert f'name="hours-{ny_license.pk}-{ethics.pk}"' in page
    ny_input = page.split(f'name="hours-{ny_license.pk}-{ethics.pk}"')[1].split(">")[0]
    assert "disabled" in ny_input
    ca_input = page.split(f'name="hours-{ca_license.pk}-{ethics.pk}"')[1].split(">")[0]
    assert "disabled" not in ca_input


def test_assigning_a_refused_license_is_refused_and_nothing_is_stored(
    client, dana, ca_license, ny_license, ethics
):
    certificate = make_certificate(dana, categories=["law_ethics"])
    CreditAssignment.objects.filter(certificate=certificate).delete()
    client.force_login(dana)

    response = client.post(
        url(certificate),
        {
            f"hours-{ca_license.pk}-{ethics.pk}": "3",
            f"hours-{ny_license.pk}-{ethics.pk}": "3",
        },
    )

    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="license-{ny_license.pk}-error"' in page
    assert "does not accept" in page
    # Nothing half-written: not even the CA LCSW row, and the certificate is not marked reviewed.
    assert not CreditAssignment.objects.filter(certificate=certificate).exists()
    assert not ReviewedCertificate.objects.filter(user=dana).exists()


def test_the_service_refuses_a_refused_license_with_the_boards_reason(
    dana, ca_license, ny_license, ethics
):
    certificate = make_certificate(dana, categories=["law_ethics"])
    before = list(CreditAssignment.objects.values_list("user_license", "hours"))
    with pytest.raises(DomainError) as caught:
        assign_certificate(
            certificate,
            dana,
            [(ca_license, ethics, Decimal("3")), (ny_license, ethics, Decimal("3"))],
        )
    assert caught.value.code == TrackerCode.APPROVAL_NOT_ACCEPTED
    assert caught.value.code == "approval_not_accepted"
    assert caught.value.field == f"license-{ny_license.pk}"
    assert caught.value.message.startswith("NY LCSW: New York State Education Department")
    assert "does not accept" in caught.value.message
    assert list(CreditAssignment.objects.values_list("user_license", "hours")) == before


def test_assigning_a_license_that_counts_says_where_the_hours_now_count(
    client, dana, ca_license, ny_license, ethics
):
    certificate = make_certificate(dana, categories=["law_ethics"])
    CreditAssignment.objects.filter(certificate=certificate).delete()
    client.force_login(dana)

    response = client.post(url(certificate), {f"hours-{ca_license.pk}-{ethics.pk}": "3"})

    assert response.status_code == 302
    assert flashed(response) == ["3 hours now count toward your CA LCSW (Law and ethics)."]
    [row] = CreditAssignment.objects.filter(certificate=certificate)
    assert (row.user_license, row.category, row.hours) == (ca_license, ethics, Decimal("3"))
    cards = {c.license.pk: c for c in client.get(reverse("tracker:index")).context["cards"]}
    report = cards[ca_license.pk].report
    assert report.earned == Decimal("3")
    assert [line.credit.title for line in report.lines if not line.rejected] == [
        "Ethics in Telehealth"
    ]
    assert not report.rejected_lines
    assert not cards[ny_license.pk].report.lines


def test_a_license_whose_boards_list_is_unknown_is_offered_with_a_warning(client, dana, ethics):
    psychologist = UserLicenseFactory(
        user=dana, license_type__state="CA", license_type__code="Psychologist"
    )
    certificate = make_certificate(dana, categories=["law_ethics"])
    CreditAssignment.objects.filter(certificate=certificate).delete()
    client.force_login(dana)

    page = client.get(url(certificate)).content.decode()
    psy_input = page.split(f'name="hours-{psychologist.pk}-{ethics.pk}"')[1].split(">")[0]
    assert "disabled" not in psy_input
    assert "not on file yet" in page

    response = client.post(url(certificate), {f"hours-{psychologist.pk}-general": "1.5"})

    assert response.status_code == 302
    assert flashed(response) == [
        "1.5 hours recorded toward your CA Psychologist as general hours; its board's accepted "
        "approvals are not confirmed yet, so check before you rely on them."
    ]
    assert CreditAssignment.objects.get(certificate=certificate).user_license == psychologist


def test_clearing_says_the_hours_are_assigned_nowhere(client, dana, ca_license):
    certificate = make_certificate(dana)
    assert CreditAssignment.objects.filter(certificate=certificate).exists()  # pre-filled
    client.force_login(dana)

    response = client.post(url(certificate), {})

    assert response.status_code == 302
    assert flashed(response) == ["These hours are not assigned to any license."]


def test_hours_split_over_categories_are_described_part_by_part(client, dana, ca_license, ethics):
    certificate = make_certificate(dana, hours="3")  # general and law and ethics
    client.force_login(dana)

    response = client.post(
        url(certificate),
        {f"hours-{ca_license.pk}-{ethics.pk}": "2", f"hours-{ca_license.pk}-general": "1"},
    )

    assert flashed(response) == [
        "3 hours now count toward your CA LCSW (1 general, 2 in Law and ethics)."
    ]


def test_a_refused_license_chosen_in_the_evaluation_is_not_suggested_or_prefilled(
    dana, ca_license, ny_license
):
    certificate = make_certificate(dana, license=ny_license, category="law_ethics")
    assert not CreditAssignment.objects.filter(certificate=certificate).exists()
    assert suggested_rows(certificate) == []


def test_outside_credit_for_a_board_that_refuses_its_body_is_refused(dana, ca_license, ny_license):
    credit = add_outside_credit(
        dana,
        fields(approval_body=ApprovalBody.objects.get(code="ASWB_ACE")),
        SimpleUploadedFile("c.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    with pytest.raises(DomainError) as caught:
        assign_outside_credit(
            credit, dana, [(ca_license, None, Decimal("1")), (ny_license, None, Decimal("1"))]
        )
    assert (caught.value.code, caught.value.field) == (
        "approval_not_accepted",
        f"license-{ny_license.pk}",
    )
    assert not CreditAssignment.objects.filter(outside_credit=credit).exists()


def test_changing_an_outside_credits_body_drops_licenses_that_refuse_it(
    dana, ca_license, ny_license
):
    nysed = ApprovalBody.objects.get(code="NY_SED")
    credit = add_outside_credit(
        dana,
        fields(approval_body=nysed),
        SimpleUploadedFile("c.pdf", PDF_BYTES, content_type="application/pdf"),
    )
    assign_outside_credit(credit, dana, [(ny_license, None, Decimal("1"))])

    removed = update_outside_credit(
        credit, dana, fields(approval_body=ApprovalBody.objects.get(code="ASWB_ACE")), None
    )

    assert removed == 1
    assert not CreditAssignment.objects.filter(outside_credit=credit).exists()
