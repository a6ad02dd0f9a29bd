"""Background work for events. Every task takes IDs, re-reads its objects and is safe to run
twice: a reminder is recorded before it is sent and never sent for a moved or cancelled event."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django_tasks import task

from events import notifications
from events.models import Event, Registration, ReminderSent

REMINDERS = {"24h": dt.timedelta(hours=24), "1h": dt.timedelta(hours=1)}
MESSAGES = {
    "confirmed": notifications.send_registration_confirmed,
    "waitlisted": notifications.send_waitlisted,
    "promoted": notifications.send_promoted,
    "changed": notifications.send_event_changed,
    "cancelled": notifications.send_event_cancelled,
}


@task()
def send_registration_message(registration_id: int, kind: str) -> None:
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    MESSAGES[kind](registration)


@task()
def send_event_reminder(registration_id: int, kind: str, event_start: str) -> str:
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    event = registration.event
    start = dt.datetime.fromisoformat(event_start)
    if not registration.is_active or event.status != Event.PUBLISHED:
        return "skipped: registration or event no longer active"
    if event.start != start:
        return "skipped: the event moved (a reminder for the new time is queued)"
    try:
        with transaction.atomic():
            ReminderSent.objects.create(registration=registration, kind=kind, event_start=start)
            notifications.send_reminder(registration, kind)
    except IntegrityError:
        return "skipped: already sent"
    return "sent"
