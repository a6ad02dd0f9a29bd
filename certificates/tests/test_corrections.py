"""Name corrections and revocation: the attendee asks, staff decide, verification tells the
truth about every version, and every step is audited."""

from __future__ import annotations

import pytest
from django.core import mail

from accounts.names import LEGAL_NAME_MAX
from certificates.corrections.services import (
    approve_correction,
    decline_correction,
    request_name_correction,
    revoke_certificate,
)
from certificates.images import pdf_bytes
from certificates.models import Certificate, NameCorrectionRequest
from certificates.tests.conftest import make_event
from core.errors import DomainError
from core.models import AuditEntry
from licensing.models import UserLicense

NEW_NAME = "Dana Whitfield-Reyes"


@pytest.fixture
def certificate(event, dana, submit, run_tasks) -> Certificate:
    submit(event, dana, license=UserLicense.objects.get(user=dana))
    run_tasks()
    mail.outbox.clear()
    return Certificate.objects.get()


@pytest.fixture
def correction(certificate, dana) -> NameCorrectionRequest:
    return request_name_correction(
        certificate, user=dana, requested_name=NEW_NAME, explanation="Married last spring."
    )


def _refusal(call, *args, **kwargs) -> str:
    with pytest.raises(DomainError) as caught:
        call(*args, **kwargs)
    return caught.value.code


# The whole story, through the pages.


def test_request_approve_and_verify(certificate, dana, sam_staff, client):
    old_code = certificate.verification_code
    client.force_login(dana)
    detail = client.get(f"/wallet/certificates/{certificate.number}/").content.decode()
    assert f"/wallet/certificates/{certificate.number}/correction/" in detail

    response = client.post(
        f"/wallet/certificates/{certificate.number}/correction/",
        {"requested_name": NEW_NAME, "explanation": "Married last spring."},
    )
    assert response.status_code == 302
    detail = client.get(f"/wallet/certificates/{certificate.number}/").content.decode()
    assert "Staff have not decided yet" in detail
    correction = NameCorrectionRequest.objects.get()

    client.force_login(sam_staff)
    listing = client.get("/staff/certificates/").content.decode()
    assert certificate.number in listing and "Correction requested" in listing
    page = client.get(f"/staff/certificates/{certificate.number}/").content.decode()
    assert NEW_NAME in page and "Married last spring." in page
    response = client.post(
        f"/staff/certificates/corrections/{correction.pk}/approve/", {"note": "Thanks."}
    )
    assert response.status_code == 302

    new = Certificate.objects.get(number=certificate.number, version=2)
    old = Certificate.objects.get(pk=certificate.pk)
    assert old.status == Certificate.SUPERSEDED
    assert new.status == Certificate.VALID and new.supersedes_id == old.pk
    assert new.verification_code != old_code
    assert new.snapshot["holder_name"] == NEW_NAME
    assert new.snapshot["version"] == 2 and new.snapshot["corrected_at"]
    for key in ("issue_date", "issued_at", "event", "ce_hours", "number"):
        assert new.snapshot[key] == old.snapshot[key]
    assert new.issued_at == old.issued_at

    client.logout()
    verify_old = client.get(f"/verify/{old_code}/").content.decode()
    assert "Superseded" in verify_old and new.verification_path in verify_old
    record = client.get(f"/verify/{old_code}.json").json()
    assert record["status"] == "superseded" and record["superseded_by"].endswith(
        new.verification_path
    )
    verify_new = client.get(f"/verify/{new.verification_code}/").content.decode()
    assert "Valid." in verify_new and NEW_NAME in verify_new

    client.force_login(dana)
    pdf = client.get(f"/wallet/certificates/{certificate.number}/pdf")
    assert pdf.status_code == 200
    assert pdf.content == pdf_bytes(new.snapshot)
    assert [m.to for m in mail.outbox] == [["dana@example.com"]]
    assert NEW_NAME in mail.outbox[0].body and certificate.number in mail.outbox[0].subject + (
        mail.outbox[0].body
    )

    staff_page = client.get(f"/staff/certificates/{certificate.number}/")
    assert staff_page.status_code == 403
    client.force_login(sam_staff)
    staff_page = client.get(f"/staff/certificates/{certificate.number}/").content.decode()
    assert "Superseded" in staff_page and "Dana Whitfield<" in staff_page


def test_approval_is_audited(correction, sam_staff):
    new = approve_correction(correction, actor=sam_staff, note="Checked the license.")

    entry = AuditEntry.objects.get(action="certificate.correction_approved")
    assert entry.actor == sam_staff and entry.reason == "Checked the license."
    assert entry.target_id == str(new.pk)
    assert entry.data["old_name"] == "Dana Whitfield" and entry.data["new_name"] == NEW_NAME
    requested = AuditEntry.objects.get(action="certificate.correction_requested")
    assert requested.actor_label == "dana@example.com"
    assert requested.reason == "Married last spring."
    correction.refresh_from_db()
    assert correction.status == "approved" and correction.decided_by == sam_staff
    assert correction.decided_at is not None


def test_a_second_correction_makes_version_three(correction, dana, sam_staff):
    second = approve_correction(correction, actor=sam_staff)
    again = request_name_correction(
        second, user=dana, requested_name="Dana W. Reyes", explanation="Shorter, please."
    )
    third = approve_correction(again, actor=sam_staff)

    assert third.version == 3 and third.supersedes == second
    assert Certificate.objects.get(pk=second.pk).status == Certificate.SUPERSEDED


# Declining.


def test_decline_tells_the_attendee_why(correction, sam_staff, client):
    client.force_login(sam_staff)
    response = client.post(
        f"/staff/certificates/corrections/{correction.pk}/decline/",
        {"note": "Send a copy of your license."},
    )

    assert response.status_code == 302
    correction.refresh_from_db()
    assert correction.status == "declined"
    assert correction.decision_note == "Send a copy of your license."
    assert Certificate.objects.get().status == Certificate.VALID
    assert len(mail.outbox) == 1 and "Send a copy of your license." in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="certificate.correction_declined")
    assert entry.actor == sam_staff and entry.reason == "Send a copy of your license."


def test_decline_without_a_note_is_refused(correction, sam_staff, client):
    assert _refusal(decline_correction, correction, actor=sam_staff, note=" ") == (
        "decision_note_required"
    )
    client.force_login(sam_staff)
    response = client.post(f"/staff/certificates/corrections/{correction.pk}/decline/", {})
    assert response.status_code == 400
    correction.refresh_from_db()
    assert correction.is_pending


# Revocation.


def test_revoke_shows_on_verification_and_emails_the_attendee(certificate, sam_staff, client):
    client.force_login(sam_staff)
    response = client.post(
        f"/staff/certificates/{certificate.number}/revoke/",
        {"reason": "Attendance was false.", "confirmed": "1"},
    )

    assert response.status_code == 302
    certificate.refresh_from_db()
    assert certificate.status == Certificate.REVOKED
    assert certificate.revoked_reason == "Attendance was false."
    client.logout()
    page = client.get(certificate.verification_path).content.decode()
    assert f"Revoked on {certificate.revoked_at:%B} {certificate.revoked_at.day}" in page
    record = client.get(f"/verify/{certificate.verification_code}.json").json()
    assert record["status"] == "revoked" and record["revoked_at"]
    assert mail.outbox[0].to == ["dana@example.com"]
    assert "Attendance was false." in mail.outbox[0].body
    entry = AuditEntry.objects.get(action="certificate.revoked")
    assert entry.actor == sam_staff and entry.reason == "Attendance was false."


def test_revoking_closes_a_waiting_request(correction, sam_staff):
    revoke_certificate(correction.certificate, actor=sam_staff, reason="Fraud.")

    correction.refresh_from_db()
    assert correction.status == "declined"
    assert _refusal(approve_correction, correction, actor=sam_staff) == "correction_not_pending"


# Refusals, by code.


def test_request_refusals(certificate, dana, omar, sam_staff):
    ask = request_name_correction
    assert _refusal(ask, certificate, user=omar, requested_name="X", explanation="y") == (
        "not_certificate_owner"
    )
    assert _refusal(ask, certificate, user=dana, requested_name=NEW_NAME, explanation=" ") == (
        "correction_explanation_required"
    )
    assert _refusal(ask, certificate, user=dana, requested_name="  ", explanation="y") == (
        "correction_name_required"
    )
    assert _refusal(
        ask, certificate, user=dana, requested_name="Dana  Whitfield", explanation="y"
    ) == ("correction_name_unchanged")
    ask(certificate, user=dana, requested_name=NEW_NAME, explanation="Married.")
    assert _refusal(ask, certificate, user=dana, requested_name="Other", explanation="y") == (
        "correction_already_pending"
    )


def test_a_requested_name_longer_than_any_legal_name_is_refused(certificate, dana):
    too_long = "A" * (LEGAL_NAME_MAX + 1)
    with pytest.raises(DomainError) as refused:
        request_name_correction(
            certificate, user=dana, requested_name=too_long, explanation="A typo."
        )
    assert (refused.value.code, refused.value.field) == ("name_too_long", "requested_name")
    assert refused.value.message == f"A name can have at most {LEGAL_NAME_MAX} characters."
    assert not NameCorrectionRequest.objects.exists()
    assert not AuditEntry.objects.filter(action="certificate.correction_requested").exists()


def test_a_revoked_certificate_cannot_be_corrected_or_revoked_again(certificate, dana, sam_staff):
    revoke_certificate(certificate, actor=sam_staff, reason="Fraud.")

    assert _refusal(
        request_name_correction, certificate, user=dana, requested_name=NEW_NAME, explanation="y"
    ) == ("certificate_revoked")
    assert _refusal(revoke_certificate, certificate, actor=sam_staff, reason="Again.") == (
        "certificate_revoked"
    )


def test_a_superseded_version_cannot_be_corrected_or_revoked(correction, dana, sam_staff):
    approve_correction(correction, actor=sam_staff)
    old = Certificate.objects.get(pk=correction.certificate_id)

    assert _refusal(
        request_name_correction, old, user=dana, requested_name="Other", explanation="y"
    ) == ("certificate_superseded")
    assert _refusal(revoke_certificate, old, actor=sam_staff, reason="x") == (
        "certificate_superseded"
    )


def test_staff_refusals(correction, certificate, dana, sam_staff):
    assert _refusal(revoke_certificate, certificate, actor=sam_staff, reason="") == (
        "revocation_reason_required"
    )
    assert _refusal(approve_correction, correction, actor=dana) == "not_allowed"
    assert _refusal(decline_correction, correction, actor=dana, note="no") == "not_allowed"
    assert _refusal(revoke_certificate, certificate, actor=dana, reason="no") == "not_allowed"
    decline_correction(correction, actor=sam_staff, note="No proof.")
    assert _refusal(approve_correction, correction, actor=sam_staff) == "correction_not_pending"


# Permissions and methods.


def test_attendees_get_403_on_staff_pages(correction, certificate, dana, client):
    client.force_login(dana)

    assert client.get("/staff/certificates/").status_code == 403
    assert client.get(f"/staff/certificates/{certificate.number}/").status_code == 403
    url = f"/staff/certificates/corrections/{correction.pk}/approve/"
    assert client.post(url).status_code == 403
    assert client.post(f"/staff/certificates/{certificate.number}/revoke/").status_code == 403
    correction.refresh_from_db()
    assert correction.is_pending


def test_staff_pages_ask_anonymous_visitors_to_log_in(client):
    response = client.get("/staff/certificates/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_actions_are_post_only(correction, certificate, sam_staff, client):
    client.force_login(sam_staff)

    assert client.get(f"/staff/certificates/corrections/{correction.pk}/approve/").status_code == (
        405
    )
    assert client.get(f"/staff/certificates/corrections/{correction.pk}/decline/").status_code == (
        405
    )


def test_someone_elses_certificate_cannot_be_corrected(certificate, omar, client):
    client.force_login(omar)

    assert client.get(f"/wallet/certificates/{certificate.number}/correction/").status_code == 404


def test_the_request_form_shows_refusals_on_its_fields(certificate, dana, client):
    client.force_login(dana)
    response = client.post(
        f"/wallet/certificates/{certificate.number}/correction/",
        {"requested_name": "Dana Whitfield", "explanation": "Why not."},
    )

    assert response.status_code == 200
    assert "already the name on the certificate" in response.content.decode()
    assert not NameCorrectionRequest.objects.exists()


def test_staff_list_search_and_pending_first(correction, certificate, sam_staff, client):
    client.force_login(sam_staff)

    page = client.get("/staff/certificates/", {"q": "whitfield"}).content.decode()
    assert certificate.number in page
    page = client.get("/staff/certificates/", {"q": "nobody"}).content.decode()
    assert certificate.number not in page
    page = client.get("/staff/certificates/", {"q": certificate.number}).content.decode()
    assert certificate.number in page


def test_the_staff_dashboard_links_with_the_pending_count(correction, sam_staff, client):
    client.force_login(sam_staff)

    page = client.get("/staff/").content.decode()
    assert "/staff/certificates/" in page
    assert "1 name correction request waiting" in page


def test_certificates_with_a_waiting_request_come_first(
    correction, dana, sam_staff, submit, run_tasks, client
):
    submit(make_event(title="Ethics for Supervisors"), dana)
    run_tasks()
    later = Certificate.objects.exclude(pk=correction.certificate_id).get()
    client.force_login(sam_staff)

    page = client.get("/staff/certificates/").content.decode()
    assert page.index(correction.certificate.number) < page.index(later.number)
    revoke_certificate(correction.certificate, actor=sam_staff, reason="Fraud.")
    page = client.get("/staff/certificates/").content.decode()
    assert page.index(later.number) < page.index(correction.certificate.number)


def test_the_staff_list_pages_through_every_certificate(
    certificate, sam_staff, client, monkeypatch
):
    from certificates.corrections import views

    copies = []
    for n in range(3):
        copies.append(
            Certificate.objects.create(
                number=f"FC-2026-9{n:05d}",
                evaluation=certificate.evaluation,
                user=certificate.user,
                program=certificate.program,
                event=certificate.event,
                snapshot={**certificate.snapshot, "number": f"FC-2026-9{n:05d}"},
                status=Certificate.REVOKED,
            )
        )
    numbers = {certificate.number, *(c.number for c in copies)}
    client.force_login(sam_staff)
    monkeypatch.setattr(views, "STAFF_PAGE_SIZE", 3)
    first = client.get("/staff/certificates/").content.decode()
    second = client.get("/staff/certificates/", {"page": 2}).content.decode()
    assert "Page 1 of 2" in first and 'rel="next"' in first
    assert "Page 2 of 2" in second and 'rel="prev"' in second
    shown = {n for n in numbers if n in first} | {n for n in numbers if n in second}
    assert shown == numbers
    assert not {n for n in numbers if n in first} & {n for n in numbers if n in second}
