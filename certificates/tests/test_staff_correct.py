"""Staff correct a certificate's name directly (re-issued and audited exactly as an approved
request), and revoking asks for confirmation before anything changes."""

from __future__ import annotations

import pytest
from django.core import mail

from certificates.corrections.services import correct_certificate, request_name_correction
from certificates.models import Certificate
from core.errors import DomainError
from core.models import AuditEntry
from licensing.models import UserLicense


@pytest.fixture
def certificate(event, dana, submit, run_tasks) -> Certificate:
    submit(event, dana, license=UserLicense.objects.get(user=dana))
    run_tasks()
    mail.outbox.clear()
    return Certificate.objects.get()


def _url(certificate: Certificate, action: str) -> str:
    return f"/staff/certificates/{certificate.number}/{action}/"


def test_the_staff_page_offers_the_correction(certificate, sam_staff, client):
    client.force_login(sam_staff)

    page = client.get(f"/staff/certificates/{certificate.number}/").content.decode()

    assert _url(certificate, "correct") in page
    form = client.get(_url(certificate, "correct")).content.decode()
    assert '<label for="id_name"' in form and '<label for="id_reason"' in form
    assert 'value="Dana Whitfield"' in form


def test_staff_correct_the_name_as_a_new_audited_version(certificate, sam_staff, client):
    client.force_login(sam_staff)

    response = client.post(
        _url(certificate, "correct"),
        {"name": "  Dana   Whitfield-Reyes ", "reason": "Legal name change, ID seen."},
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    new = Certificate.objects.get(number=certificate.number, version=2)
    assert certificate.status == Certificate.SUPERSEDED
    assert new.status == Certificate.VALID and new.supersedes == certificate
    assert new.snapshot["holder_name"] == "Dana Whitfield-Reyes"
    assert new.snapshot["issue_date"] == certificate.snapshot["issue_date"]
    assert new.verification_code != certificate.verification_code
    entry = AuditEntry.objects.get(action="certificate.corrected")
    assert entry.actor == sam_staff and entry.reason == "Legal name change, ID seen."
    assert mail.outbox[0].to == ["dana@example.com"]
    assert "Legal name change, ID seen." in mail.outbox[0].body
    verified = client.get(certificate.verification_path).content.decode()
    assert "Superseded." in verified


@pytest.mark.parametrize(
    ("data", "field_error"),
    [
        ({"name": "Dana Reyes", "reason": "  "}, "This field is required."),
        ({"name": "Dana Reyes", "reason": ""}, "This field is required."),
        ({"name": "", "reason": "Typo."}, "This field is required."),
        ({"name": "Dana  Whitfield", "reason": "Typo."}, "already the name"),
        ({"name": "D" * 500, "reason": "Typo."}, "at most"),
    ],
)
def test_a_correction_without_a_reason_or_new_name_changes_nothing(
    certificate, sam_staff, client, data, field_error
):
    client.force_login(sam_staff)

    response = client.post(_url(certificate, "correct"), data)

    assert response.status_code == 400
    assert field_error in response.content.decode()
    assert Certificate.objects.count() == 1
    assert not AuditEntry.objects.filter(action="certificate.corrected").exists()


def test_a_waiting_request_is_decided_first(certificate, dana, sam_staff):
    request_name_correction(certificate, user=dana, requested_name="Dana R", explanation="x")

    with pytest.raises(DomainError) as refused:
        correct_certificate(certificate, actor=sam_staff, name="Dana Reyes", reason="ID seen.")

    assert refused.value.code == "correction_already_pending"


def test_attendees_cannot_correct_or_revoke(certificate, dana, client):
    client.force_login(dana)

    assert client.get(_url(certificate, "correct")).status_code == 403
    data = {"name": "Someone Else", "reason": "x"}
    assert client.post(_url(certificate, "correct"), data).status_code == 403
    assert client.get(_url(certificate, "revoke")).status_code == 403
    data = {"reason": "x", "confirmed": "1"}
    assert client.post(_url(certificate, "revoke"), data).status_code == 403
    with pytest.raises(DomainError) as refused:
        correct_certificate(certificate, actor=dana, name="Someone Else", reason="x")
    assert refused.value.code == "not_allowed"
    certificate.refresh_from_db()
    assert certificate.status == Certificate.VALID and Certificate.objects.count() == 1


def test_an_unknown_number_is_not_found(sam_staff, client, db):
    client.force_login(sam_staff)

    assert client.get("/staff/certificates/FC-0000-000000/correct/").status_code == 404
    assert client.get("/staff/certificates/FC-0000-000000/revoke/").status_code == 404


def test_the_first_revoke_submission_only_shows_what_will_happen(certificate, sam_staff, client):
    client.force_login(sam_staff)

    response = client.post(_url(certificate, "revoke"), {"reason": "Attendance was false."})

    assert response.status_code == 200
    page = response.content.decode()
    assert "becomes invalid" in page and "Attendance was false." in page
    assert 'name="confirmed" value="1"' in page
    certificate.refresh_from_db()
    assert certificate.status == Certificate.VALID
    assert not AuditEntry.objects.filter(action="certificate.revoked").exists()
    assert mail.outbox == []


def test_the_confirmation_page_can_be_opened_directly(certificate, sam_staff, client):
    client.force_login(sam_staff)

    page = client.get(_url(certificate, "revoke")).content.decode()

    assert "Yes, revoke the certificate" in page
    certificate.refresh_from_db()
    assert certificate.status == Certificate.VALID


def test_the_confirmed_revocation_needs_a_reason(certificate, sam_staff, client):
    client.force_login(sam_staff)

    response = client.post(_url(certificate, "revoke"), {"reason": " ", "confirmed": "1"})

    assert response.status_code == 400
    assert "This field is required." in response.content.decode()
    certificate.refresh_from_db()
    assert certificate.status == Certificate.VALID


def test_the_confirmed_revocation_revokes(certificate, sam_staff, client):
    client.force_login(sam_staff)

    response = client.post(
        _url(certificate, "revoke"), {"reason": "Attendance was false.", "confirmed": "1"}
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.REVOKED
    assert AuditEntry.objects.get(action="certificate.revoked").actor == sam_staff
