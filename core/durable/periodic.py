"""Periodic jobs, run by the workers themselves: no separate scheduler process to deploy.

Each job is claimed with one conditional UPDATE, so with several workers (on several machines)
a job runs once per interval between them, whichever worker gets there first.
"""

from __future__ import annotations

import datetime as dt
import logging
import traceback

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from core.models import PeriodicJobRun

logger = logging.getLogger(__name__)
NEVER = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)


def claim(name: str, interval: float, now: dt.datetime) -> bool:
    PeriodicJobRun.objects.get_or_create(name=name, defaults={"last_started_at": NEVER})
    due_before = now - dt.timedelta(seconds=interval)
    return bool(
        PeriodicJobRun.objects.filter(name=name, last_started_at__lte=due_before).update(
            last_started_at=now
        )
    )


def run_due_jobs() -> list[str]:
    """Run every job in settings.PERIODIC_JOBS whose interval has passed; return their names.
    A job that raises is logged and recorded; the others still run."""
    ran = []
    for path, interval in settings.PERIODIC_JOBS:
        if not claim(path, interval, timezone.now()):
            continue
        ran.append(path)
        try:
            result = import_string(path)()
        except Exception:
            logger.exception("Periodic job %s failed", path)
            PeriodicJobRun.objects.filter(name=path).update(
                last_finished_at=timezone.now(), last_error=traceback.format_exc()[-4000:]
            )
        else:
            PeriodicJobRun.objects.filter(name=path).update(
                last_finished_at=timezone.now(), last_result=str(result)[:2000], last_error=""
            )
    return ran
