"""`manage.py db_worker`: django-tasks-db's worker command, running the durable worker.

The core app is listed before django_tasks_db in INSTALLED_APPS, so this command is the one
Django runs; its options are the library's, plus --no-housekeeping.
"""

from __future__ import annotations

import os
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import CommandError
from django.utils.autoreload import DJANGO_AUTORELOAD_ENV, run_with_reloader
from django_tasks_db.management.commands import db_worker

from core.durable.worker import DurableWorker


class Command(db_worker.Command):
    help = (
        "Run a background task worker: heartbeats, retries with backoff, recovery of tasks "
        "left by a dead worker, and the periodic jobs (reconciler, alerts)."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        super().add_arguments(parser)
        parser.add_argument(
            "--no-housekeeping",
            action="store_false",
            dest="housekeeping",
            help="Don't run the periodic jobs from this worker (another worker runs them).",
        )

    def handle(self, *, verbosity: int, **options: Any) -> None:
        self.configure_logging(verbosity)
        batch, reload = options["batch"], options["reload"]
        if reload and batch:
            reload = False
        queue_names = options["queue_name"].split(",")
        excluded = options["exclude_queues"].split(",") if options["exclude_queues"] else []
        if excluded and "*" not in queue_names:
            raise CommandError("--exclude-queues can only be used with --queue-name=*")
        worker = DurableWorker(
            queue_names=queue_names,
            interval=options["interval"],
            batch=batch,
            backend_name=options["backend_name"],
            startup_delay=options["startup_delay"],
            max_tasks=options["max_tasks"],
            worker_id=options["worker_id"],
            excluded_queue_names=excluded,
            housekeeping=options["housekeeping"],
        )
        if reload:
            if os.environ.get(DJANGO_AUTORELOAD_ENV) == "true":
                worker.configure_signals()
            run_with_reloader(worker.run)
        else:
            worker.configure_signals()
            worker.run()
