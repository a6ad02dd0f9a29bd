"""Zoom webinars and registrants kept in step with FullCredit, through retried tasks."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.management import call_command

from events.models import Event, Registration
from meetings.providers import get_provider
from meetings.tasks import cancel_with_provider, register_with_provider, sync_meeting
from meetings.tests.conftest import START
from meetings.zoom.provider import ZoomProvider
from tests.factories import EventFactory, RegistrationFactory

BEFORE = START - dt.timedelta(days=3)


@pytest.fixture
def zoom_event(db, zoom):
    event = EventFactory(
        title="Trauma-Informed Care in Practice",
        start=START,
        end=START + dt.timedelta(minutes=90),
        time_zone="America/Los_Angeles",
        meeting_provider="zoom",
    )
    meeting = ZoomProvider().create_webinar(event)
    event.provider_meeting_id, event.provider_data = meeting.meeting_id, meeting.data
    event.save()
    return event


def test_zoom_is_a_registered_provider_that_works_in_the_background(settings):
    provider = get_provider("zoom")
    assert provider.name == "zoom"
    assert provider.registers_instantly is False


def test_a_webinar_is_created_with_registration_and_automatic_approval(zoom_event, zoom):
    webinar = zoom.webinars[zoom_event.provider_meeting_id]
    assert webinar["topic"] == "Trauma-Informed Care in Practice"
    assert webinar["type"] == 5
    assert webinar["start_time"] == "2026-01-15T18:00:00Z"
    assert webinar["duration"] == 90
    assert webinar["timezone"] == "America/Los_Angeles"
    assert webinar["settings"]["approval_type"] == 0
    assert webinar["settings"]["registration_type"] == 1
    assert len(zoom.api_requests("POST", "/v2/users/me/webinars")) == 1


def test_the_hosts_start_url_is_never_stored(zoom_event):
    assert "start_url" not in zoom_event.provider_data
    assert zoom_event.provider_data["registration_url"].startswith("https://zoom.example/")


def test_editing_the_event_updates_the_webinar(zoom_event, zoom):
    zoom_event.title = "Trauma-Informed Care, Revised"
    zoom_event.end = START + dt.timedelta(hours=2)
    zoom_event.save()
    ZoomProvider().update_webinar(zoom_event)
    webinar = zoom.webinars[zoom_event.provider_meeting_id]
    assert (webinar["topic"], webinar["duration"]) == ("Trauma-Informed Care, Revised", 120)


def test_cancelling_deletes_the_webinar_and_tolerates_it_being_gone(zoom_event, zoom):
    ZoomProvider().cancel_webinar(zoom_event)
    assert zoom_event.provider_meeting_id not in zoom.webinars
    ZoomProvider().cancel_webinar(zoom_event)  # a second run finds it gone and is content
    assert zoom_event.provider_data["cancelled"] is True


def test_registering_stores_the_registrant_id_and_personal_join_link(zoom_event, zoom, dana):
    registration = RegistrationFactory(event=zoom_event, user=dana)
    with time_machine.travel(BEFORE):
        assert register_with_provider.call(registration.pk) == "registered"
    registration.refresh_from_db()
    [registrant] = zoom.registrants[zoom_event.provider_meeting_id].values()
    assert registrant["email"] == registration.email
    assert (registrant["first_name"], registrant["last_name"]) == ("Dana", "Whitfield")
    assert registration.provider_registrant_id == registrant["id"]
    assert registration.join_url == registrant["join_url"]
    assert "tk=" in registration.join_url
    assert registration.link_status == Registration.LINK_READY


def test_cancelling_a_registration_uses_zoom_cancel_not_deny(zoom_event, zoom, dana):
    registration = RegistrationFactory(event=zoom_event, user=dana)
    with time_machine.travel(BEFORE):
        register_with_provider.call(registration.pk)
    registration.refresh_from_db()
    registration.status = Registration.CANCELLED
    registration.save()
    assert cancel_with_provider.call(registration.pk) == "cancelled"
    [call] = zoom.api_requests("PUT", f"/v2/webinars/{zoom_event.provider_meeting_id}/")
    assert call.body["action"] == "cancel"
    assert call.body["registrants"] == [
        {"id": registration.provider_registrant_id, "email": registration.email}
    ]
    registrant = zoom.registrants[zoom_event.provider_meeting_id][
        registration.provider_registrant_id
    ]
    assert registrant["status"] == "cancelled"


def test_a_failed_registration_is_marked_and_retried_until_it_works(
    zoom_event, zoom, dana, run_tasks
):
    registration = RegistrationFactory(event=zoom_event, user=dana)
    for _ in range(5):  # every attempt of the client's first task run fails
        zoom.fail_next(503, {"code": 503, "message": "Service unavailable"})
    with time_machine.travel(BEFORE, tick=False):
        outcome = register_with_provider.call(registration.pk)
    assert outcome.startswith("failed")
    registration.refresh_from_db()
    assert registration.link_status == Registration.LINK_FAILED
    assert registration.join_url == ""
    with time_machine.travel(BEFORE + dt.timedelta(minutes=5), tick=False):
        run_tasks()
    registration.refresh_from_db()
    assert registration.link_status == Registration.LINK_READY
    assert registration.join_url.startswith("https://zoom.example/w/")


def test_registering_before_the_webinar_exists_waits_for_it(db, zoom, dana, run_tasks):
    event = EventFactory(start=START, end=START + dt.timedelta(hours=2), meeting_provider="zoom")
    registration = RegistrationFactory(event=event, user=dana)
    with time_machine.travel(BEFORE, tick=False):
        assert register_with_provider.call(registration.pk).startswith("failed")
        assert sync_meeting.call(event.pk) == "created"
    with time_machine.travel(BEFORE + dt.timedelta(minutes=5), tick=False):
        run_tasks()
    registration.refresh_from_db()
    assert registration.link_status == Registration.LINK_READY


def test_a_cancelled_event_cancels_its_webinar_in_the_background(zoom_event, zoom):
    zoom_event.status = Event.CANCELLED
    zoom_event.save()
    assert sync_meeting.call(zoom_event.pk) == "cancelled"
    assert zoom_event.provider_meeting_id not in zoom.webinars


def test_zoom_check_reports_success(zoom, capsys):
    call_command("zoom_check")
    assert "Zoom is ready" in capsys.readouterr().out


def test_zoom_check_names_missing_scopes(zoom):
    from django.core.management.base import CommandError

    zoom.scopes = "webinar:read:admin"
    with pytest.raises(CommandError) as caught:
        call_command("zoom_check")
    assert "webinar:write:admin" in str(caught.value)
    assert "report:read:admin" in str(caught.value)


def test_zoom_check_explains_refused_credentials(zoom, settings):
    from django.core.management.base import CommandError

    settings.ZOOM_ACCOUNT_ID = "someone-else"
    with pytest.raises(CommandError) as caught:
        call_command("zoom_check")
    assert "ZOOM_ACCOUNT_ID" in str(caught.value)


def test_the_start_up_check_warns_when_zoom_lacks_credentials(settings):
    from meetings.checks import zoom_settings

    settings.MEETING_PROVIDER = "zoom"
    settings.ZOOM_CLIENT_SECRET = ""
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "s"
    settings.ZOOM_ACCOUNT_ID = settings.ZOOM_CLIENT_ID = "x"
    [warning] = zoom_settings()
    assert warning.id == "meetings.W001"
    assert "ZOOM_CLIENT_SECRET" in warning.msg
    settings.MEETING_PROVIDER = "simulated"
    assert zoom_settings() == []


def test_registering_again_after_cancelling_gets_a_new_working_link(
    zoom_event, zoom, dana, run_tasks
):
    from events.services.registration import cancel_registration, register_attendee

    with time_machine.travel(BEFORE, tick=False):
        registration = register_attendee(zoom_event, dana)
        run_tasks()
        registration.refresh_from_db()
        first_link = registration.join_url
        cancel_registration(registration, actor=dana)
        run_tasks()
        registration = register_attendee(zoom_event, dana)
        run_tasks()
    registration.refresh_from_db()
    assert registration.link_status == Registration.LINK_READY
    assert registration.join_url not in ("", first_link)
    statuses = {r["status"] for r in zoom.registrants[zoom_event.provider_meeting_id].values()}
    assert statuses == {"cancelled", "approved"}


def test_a_rate_limited_registration_comes_back_after_the_reset(zoom_event, zoom, dana):
    from django_tasks_db.models import DBTaskResult

    registration = RegistrationFactory(event=zoom_event, user=dana)
    zoom.fail_next(
        429,
        {"code": 429, "message": "You have reached the maximum daily rate limit for this API."},
        {"X-RateLimit-Type": "Daily-limit"},
    )
    with time_machine.travel(dt.datetime(2026, 1, 12, 22, 0, tzinfo=dt.UTC), tick=False):
        assert register_with_provider.call(registration.pk).startswith("failed")
    retry = DBTaskResult.objects.get(task_path__endswith="register_with_provider")
    assert retry.run_after == dt.datetime(2026, 1, 13, tzinfo=dt.UTC)


def test_after_the_last_attempt_the_failure_is_raised_for_the_task_log(zoom_event, zoom, dana):
    from meetings.tasks import MAX_ATTEMPTS
    from meetings.zoom.client import ZoomError

    registration = RegistrationFactory(event=zoom_event, user=dana)
    zoom.fail_next(400, {"code": 300, "message": "Validation Failed."})
    with time_machine.travel(BEFORE, tick=False), pytest.raises(ZoomError):
        register_with_provider.call(registration.pk, MAX_ATTEMPTS - 1)


def test_no_registrant_is_added_once_the_event_is_over(zoom_event, zoom, dana):
    registration = RegistrationFactory(event=zoom_event, user=dana)
    with time_machine.travel(zoom_event.end + dt.timedelta(minutes=1), tick=False):
        assert register_with_provider.call(registration.pk) == "skipped: the event is over"
    assert zoom.registrants[zoom_event.provider_meeting_id] == {}
