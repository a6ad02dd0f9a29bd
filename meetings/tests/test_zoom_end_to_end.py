"""The whole Zoom flow against the fake Zoom: publish, register, attend, pull, decide."""

from __future__ import annotations

import datetime as dt

import time_machine

from attendance.models import Decision
from events.models import Event, Registration
from events.services.publishing import publish_event
from events.services.registration import register_attendee
from meetings.tests.conftest import END, START
from tests.factories import EventFactory


def test_a_zoom_event_runs_from_publishing_to_decisions(
    zoom, settings, sam_staff, dana, omar, run_tasks
):
    settings.MEETING_PROVIDER = "zoom"
    with time_machine.travel(START - dt.timedelta(days=7), tick=False):
        event = EventFactory(
            title="Ethics in Telehealth",
            start=START,
            end=END,
            status=Event.DRAFT,
            published_at=None,
            meeting_provider="",
        )
        publish_event(event, actor=sam_staff)
        run_tasks()
        event.refresh_from_db()
        assert event.meeting_provider == "zoom"
        webinar = zoom.webinars[event.provider_meeting_id]
        assert webinar["topic"] == "Ethics in Telehealth"

        dana_registration = register_attendee(event, dana)
        omar_registration = register_attendee(event, omar)
        # Until the background task has run, the Main Hall says the link is being prepared.
        assert dana_registration.link_status == Registration.LINK_PENDING
        run_tasks()
    dana_registration.refresh_from_db()
    omar_registration.refresh_from_db()
    registrants = zoom.registrants[event.provider_meeting_id]
    assert registrants[dana_registration.provider_registrant_id]["join_url"] == (
        dana_registration.join_url
    )
    assert dana_registration.link_status == Registration.LINK_READY

    # Dana stays throughout (rejoining once on a second device); Omar leaves after an hour.
    def row(registration, user_id, join, leave):
        return {
            "id": "",
            "user_id": user_id,
            "name": registration.name,
            "user_email": registration.email,
            "join_time": join,
            "leave_time": leave,
            "duration": 0,
            "registrant_id": registration.provider_registrant_id,
            "status": "in_meeting",
        }

    zoom.add_instance(
        event.provider_meeting_id,
        "/Zx//instance==",
        "2026-01-15T17:56:00Z",
        [
            row(dana_registration, "16778240", "2026-01-15T17:57:00Z", "2026-01-15T19:10:00Z"),
            row(dana_registration, "16779264", "2026-01-15T19:05:00Z", "2026-01-15T20:01:00Z"),
            row(omar_registration, "16780288", "2026-01-15T18:00:00Z", "2026-01-15T19:00:00Z"),
            {
                "id": "",
                "user_id": "16781312",
                "name": "Host",
                "user_email": "host@example.org",
                "join_time": "2026-01-15T17:50:00Z",
                "leave_time": "2026-01-15T20:02:00Z",
                "duration": 0,
                "registrant_id": "",
                "status": "in_meeting",
            },
        ],
    )
    with time_machine.travel(END + dt.timedelta(minutes=6), tick=False):
        run_tasks()
    assert Decision.objects.get(registration=dana_registration, is_current=True).outcome == (
        Decision.ELIGIBLE
    )
    assert Decision.objects.get(registration=omar_registration, is_current=True).outcome == (
        Decision.NOT_ELIGIBLE
    )
    report_calls = zoom.api_requests("GET", "/v2/report/webinars/")
    assert report_calls[0].query["include_fields"] == "registrant_id"
