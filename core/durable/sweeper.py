"""Finding work that a dead worker left RUNNING, and failed work that still has tries left."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from core.durable.retry import retry_or_give_up
from core.models import WorkerHeartbeat

WORKER_LOST = "core.durable.WorkerLost"
# Heartbeats of workers gone this long are only history; they are deleted.
FORGET_WORKERS_AFTER = dt.timedelta(days=1)
# A failure whose retry could not be scheduled (the database went away just then) is found by
# a sweep within this long.
RETRY_MISSED_WITHIN = dt.timedelta(days=1)


@dataclass
class SweepResult:
    requeued: int = 0
    failed: int = 0
    retried: int = 0

    def __str__(self) -> str:
        return (
            f"{self.requeued} interrupted task(s) queued again, {self.failed} given up, "
            f"{self.retried} failed task(s) queued for another try"
        )


def is_interrupted(
    result: DBTaskResult, live: dict[str, WorkerHeartbeat], now: dt.datetime
) -> bool:
    """A RUNNING task is interrupted when its worker stopped beating, or when its worker beats
    but is no longer running it (the worker lost its database while recording the outcome and
    moved on). The second case waits a lease, so a task claimed a moment before the worker's
    next beat is not mistaken for an orphan."""
    worker_id = result.worker_ids[-1] if result.worker_ids else ""
    heartbeat = live.get(worker_id)
    if heartbeat is None:
        return True
    if heartbeat.current_task_id is not None and str(heartbeat.current_task_id) == str(result.pk):
        return False
    lease = dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    return result.started_at is None or result.started_at < now - lease


def sweep_interrupted_tasks() -> SweepResult:
    """Return interrupted tasks to the queue (or to FAILED once out of tries), and give failed
    tasks whose retry was never scheduled (the database went away just then) their retry."""
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    live = {
        heartbeat.worker_id: heartbeat
        for heartbeat in WorkerHeartbeat.objects.filter(last_seen_at__gte=now - lease)
    }
    outcome = SweepResult()
    for result in DBTaskResult.objects.running():
        if not is_interrupted(result, live, now):
            continue
        worker_id = result.worker_ids[-1] if result.worker_ids else "unknown"
        # The condition on started_at makes this a no-op if the row moved on meanwhile.
        marked = DBTaskResult.objects.filter(
            pk=result.pk, status=TaskResultStatus.RUNNING, started_at=result.started_at
        ).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path=WORKER_LOST,
            traceback=(
                f"Interrupted: worker {worker_id} stopped while running this task "
                f"(started {result.started_at:%Y-%m-%d %H:%M:%S} UTC)."
            ),
        )
        if not marked:
            continue
        if retry_or_give_up(result):
            outcome.requeued += 1
        else:
            outcome.failed += 1
    # Only recent failures: an older one has had its chance, and the list of old failures (kept
    # for staff) need not be read every sweep.
    recent = DBTaskResult.objects.failed().filter(finished_at__gte=now - RETRY_MISSED_WITHIN)
    for result in recent:
        if result.finished_at > now - lease:
            continue  # its worker is deciding about it right now
        if retry_or_give_up(result):
            outcome.retried += 1
    WorkerHeartbeat.objects.filter(last_seen_at__lt=now - FORGET_WORKERS_AFTER).delete()
    return outcome
