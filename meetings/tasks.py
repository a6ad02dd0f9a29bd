"""Provider calls that may fail and are retried: each is safe to run more than once."""

from __future__ import annotations

from django_tasks import task

from events.models import Event, Registration
from meetings.providers import get_provider


@task()
def sync_meeting(event_id: int) -> str:
    event = Event.objects.get(pk=event_id)
    provider = get_provider(event.meeting_provider or None)
    if event.is_cancelled:
        if event.provider_meeting_id:
            provider.cancel_webinar(event)
        return "cancelled"
    if not event.provider_meeting_id:
        meeting = provider.create_webinar(event)
        event.provider_meeting_id = meeting.meeting_id
        event.provider_data = meeting.data
        event.save(update_fields=["provider_meeting_id", "provider_data"])
        return "created"
    provider.update_webinar(event)
    return "updated"


@task()
def register_with_provider(registration_id: int) -> str:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if not registration.is_active:
        return "skipped: registration not active"
    if registration.link_status == Registration.LINK_READY and registration.join_url:
        return "skipped: already registered"
    provider = get_provider(registration.event.meeting_provider or None)
    registrant = provider.register(registration)
    registration.set_join_link(registrant.registrant_id, registrant.join_url)
    return "registered"


@task()
def cancel_with_provider(registration_id: int) -> str:
    registration = Registration.objects.select_related("event").get(pk=registration_id)
    if registration.is_active:
        return "skipped: registered again"
    get_provider(registration.event.meeting_provider or None).cancel_registration(registration)
    return "cancelled"
