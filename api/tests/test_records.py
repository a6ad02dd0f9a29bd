"""The attendee's evaluations and certificates."""

from __future__ import annotations

import pytest

from api.tests.conftest import ANSWERS
from certificates.models import Certificate
from evaluations.models import Evaluation

pytestmark = pytest.mark.usefixtures("at_soon")


def test_evaluations_are_listed_with_their_questions(dana_api, open_evaluation):
    body = dana_api.get("me/evaluations").json()
    assert [e["id"] for e in body["items"]] == [open_evaluation.pk]
    assert body["items"][0]["status"] == "incomplete"
    assert {q["key"] for q in body["items"][0]["questions"]} >= set(ANSWERS)


def test_submitting_an_evaluation_issues_the_certificate(dana_api, open_evaluation, run_tasks):
    response = dana_api.post(
        f"me/evaluations/{open_evaluation.pk}/submit", {"answers": ANSWERS, "attested": True}
    )
    assert response.status_code == 200
    assert response.json()["status"] == "complete"
    run_tasks()
    assert Certificate.objects.filter(evaluation=open_evaluation).exists()


def test_a_submission_lists_every_problem_on_its_field(dana_api, open_evaluation):
    response = dana_api.post(
        f"me/evaluations/{open_evaluation.pk}/submit",
        {"answers": {**ANSWERS, "relevance": 9}, "attested": False},
    )
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["details"]}
    assert fields == {"attested", "relevance"}
    open_evaluation.refresh_from_db()
    assert open_evaluation.status == Evaluation.ISSUED


def test_someone_elses_evaluation_is_404(omar_api, open_evaluation):
    assert omar_api.get(f"me/evaluations/{open_evaluation.pk}").status_code == 404
    response = omar_api.post(
        f"me/evaluations/{open_evaluation.pk}/submit", {"answers": ANSWERS, "attested": True}
    )
    assert response.status_code == 404


def test_certificates_are_listed_with_metadata(dana_api, issued_certificate):
    body = dana_api.get("me/certificates").json()
    assert [c["number"] for c in body["items"]] == [issued_certificate.number]
    item = dana_api.get(f"me/certificates/{issued_certificate.number}").json()
    assert item["holder_name"] == "Dana Whitfield"
    assert item["status"] == "valid"
    assert item["pdf_url"].endswith(f"/api/v1/me/certificates/{issued_certificate.number}/pdf")


def test_the_certificate_pdf_downloads(dana_api, issued_certificate):
    response = dana_api.get(f"me/certificates/{issued_certificate.number}/pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_someone_elses_certificate_is_404(omar_api, issued_certificate):
    assert omar_api.get(f"me/certificates/{issued_certificate.number}").status_code == 404
    assert omar_api.get(f"me/certificates/{issued_certificate.number}/pdf").status_code == 404
