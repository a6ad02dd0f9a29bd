"""What the background machinery is doing, read for staff: queued, running and failed tasks,
undelivered mail and the workers, each with its age and last error."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Q, QuerySet
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.durable.retry import attempts, policy_for
from core.models import OutgoingEmail, PeriodicJobRun, WorkerHeartbeat

# Task paths in words, for staff; an unknown task shows its function name.
TASK_NAMES = {
    "core.outgoing.deliver_email": "Deliver an email",
    "evaluations.tasks.sync_evaluations": "Issue evaluations after attendance",
    "evaluations.mailing.send_evaluation_email": "Send an evaluation email",
    "evaluations.mailing.send_evaluation_reminder": "Send an evaluation reminder",
    "evaluations.tasks.check_attendance_arrived": "Check that attendance arrived (20 h)",
    "certificates.tasks.issue_certificate_task": "Issue a certificate",
    "attendance.tasks.collect_attendance": "Collect attendance after the event",
    "events.tasks.send_registration_message": "Send a registration email",
    "events.tasks.send_event_reminder": "Send an event reminder",
    "accounts.invitations.send_invitation": "Send an account invitation",
}


def task_label(task_path: str) -> str:
    return TASK_NAMES.get(task_path) or task_path.rsplit(".", 1)[-1].replace("_", " ").capitalize()


def last_error_line(traceback: str) -> str:
    """The exception line of a traceback: what staff need to read first."""
    lines = [line for line in traceback.strip().splitlines() if line.strip()]
    return lines[-1].strip()[:300] if lines else ""


@dataclass
class TaskRow:
    result: DBTaskResult
    label: str
    attempts: int
    max_attempts: int
    error: str

    @property
    def waiting_until(self) -> dt.datetime | None:
        return self.result.run_after if self.result.run_after.year < 9999 else None


def _rows(results: QuerySet[DBTaskResult]) -> list[TaskRow]:
    return [
        TaskRow(
            result=result,
            label=task_label(result.task_path),
            attempts=attempts(result),
            max_attempts=policy_for(result.task_path).max_attempts,
            error=last_error_line(result.traceback),
        )
        for result in results
    ]


def failing_tasks() -> QuerySet[DBTaskResult]:
    """Given up (FAILED) or waiting for another try after a failure."""
    return DBTaskResult.objects.filter(
        Q(status=TaskResultStatus.FAILED)
        | (Q(status=TaskResultStatus.READY) & ~Q(exception_class_path=""))
    )


def undelivered_emails() -> QuerySet[OutgoingEmail]:
    """Mail not yet accepted by the mail server, older than a minute (a fresh message is
    simply in the queue)."""
    return OutgoingEmail.objects.filter(
        sent_at__isnull=True, created_at__lt=timezone.now() - dt.timedelta(minutes=1)
    )


@dataclass
class Overview:
    queued: list[TaskRow]
    queued_count: int
    running: list[TaskRow]
    retrying: list[TaskRow]
    failed: list[TaskRow]
    emails: list[OutgoingEmail]
    email_count: int
    workers: list[WorkerHeartbeat]
    jobs: list[PeriodicJobRun]
    lease: dt.timedelta

    @property
    def problem_count(self) -> int:
        return len(self.failed) + len(self.retrying) + self.email_count


LIST_LIMIT = 100


def overview() -> Overview:
    now = timezone.now()
    ready = DBTaskResult.objects.ready().filter(exception_class_path="")
    lease = dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    return Overview(
        queued=_rows(ready.order_by("enqueued_at")[:LIST_LIMIT]),
        queued_count=ready.count(),
        running=_rows(DBTaskResult.objects.running().order_by("started_at")[:LIST_LIMIT]),
        retrying=_rows(
            DBTaskResult.objects.filter(status=TaskResultStatus.READY)
            .exclude(exception_class_path="")
            .order_by("enqueued_at")[:LIST_LIMIT]
        ),
        failed=_rows(DBTaskResult.objects.failed().order_by("-finished_at")[:LIST_LIMIT]),
        emails=list(undelivered_emails().order_by("created_at")[:LIST_LIMIT]),
        email_count=undelivered_emails().count(),
        workers=list(WorkerHeartbeat.objects.filter(last_seen_at__gte=now - lease)),
        jobs=list(PeriodicJobRun.objects.all()),
        lease=lease,
    )


def problem_count() -> int:
    """For the staff dashboard: failed or retrying tasks and undelivered mail."""
    return failing_tasks().count() + undelivered_emails().count()
