"""The task worker behind `manage.py db_worker`: django-tasks-db's worker, made durable.

On top of the library's loop it
- beats a heartbeat (a thread) naming the task it runs, so the sweeper can tell a dead
  worker's RUNNING task from a live one;
- queues a failed task again with backoff, until its policy's tries are used up;
- survives a database outage: the loop reconnects with backoff instead of exiting;
- runs the periodic jobs (sweeper, reconciler, alerts) from a second thread.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from typing import Any

from django.conf import settings
from django.db import DatabaseError, InterfaceError, OperationalError, connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from core.durable.periodic import run_due_jobs
from core.durable.retry import retry_or_give_up
from core.models import WorkerHeartbeat

logger = logging.getLogger(__name__)
OUTAGE_BACKOFF_MAX_SECONDS = 30.0


class _Loop(threading.Thread):
    """A daemon thread that calls `step` every `interval` seconds until stopped, riding out
    database errors (each thread has its own connection, closed after an error)."""

    def __init__(self, name: str, interval: float, step: Any) -> None:
        super().__init__(name=name, daemon=True)
        self.interval = interval
        self.step = step
        self.stopped = threading.Event()

    def run(self) -> None:
        while not self.stopped.is_set():
            try:
                self.step()
            except Exception:
                logger.warning("%s: step failed; trying again", self.name, exc_info=True)
                connection.close()
            self.stopped.wait(self.interval)
        connection.close()

    def stop(self) -> None:
        self.stopped.set()


class DurableWorker(Worker):
    def __init__(self, *, housekeeping: bool = True, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.housekeeping = housekeeping
        self.current_task_id: str | None = None
        self.started_at = timezone.now()
        self._threads: list[_Loop] = []

    # --- heartbeat -----------------------------------------------------------------------
    def beat(self) -> None:
        WorkerHeartbeat.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": self.started_at,
                "last_seen_at": timezone.now(),
                "current_task_id": self.current_task_id,
            },
        )

    def _start_threads(self) -> None:
        self.beat()
        self._threads = [_Loop("heartbeat", settings.WORKER_HEARTBEAT_SECONDS, self.beat)]
        if self.housekeeping:
            self._threads.append(
                _Loop("housekeeping", settings.PERIODIC_JOBS_TICK_SECONDS, run_due_jobs)
            )
        for thread in self._threads:
            thread.start()

    def _stop_threads(self) -> None:
        for thread in self._threads:
            thread.stop()
        for thread in self._threads:
            thread.join(timeout=5)
        try:
            WorkerHeartbeat.objects.filter(worker_id=self.worker_id).delete()
        except DatabaseError:
            logger.warning("Could not remove this worker's heartbeat; it will expire.")

    # --- the loop ------------------------------------------------------------------------
    def run(self) -> None:
        """The library's loop, restarted after a database outage instead of exiting."""
        delay = 1.0
        threads_started = False
        try:
            while self.running:
                try:
                    if not threads_started and not self.batch:
                        self._start_threads()
                        threads_started = True
                    super().run()
                    return
                except (OperationalError, InterfaceError) as error:
                    logger.warning(
                        "The database is unavailable (%s); trying again in %.0f s.",
                        str(error).strip() or type(error).__name__,
                        delay,
                    )
                    connection.close()
                    time.sleep(delay)
                    delay = min(delay * 2, OUTAGE_BACKOFF_MAX_SECONDS)
        finally:
            if threads_started:
                self._stop_threads()

    def run_task(self, db_task_result: DBTaskResult) -> None:
        self.current_task_id = str(db_task_result.pk)
        try:
            super().run_task(db_task_result)
        finally:
            self.current_task_id = None
        if db_task_result.status == TaskResultStatus.FAILED:
            if retry_or_give_up(db_task_result):
                logger.warning(
                    "Task %s (%s) failed; it will be tried again.",
                    db_task_result.task_path,
                    db_task_result.pk,
                )
            else:
                logger.error(
                    "Task %s (%s) failed on its last try; staff can retry it from the "
                    "background work page.",
                    db_task_result.task_path,
                    db_task_result.pk,
                )
