"""The Zoom client against the fake Zoom: tokens, retries, rate limits, pages, UUIDs."""

from __future__ import annotations

import base64
import datetime as dt

import pytest

from meetings.tests.fake_zoom import CLIENT_ID, CLIENT_SECRET
from meetings.zoom import auth
from meetings.zoom.client import (
    MAX_ATTEMPTS,
    ZoomClient,
    ZoomError,
    ZoomRateLimited,
    encode_uuid,
)
from meetings.zoom.reports import instance_participants


def rows(count: int) -> list[dict]:
    return [
        {
            "id": "",
            "user_id": str(16778240 + 1024 * n),
            "name": f"Person {n}",
            "user_email": f"person{n}@example.com",
            "join_time": "2026-01-15T18:00:00Z",
            "leave_time": "2026-01-15T20:00:00Z",
            "duration": 7200,
            "registrant_id": f"r{n}",
            "status": "in_meeting",
        }
        for n in range(count)
    ]


def test_the_token_request_uses_basic_auth_and_account_credentials(zoom):
    ZoomClient().get("/users/me/webinars")
    [seen] = zoom.token_requests
    expected = base64.b64encode(f"{CLIENT_ID}:{CLIENT_SECRET}".encode()).decode()
    assert seen.method == "POST"
    assert seen.authorization == f"Basic {expected}"
    assert seen.query == {"grant_type": "account_credentials", "account_id": "acct-fullcredit"}


def test_one_token_serves_every_call_until_shortly_before_it_expires(zoom):
    now = [1_000_000.0]
    client = ZoomClient()
    for _ in range(3):
        auth.get_token(client.credentials, client.http, clock=lambda: now[0])
    assert len(zoom.token_requests) == 1
    now[0] += 3599 - auth.RENEW_BEFORE_EXPIRY + 1
    auth.get_token(client.credentials, client.http, clock=lambda: now[0])
    assert len(zoom.token_requests) == 2


def test_an_expired_access_token_is_renewed_and_the_call_succeeds(zoom):
    client = ZoomClient()
    client.get("/users/me/webinars")
    zoom.expire_tokens()
    assert client.get("/users/me/webinars")["webinars"] == []
    assert len(zoom.token_requests) == 2


def test_wrong_credentials_are_not_retried(zoom, settings):
    settings.ZOOM_CLIENT_SECRET = "wrong"
    with pytest.raises(auth.ZoomAuthError) as caught:
        ZoomClient().get("/users/me/webinars")
    assert not caught.value.retryable
    assert "ZOOM_CLIENT_SECRET" in str(caught.value)
    assert zoom.requests == []


def test_a_429_with_retry_after_waits_that_long(zoom):
    zoom.fail_next(429, {"code": 429, "message": "Too many requests."}, {"Retry-After": "7"})
    assert ZoomClient().get("/users/me/webinars")["webinars"] == []
    assert zoom.sleeps == [7.0]


def test_a_429_without_retry_after_backs_off_exponentially_with_jitter(zoom):
    for _ in range(3):
        zoom.fail_next(429, {"code": 429, "message": "Too many requests."})
    ZoomClient(jitter=lambda: 0.5).get("/users/me/webinars")
    # Half of 1, 2, 4 seconds fixed, plus half of the other half from the jitter.
    assert zoom.sleeps == [0.75, 1.5, 3.0]


def test_server_errors_are_retried(zoom):
    zoom.fail_next(502, {"message": "Bad gateway"})
    zoom.fail_next(503)
    assert ZoomClient().get("/users/me/webinars")["webinars"] == []
    assert len(zoom.sleeps) == 2


def test_persistent_server_errors_give_a_retryable_error(zoom):
    for _ in range(MAX_ATTEMPTS):
        zoom.fail_next(500, {"code": 500, "message": "Internal error"})
    with pytest.raises(ZoomError) as caught:
        ZoomClient().get("/users/me/webinars")
    assert caught.value.retryable
    assert caught.value.status == 500


def test_a_client_error_is_not_retried(zoom):
    with pytest.raises(ZoomError) as caught:
        ZoomClient().request("PATCH", "/webinars/404404")
    assert (caught.value.status, caught.value.code) == (404, 3001)
    assert not caught.value.retryable
    assert zoom.sleeps == []


def test_a_short_daily_limit_wait_is_slept(zoom):
    zoom.fail_next(
        429,
        {"code": 429, "message": "You have reached the maximum daily rate limit for this API."},
        {"X-RateLimit-Type": "Daily-limit", "Retry-After": "30"},
    )
    assert ZoomClient().get("/users/me/webinars")["webinars"] == []
    assert zoom.sleeps == [30.0]


def test_the_daily_limit_without_retry_after_waits_for_utc_midnight(zoom):
    zoom.fail_next(
        429,
        {"code": 429, "message": "You have reached the maximum daily rate limit for this API."},
        {"X-RateLimit-Type": "Daily-limit"},
    )
    now = dt.datetime(2026, 1, 15, 21, 30, tzinfo=dt.UTC)
    with pytest.raises(ZoomRateLimited) as caught:
        ZoomClient(now=lambda: now).get("/users/me/webinars")
    assert caught.value.retry_at == dt.datetime(2026, 1, 16, tzinfo=dt.UTC)
    assert caught.value.retryable
    assert zoom.sleeps == []


def test_a_listing_follows_every_page_at_the_largest_page_size(zoom):
    zoom.add_instance("1", "abc+def==", "2026-01-15T18:00:00Z", rows(650))
    participants = instance_participants(ZoomClient(), "abc+def==")
    assert len(participants) == 650
    calls = zoom.api_requests("GET", "/v2/report/")
    assert len(calls) == 3
    assert {c.query["page_size"] for c in calls} == {"300"}
    assert {c.query["include_fields"] for c in calls} == {"registrant_id"}
    assert all(p["registrant_id"] for p in participants)


def test_an_expired_page_token_restarts_the_listing_without_duplicates(zoom):
    zoom.add_instance("1", "abc==", "2026-01-15T18:00:00Z", rows(450))
    zoom.expire_next_page_token = True
    participants = instance_participants(ZoomClient(), "abc==")
    assert sorted(p["user_id"] for p in participants) == sorted(r["user_id"] for r in rows(450))
    assert len(zoom.api_requests("GET", "/v2/report/")) == 4  # 2 pages, refused, then 2 again


@pytest.mark.parametrize(
    ("uuid", "encoded"),
    [
        ("/ajXp112QmuoKj4854875==", "%252FajXp112QmuoKj4854875%253D%253D"),
        ("ab//cd+e==", "ab%252F%252Fcd%252Be%253D%253D"),
        ("iOTQZPmhTUq5a232ETb9eg==", "iOTQZPmhTUq5a232ETb9eg%3D%3D"),
    ],
)
def test_instance_uuids_are_encoded_once_or_twice(uuid, encoded):
    assert encode_uuid(uuid) == encoded


def test_a_uuid_starting_with_a_slash_reaches_its_report(zoom):
    zoom.add_instance("1", "/ajXp112QmuoKj4854875==", "2026-01-15T18:00:00Z", rows(2))
    assert len(instance_participants(ZoomClient(), "/ajXp112QmuoKj4854875==")) == 2
    [call] = zoom.api_requests("GET", "/v2/report/")
    assert "%252FajXp112QmuoKj4854875%253D%253D" in call.raw_path


def test_a_wait_too_long_to_sleep_is_left_to_the_caller(zoom):
    zoom.fail_next(429, {"code": 429, "message": "Too many requests."}, {"Retry-After": "900"})
    now = dt.datetime(2026, 1, 15, 21, 0, tzinfo=dt.UTC)
    with pytest.raises(ZoomRateLimited) as caught:
        ZoomClient(now=lambda: now).get("/users/me/webinars")
    assert caught.value.retry_at == now + dt.timedelta(minutes=15)
    assert zoom.sleeps == []
