"""Keeping the meeting provider in step with events: instantly where the provider allows it,
otherwise from a background task that retries."""

from __future__ import annotations

from django.conf import settings

from core.tasks import enqueue
from events.models import Event
from meetings.providers import get_provider


def create_meeting(event: Event) -> None:
    event.meeting_provider = event.meeting_provider or settings.MEETING_PROVIDER
    event.save(update_fields=["meeting_provider"])
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        meeting = provider.create_webinar(event)
        event.provider_meeting_id = meeting.meeting_id
        event.provider_data = meeting.data
        event.save(update_fields=["provider_meeting_id", "provider_data"])
        return
    from meetings.tasks import sync_meeting

    enqueue(sync_meeting, event.pk)


def update_meeting(event: Event) -> None:
    if not event.meeting_provider:
        return
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        provider.update_webinar(event)
        return
    from meetings.tasks import sync_meeting

    enqueue(sync_meeting, event.pk)


def cancel_meeting(event: Event) -> None:
    if not event.meeting_provider:
        return
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        provider.cancel_webinar(event)
        return
    from meetings.tasks import sync_meeting

    enqueue(sync_meeting, event.pk)
