"""Keeping the meeting provider in step with events: instantly where the provider allows it,
otherwise from a background task that retries."""

from __future__ import annotations

from django.conf import settings

from core.tasks import enqueue
from events.models import Event
from meetings.providers import MeetingProvider, get_provider


def schedule_attendance_collection(event: Event) -> None:
    """After the event ends, fetch the attendance, and check later that it arrived (a run of
    each is queued for every new end time; runs for an earlier end find it moved)."""
    from attendance.tasks import SETTLE_AFTER_END, collect_attendance
    from evaluations.services.alerts import NO_DATA_ALERT_AFTER_END
    from evaluations.tasks import check_attendance_arrived

    enqueue(collect_attendance, event.pk, run_after=event.end + SETTLE_AFTER_END)
    enqueue(check_attendance_arrived, event.pk, run_after=event.end + NO_DATA_ALERT_AFTER_END)


def create_meeting(event: Event) -> None:
    event.meeting_provider = event.meeting_provider or settings.MEETING_PROVIDER
    event.save(update_fields=["meeting_provider"])
    schedule_attendance_collection(event)
    provider = get_provider(event.meeting_provider)
    if provider.registers_instantly:
        create_webinar(event, provider)
        return
    from meetings.tasks import sync_meeting

    enqueue(sync_meeting, event.pk)


def create_webinar(event: Event, provider: MeetingProvider) -> None:
    """Create the event's webinar with the provider and remember its identity."""
    meeting = provider.create_webinar(event)
    event.provider_meeting_id = meeting.meeting_id
    event.provider_data = meeting.data
    event.save(update_fields=["provider_meeting_id", "provider_data"])


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
