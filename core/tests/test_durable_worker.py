"""The durable worker: failed tasks come back with backoff until their tries are used up,
interrupted ones are found by the sweeper, and a database outage does not end the worker."""

from __future__ import annotations

import datetime as dt
import uuid

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from core.durable import periodic, worker
from core.durable.retry import RetryPolicy, attempts
from core.durable.sweeper import WORKER_LOST, sweep_interrupted_tasks
from core.models import PeriodicJobRun, WorkerHeartbeat
from core.tests.durable_tasks import always_fails, record_run


@pytest.fixture
def work(monkeypatch):
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(at: dt.datetime | None = None) -> None:
        with time_machine.travel(at or timezone.now(), tick=True):
            call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)

    return run


def test_the_durable_worker_replaces_the_library_command():
    from django.core.management import get_commands

    assert get_commands()["db_worker"] == "core"


def test_a_failing_task_is_retried_with_growing_pauses_then_fails_for_staff_to_see(
    db, work, settings
):
    settings.TASK_MAX_ATTEMPTS = 3
    result_id = always_fails.enqueue().id
    pauses = []
    now = timezone.now()
    for _ in range(5):
        work(now)
        row = DBTaskResult.objects.get(pk=result_id)
        if row.status == "FAILED":
            break
        assert row.status == "READY" and "ConnectionError" in row.exception_class_path
        pauses.append((row.run_after - now).total_seconds())
        now = row.run_after + dt.timedelta(seconds=1)
    row = DBTaskResult.objects.get(pk=result_id)
    assert row.status == "FAILED"
    assert attempts(row) == 3
    assert len(pauses) == 2 and pauses[1] > pauses[0] * 2  # ×4 with ±20 % jitter


def test_backoff_grows_by_four_and_stops_at_the_cap():
    policy = RetryPolicy(max_attempts=9, base_seconds=30, cap_seconds=600)
    seconds = [policy.delay(attempt).total_seconds() for attempt in (1, 2, 3, 4, 5)]
    assert 24 <= seconds[0] <= 36
    assert 96 <= seconds[1] <= 144
    assert 384 <= seconds[2] <= 576
    assert all(480 <= s <= 720 for s in seconds[3:])


def _running(worker_id: str, started: dt.datetime) -> DBTaskResult:
    result = DBTaskResult.objects.get(pk=record_run.enqueue("x").id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="RUNNING", started_at=started, worker_ids=[worker_id]
    )
    return DBTaskResult.objects.get(pk=result.pk)


def _beat(worker_id: str, at: dt.datetime, current: uuid.UUID | str | None) -> None:
    WorkerHeartbeat.objects.create(
        worker_id=worker_id, started_at=at, last_seen_at=at, current_task_id=current
    )


def test_a_task_whose_worker_stopped_beating_is_queued_again(db, settings):
    settings.TASK_LEASE_SECONDS = 60
    now = timezone.now()
    result = _running("dead", now - dt.timedelta(seconds=5))
    _beat("dead", now - dt.timedelta(seconds=61), result.pk)

    outcome = sweep_interrupted_tasks()

    result.refresh_from_db()
    assert (outcome.requeued, result.status) == (1, "READY")
    assert result.exception_class_path == WORKER_LOST
    assert "Interrupted: worker dead stopped" in result.traceback


def test_a_task_of_a_live_worker_is_left_alone(db, settings):
    settings.TASK_LEASE_SECONDS = 60
    now = timezone.now()
    result = _running("alive", now - dt.timedelta(hours=2))  # a long task
    _beat("alive", now - dt.timedelta(seconds=3), result.pk)

    assert sweep_interrupted_tasks().requeued == 0
    result.refresh_from_db()
    assert result.status == "RUNNING"


def test_a_task_its_live_worker_moved_on_from_is_queued_again_after_a_lease(db, settings):
    """The worker lost its database while recording the outcome and went on to other work."""
    settings.TASK_LEASE_SECONDS = 60
    now = timezone.now()
    just_claimed = _running("alive", now - dt.timedelta(seconds=2))
    orphaned = _running("alive", now - dt.timedelta(minutes=5))
    _beat("alive", now, None)

    sweep_interrupted_tasks()

    just_claimed.refresh_from_db()
    orphaned.refresh_from_db()
    assert just_claimed.status == "RUNNING"  # its claim may predate the next beat
    assert orphaned.status == "READY"


def test_an_interrupted_task_out_of_tries_fails_instead(db, settings):
    settings.TASK_MAX_ATTEMPTS = 1
    result = _running("dead", timezone.now())

    outcome = sweep_interrupted_tasks()

    result.refresh_from_db()
    assert (outcome.failed, result.status) == (1, "FAILED")


def test_the_worker_rides_out_a_database_outage(db, work, monkeypatch):
    """The library's worker exits on the first OperationalError; this one waits and goes on."""
    result_id = record_run.enqueue("after the outage").id
    real_ready = DBTaskResult.objects.ready
    failures = iter([True, True, True])
    sleeps = []

    def flaky_ready():
        if next(failures, False):
            raise OperationalError("server closed the connection unexpectedly")
        return real_ready()

    monkeypatch.setattr(DBTaskResult.objects, "ready", flaky_ready)
    monkeypatch.setattr(worker.time, "sleep", sleeps.append)
    monkeypatch.setattr(worker.connection, "close", lambda: None)  # keep the test's own

    work()

    assert DBTaskResult.objects.get(pk=result_id).status == "SUCCESSFUL"
    assert PeriodicJobRun.objects.filter(name="after the outage").exists()
    assert sleeps == [1.0, 2.0, 4.0]


def test_a_periodic_job_runs_once_per_interval_however_many_workers_ask(db):
    now = timezone.now()
    assert periodic.claim("job", 60, now)
    assert not periodic.claim("job", 60, now + dt.timedelta(seconds=30))
    assert periodic.claim("job", 60, now + dt.timedelta(seconds=61))


def test_a_failing_periodic_job_is_recorded_and_the_others_still_run(db, settings):
    settings.PERIODIC_JOBS = [
        ("core.tests.durable_tasks.no_such_job", 60),
        ("core.durable.sweeper.sweep_interrupted_tasks", 60),
    ]
    ran = periodic.run_due_jobs()
    assert len(ran) == 2
    broken = PeriodicJobRun.objects.get(name="core.tests.durable_tasks.no_such_job")
    assert "ImportError" in broken.last_error
    swept = PeriodicJobRun.objects.get(name="core.durable.sweeper.sweep_interrupted_tasks")
    assert swept.last_error == "" and "queued again" in swept.last_result


def test_a_failure_whose_retry_was_never_scheduled_gets_it_from_the_sweeper(db, settings):
    settings.TASK_LEASE_SECONDS = 60
    result = DBTaskResult.objects.get(pk=always_fails.enqueue().id)
    DBTaskResult.objects.filter(pk=result.pk).update(
        status="FAILED", worker_ids=["w1"], finished_at=timezone.now() - dt.timedelta(minutes=2)
    )
    assert sweep_interrupted_tasks().retried == 1
    result.refresh_from_db()
    assert result.status == "READY"
