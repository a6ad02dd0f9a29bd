"""Deadlines: 30 days by default, configurable per event; reminders 7 days and 1 day before;
closed after it; staff can reopen one with a reason, on the record."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.test import override_settings

from core.errors import DomainError
from core.models import AuditEntry
from evaluations.defaults import ensure_default_template
from evaluations.mailing import send_evaluation_reminder
from evaluations.models import Evaluation, EventEvaluation, ReminderLog
from evaluations.services import evaluation_setup, reopen_evaluation, submit_evaluation
from evaluations.tests.attendance_helpers import (
    IMPORTED,
    connect,
    decide_and_run,
    ended_event,
    register,
    run_at,
    sent_to,
)

DEADLINE = IMPORTED + dt.timedelta(days=30)


@pytest.fixture
def event(db):
    return ended_event(title="Grief and Loss")


@pytest.fixture
def evaluation(event, dana, run_tasks):
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    return Evaluation.objects.get()


def reminders() -> list[str]:
    return [m.subject for m in mail.outbox if "left" in m.subject or "Last day" in m.subject]


def answers(evaluation: Evaluation) -> dict[str, object]:
    return {q["key"]: 4 for q in evaluation.questions if q["kind"] == "rating"} | {
        "commercial_bias": "Yes"
    }


def test_the_deadline_is_30_days_after_issuance_by_default(evaluation):
    assert evaluation.deadline == DEADLINE


def test_an_event_can_give_more_or_less_time(event, dana, run_tasks):
    EventEvaluation.objects.create(
        event=event, template=ensure_default_template(), deadline_days=14
    )
    connect(event, register(event, dana))

    decide_and_run(event, run_tasks)

    assert Evaluation.objects.get().deadline == IMPORTED + dt.timedelta(days=14)


@override_settings(EVALUATION_DEADLINE_DAYS=45)
def test_the_providers_default_deadline_comes_from_the_settings(event):
    assert evaluation_setup(event).deadline_days == 45


def test_reminders_go_out_7_days_and_1_day_before_the_deadline(evaluation, run_tasks):
    run_at(DEADLINE - dt.timedelta(days=7, minutes=1), run_tasks)
    assert reminders() == []

    run_at(DEADLINE - dt.timedelta(days=7), run_tasks)
    assert reminders() == ["One week left: your evaluation for Grief and Loss"]

    run_at(DEADLINE - dt.timedelta(days=1), run_tasks)
    assert reminders()[1] == "Last day: your evaluation for Grief and Loss"
    assert "It closes Thursday, December 31, 2026, 9:05 AM PST, tomorrow" in mail.outbox[-1].body


def test_no_reminder_after_submission(evaluation, dana, run_tasks):
    with time_machine.travel(IMPORTED + dt.timedelta(days=2), tick=False):
        submit_evaluation(evaluation, user=dana, answers=answers(evaluation), attested=True)

    run_at(DEADLINE - dt.timedelta(days=1), run_tasks)

    assert reminders() == []


def test_a_reminder_task_run_twice_sends_one_email(evaluation):
    with time_machine.travel(DEADLINE - dt.timedelta(days=1), tick=False):
        first = send_evaluation_reminder.call(evaluation.pk, "1d", DEADLINE.isoformat())
        second = send_evaluation_reminder.call(evaluation.pk, "1d", DEADLINE.isoformat())

    assert (first, second) == ("sent", "skipped: already sent")
    assert len(reminders()) == 1
    assert ReminderLog.objects.count() == 1


def test_after_the_deadline_the_evaluation_is_closed(evaluation):
    with time_machine.travel(DEADLINE, tick=False):
        assert Evaluation.objects.get().display_status == "closed"


def test_after_the_deadline_submission_is_refused(evaluation, dana):
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(DomainError) as refusal:
        submit_evaluation(evaluation, user=dana, answers=answers(evaluation), attested=True)

    assert refusal.value.code == "evaluation_closed"
    assert Evaluation.objects.get().status == Evaluation.ISSUED


def test_staff_reopen_a_closed_evaluation_with_a_reason_that_is_audited(evaluation, sam_staff):
    reopened_at = DEADLINE + dt.timedelta(days=3)
    with time_machine.travel(reopened_at, tick=False):
        reopen_evaluation(evaluation, actor=sam_staff, reason="Hospitalised in December")
        evaluation.refresh_from_db()
        assert evaluation.display_status == "incomplete"

    assert evaluation.deadline == reopened_at + dt.timedelta(days=7)
    entry = AuditEntry.objects.get(action="evaluation.reopened")
    assert (entry.actor, entry.reason) == (sam_staff, "Hospitalised in December")
    assert entry.data["previous_deadline"] == DEADLINE.isoformat()


def test_a_reopened_evaluation_is_announced_once_and_can_be_submitted(
    evaluation, dana, sam_staff, run_tasks
):
    reopened_at = DEADLINE + dt.timedelta(days=3)
    with time_machine.travel(reopened_at, tick=False):
        reopen_evaluation(evaluation, actor=sam_staff, reason="Missed the email", days=10)
        run_tasks()
        run_tasks()
        submitted = submit_evaluation(
            evaluation, user=dana, answers=answers(evaluation), attested=True
        )

    [email] = sent_to("dana@example.com", "open again")
    assert "Complete it by" in email.body
    assert submitted.status == Evaluation.SUBMITTED


def test_a_reopened_evaluation_is_reminded_before_its_new_deadline_only(
    evaluation, sam_staff, run_tasks
):
    run_at(DEADLINE - dt.timedelta(days=1), run_tasks)
    reopened_at = DEADLINE + dt.timedelta(days=3)
    with time_machine.travel(reopened_at, tick=False):
        reopened = reopen_evaluation(evaluation, actor=sam_staff, reason="Asked by phone")

    run_at(reopened.deadline - dt.timedelta(days=1), run_tasks)

    assert reminders() == [
        "One week left: your evaluation for Grief and Loss",
        "Last day: your evaluation for Grief and Loss",
        "Last day: your evaluation for Grief and Loss",
    ]


def test_reopening_needs_a_reason(evaluation, sam_staff):
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(DomainError) as refusal:
        reopen_evaluation(evaluation, actor=sam_staff, reason="  ")

    assert (refusal.value.code, refusal.value.field) == ("reason_required", "reason")


@pytest.mark.parametrize("days", [0, 366])
def test_reopening_for_no_days_or_more_than_a_year_is_refused(evaluation, sam_staff, days):
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(DomainError) as refusal:
        reopen_evaluation(evaluation, actor=sam_staff, reason="Asked by email", days=days)

    assert (refusal.value.code, refusal.value.field) == ("days_invalid", "days")
    assert refusal.value.message == "Choose between 1 and 365 days."
    evaluation.refresh_from_db()
    assert evaluation.deadline == DEADLINE and evaluation.reopened_at is None
    assert not AuditEntry.objects.filter(action="evaluation.reopened").exists()


def test_an_open_evaluation_cannot_be_reopened(evaluation, sam_staff):
    with (
        time_machine.travel(DEADLINE - dt.timedelta(days=1), tick=False),
        pytest.raises(DomainError) as refusal,
    ):
        reopen_evaluation(evaluation, actor=sam_staff, reason="Extend")

    assert refusal.value.code == "not_closed"


def test_a_submitted_evaluation_cannot_be_reopened(evaluation, dana, sam_staff):
    with time_machine.travel(IMPORTED + dt.timedelta(days=1), tick=False):
        submit_evaluation(evaluation, user=dana, answers=answers(evaluation), attested=True)
    with time_machine.travel(DEADLINE, tick=False), pytest.raises(DomainError) as refusal:
        reopen_evaluation(evaluation, actor=sam_staff, reason="Again")

    assert refusal.value.code == "already_submitted"
