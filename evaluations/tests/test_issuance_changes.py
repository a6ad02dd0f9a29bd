"""Corrections after issuance: someone who becomes eligible later is issued one then; someone who
becomes ineligible before submitting loses it, and is told why. Submitted ones are final."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail

from attendance.services.resolving import assign_connection, unassign_connection
from core.errors import DomainError
from evaluations.mailing import send_evaluation_email
from evaluations.models import Evaluation
from evaluations.services import submit_evaluation, withdraw_evaluation
from evaluations.tests.attendance_helpers import (
    IMPORTED,
    connect,
    decide_and_run,
    ended_event,
    register,
    sent_to,
)

LATER = IMPORTED + dt.timedelta(hours=3)


@pytest.fixture
def event(db):
    return ended_event(title="Ethics in Telehealth")


def complete_answers(evaluation: Evaluation) -> dict[str, object]:
    return {q["key"]: 5 for q in evaluation.questions if q["kind"] == "rating"} | {
        "commercial_bias": "Yes"
    }


def test_a_dial_in_matched_by_staff_later_issues_the_evaluation_then(
    event, dana, sam_staff, run_tasks
):
    registration = register(event, dana)
    call = connect(event, None, is_phone=True, phone_digits="15550100199")
    decide_and_run(event, run_tasks)
    assert not Evaluation.objects.exists()

    with time_machine.travel(LATER, tick=False):
        assign_connection(call, registration, actor=sam_staff, reason="Called from her cell")
        run_tasks()

    evaluation = Evaluation.objects.get(registration=registration)
    assert evaluation.issued_at == LATER
    assert len(sent_to("dana@example.com", "is ready")) == 1


def test_a_correction_that_takes_eligibility_away_withdraws_the_evaluation_and_says_why(
    event, dana, sam_staff, run_tasks
):
    registration = register(event, dana)
    row = connect(event, registration)
    decide_and_run(event, run_tasks)

    with time_machine.travel(LATER, tick=False):
        unassign_connection(row, actor=sam_staff, reason="That was her colleague's connection")
        run_tasks()

    evaluation = Evaluation.objects.get()
    assert evaluation.status == Evaluation.WITHDRAWN
    assert evaluation.display_status == "withdrawn"
    [email] = sent_to("dana@example.com", "withdrawn")
    assert email.subject == "Your evaluation for Ethics in Telehealth was withdrawn"
    assert "no longer shows that you attended the entire event" in email.body
    assert "We found no connection of yours in the attendance report." in email.body
    assert f"/events/{event.slug}/attendance/" in email.body


def test_a_submitted_evaluation_is_never_withdrawn(event, dana, sam_staff, run_tasks):
    registration = register(event, dana)
    row = connect(event, registration)
    decide_and_run(event, run_tasks)
    evaluation = Evaluation.objects.get()

    with time_machine.travel(LATER, tick=False):
        submit_evaluation(
            evaluation, user=dana, answers=complete_answers(evaluation), attested=True
        )
        unassign_connection(row, actor=sam_staff, reason="Checking a mix-up")
        run_tasks()

    assert Evaluation.objects.get().status == Evaluation.SUBMITTED
    assert sent_to("dana@example.com", "withdrawn") == []


def test_withdrawing_a_submitted_evaluation_directly_is_refused(event, dana, run_tasks):
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    evaluation = Evaluation.objects.get()
    with time_machine.travel(LATER, tick=False):
        submit_evaluation(
            evaluation, user=dana, answers=complete_answers(evaluation), attested=True
        )

        with pytest.raises(DomainError) as refusal:
            withdraw_evaluation(evaluation, "Staff correction")

    assert refusal.value.code == "already_submitted"


def test_the_withdrawal_email_goes_once_however_often_its_task_runs(
    event, dana, sam_staff, run_tasks
):
    row = connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    with time_machine.travel(LATER, tick=False):
        unassign_connection(row, actor=sam_staff, reason="Wrong person")
        run_tasks()
        evaluation = Evaluation.objects.get()
        send_evaluation_email.call(evaluation.pk, "withdrawn")
        run_tasks()

    assert len(sent_to("dana@example.com", "withdrawn")) == 1


def test_eligible_again_after_a_withdrawal_gets_a_fresh_evaluation_and_is_told(
    event, dana, sam_staff, run_tasks
):
    registration = register(event, dana)
    row = connect(event, registration)
    decide_and_run(event, run_tasks)
    with time_machine.travel(LATER, tick=False):
        unassign_connection(row, actor=sam_staff, reason="Looked like a colleague")
        run_tasks()

    back = LATER + dt.timedelta(hours=1)
    with time_machine.travel(back, tick=False):
        assign_connection(row, registration, actor=sam_staff, reason="It was hers after all")
        run_tasks()

    evaluation = Evaluation.objects.get()
    assert evaluation.status == Evaluation.ISSUED
    assert evaluation.issued_at == back
    assert evaluation.withdrawn_reason == ""
    assert len(sent_to("dana@example.com", "is ready")) == 2


def test_a_withdrawal_is_on_the_audit_record(event, dana, sam_staff, run_tasks):
    from core.models import AuditEntry

    row = connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    with time_machine.travel(LATER, tick=False):
        unassign_connection(row, actor=sam_staff, reason="Wrong person")
        run_tasks()

    entry = AuditEntry.objects.get(action="evaluation.withdrawn")
    assert entry.target_id == str(Evaluation.objects.get().pk)
    assert "no longer shows" in entry.reason


def test_flagged_for_review_after_a_correction_says_staff_will_review(event, dana, run_tasks):
    registration = register(event, dana)
    connect(event, registration)
    decide_and_run(event, run_tasks)

    connect(event, registration, 10, 121, name="Front desk laptop")
    decide_and_run(event, run_tasks, at=LATER)

    [email] = sent_to("dana@example.com", "withdrawn")
    assert "our staff must review your attendance" in email.body
    assert len(mail.outbox) == 2
