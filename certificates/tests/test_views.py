"""The wallet shows a person their own certificates only; verification is public, says whether
a certificate is valid, and never reveals an email address or a full license number."""

from __future__ import annotations

import hashlib

import pytest
from django.utils import timezone

from certificates.models import Certificate
from certificates.tests.conftest import make_event
from licensing.models import UserLicense


@pytest.fixture
def certificate(event, dana, submit, run_tasks) -> Certificate:
    submit(event, dana, license=UserLicense.objects.get(user=dana))
    run_tasks()
    return Certificate.objects.get()


def test_the_wallet_lists_certificates_newest_first(certificate, dana, submit, run_tasks, client):
    later = make_event(title="Ethics for Supervisors")
    submit(later, dana)
    run_tasks()
    client.force_login(dana)

    page = client.get("/wallet/certificates/").content.decode()

    assert page.index("Ethics for Supervisors") < page.index("Trauma-Informed Care")
    assert certificate.number in page


def test_the_wallet_asks_for_a_login(client):
    response = client.get("/wallet/certificates/")

    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]


def test_the_owner_sees_the_certificate_and_its_download_link(certificate, dana, client):
    client.force_login(dana)

    page = client.get(f"/wallet/certificates/{certificate.number}/").content.decode()

    assert "Dana Whitfield" in page
    assert f"/wallet/certificates/{certificate.number}/pdf" in page
    assert certificate.verification_code in page


def test_another_attendees_certificate_is_not_found(certificate, omar, client):
    client.force_login(omar)

    assert client.get(f"/wallet/certificates/{certificate.number}/").status_code == 404
    assert client.get(f"/wallet/certificates/{certificate.number}/pdf").status_code == 404


def test_the_pdf_downloads_with_a_content_hash_etag(certificate, dana, client):
    client.force_login(dana)

    response = client.get(f"/wallet/certificates/{certificate.number}/pdf")

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'attachment; filename="{certificate.number}.pdf"'
    assert response["ETag"] == f'"{hashlib.sha256(response.content).hexdigest()}"'
    again = client.get(
        f"/wallet/certificates/{certificate.number}/pdf", HTTP_IF_NONE_MATCH=response["ETag"]
    )
    assert (again.status_code, again.content) == (304, b"")


def test_verification_shows_a_valid_certificate_without_login(certificate, client):
    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()

    assert "Valid." in page
    for text in ["Dana Whitfield", "Trauma-Informed Care in Telehealth", "December 1, 2026"]:
        assert text in page
    assert "American Psychological Association" in page


def test_verification_never_shows_the_email_or_the_full_license_number(certificate, client):
    number = certificate.snapshot["license"]["number"]
    code = certificate.verification_code

    for url in [f"/verify/{code}/", f"/verify/{code}.json"]:
        body = client.get(url).content.decode()
        assert "dana@example.com" not in body
        assert number not in body
        assert number[-4:] in body


def test_an_unknown_code_is_plainly_not_a_fullcredit_certificate(db, client):
    response = client.get("/verify/not-a-real-code/")

    assert response.status_code == 404
    assert "is not a FullCredit certificate" in response.content.decode()
    assert client.get("/verify/not-a-real-code.json").json()["error"] == "unknown_code"


def test_a_revoked_certificate_says_so_with_its_date(certificate, client):
    certificate.status = Certificate.REVOKED
    certificate.revoked_at = timezone.now()
    certificate.save()

    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()

    assert "Revoked on December 2, 2026" in page
    data = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert (data["status"], data["valid"]) == ("revoked", False)
    assert data["revoked_at"].startswith("2026-12-02")


def test_a_superseded_certificate_links_to_the_current_version(certificate, client):
    certificate.status = Certificate.SUPERSEDED
    certificate.save()
    current = Certificate.objects.create(
        number=certificate.number,
        version=2,
        supersedes=certificate,
        evaluation=certificate.evaluation,
        user=certificate.user,
        program=certificate.program,
        event=certificate.event,
        snapshot=certificate.snapshot | {"version": 2},
    )

    page = client.get(f"/verify/{certificate.verification_code}/").content.decode()

    assert "Superseded." in page
    assert f"/verify/{current.verification_code}/" in page
    data = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert data["superseded_by"].endswith(f"/verify/{current.verification_code}/")


def test_the_json_record_has_a_stable_shape(certificate, client):
    data = client.get(f"/verify/{certificate.verification_code}.json").json()

    assert set(data) == {
        "number",
        "version",
        "status",
        "valid",
        "revoked_at",
        "superseded_by",
        "holder_name",
        "license",
        "event",
        "program",
        "presenters",
        "ce_hours",
        "categories",
        "approvals",
        "provider_name",
        "issued_at",
        "issue_date",
        "issue_date_display",
        "verification_url",
    }
    assert (data["valid"], data["holder_name"], data["ce_hours"]) == (
        True,
        "Dana Whitfield",
        "2",
    )
    assert data["license"] == {
        "type": "CA LCSW",
        "state": "CA",
        "number_last4": certificate.snapshot["license"]["number"][-4:],
    }
    assert set(data["event"]) == {"title", "format", "start", "end", "time_zone", "when"}
