"""Enqueueing background work so it happens only if the surrounding transaction commits."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django_tasks import TaskResult, task_backends
from django_tasks_db import DatabaseBackend


def enqueue(task: Any, *args: Any, run_after: dt.datetime | None = None) -> TaskResult | None:
    """Queue `task(*args)` once the current transaction commits.

    The database backend stores the task as a row in the same transaction, which already gives
    that guarantee (and survives a crash between commit and enqueue); any other backend is
    handed the task from an on-commit hook. Returns the queued result where there is one
    at once (the database backend).
    """
    if run_after is not None:
        task = task.using(run_after=run_after)
    if isinstance(task_backends[task.backend], DatabaseBackend):
        return task.enqueue(*args)
    transaction.on_commit(lambda: task.enqueue(*args))
    return None
