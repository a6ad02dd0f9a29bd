"""Zoom's event notifications: verified, stored once, and used only for the live room view."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import json
import time

import pytest
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from attendance.models import Connection, Decision
from meetings.tests.conftest import START
from meetings.zoom.models import ZoomPresence, ZoomWebhookEvent
from tests.factories import EventFactory, RegistrationFactory

SECRET = "webhook-secret-token"
URL = "/zoom/webhook/"


@pytest.fixture(autouse=True)
def secret(settings):
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = SECRET


def signed(body: bytes, timestamp: int | None = None, secret: str = SECRET) -> dict[str, str]:
    ts = str(int(time.time()) if timestamp is None else timestamp)
    digest = hmac.new(secret.encode(), f"v0:{ts}:".encode() + body, hashlib.sha256).hexdigest()
    return {"x-zm-request-timestamp": ts, "x-zm-signature": f"v0={digest}"}


def post(client, data: dict, **sign_kwargs):
    body = json.dumps(data).encode()
    return client.post(
        URL, data=body, content_type="application/json", headers=signed(body, **sign_kwargs)
    )


def participant_event(name: str, webinar_id: str, participant: dict) -> dict:
    return {
        "event": name,
        "event_ts": 1768500000000 + len(participant),
        "payload": {
            "account_id": "acct-fullcredit",
            "object": {
                "id": webinar_id,
                "uuid": "inst-1==",
                "host_id": "h",
                "topic": "Trauma-Informed Care",
                "type": 5,
                "start_time": "2026-01-15T18:00:00Z",
                "timezone": "America/Los_Angeles",
                "duration": 120,
                "participant": participant,
            },
        },
    }


@pytest.fixture
def event(db):
    return EventFactory(
        start=START,
        end=START + dt.timedelta(hours=2),
        meeting_provider="zoom",
        provider_meeting_id="81200000001",
    )


def test_the_url_validation_challenge_is_answered(client, db):
    response = post(
        client,
        {
            "payload": {"plainToken": "qgg8vlvZRS6UYooatFL8Aw"},
            "event_ts": 1654503849680,
            "event": "endpoint.url_validation",
        },
    )
    assert response.status_code == 200
    expected = hmac.new(SECRET.encode(), b"qgg8vlvZRS6UYooatFL8Aw", hashlib.sha256).hexdigest()
    assert response.json() == {"plainToken": "qgg8vlvZRS6UYooatFL8Aw", "encryptedToken": expected}


def test_a_correctly_signed_notification_is_stored_and_acknowledged(client, event):
    response = post(client, participant_event("webinar.participant_joined", "81200000001", {}))
    assert response.status_code == 200
    assert ZoomWebhookEvent.objects.get().event_name == "webinar.participant_joined"


def test_a_wrongly_signed_notification_is_refused_and_not_stored(client, db):
    response = post(client, {"event": "webinar.ended", "payload": {}}, secret="not-the-secret")
    assert response.status_code == 401
    assert not ZoomWebhookEvent.objects.exists()


def test_a_body_changed_after_signing_is_refused(client, db):
    body = json.dumps({"event": "webinar.ended", "event_ts": 1, "payload": {}}).encode()
    headers = signed(body)
    tampered = body.replace(b"webinar.ended", b"webinar.started")
    response = client.post(URL, data=tampered, content_type="application/json", headers=headers)
    assert response.status_code == 401


def test_a_stale_timestamp_is_refused_even_with_a_valid_signature(client, db):
    response = post(
        client, {"event": "webinar.ended", "payload": {}}, timestamp=int(time.time()) - 301
    )
    assert response.status_code == 401
    assert not ZoomWebhookEvent.objects.exists()


def test_a_missing_signature_is_refused(client, db):
    response = client.post(URL, data=b"{}", content_type="application/json")
    assert response.status_code == 401


def test_without_a_secret_token_notifications_are_refused(client, db, settings):
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = ""
    response = post(client, {"event": "webinar.ended", "payload": {}}, secret="")
    assert response.status_code == 503


def test_only_posts_are_accepted(client, db):
    assert client.get(URL).status_code == 405


def test_a_duplicate_delivery_is_stored_and_processed_once(client, event):
    data = participant_event("webinar.participant_joined", "81200000001", {"user_id": "1"})
    assert post(client, data).status_code == 200
    assert post(client, data).status_code == 200
    assert ZoomWebhookEvent.objects.count() == 1
    assert DBTaskResult.objects.filter(task_path__endswith="process_zoom_notification").count() == 1


def test_joins_and_leaves_give_staff_a_live_view_of_the_room(
    client, event, dana, omar, sam_staff, run_tasks
):
    dana_registration = RegistrationFactory(
        event=event, user=dana, provider_registrant_id="regdana"
    )
    dana_joined = {
        "user_id": "16778240",
        "user_name": "Dana W",
        "email": dana.email,
        "registrant_id": "regdana",
        "join_time": "2026-01-15T18:01:00Z",
    }
    guest = {"user_id": "16779264", "user_name": "Guest Phone", "join_time": "2026-01-15T18:02:00Z"}
    post(client, participant_event("webinar.participant_joined", "81200000001", dana_joined))
    post(client, participant_event("webinar.participant_joined", "81200000001", guest))
    left = {**guest, "leave_time": "2026-01-15T18:30:00Z"}
    left.pop("join_time")
    post(client, participant_event("webinar.participant_left", "81200000001", left))
    run_tasks()
    in_room = [p for p in ZoomPresence.objects.filter(event=event) if p.in_room]
    assert [p.registration for p in in_room] == [dana_registration]
    client.force_login(sam_staff)
    page = client.get(reverse("meetings:zoom_live", args=[event.slug])).content.decode()
    assert dana_registration.name in page
    assert "Guest Phone" not in page
    assert 'http-equiv="refresh"' not in page  # the list updates in place instead
    fragment = client.get(reverse("meetings:zoom_live", args=[event.slug]), {"fragment": 1})
    assert dana_registration.name in fragment.text
    assert "<html" not in fragment.text
    # Notifications never create attendance or credit.
    assert not Connection.objects.filter(event=event).exists()
    assert not Decision.objects.filter(registration__event=event).exists()


def test_a_leave_that_overtakes_its_join_does_not_reopen_the_connection(client, event, run_tasks):
    who = {"user_id": "42", "user_name": "Late Notice"}
    post(
        client,
        participant_event(
            "webinar.participant_left",
            "81200000001",
            {**who, "leave_time": "2026-01-15T18:40:00Z"},
        ),
    )
    post(
        client,
        participant_event(
            "webinar.participant_joined",
            "81200000001",
            {**who, "join_time": "2026-01-15T18:05:00Z", "email": ""},
        ),
    )
    run_tasks()
    presence = ZoomPresence.objects.get(event=event)
    assert presence.joined_at is not None and presence.left_at is not None
    assert not presence.in_room


def test_webinar_ended_schedules_the_report_pull(client, event, run_tasks):
    data = {
        "event": "webinar.ended",
        "event_ts": 1768507200000,
        "payload": {
            "account_id": "acct-fullcredit",
            "object": {
                "id": "81200000001",
                "uuid": "inst-1==",
                "end_time": "2026-01-15T20:00:00Z",
            },
        },
    }
    post(client, data)
    run_tasks()
    pulls = DBTaskResult.objects.filter(task_path="attendance.tasks.collect_attendance")
    assert pulls.count() == 1
    assert pulls.get().status == "READY"  # waiting for Zoom to publish the report


def test_notifications_about_unknown_webinars_are_ignored(client, db, run_tasks):
    post(client, participant_event("webinar.participant_joined", "999", {"user_id": "1"}))
    run_tasks()
    notification = ZoomWebhookEvent.objects.get()
    assert notification.outcome.startswith("ignored")
    assert not ZoomPresence.objects.exists()


def test_webinar_ended_closes_everyone_still_in_the_room(client, event, run_tasks):
    post(
        client,
        participant_event(
            "webinar.participant_joined",
            "81200000001",
            {"user_id": "7", "user_name": "Stayed To The End", "join_time": "2026-01-15T18:00:00Z"},
        ),
    )
    ended = {
        "event": "webinar.ended",
        "event_ts": 1768507200000,
        "payload": {
            "object": {"id": "81200000001", "uuid": "inst-1==", "end_time": "2026-01-15T20:00:00Z"}
        },
    }
    post(client, ended)
    run_tasks()
    presence = ZoomPresence.objects.get(event=event)
    assert presence.left_at == dt.datetime(2026, 1, 15, 20, 0, tzinfo=dt.UTC)
    assert not presence.in_room


def test_zoom_needs_no_csrf_token(db):
    from django.test import Client

    response = post(
        Client(enforce_csrf_checks=True),
        {"event": "endpoint.url_validation", "event_ts": 1, "payload": {"plainToken": "abc"}},
    )
    assert response.status_code == 200


@pytest.mark.parametrize(
    "body",
    [
        b'{"event": "webinar.ended", "payload": ' + b"[" * 2_000 + b"]" * 2_000 + b"}",
        b'{"event": "webinar.ended", "event_ts": ' + b"1" * 5_000 + b"}",
    ],
    ids=["deep", "huge-number"],
)
def test_a_signed_body_shaped_to_crash_the_parser_is_a_400(client, db, body):
    response = client.post(URL, data=body, content_type="application/json", headers=signed(body))
    assert response.status_code == 400
    assert not ZoomWebhookEvent.objects.exists()
