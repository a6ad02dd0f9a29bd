"""Issuance: every eligible registrant gets exactly one evaluation and one email, within 24
hours of the event's end, once attendance is decided (design rule 7)."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.conf import settings
from django.core import mail

from attendance.services.deciding import decide_event
from evaluations.defaults import DEFAULT_TEMPLATE_NAME
from evaluations.mailing import send_evaluation_email
from evaluations.models import Evaluation, EventEvaluation
from evaluations.services import issue_evaluation, sync_event_evaluations
from evaluations.tasks import sync_evaluations
from evaluations.tests.attendance_helpers import (
    END,
    IMPORTED,
    START,
    connect,
    decide_and_run,
    ended_event,
    register,
    run_at,
    sent_to,
)
from meetings.models import SimulatedConnection
from tests.factories import EventFactory, UserFactory
from tests.lifecycle import schedule_after_end


@pytest.fixture
def event(db):
    return ended_event(title="Trauma-Informed Care")


def test_eligible_attendees_get_one_evaluation_and_one_email_within_24_hours_of_the_end(
    dana, omar, run_tasks
):
    """The whole path: the simulated room's data is collected 5 minutes after the end, the
    decisions are taken, and the evaluations go out at once."""
    with time_machine.travel(START - dt.timedelta(days=2), tick=False):
        event = EventFactory(start=START, end=END, title="Trauma-Informed Care")
        schedule_after_end(event)
        dana_registration = register(event, dana)
        register(event, omar)
        SimulatedConnection.objects.create(
            registration=dana_registration,
            joined_at=START - dt.timedelta(minutes=3),
            last_seen_at=END,
            left_at=END + dt.timedelta(minutes=1),
        )

    run_at(IMPORTED, run_tasks)

    evaluation = Evaluation.objects.get()
    assert evaluation.registration == dana_registration
    assert evaluation.issued_at - END < dt.timedelta(hours=24)
    [email] = mail.outbox
    assert email.to == ["dana@example.com"]
    assert email.subject == "Your evaluation for Trauma-Informed Care is ready"
    assert f"{settings.SITE_URL}/wallet/evaluations/{evaluation.pk}/" in email.body
    assert evaluation.issue_email_sent_at is not None


def test_people_who_did_not_attend_the_entire_event_get_no_evaluation(event, dana, omar, run_tasks):
    connect(event, register(event, dana))
    connect(event, register(event, omar), 0, 90)  # left half an hour early

    decide_and_run(event, run_tasks)

    assert list(Evaluation.objects.values_list("registration__user__email", flat=True)) == [
        "dana@example.com"
    ]
    assert sent_to("omar@example.com") == []


def test_attendance_needing_review_gets_no_evaluation_yet(event, dana, run_tasks):
    registration = register(event, dana)
    connect(event, registration)
    connect(event, registration, 10, 121, name="Front desk laptop")  # someone else watching?

    decide_and_run(event, run_tasks)

    assert not Evaluation.objects.exists()


def test_running_the_sync_twice_issues_one_evaluation_and_sends_one_email(event, dana, run_tasks):
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks)

    with time_machine.travel(IMPORTED + dt.timedelta(minutes=1), tick=False):
        sync_evaluations.call(event.pk)
        sync_evaluations.call(event.pk)
        run_tasks()
        run_tasks()

    assert Evaluation.objects.count() == 1
    assert len(mail.outbox) == 1


def test_the_invitation_task_run_twice_sends_one_email(event, dana, run_tasks):
    connect(event, register(event, dana))
    decide_and_run(event, run_tasks)
    evaluation = Evaluation.objects.get()

    with time_machine.travel(IMPORTED, tick=False):
        assert send_evaluation_email.call(evaluation.pk, "issued") == "skipped: already sent"

    assert len(mail.outbox) == 1


def test_issuing_again_returns_the_same_evaluation(event, dana, run_tasks):
    registration = register(event, dana)
    connect(event, registration)
    decide_and_run(event, run_tasks)

    with time_machine.travel(IMPORTED, tick=False):
        again = issue_evaluation(registration)
        run_tasks()

    assert again == Evaluation.objects.get()
    assert len(mail.outbox) == 1


def test_issue_evaluation_returns_nothing_for_someone_not_eligible(event, dana):
    registration = register(event, dana)
    connect(event, registration, 5, 121)
    with time_machine.travel(IMPORTED, tick=False):
        decide_event(event)
        assert issue_evaluation(registration) is None


def test_nobody_gets_an_evaluation_before_attendance_is_decided(event, dana):
    registration = register(event, dana)
    with time_machine.travel(IMPORTED, tick=False):
        assert issue_evaluation(registration) is None
        assert sync_event_evaluations(event) == (0, 0)


def test_an_event_without_settings_is_evaluated_with_the_default_template(event, dana, run_tasks):
    connect(event, register(event, dana))

    decide_and_run(event, run_tasks)

    setup = EventEvaluation.objects.get(event=event)
    assert setup.template.name == DEFAULT_TEMPLATE_NAME
    assert Evaluation.objects.get().template == setup.template


def test_the_invitation_gives_the_deadline_in_the_attendees_time_zone(event, dana, run_tasks):
    connect(event, register(event, dana))

    decide_and_run(event, run_tasks)

    # Issued Dec 1, 17:05 UTC; due 30 days later, 9:05 AM in Los Angeles.
    [email] = mail.outbox
    assert "Complete it by Thursday, December 31, 2026, 9:05 AM PST" in email.body


def test_each_attendee_gets_only_their_own_invitation(event, dana, run_tasks):
    others = [UserFactory() for _ in range(3)]
    for user in [dana, *others]:
        connect(event, register(event, user))

    decide_and_run(event, run_tasks)

    assert Evaluation.objects.count() == 4
    assert sorted(m.to[0] for m in mail.outbox) == sorted(u.email for u in [dana, *others])
