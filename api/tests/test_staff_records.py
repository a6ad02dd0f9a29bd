"""Staff: evaluation results, certificates, revocation and name corrections."""

from __future__ import annotations

import pytest

from api.tests.conftest import ApiClient
from api.tokens import create_token
from certificates.corrections.services import request_name_correction
from certificates.models import Certificate
from core.models import AuditEntry

pytestmark = pytest.mark.usefixtures("at_soon")


def test_evaluation_results_summarise_the_answers(staff_api, issued_certificate):
    event = issued_certificate.event
    body = staff_api.get(f"staff/events/{event.slug}/evaluation-results").json()
    assert (body["issued"], body["submitted"], body["response_rate"]) == (1, 1, "100.0")
    overall = next(q for q in body["questions"] if q["key"] == "overall")
    assert overall["mean"] == "5.00" and overall["n"] == 1


def test_staff_list_certificates_by_event(staff_api, issued_certificate):
    body = staff_api.get("staff/certificates", {"event": issued_certificate.event.slug}).json()
    assert [c["number"] for c in body["items"]] == [issued_certificate.number]
    assert staff_api.get("staff/certificates", {"event": "other"}).json()["items"] == []


def test_revoking_needs_a_reason_and_shows_in_verification(
    staff_api, anonymous, issued_certificate
):
    number = issued_certificate.number
    assert staff_api.post(f"staff/certificates/{number}/revoke", {"reason": " "}).status_code == 422
    response = staff_api.post(f"staff/certificates/{number}/revoke", {"reason": "Left early."})
    assert response.status_code == 200 and response.json()["status"] == "revoked"
    verified = anonymous.get(f"verify/{issued_certificate.verification_code}").json()
    assert verified["valid"] is False
    assert AuditEntry.objects.filter(action="certificate.revoked").exists()


def test_approving_a_correction_reissues_the_certificate(staff_api, dana, issued_certificate):
    request_name_correction(
        issued_certificate,
        user=dana,
        requested_name="Dana Whitfield-Reyes",
        explanation="Married name, as on my license.",
    )
    pending = staff_api.get("staff/corrections").json()["items"]
    assert [c["requested_name"] for c in pending] == ["Dana Whitfield-Reyes"]
    response = staff_api.post(f"staff/corrections/{pending[0]['id']}/approve", {"note": "OK"})
    assert response.status_code == 200
    assert response.json()["holder_name"] == "Dana Whitfield-Reyes"
    assert response.json()["version"] == 2
    assert Certificate.objects.get(pk=issued_certificate.pk).status == "superseded"


@pytest.fixture
def correction(dana, issued_certificate):
    return request_name_correction(
        issued_certificate,
        user=dana,
        requested_name="Dana Whitfield-Reyes",
        explanation="Married name, as on my license.",
    )


def test_declining_a_correction_keeps_the_certificate_and_is_audited(
    staff_api, correction, issued_certificate
):
    response = staff_api.post(
        f"staff/corrections/{correction.pk}/decline", {"note": "Send a copy of your license."}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "declined"
    assert response.json()["decision_note"] == "Send a copy of your license."
    assert Certificate.objects.get(pk=issued_certificate.pk).status == "valid"
    entry = AuditEntry.objects.get(action="certificate.correction_declined")
    assert entry.reason == "Send a copy of your license."
    assert staff_api.get("staff/corrections").json()["items"] == []
    again = staff_api.post(f"staff/corrections/{correction.pk}/decline", {"note": "Again."})
    assert again.status_code == 409


@pytest.mark.parametrize("body", [{}, {"note": ""}, {"note": "   "}])
def test_declining_without_a_note_is_422(staff_api, correction, body):
    response = staff_api.post(f"staff/corrections/{correction.pk}/decline", body)
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "note"
    correction.refresh_from_db()
    assert correction.status == "pending"


def test_attendees_cannot_decline_a_correction(dana_api, correction):
    response = dana_api.post(f"staff/corrections/{correction.pk}/decline", {"note": "No."})
    assert response.status_code == 403
    correction.refresh_from_db()
    assert correction.status == "pending"


def test_an_unknown_correction_is_404(staff_api):
    assert staff_api.post("staff/corrections/999999/decline", {"note": "No."}).status_code == 404


def test_a_read_only_staff_token_cannot_revoke(sam_staff, issued_certificate):
    _, secret = create_token(sam_staff, name="Reports", read_only=True)
    api = ApiClient(secret)
    assert api.get("staff/certificates").status_code == 200
    response = api.post(f"staff/certificates/{issued_certificate.number}/revoke", {"reason": "x"})
    assert response.status_code == 403


def test_attendees_are_refused_staff_records(dana_api, issued_certificate):
    assert dana_api.get("staff/certificates").status_code == 403
    assert dana_api.get("staff/corrections").status_code == 403
    slug = issued_certificate.event.slug
    assert dana_api.get(f"staff/events/{slug}/evaluation-results").status_code == 403


def test_an_unknown_certificate_is_404_for_staff(staff_api):
    assert staff_api.post("staff/certificates/FC-0/revoke", {"reason": "x"}).status_code == 404
