"""The Zoom tasks run twice (a worker killed after the work, before recording it) change
nothing the second time."""

from __future__ import annotations

import datetime as dt

import time_machine

from meetings.tasks import (
    cancel_with_provider,
    process_zoom_notification,
    register_with_provider,
    sync_meeting,
)
from meetings.tests.conftest import START
from meetings.zoom.models import ZoomPresence, ZoomWebhookEvent
from tests.factories import EventFactory, RegistrationFactory

BEFORE = START - dt.timedelta(days=3)


def zoom_event(**kwargs):
    return EventFactory(
        start=START, end=START + dt.timedelta(minutes=90), meeting_provider="zoom", **kwargs
    )


def test_syncing_twice_creates_one_webinar(db, zoom):
    event = zoom_event()
    with time_machine.travel(BEFORE):
        assert sync_meeting.call(event.pk) == "created"
        sync_meeting.call(event.pk)
    assert len(zoom.webinars) == 1
    assert len(zoom.api_requests("POST", "/v2/users/me/webinars")) == 1


def test_registering_twice_adds_one_registrant(db, zoom, dana):
    event = zoom_event()
    with time_machine.travel(BEFORE):
        sync_meeting.call(event.pk)
        registration = RegistrationFactory(event=event, user=dana)
        register_with_provider.call(registration.pk)
        register_with_provider.call(registration.pk)
    event.refresh_from_db()
    assert len(zoom.registrants[event.provider_meeting_id]) == 1


def test_cancelling_twice_cancels_once(db, zoom, dana):
    event = zoom_event()
    with time_machine.travel(BEFORE):
        sync_meeting.call(event.pk)
        registration = RegistrationFactory(event=event, user=dana)
        register_with_provider.call(registration.pk)
        type(registration).objects.filter(pk=registration.pk).update(status=registration.CANCELLED)
        assert cancel_with_provider.call(registration.pk) == "cancelled"
        cancel_with_provider.call(registration.pk)
    registration.refresh_from_db()
    assert registration.join_url == ""
    event.refresh_from_db()
    [registrant] = zoom.registrants[event.provider_meeting_id].values()
    assert registrant["status"] == "cancelled"


def test_a_notification_processed_twice_counts_once(db, dana):
    event = zoom_event(provider_meeting_id="81200000001")
    registration = RegistrationFactory(event=event, user=dana, provider_registrant_id="regdana")
    notification = ZoomWebhookEvent.objects.create(
        key="a" * 64,
        event_ts=1768500001000,
        event_name="webinar.participant_joined",
        payload={
            "event": "webinar.participant_joined",
            "payload": {
                "object": {
                    "id": "81200000001",
                    "uuid": "inst-1==",
                    "participant": {
                        "user_id": "16778240",
                        "user_name": "Dana W",
                        "registrant_id": "regdana",
                        "join_time": "2026-01-15T18:01:00Z",
                    },
                }
            },
        },
    )
    process_zoom_notification.call(notification.pk)
    first = list(ZoomPresence.objects.values())
    process_zoom_notification.call(notification.pk)
    assert list(ZoomPresence.objects.values()) == first
    assert [p.registration for p in ZoomPresence.objects.all()] == [registration]
