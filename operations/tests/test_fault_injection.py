"""Fault injection with real worker processes, killed by PID in the middle of the live loop's
work: whatever the moment, once a worker runs again every promise is kept exactly once, and
nothing stays RUNNING."""

from __future__ import annotations

import datetime as dt
import hashlib
import time

import pytest
from django.conf import settings
from django.db import connection
from django.test import override_settings
from django_tasks_db.models import DBTaskResult

from attendance.models import AttendanceImport, Connection
from attendance.services.deciding import decide_event
from certificates.models import Certificate
from certificates.tests.conftest import ANSWERS
from core.email import send_email
from core.models import OutboxMessage, OutgoingEmail, WorkerHeartbeat
from core.tests.smtp_servers import free_port, working_server
from evaluations.models import Evaluation
from evaluations.services import submit_evaluation
from evaluations.tests.attendance_helpers import END, START, ended_event
from operations.tests.tcpproxy import TcpProxy
from operations.tests.workers import WorkerProcess, database_url, wait_until
from tests.factories import RegistrationFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


def attended_in_full(event, count: int) -> list:
    """`count` registrants, each with one connection covering the whole event."""
    record = AttendanceImport.objects.create(event=event, content_sha256="f" * 64, format="test")
    registrations = []
    for index in range(count):
        user = UserFactory(email=f"attendee{index}@example.com")
        registration = RegistrationFactory(event=event, user=user)
        Connection.objects.create(
            event=event,
            attendance_import=record,
            identity_key=hashlib.sha256(f"{event.pk}-{index}".encode()).hexdigest(),
            source="test.csv",
            line=index + 1,
            join=START - dt.timedelta(minutes=2),
            leave=END + dt.timedelta(minutes=1),
            registration=registration,
            match_method="email",
            name=registration.name,
        )
        registrations.append(registration)
    return registrations


def unfinished() -> int:
    """Tasks due or running now (scheduled reminders wait for their time and don't count)."""
    return DBTaskResult.objects.ready().count() + DBTaskResult.objects.running().count()


def running_task(path: str) -> DBTaskResult | None:
    return DBTaskResult.objects.running().filter(task_path=path).first()


@pytest.fixture
def workers():
    started: list[WorkerProcess] = []

    def start(**env: str) -> WorkerProcess:
        worker = WorkerProcess(**env).start()
        started.append(worker)
        return worker

    yield start
    for worker in started:
        worker.stop()


def test_a_worker_killed_while_issuing_evaluations_leaves_nobody_without_one(workers):
    event = ended_event(title="Motivational Interviewing")
    registrations = attended_in_full(event, 300)
    decide_event(event)  # queues the evaluation sync, as an import does
    first = workers()
    wait_until(
        lambda: running_task("evaluations.tasks.sync_evaluations") is not None,
        timeout=60,
        what="the worker is issuing evaluations",
        worker=first,
    )
    first.kill()

    interrupted = DBTaskResult.objects.get(task_path="evaluations.tasks.sync_evaluations")
    assert interrupted.status == "RUNNING", "the issuance finished before the kill"
    assert Evaluation.objects.count() < len(registrations)

    second = workers()
    wait_until(
        lambda: Evaluation.objects.count() == len(registrations) and unfinished() == 0,
        timeout=120,
        what="every evaluation is issued and announced",
        worker=second,
    )
    interrupted.refresh_from_db()
    assert interrupted.status == "SUCCESSFUL"
    assert len(interrupted.worker_ids) == 2  # the killed try, then the one that finished
    assert not DBTaskResult.objects.running().exists()
    assert set(Evaluation.objects.values_list("registration_id", flat=True)) == {
        r.pk for r in registrations
    }
    invitations = OutboxMessage.objects.filter(subject__startswith="Your evaluation")
    delivered_to = sorted(address for message in invitations for address in message.to)
    assert delivered_to == sorted(r.user.email for r in registrations)  # once each


def test_a_worker_killed_while_issuing_certificates_leaves_no_submission_without_one(workers):
    event = ended_event(title="Ethics for Supervisors", learning_objectives=["Describe"])
    registrations = attended_in_full(event, 150)
    decide_event(event)
    first = workers()
    wait_until(
        lambda: Evaluation.objects.count() == len(registrations) and unfinished() == 0,
        timeout=120,
        what="the evaluations are issued",
        worker=first,
    )
    for evaluation in Evaluation.objects.select_related("registration__user"):
        submit_evaluation(
            evaluation, user=evaluation.registration.user, answers=ANSWERS, attested=True
        )
    wait_until(
        lambda: Certificate.objects.count() >= 40,
        timeout=120,
        what="certificates are being issued",
        worker=first,
    )
    first.kill()
    assert Certificate.objects.count() < len(registrations)

    second = workers()
    wait_until(
        lambda: Certificate.objects.count() == len(registrations) and unfinished() == 0,
        timeout=180,
        what="every submitted evaluation has its certificate",
        worker=second,
    )
    assert not DBTaskResult.objects.running().exists()
    assert sorted(Certificate.objects.values_list("evaluation_id", flat=True)) == sorted(
        Evaluation.objects.values_list("pk", flat=True)
    )
    ready = OutboxMessage.objects.filter(subject__startswith="Your certificate is ready")
    assert sorted(a for m in ready for a in m.to) == sorted(r.user.email for r in registrations)
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()


def test_a_worker_killed_mid_email_stream_delivers_every_message_after_restart(workers):
    """The worker dies while the mail server is accepting message 20 of 40: that message's
    reply never reached it, so it is sent again after the restart, with the same Message-ID
    (which mail systems use to drop the copy); every other message is delivered exactly once."""
    port = free_port()
    killed: list[str] = []
    first = None

    def kill_on_twentieth(message) -> None:
        if len(collector.messages) == 20 and not killed:
            killed.append(message["Message-ID"])
            first.kill()

    controller, collector = working_server(port, on_message=kill_on_twentieth)
    try:
        with override_settings(EMAIL_BACKEND="core.outgoing.QueuedEmailBackend"):
            for index in range(40):
                send_email("account_deleted", [f"person{index}@example.com"], {"name": f"P{index}"})
        smtp_env = {"EMAIL_URL": f"smtp://127.0.0.1:{port}"}
        first = workers(**smtp_env)
        wait_until(lambda: bool(killed), timeout=60, what="message 20 arrives", worker=first)
        assert OutgoingEmail.objects.filter(sent_at__isnull=True).count() > 20

        second = workers(**smtp_env)
        wait_until(
            lambda: (
                not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
                and unfinished() == 0
            ),
            timeout=60,
            what="every message is delivered",
            worker=second,
        )
    finally:
        controller.stop()
    ids = collector.message_ids()
    expected = set(OutgoingEmail.objects.values_list("message_id", flat=True))
    assert set(ids) == expected and len(expected) == 40
    twice = {message_id for message_id in ids if ids.count(message_id) > 1}
    assert twice <= set(killed)
    assert not DBTaskResult.objects.running().exists()


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="the outage is a TCP proxy in front of PostgreSQL; SQLite is a local file",
)
def test_the_worker_survives_a_database_outage_and_finishes_the_work_queued_meanwhile(workers):
    params = connection.settings_dict
    proxy = TcpProxy((params.get("HOST") or "127.0.0.1", int(params.get("PORT") or 5432)))
    try:
        url = database_url().replace(f":{params.get('PORT') or 5432}/", f":{proxy.port}/")
        worker = workers(DATABASE_URL=url)
        wait_until(
            lambda: WorkerHeartbeat.objects.exists(),
            timeout=30,
            what="the worker beats",
            worker=worker,
        )
        proxy.outage()
        with override_settings(EMAIL_BACKEND="core.outgoing.QueuedEmailBackend"):
            send_email("account_deleted", ["during@example.com"], {"name": "During"})
        time.sleep(12)  # the database stays away for 12 seconds
        assert worker.process.poll() is None, worker.output()
        proxy.restore()
        wait_until(
            lambda: OutboxMessage.objects.filter(to=["during@example.com"]).exists(),
            timeout=60,
            what="the message queued during the outage is delivered",
            worker=worker,
        )
        assert worker.process.poll() is None
        assert "The database is unavailable" in worker.output(tail=None)
    finally:
        proxy.close()


def test_with_two_workers_the_survivor_finishes_what_the_killed_one_started(workers):
    """Several workers share the queue (SKIP LOCKED on PostgreSQL); when one dies the other
    sweeps its task back into the queue and runs it, and no task runs on both."""
    event = ended_event(title="Group Therapy Basics")
    registrations = attended_in_full(event, 300)
    decide_event(event)
    doomed, survivor = workers(), workers()
    wait_until(
        lambda: running_task("evaluations.tasks.sync_evaluations") is not None,
        timeout=60,
        what="a worker is issuing evaluations",
        worker=doomed,
    )
    task = running_task("evaluations.tasks.sync_evaluations")
    holder = doomed if task.worker_ids[-1] == doomed.worker_id else survivor
    other = survivor if holder is doomed else doomed
    holder.kill()

    wait_until(
        lambda: Evaluation.objects.count() == len(registrations) and unfinished() == 0,
        timeout=120,
        what="the surviving worker issues every evaluation",
        worker=other,
    )
    task.refresh_from_db()
    assert task.status == "SUCCESSFUL" and len(task.worker_ids) == 2
    assert task.worker_ids[0] != task.worker_ids[1]
    invitations = OutboxMessage.objects.filter(subject__startswith="Your evaluation")
    assert invitations.count() == len(registrations)
