"""Tasks for the durable-worker tests: one that always fails, one that records its runs."""

from __future__ import annotations

from django_tasks import task

from core.models import PeriodicJobRun


@task()
def always_fails() -> None:
    raise ConnectionError("the partner system is down")


@task()
def record_run(name: str) -> str:
    # Any table will do as a visible side effect; a periodic-run row is the smallest.
    PeriodicJobRun.objects.create(name=name, last_started_at="2026-01-01T00:00:00Z")
    return name
