"""Fault injection with real worker processes, killed by PID in the middle of the live loop's
work: whatever the moment, once a worker runs again every promise is kept exactly once, and
nothing stays RUNNING."""

from __future__ import annotations

import datetime as dt
import hashlib

import pytest
from django_tasks_db.models import DBTaskResult

from attendance.models import AttendanceImport, Connection
from attendance.services.deciding import decide_event
from certificates.models import Certificate
from certificates.tests.conftest import ANSWERS
from core.models import OutboxMessage, OutgoingEmail
from evaluations.models import Evaluation
from evaluations.services import submit_evaluation
from evaluations.tests.attendance_helpers import END, START, ended_event
from operations.tests.workers import WorkerProcess, wait_until
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
