"""Tokens: how they authenticate, and every way a request is refused."""

from __future__ import annotations

import datetime as dt

import pytest
from django.test import Client
from django.utils import timezone

from api.models import AccessToken
from api.tests.conftest import ApiClient
from api.tokens import PREFIX, create_token, hash_secret, revoke_token
from core.models import AuditEntry


def test_a_token_is_stored_only_as_a_hash_and_starts_with_the_prefix(dana):
    token, secret = create_token(dana, name="Sheets")
    assert secret.startswith(PREFIX) and len(secret) > 40
    assert token.token_hash == hash_secret(secret)
    assert secret not in {token.token_hash, token.hint}
    assert AuditEntry.objects.filter(action="api_token.created", target_id=str(token.pk)).exists()


def test_a_token_acts_as_its_owner(dana_api):
    response = dana_api.get("me/")
    assert response.status_code == 200
    assert response.json()["email"] == "dana@example.com"


def test_use_is_recorded_on_the_token(dana):
    token, secret = create_token(dana, name="Sheets")
    ApiClient(secret).get("me/")
    token.refresh_from_db()
    assert token.last_used_at is not None


def test_no_token_is_401_with_the_error_shape(anonymous):
    response = anonymous.get("me/")
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"
    assert response["WWW-Authenticate"].startswith("Bearer")


@pytest.mark.parametrize("header", ["Bearer fc_not-a-real-token", "Bearer nonsense", "Basic abc"])
def test_a_bad_token_is_401(db, header):
    response = Client().get("/api/v1/me/", headers={"Authorization": header})
    assert response.status_code == 401
    assert response.json()["code"] == "not_authenticated"


def test_a_bad_token_is_401_even_with_a_signed_in_session(client, dana):
    client.force_login(dana)
    response = client.get("/api/v1/me/", headers={"Authorization": "Bearer fc_wrong"})
    assert response.status_code == 401


def test_a_revoked_token_is_401(dana):
    token, secret = create_token(dana, name="Sheets")
    revoke_token(token, actor=dana)
    assert ApiClient(secret).get("me/").status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoked", target_id=str(token.pk)).exists()


def test_an_expired_token_is_401(dana):
    token, secret = create_token(dana, name="Sheets", expires_at=timezone.now() + dt.timedelta(1))
    AccessToken.objects.filter(pk=token.pk).update(expires_at=timezone.now())
    assert ApiClient(secret).get("me/").status_code == 401


def test_a_read_only_token_may_read_but_not_write(sam_staff):
    _, secret = create_token(sam_staff, name="Reports", read_only=True)
    api = ApiClient(secret)
    assert api.get("staff/events").status_code == 200
    response = api.post("me/registrations", {"event": "anything"})
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"


def test_the_session_works_for_reads_and_needs_csrf_for_writes(dana):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(dana)
    assert browser.get("/api/v1/me/").status_code == 200
    response = browser.post(
        "/api/v1/me/registrations", {"event": "x"}, content_type="application/json"
    )
    assert response.status_code == 403
    browser.get("/settings/api-tokens/")  # sets the CSRF cookie
    token = browser.cookies["csrftoken"].value
    response = browser.post(
        "/api/v1/me/registrations",
        {"event": "no-such-event"},
        content_type="application/json",
        headers={"X-CSRFToken": token},
    )
    assert response.status_code == 404


def test_an_attendee_token_is_refused_staff_endpoints(dana_api):
    response = dana_api.get("staff/events")
    assert response.status_code == 403
    assert response.json()["code"] == "forbidden"
