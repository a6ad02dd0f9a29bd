"""A certificate follows the submission of an evaluation (rule 7), once per evaluation and once
per program for a person (rule 8), in the legal name at that moment, frozen from then on."""

from __future__ import annotations

import pytest
from django.core import mail

from certificates.models import Certificate
from certificates.services import issue_certificate
from certificates.tasks import issue_certificate_task
from certificates.tests.conftest import make_event
from core.errors import DomainError
from core.models import AuditEntry
from evaluations.models import Evaluation
from licensing.models import CECategory, UserLicense


def test_submitting_the_evaluation_issues_the_certificate_and_emails_a_link(
    event, dana, submit, run_tasks
):
    evaluation = submit(event, dana)
    mail.outbox.clear()

    run_tasks()

    certificate = Certificate.objects.get()
    assert (certificate.evaluation, certificate.user, certificate.status) == (
        evaluation,
        dana,
        Certificate.VALID,
    )
    assert certificate.number == f"FC-2026-{certificate.pk:06d}"
    assert len(certificate.verification_code) >= 24
    [message] = mail.outbox
    assert message.to == ["dana@example.com"]
    assert message.subject == "Your certificate is ready: Trauma-Informed Care in Telehealth"
    assert f"/wallet/certificates/{certificate.number}/" in message.body
    assert message.attachments == []
    assert AuditEntry.objects.filter(action="certificate.issued").count() == 1


def test_the_certificate_email_also_points_at_what_else_waits(
    event, dana, submit, open_evaluation, run_tasks
):
    waiting = open_evaluation(make_event(title="Ethics for Supervisors"), dana)
    submit(event, dana)
    mail.outbox.clear()

    run_tasks()

    [message] = [m for m in mail.outbox if m.subject.startswith("Your certificate is ready")]
    assert "Also waiting for you:" in message.body
    assert "Complete your evaluation of “Ethics for Supervisors” (by " in message.body
    assert f"/wallet/evaluations/{waiting.pk}/" in message.body
    certificate = Certificate.objects.get()
    # The certificate itself is the email's subject, not one of the other steps.
    assert message.body.count(f"/wallet/certificates/{certificate.number}/") == 1
    html = message.alternatives[0][0]
    assert "Also waiting for you" in html and "Complete the evaluation</a>" in html


def test_no_certificate_before_the_evaluation_is_submitted(event, dana, open_evaluation, run_tasks):
    evaluation = open_evaluation(event, dana)
    run_tasks()

    assert not Certificate.objects.exists()
    with pytest.raises(DomainError) as caught:
        issue_certificate(evaluation)
    assert caught.value.code == "evaluation_not_submitted"


def test_issuing_twice_returns_the_same_certificate_and_sends_one_email(
    event, dana, submit, run_tasks
):
    evaluation = submit(event, dana)
    run_tasks()
    mail.outbox.clear()

    again = issue_certificate(evaluation)
    issue_certificate_task.call(evaluation.pk)

    assert Certificate.objects.get() == again
    assert mail.outbox == []


def test_a_second_event_of_the_same_program_is_refused(event, dana, submit, run_tasks):
    submit(event, dana)
    run_tasks()
    first = Certificate.objects.get()
    recording = make_event(program=event.program, title="Trauma-Informed Care (recording)")
    second = submit(recording, dana)

    run_tasks()

    assert Certificate.objects.get() == first
    with pytest.raises(DomainError) as caught:
        issue_certificate(second)
    assert caught.value.code == "already_certified_for_program"
    assert first.number in caught.value.message


def test_another_program_earns_its_own_certificate(event, dana, submit, run_tasks):
    submit(event, dana)
    submit(make_event(title="Ethics for Supervisors"), dana)

    run_tasks()

    assert Certificate.objects.filter(user=dana, status=Certificate.VALID).count() == 2


def test_the_snapshot_keeps_the_legal_name_of_the_moment_of_issuance(
    event, dana, submit, run_tasks
):
    submit(event, dana)
    run_tasks()
    dana.legal_first_name = "Danielle"
    dana.save()
    event.title = "Renamed later"
    event.save()

    certificate = Certificate.objects.get()
    assert certificate.snapshot["holder_name"] == "Dana Whitfield"
    assert certificate.snapshot["event"]["title"] == "Trauma-Informed Care in Telehealth"


def test_the_snapshot_records_what_the_certificate_says(event, dana, submit, run_tasks, settings):
    settings.PROVIDER_NAME = "Northwest Behavioral Health Education"
    event.approvals.filter(body__code="ASWB_ACE").update(approved=False)
    license = UserLicense.objects.get(user=dana)
    general = CECategory.objects.get(code="general")
    evaluation = submit(event, dana, license=license, category=general)

    run_tasks()

    snapshot = Certificate.objects.get(evaluation=evaluation).snapshot
    assert snapshot["license"] == {
        "type": "CA LCSW",
        "type_name": license.license_type.name,
        "state": "CA",
        "number": license.number,
    }
    assert snapshot["event"] == {
        "title": "Trauma-Informed Care in Telehealth",
        "start": "2026-12-01T15:00:00+00:00",
        "end": "2026-12-01T17:00:00+00:00",
        "time_zone": "America/New_York",
        "format": "Live interactive webinar",
    }
    assert snapshot["presenters"] == [{"name": "Maya Chen", "credentials": "PhD"}]
    assert snapshot["ce_hours"] == "2"
    assert snapshot["categories"] == [general.name]
    # Only approvals the event holds are printed.
    assert [a["body_code"] for a in snapshot["approvals"]] == ["APA"]
    assert snapshot["approvals"][0]["approval_number"] == "123"
    assert snapshot["approvals"][0]["statement"].startswith(
        "Northwest Behavioral Health Education is approved by the American Psychological"
    )
    assert "{" not in snapshot["approvals"][0]["statement"]
    assert snapshot["provider_name"] == "Northwest Behavioral Health Education"
    assert set(snapshot["signatory"]) == {"name", "title"}
    assert snapshot["issue_date"] == "2026-12-02"
    assert snapshot["verification_url"].endswith(f"/verify/{snapshot['verification_code']}/")


def test_a_withdrawn_evaluation_gets_no_certificate(event, dana, open_evaluation, run_tasks):
    evaluation = open_evaluation(event, dana)
    Evaluation.objects.filter(pk=evaluation.pk).update(status=Evaluation.WITHDRAWN)

    assert issue_certificate_task.call(evaluation.pk) == "refused: evaluation_not_submitted"
    assert not Certificate.objects.exists()
