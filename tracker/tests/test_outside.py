"""Outside credit: uploads are checked by content and size, stored privately, and removed with
the record."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.uploadedfile import SimpleUploadedFile

from core.errors import DomainError
from licensing.models import ApprovalBody, CECategory
from tracker.models import CreditAssignment, OutsideCredit
from tracker.services import outside
from tracker.services.assignments import assign_outside_credit
from tracker.tests.conftest import pdf_upload, png_bytes


def fields(**overrides: object) -> dict:
    values = {
        "title": "Motivational Interviewing Basics",
        "provider": "Northwest CE Institute",
        "approval_body": ApprovalBody.objects.get(code="ASWB_ACE"),
        "approval_body_other": "",
        "completed_on": dt.date(2026, 10, 2),
        "hours": Decimal("4"),
        "format": "live_online",
        "categories": [CECategory.objects.get(code="law_ethics")],
    }
    values.update(overrides)
    return values


def refused(upload: SimpleUploadedFile | None) -> str:
    with pytest.raises(DomainError) as caught:
        outside.check_upload(upload)
    assert caught.value.field == "file"
    return caught.value.code


def test_a_pdf_is_stored_privately_under_a_random_name(dana):
    credit = outside.add_outside_credit(dana, fields(), pdf_upload("Dana Whitfield cert.pdf"))
    stored = Path(credit.file.path)
    assert stored.is_file()
    assert stored.is_relative_to(Path(settings.PRIVATE_ROOT))
    assert not stored.is_relative_to(Path(settings.MEDIA_ROOT))
    assert "Dana" not in stored.name and stored.suffix == ".pdf"
    assert credit.original_filename == "Dana Whitfield cert.pdf"
    assert credit.content_type == "application/pdf"
    assert [c.code for c in credit.categories.all()] == ["law_ethics"]


def test_a_png_is_accepted_by_its_content_whatever_its_name(dana):
    upload = SimpleUploadedFile("scan.pdf", png_bytes(), content_type="application/pdf")
    assert outside.check_upload(upload).content_type == "image/png"


def test_a_file_that_only_claims_to_be_a_pdf_is_refused():
    upload = SimpleUploadedFile("cert.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    assert refused(upload) == "file_type_not_allowed"


def test_a_gif_is_refused_even_though_it_is_an_image():
    gif = b"GIF89a\x01\x00\x01\x00\x00\x00\x00;"
    assert refused(SimpleUploadedFile("cert.gif", gif, content_type="image/gif")) == (
        "file_type_not_allowed"
    )


def test_an_empty_file_is_refused():
    assert refused(SimpleUploadedFile("cert.pdf", b"", content_type="application/pdf")) == (
        "file_empty"
    )


def test_a_file_over_10_mb_is_refused():
    big = b"%PDF-" + b"0" * (10 * 1024 * 1024)
    assert refused(pdf_upload(content=big)) == "file_too_large"


def test_a_missing_file_is_refused():
    assert refused(None) == "file_required"


def test_deleting_removes_the_record_its_assignments_and_its_file(
    dana, ca_license, django_capture_on_commit_callbacks
):
    credit = outside.add_outside_credit(dana, fields(), pdf_upload())
    assign_outside_credit(credit, dana, [(ca_license, None, Decimal("4"))])
    stored = Path(credit.file.path)
    with django_capture_on_commit_callbacks(execute=True):
        outside.delete_outside_credit(credit, dana)
    assert not stored.exists()
    assert not OutsideCredit.objects.exists()
    assert not CreditAssignment.objects.exists()


def test_a_new_file_replaces_the_old_one(dana, django_capture_on_commit_callbacks):
    credit = outside.add_outside_credit(dana, fields(), pdf_upload())
    old = Path(credit.file.path)
    upload = SimpleUploadedFile("scan.png", png_bytes(), content_type="image/png")
    with django_capture_on_commit_callbacks(execute=True):
        outside.update_outside_credit(credit, dana, fields(), upload)
    credit.refresh_from_db()
    assert not old.exists()
    assert Path(credit.file.path).is_file() and credit.content_type == "image/png"


def test_an_edit_drops_assignments_the_record_no_longer_supports(dana, ca_license):
    credit = outside.add_outside_credit(dana, fields(), pdf_upload())
    ethics = CECategory.objects.get(code="law_ethics")
    assign_outside_credit(credit, dana, [(ca_license, ethics, Decimal("4"))])
    removed = outside.update_outside_credit(credit, dana, fields(categories=[]), None)
    assert removed == 1
    assert not CreditAssignment.objects.exists()


def test_outside_hours_only_go_to_the_records_own_categories(dana, ca_license):
    credit = outside.add_outside_credit(dana, fields(), pdf_upload())
    suicide = CECategory.objects.get(code="suicide_risk")
    with pytest.raises(DomainError) as caught:
        assign_outside_credit(credit, dana, [(ca_license, suicide, Decimal("1"))])
    assert caught.value.code == "category_not_approved"


def test_someone_else_cannot_edit_or_delete_a_record(dana, omar):
    credit = outside.add_outside_credit(dana, fields(), pdf_upload())
    with pytest.raises(DomainError) as caught:
        outside.delete_outside_credit(credit, omar)
    assert caught.value.code == "outside_credit_not_yours"
    assert OutsideCredit.objects.filter(pk=credit.pk).exists()
