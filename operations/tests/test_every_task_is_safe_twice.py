"""Every background task is safe to run twice (a worker killed after the work but before
recording it runs it again). Each task has a test that runs it twice and checks that the
second run changed nothing; this module lists them, so a new task without one fails here."""

from __future__ import annotations

import datetime as dt
import importlib
import subprocess
from pathlib import Path

import pytest
import time_machine
from django.core import mail
from django_tasks.base import Task

from accounts.invitations import find_or_invite, send_invitation
from core.email import send_email
from core.models import OutgoingEmail
from core.outgoing import deliver_email
from events.tasks import send_registration_message
from meetings.models import SimulatedConnection
from tests.factories import EventFactory, RegistrationFactory

ROOT = Path(__file__).resolve().parents[2]

# task path -> the test that runs it twice ("module::function").
RUN_TWICE_TESTS = {
    "accounts.invitations.send_invitation": (
        "operations.tests.test_every_task_is_safe_twice::test_an_invitation_sent_twice_arrives_once"
    ),
    "attendance.tasks.decide_again": (
        "certificates.tests.test_hours_lineage::test_deciding_again_twice_writes_one_new_version"
    ),
    "attendance.tasks.collect_attendance": (
        "operations.tests.test_every_task_is_safe_twice::"
        "test_collecting_the_simulated_room_twice_stores_its_connections_once"
    ),
    "certificates.tasks.issue_certificate_task": (
        "certificates.tests.test_issuance::"
        "test_issuing_twice_returns_the_same_certificate_and_sends_one_email"
    ),
    "core.outgoing.deliver_email": (
        "operations.tests.test_every_task_is_safe_twice::test_a_message_delivered_twice_arrives_once"
    ),
    "evaluations.tasks.check_attendance_arrived": (
        "evaluations.tests.test_alerts::"
        "test_no_data_20_hours_after_the_end_alerts_every_staff_member_once"
    ),
    "evaluations.mailing.send_evaluation_email": (
        "evaluations.tests.test_issuance::test_the_invitation_task_run_twice_sends_one_email"
    ),
    "evaluations.mailing.send_evaluation_reminder": (
        "evaluations.tests.test_deadlines::test_a_reminder_task_run_twice_sends_one_email"
    ),
    "evaluations.tasks.sync_evaluations": (
        "evaluations.tests.test_issuance::"
        "test_running_the_sync_twice_issues_one_evaluation_and_sends_one_email"
    ),
    "events.tasks.send_event_reminder": (
        "events.tests.test_reminders::test_a_reminder_task_run_twice_sends_one_email"
    ),
    "events.tasks.send_registration_message": (
        "operations.tests.test_every_task_is_safe_twice::"
        "test_a_registration_message_sent_twice_arrives_once"
    ),
    "meetings.tasks.cancel_with_provider": (
        "meetings.tests.test_tasks_run_twice::test_cancelling_twice_cancels_once"
    ),
    "meetings.tasks.process_zoom_notification": (
        "meetings.tests.test_tasks_run_twice::test_a_notification_processed_twice_counts_once"
    ),
    "meetings.tasks.register_with_provider": (
        "meetings.tests.test_tasks_run_twice::test_registering_twice_adds_one_registrant"
    ),
    "meetings.tasks.sync_meeting": (
        "meetings.tests.test_tasks_run_twice::test_syncing_twice_creates_one_webinar"
    ),
}


def project_tasks() -> set[str]:
    """Every task defined in the project's own code (tests excluded)."""
    files = subprocess.run(
        ["git", "grep", "-l", "@task(", "--", "*.py", ":!*/tests/*"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split()
    found = set()
    for file in files:
        module = importlib.import_module(file.removesuffix(".py").replace("/", "."))
        for value in vars(module).values():
            if isinstance(value, Task) and value.func.__module__ == module.__name__:
                found.add(value.module_path)
    return found


def test_every_task_has_a_test_that_runs_it_twice():
    assert project_tasks() == set(RUN_TWICE_TESTS)
    for node in RUN_TWICE_TESTS.values():
        module, function = node.split("::")
        assert callable(getattr(importlib.import_module(module), function, None)), node


@pytest.fixture
def queued_mail(settings):
    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"


def test_a_message_delivered_twice_arrives_once(db, queued_mail):
    send_email("account_deleted", ["dana@example.com"], {"name": "Dana"})
    email = OutgoingEmail.objects.get()
    assert deliver_email.call(email.pk) == "delivered"
    assert deliver_email.call(email.pk) == "skipped: already delivered"
    assert len(mail.outbox) == 1


def test_a_registration_message_sent_twice_arrives_once(dana, queued_mail):
    registration = RegistrationFactory(event=EventFactory(), user=dana)
    send_registration_message.call(registration.pk, "confirmed")
    send_registration_message.call(registration.pk, "confirmed")
    assert OutgoingEmail.objects.count() == 1


def test_an_invitation_sent_twice_arrives_once(db, queued_mail, sam_staff):
    user, created = find_or_invite(
        "new.person@example.com",
        first_name="New",
        last_name="Person",
        actor=sam_staff,
        event_title="Ethics",
    )
    assert created
    send_invitation.call(user.pk, "Ethics")
    send_invitation.call(user.pk, "Ethics")
    assert OutgoingEmail.objects.filter(recipients=["new.person@example.com"]).count() == 1


def test_collecting_the_simulated_room_twice_stores_its_connections_once(dana):
    from attendance.models import Connection
    from attendance.tasks import collect_attendance

    start = dt.datetime(2026, 11, 2, 15, 0, tzinfo=dt.UTC)
    event = EventFactory(
        start=start, end=start + dt.timedelta(hours=1), meeting_provider="simulated"
    )
    registration = RegistrationFactory(event=event, user=dana)
    SimulatedConnection.objects.create(
        registration=registration,
        joined_at=start - dt.timedelta(minutes=2),
        last_seen_at=event.end,
        left_at=event.end + dt.timedelta(minutes=1),
    )
    with time_machine.travel(event.end + dt.timedelta(minutes=10), tick=False):
        collect_attendance.call(event.pk)
        rows = list(Connection.objects.filter(event=event).values_list("pk", "join", "leave"))
        collect_attendance.call(event.pk)
    assert len(rows) == 1
    assert list(Connection.objects.filter(event=event).values_list("pk", "join", "leave")) == rows
