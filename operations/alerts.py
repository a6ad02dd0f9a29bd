"""Telling administrators when background work has been failing for too long."""

from __future__ import annotations

import datetime as dt
import logging

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Min
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from core.email import send_email
from operations.machinery import failing_tasks, undelivered_emails
from operations.models import WorkAlert

logger = logging.getLogger(__name__)


def failing_since() -> dt.datetime | None:
    """When the oldest piece of still-failing work was first queued, if any."""
    times = [
        failing_tasks().aggregate(first=Min("enqueued_at"))["first"],
        undelivered_emails().aggregate(first=Min("created_at"))["first"],
    ]
    known = [time for time in times if time is not None]
    return min(known) if known else None


def summary() -> str:
    tasks = failing_tasks().count()
    emails = undelivered_emails().count()
    return (
        f"{tasks} background task{'s' if tasks != 1 else ''} failed or waiting to retry, "
        f"{emails} email{'s' if emails != 1 else ''} not delivered."
    )


def check_failing_work() -> str:
    """The periodic job: open an alert (and email every administrator, once) when work has
    been failing for longer than WORK_FAILING_ALERT_MINUTES; close it when nothing fails."""
    since = failing_since()
    open_alert = WorkAlert.objects.filter(is_open=True).first()
    if since is None:
        if open_alert is not None:
            WorkAlert.objects.filter(pk=open_alert.pk).update(
                is_open=False, resolved_at=timezone.now()
            )
            return "resolved: nothing is failing"
        return "nothing is failing"
    threshold = dt.timedelta(minutes=settings.WORK_FAILING_ALERT_MINUTES)
    if open_alert is not None or timezone.now() - since < threshold:
        return summary()
    text = summary()
    try:
        with transaction.atomic():
            WorkAlert.objects.create(summary=text)
            admins = User.objects.filter(is_active=True, is_superuser=True).order_by("email")
            for admin in admins:
                send_email(
                    "work_failing",
                    [admin.email],
                    {
                        "name": admin.get_full_name() or admin.email,
                        "summary": text,
                        "since": since,
                        "page_url": settings.SITE_URL + reverse("staff:background"),
                        "zone": admin.time_zone,
                    },
                )
    except IntegrityError:
        return "another worker opened the alert"
    # If mail itself is what fails, the log (and the staff dashboard) still say it.
    logger.error("Background work failing since %s: %s", since.isoformat(), text)
    return f"alerted: {text}"
