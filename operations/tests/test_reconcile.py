"""The reconciler derives from the data what must exist and creates what is missing, once."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
import time_machine
from django.core import mail
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from certificates.models import Certificate
from core.models import OutgoingEmail
from evaluations.models import Evaluation, ReminderLog
from evaluations.tests.attendance_helpers import IMPORTED, connect, register
from events.models import ReminderSent
from operations.reconcile import reconcile
from tests.factories import EventFactory, RegistrationFactory, UserFactory

SOON = IMPORTED + dt.timedelta(days=1)
LATER = IMPORTED + dt.timedelta(days=2)


def reconcile_command(*args: str) -> str:
    out = StringIO()
    call_command("reconcile", *args, stdout=out)
    return out.getvalue()


def lose_queued_tasks() -> None:
    """What a crash before django-tasks-db's fix looked like: the work item is gone."""
    DBTaskResult.objects.all().delete()


@pytest.fixture
def submitted(submit):
    """Submit an evaluation the day after the event (its certificate task queued, not run)."""

    def make(event, user):
        with time_machine.travel(SOON, tick=False):
            return submit(event, user)

    return make


@pytest.fixture
def later():
    with time_machine.travel(LATER, tick=False):
        yield


def test_dry_run_names_a_missing_certificate_and_a_real_run_creates_it_once(
    event, dana, submitted, later
):
    evaluation = submitted(event, dana)
    lose_queued_tasks()  # the certificate task never ran

    output = reconcile_command("--dry-run")
    assert f"would fix: evaluation {evaluation.pk} of Dana Whitfield" in output
    assert "was submitted but has no certificate" in output
    assert not Certificate.objects.exists()

    output = reconcile_command()
    assert "fixed: evaluation" in output
    certificate = Certificate.objects.get()
    assert certificate.evaluation == evaluation
    assert [m.to for m in mail.outbox if "certificate is ready" in m.subject] == [[dana.email]]

    assert reconcile_command() == "Nothing is missing.\n"
    assert Certificate.objects.count() == 1


def test_an_eligible_attendee_without_an_evaluation_gets_one(event, dana, run_tasks):
    from attendance.services.deciding import decide_event

    registration = register(event, dana)
    connect(event, registration)
    with time_machine.travel(IMPORTED, tick=False):
        decide_event(event)
    lose_queued_tasks()  # the sync task was lost with its worker
    with time_machine.travel(LATER, tick=False):
        [finding] = reconcile(dry_run=True)
        assert finding.kind == "evaluation" and "1 eligible attendee(s)" in finding.description
        reconcile()
        evaluation = Evaluation.objects.get(registration=registration)
        assert reconcile() == []
    with time_machine.travel(LATER, tick=False):
        run_tasks()
    assert evaluation.status == Evaluation.ISSUED
    assert len([m for m in mail.outbox if dana.email in m.to]) == 1


def test_an_issued_evaluation_whose_email_never_went_out_is_announced(
    event, dana, open_evaluation, run_tasks
):
    evaluation = open_evaluation(event, dana)
    Evaluation.objects.filter(pk=evaluation.pk).update(issue_email_sent_at=None)
    mail.outbox.clear()
    with time_machine.travel(LATER, tick=False):
        [finding] = reconcile()
        assert "“evaluation issued” email" in finding.description
        run_tasks()
        assert reconcile() == []
    assert [m.to for m in mail.outbox] == [[dana.email]]


def test_recent_work_is_left_to_the_task_already_doing_it(event, dana, submitted):
    submitted(event, dana)
    lose_queued_tasks()
    with time_machine.travel(SOON + dt.timedelta(minutes=5), tick=False):
        assert reconcile() == []  # submitted five minutes ago
        assert len(reconcile(grace=dt.timedelta(0))) == 1


def test_a_queued_certificate_task_is_not_doubled(event, dana, submitted, later):
    submitted(event, dana)  # its certificate task is queued, not yet run
    assert reconcile() == []


def test_a_due_event_reminder_that_was_never_sent_is_sent_and_a_stale_one_is_not(db, run_tasks):
    now = timezone.now()
    soon = EventFactory(start=now + dt.timedelta(hours=12), end=now + dt.timedelta(hours=14))
    passed = EventFactory(start=now + dt.timedelta(minutes=30), end=now + dt.timedelta(hours=2))
    early = {"registered_at": now - dt.timedelta(days=3)}
    due = RegistrationFactory(event=soon, user=UserFactory(), **early)
    RegistrationFactory(event=passed, user=UserFactory(), **early)
    lose_queued_tasks()

    found = reconcile()

    # The 24-hour reminder of the event 12 hours away is due; for the event in 30 minutes the
    # 1-hour reminder is the one due, and the 24-hour one is no longer worth sending.
    assert sorted(f.description.split(" event reminder")[0] for f in found) == [
        "the 1h",
        "the 24h",
    ]
    run_tasks()
    assert ReminderSent.objects.filter(registration=due, kind="24h").exists()
    assert not ReminderSent.objects.filter(kind="24h").exclude(registration=due).exists()
    assert reconcile() == []


def test_a_due_evaluation_reminder_that_was_never_sent_is_sent(
    event, dana, open_evaluation, run_tasks
):
    evaluation = open_evaluation(event, dana)
    lose_queued_tasks()
    with time_machine.travel(evaluation.deadline - dt.timedelta(days=5), tick=False):
        [finding] = reconcile()
        assert "7d evaluation reminder" in finding.description
        run_tasks()
        assert ReminderLog.objects.filter(evaluation=evaluation, kind="7d").count() == 1
        assert reconcile() == []


def test_an_undelivered_message_whose_delivery_was_lost_is_queued_again(db, settings, run_tasks):
    from core.email import send_email

    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_email("account_deleted", ["dana@example.com"], {"name": "Dana"})
    lose_queued_tasks()
    with time_machine.travel(timezone.now() + dt.timedelta(hours=1), tick=False):
        [finding] = reconcile()
        assert finding.kind == "delivery"
        run_tasks()
    assert OutgoingEmail.objects.get().sent_at is not None
    assert len(mail.outbox) == 1


def test_a_reconcile_that_finds_nothing_costs_the_same_few_queries_at_any_size(
    event, dana, omar, submitted, run_tasks
):
    def queries() -> int:
        with time_machine.travel(LATER, tick=False), CaptureQueriesContext(connection) as run:
            assert reconcile() == []
        return len(run.captured_queries)

    submitted(event, dana)
    with time_machine.travel(SOON, tick=False):
        run_tasks()
    one = queries()
    for index in range(3):
        submitted(event, UserFactory(email=f"more{index}@example.com"))
    submitted(event, omar)
    with time_machine.travel(SOON, tick=False):
        run_tasks()
    assert queries() == one <= 12


def test_the_command_refuses_a_negative_grace():
    with pytest.raises(CommandError, match="zero or more"):
        call_command("reconcile", "--grace-minutes", "-1")
