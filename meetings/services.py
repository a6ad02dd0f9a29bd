"""Keeping the meeting provider in step with events and registrations: at once where the
provider allows it (no network I/O), otherwise from a background task that retries.

Called by the receivers of the events app's signals (`meetings.receivers`), and by the demo.
"""

from __future__ import annotations

from django.conf import settings

from core.tasks import enqueue
from events.models import Event, Registration
from meetings.providers import ProviderError, get_provider
from meetings.tasks import (
    cancel_with_provider,
    create_webinar,
    register_with_provider,
    sync_meeting,
)


def create_meeting(event: Event) -> None:
    event.meeting_provider = event.meeting_provider or settings.MEETING_PROVIDER
    event.save(update_fields=["meeting_provider"])
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        create_webinar(event, provider)
        return
    enqueue(sync_meeting, event.pk)


def update_meeting(event: Event) -> None:
    if not event.meeting_provider:
        return
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        provider.update_webinar(event)
        return
    enqueue(sync_meeting, event.pk)


def cancel_meeting(event: Event) -> None:
    if not event.meeting_provider:
        return
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        provider.cancel_webinar(event)
        return
    enqueue(sync_meeting, event.pk)


def connect_registration(registration: Registration) -> None:
    """Give the registrant their personal join link, now if the provider can, else soon."""
    provider = get_provider(registration.event.meeting_provider or None)
    if not provider.registers_instantly:
        enqueue(register_with_provider, registration.pk)
        return
    try:
        registrant = provider.register(registration)
    except ProviderError:
        registration.link_status = Registration.LINK_FAILED
        registration.save(update_fields=["link_status"])
        enqueue(register_with_provider, registration.pk)
        return
    registration.set_join_link(registrant.registrant_id, registrant.join_url)


def disconnect_registration(registration: Registration) -> None:
    """A cancelled registrant's link must stop admitting them (the provider is told soon)."""
    if registration.provider_registrant_id:
        enqueue(cancel_with_provider, registration.pk)
