"""The tracker's pages: the license cards, the assignment grid with its errors, outside credit
forms, and the links from other pages."""

from __future__ import annotations

from decimal import Decimal

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from licensing.models import ApprovalBody, CECategory
from tracker.models import CreditAssignment, OutsideCredit
from tracker.services.outside import add_outside_credit
from tracker.tests.conftest import PDF_BYTES, make_certificate, pdf_upload
from tracker.tests.test_outside import fields

INDEX = reverse("tracker:index")


def test_a_person_without_licenses_is_asked_to_add_one(client, omar):
    client.force_login(omar)
    response = client.get(INDEX)
    assert response.status_code == 200
    assert reverse("licensing:add") in response.content.decode()
    assert response.context["cards"] == []


def test_each_license_has_a_card_with_accessible_progress_and_rule_markers(
    client, dana, ca_license
):
    make_certificate(dana, categories=["law_ethics"])
    client.force_login(dana)
    page = client.get(INDEX).content.decode()
    assert "CA LCSW" in page
    assert '<progress class="tracker-progress" max="100" value="' in page
    assert 'aria-labelledby="total-' in page
    assert "unverified — check with your board" in page
    assert f"/events/?license={ca_license.pk}" in page
    assert reverse("tracker:audit_pack", args=[ca_license.pk]) in page
    assert reverse("licensing:edit", args=[ca_license.pk]) in page  # no renewal date yet


def test_assigning_hours_to_a_category_moves_its_progress(client, dana, ca_license):
    certificate = make_certificate(dana, categories=["law_ethics", "suicide_risk"])
    client.force_login(dana)
    cards = client.get(INDEX).context["cards"]
    ethics = next(c for c in cards[0].report.categories if c.rule.code == "law_ethics")
    assert ethics.earned == 0
    ethics_id = CECategory.objects.get(code="law_ethics").pk
    response = client.post(
        reverse("tracker:assign_certificate", args=[certificate.number]),
        {f"hours-{ca_license.pk}-{ethics_id}": "2", f"hours-{ca_license.pk}-general": "1"},
    )
    assert response.status_code == 302
    cards = client.get(INDEX).context["cards"]
    ethics = next(c for c in cards[0].report.categories if c.rule.code == "law_ethics")
    assert ethics.earned == Decimal("2")


def test_an_over_assignment_is_shown_next_to_the_license_in_plain_words(client, dana, ca_license):
    certificate = make_certificate(dana, hours="3")
    client.force_login(dana)
    response = client.post(
        reverse("tracker:assign_certificate", args=[certificate.number]),
        {f"hours-{ca_license.pk}-general": "4"},
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "you assigned 4 hours, but this credit is worth 3" in page
    assert f'id="license-{ca_license.pk}-error"' in page
    assert 'aria-invalid="true"' in page
    assert CreditAssignment.objects.get(certificate=certificate).hours == Decimal("3")


def test_a_word_instead_of_hours_is_refused_next_to_its_box(client, dana, ca_license):
    certificate = make_certificate(dana)
    client.force_login(dana)
    response = client.post(
        reverse("tracker:assign_certificate", args=[certificate.number]),
        {f"hours-{ca_license.pk}-general": "two"},
    )
    assert response.status_code == 400
    assert f'id="hours-{ca_license.pk}-general_error"' in response.content.decode()


def test_the_certificate_page_links_to_the_assignment(client, dana, ca_license):
    certificate = make_certificate(dana)
    client.force_login(dana)
    page = client.get(reverse("certificates:detail", args=[certificate.number])).content
    assert reverse("tracker:assign_certificate", args=[certificate.number]).encode() in page


def test_adding_outside_credit_through_the_form_leads_to_its_assignment(client, dana):
    client.force_login(dana)
    response = client.post(
        reverse("tracker:outside_add"),
        {
            "title": "Grief Work",
            "provider": "Another Provider",
            "approval_body": ApprovalBody.objects.get(code="ASWB_ACE").pk,
            "completed_on": "2026-10-01",
            "hours": "1.5",
            "format": "self_study",
            "categories": [CECategory.objects.get(code="law_ethics").pk],
            "file": SimpleUploadedFile("grief.pdf", PDF_BYTES, content_type="application/pdf"),
        },
    )
    credit = OutsideCredit.objects.get()
    assert response["Location"] == reverse("tracker:assign_outside", args=[credit.pk])

    # The assignment page suggests the CA LCSW (its board accepts ASWB ACE) and the course's
    # only category; nothing is stored until the person saves.
    page = client.get(response["Location"])
    ca = dana.licenses.get(license_type__state="CA")
    law = CECategory.objects.get(code="law_ethics")
    assert "We filled this in from the body that approved the course" in page.text
    assert f'name="hours-{ca.pk}-{law.pk}" id="id_hours-{ca.pk}-{law.pk}" value="1.5"' in page.text
    assert not CreditAssignment.objects.filter(outside_credit=credit).exists()


def test_an_upload_of_the_wrong_type_is_explained_on_the_form(client, dana):
    client.force_login(dana)
    response = client.post(
        reverse("tracker:outside_add"),
        {
            "title": "Grief Work",
            "provider": "Another Provider",
            "approval_body_other": "Some State Board",
            "completed_on": "2026-10-01",
            "hours": "1.5",
            "format": "other",
            "file": SimpleUploadedFile("notes.pdf", b"hello", content_type="application/pdf"),
        },
    )
    assert response.status_code == 400
    assert "not a PDF, PNG or JPEG" in response.content.decode()
    assert not OutsideCredit.objects.exists()


def test_an_edit_without_a_new_file_keeps_the_old_one(client, dana):
    credit = add_outside_credit(dana, fields(), pdf_upload())
    stored = credit.file.name
    client.force_login(dana)
    response = client.post(
        reverse("tracker:outside_edit", args=[credit.pk]),
        {
            "title": "Motivational Interviewing, Advanced",
            "provider": credit.provider,
            "approval_body": credit.approval_body_id,
            "completed_on": "2026-10-02",
            "hours": "4",
            "format": "live_online",
            "categories": [c.pk for c in credit.categories.all()],
        },
    )
    assert response["Location"] == reverse("tracker:outside_list")
    credit.refresh_from_db()
    assert (credit.title, credit.file.name) == ("Motivational Interviewing, Advanced", stored)


def test_the_outside_list_marks_records_that_count_nowhere_yet(client, dana):
    add_outside_credit(dana, fields(), pdf_upload())
    client.force_login(dana)
    page = client.get(reverse("tracker:outside_list")).content.decode()
    assert "Motivational Interviewing Basics" in page and "Not assigned" in page
