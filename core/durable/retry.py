"""How often a failed task is tried again, and how long to wait between tries."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult


@dataclass(frozen=True)
class RetryPolicy:
    max_attempts: int
    base_seconds: float
    cap_seconds: float

    def delay(self, attempt: int) -> dt.timedelta:
        """Exponential backoff (×4 a try) with ±20 % jitter, so a queue of tasks that failed
        together (a mail outage) does not retry as one thundering herd."""
        seconds = min(self.cap_seconds, self.base_seconds * 4 ** max(0, attempt - 1))
        return dt.timedelta(seconds=seconds * random.uniform(0.8, 1.2))


# Tasks whose failures are usually an outage of something outside (the mail server) retry for
# longer than the default; registered by the module that defines the task.
_POLICIES: dict[str, RetryPolicy] = {}


def register_policy(task_path: str, policy: RetryPolicy) -> None:
    _POLICIES[task_path] = policy


def policy_for(task_path: str) -> RetryPolicy:
    return _POLICIES.get(task_path) or RetryPolicy(
        max_attempts=settings.TASK_MAX_ATTEMPTS,
        base_seconds=settings.TASK_RETRY_BASE_SECONDS,
        cap_seconds=settings.TASK_RETRY_MAX_SECONDS,
    )


def attempts(result: DBTaskResult) -> int:
    # The library appends the worker's id at every claim, so the list counts the tries.
    return len(result.worker_ids or [])


def is_retrying(result: DBTaskResult) -> bool:
    """Queued again after a failure (it carries the last error)."""
    return result.status == TaskResultStatus.READY and bool(result.exception_class_path)


def retry_or_give_up(result: DBTaskResult, *, status: str = TaskResultStatus.FAILED) -> bool:
    """Queue a failed (or interrupted) task again after its backoff, unless it has had all its
    tries; then it stays FAILED for staff to see. Only a row still in `status` is changed, so
    two workers deciding about the same row cannot both act. True if it was queued again."""
    policy = policy_for(result.task_path)
    tries = attempts(result)
    if tries >= policy.max_attempts:
        return False
    changed = DBTaskResult.objects.filter(pk=result.pk, status=status).update(
        status=TaskResultStatus.READY,
        run_after=timezone.now() + policy.delay(tries),
    )
    return bool(changed)


def retry_now(result: DBTaskResult) -> bool:
    """Staff's "retry now": a failed or waiting task is queued to run at once."""
    changed = DBTaskResult.objects.filter(
        pk=result.pk, status__in=[TaskResultStatus.FAILED, TaskResultStatus.READY]
    ).update(status=TaskResultStatus.READY, run_after=timezone.now())
    return bool(changed)
