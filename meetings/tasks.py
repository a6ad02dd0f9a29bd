"""Provider calls that may fail and are retried: each is safe to run more than once.

A failed call is queued again with a growing delay (a rate-limited one no earlier than Zoom's
reset), so a short Zoom outage delays a webinar or a join link instead of losing it.
"""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.db import transaction
from django.utils import timezone
from django_tasks import task

from core.tasks import enqueue
from events.models import Event, Registration
from meetings.providers import MeetingProvider, ProviderError, get_provider
from meetings.zoom.notifications import process

logger = logging.getLogger(__name__)

# 1, 2, 4 … minutes, capped at an hour: about a day of attempts in all.
MAX_ATTEMPTS = 30
RETRY_BASE = dt.timedelta(minutes=1)
RETRY_CAP = dt.timedelta(hours=1)


def retry_at(attempt: int, exc: ProviderError) -> dt.datetime:
    delay = min(RETRY_CAP, RETRY_BASE * 2**attempt)
    earliest = getattr(exc, "retry_at", None)  # set by a daily rate limit
    return max(timezone.now() + delay, earliest or timezone.now())


def _retry_later(task_func: Any, object_id: int, attempt: int, exc: ProviderError) -> str:
    """Queue the next attempt, or, when attempts are exhausted, fail loudly in the task log."""
    if attempt + 1 >= MAX_ATTEMPTS:
        name = getattr(task_func, "name", task_func)
        logger.error("Giving up on %s(%s) after %s attempts: %s", name, object_id, attempt + 1, exc)
        raise exc
    when = retry_at(attempt, exc)
    enqueue(task_func, object_id, attempt + 1, run_after=when)
    return f"failed ({exc}); retrying at {when.isoformat(timespec='seconds')}"


def create_webinar(event: Event, provider: MeetingProvider) -> None:
    """Create the event's webinar with the provider and remember its identity."""
    meeting = provider.create_webinar(event)
    event.provider_meeting_id = meeting.meeting_id
    event.provider_data = meeting.data
    event.save(update_fields=["provider_meeting_id", "provider_data"])


@task()
def sync_meeting(event_id: int, attempt: int = 0) -> str:
    # Publishing and a quick edit queue two runs; the row lock keeps two workers from both
    # seeing no webinar yet and creating two.
    with transaction.atomic():
        event = Event.objects.select_for_update().get(pk=event_id)
        return _sync(event, attempt)


def _sync(event: Event, attempt: int) -> str:
    provider = get_provider(event.meeting_provider or None)
    try:
        if event.is_cancelled:
            if event.provider_meeting_id:
                provider.cancel_webinar(event)
            return "cancelled"
        if not event.provider_meeting_id:
            create_webinar(event, provider)
            return "created"
        provider.update_webinar(event)
    except ProviderError as exc:
        return _retry_later(sync_meeting, event.pk, attempt, exc)
    return "updated"


@task()
def register_with_provider(registration_id: int, attempt: int = 0) -> str:
    registration = Registration.objects.select_related("event", "user").get(pk=registration_id)
    if not registration.is_active:
        return "skipped: registration not active"
    if registration.link_status == Registration.LINK_READY and registration.join_url:
        return "skipped: already registered"
    if registration.event.has_ended():
        return "skipped: the event is over"
    provider = get_provider(registration.event.meeting_provider or None)
    try:
        registrant = provider.register(registration)
    except ProviderError as exc:
        # The Main Hall tells the attendee their link is still being prepared.
        if registration.link_status != Registration.LINK_FAILED:
            registration.link_status = Registration.LINK_FAILED
            registration.save(update_fields=["link_status"])
        return _retry_later(register_with_provider, registration_id, attempt, exc)
    registration.set_join_link(registrant.registrant_id, registrant.join_url)
    return "registered"


@task()
def cancel_with_provider(registration_id: int, attempt: int = 0) -> str:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.is_active:
        return "skipped: registered again"
    try:
        get_provider(registration.event.meeting_provider or None).cancel_registration(registration)
    except ProviderError as exc:
        return _retry_later(cancel_with_provider, registration_id, attempt, exc)
    # The old link no longer admits anyone: registering again must fetch a new one.
    registration.join_url = ""
    registration.link_status = Registration.LINK_PENDING
    registration.save(update_fields=["join_url", "link_status"])
    return "cancelled"


@task()
def process_zoom_notification(notification_id: int) -> str:
    return process(notification_id)
