"""Account settings → API tokens: create (shown once), list, revoke."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from api.models import AccessToken
from api.tests.conftest import ApiClient
from api.tokens import MAX_ACTIVE_TOKENS, create_token, hash_secret, revoke_token
from core.errors import DomainError
from core.models import AuditEntry


def test_the_settings_navigation_links_to_the_tokens_page(client, dana):
    client.force_login(dana)
    page = client.get("/settings/profile/").content.decode()
    assert 'href="/settings/api-tokens/"' in page


def test_creating_a_token_shows_the_secret_once(client, dana):
    client.force_login(dana)
    response = client.post("/settings/api-tokens/", {"name": "Spreadsheet", "read_only": "on"})
    assert response.status_code == 200
    token = AccessToken.objects.get(user=dana)
    secret = response.context["secret"]
    assert token.token_hash == hash_secret(secret) and token.read_only
    assert secret in response.content.decode()
    assert ApiClient(secret).get("me/").status_code == 200
    listing = client.get("/settings/api-tokens/").content.decode()
    assert "Spreadsheet" in listing and token.hint in listing and secret not in listing


def test_the_form_labels_its_fields_and_refuses_a_past_expiry(client, dana):
    client.force_login(dana)
    yesterday = (timezone.localdate() - dt.timedelta(days=1)).isoformat()
    response = client.post("/settings/api-tokens/", {"name": "Old", "expires_on": yesterday})
    html = response.content.decode()
    assert '<label for="id_name">' in html and '<label for="id_expires_on">' in html
    assert "Choose a day after today." in html
    assert not AccessToken.objects.exists()


def test_a_token_with_an_expiry_stops_at_the_start_of_that_day(client, dana):
    client.force_login(dana)
    day = timezone.localdate() + dt.timedelta(days=30)
    client.post("/settings/api-tokens/", {"name": "Quarterly", "expires_on": day.isoformat()})
    # Midnight where Dana lives (Los Angeles), as the form says.
    expires = AccessToken.objects.get(user=dana).expires_at.astimezone(ZoneInfo(dana.time_zone))
    assert (expires.date(), expires.hour, expires.minute) == (day, 0, 0)


def test_revoking_a_token_stops_it(client, dana):
    client.force_login(dana)
    response = client.post("/settings/api-tokens/", {"name": "Sync"})
    secret = response.context["secret"]
    token = AccessToken.objects.get(user=dana)
    client.post(f"/settings/api-tokens/{token.pk}/revoke/")
    token.refresh_from_db()
    assert token.revoked_at is not None
    assert ApiClient(secret).get("me/").status_code == 401
    assert AuditEntry.objects.filter(action="api_token.revoked", actor=dana).exists()


def test_nobody_can_revoke_another_persons_token(client, dana, omar):
    client.force_login(dana)
    client.post("/settings/api-tokens/", {"name": "Dana's"})
    token = AccessToken.objects.get(user=dana)
    client.force_login(omar)
    assert client.post(f"/settings/api-tokens/{token.pk}/revoke/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_the_pages_need_a_login(client):
    response = client.get("/settings/api-tokens/")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_service_refuses_an_expiry_in_the_past(dana):
    with pytest.raises(DomainError) as refused:
        create_token(dana, name="Old", expires_at=timezone.now() - dt.timedelta(minutes=1))
    assert (refused.value.code, refused.value.field) == ("expiry_in_past", "expires_at")
    assert not AccessToken.objects.exists()
    assert not AuditEntry.objects.filter(action="api_token.created").exists()


def test_a_person_holds_at_most_twenty_active_tokens(dana):
    for number in range(MAX_ACTIVE_TOKENS):
        create_token(dana, name=f"Sync {number}")
    with pytest.raises(DomainError) as refused:
        create_token(dana, name="One more")
    assert refused.value.code == "too_many_tokens"
    assert refused.value.message == "You already have 20 tokens; revoke one you no longer use."
    assert AccessToken.objects.filter(user=dana).count() == MAX_ACTIVE_TOKENS
    assert not AccessToken.objects.filter(name="One more").exists()


def test_a_revoked_token_cannot_be_revoked_again(dana):
    token, _ = create_token(dana, name="Sync")
    revoke_token(token, actor=dana)
    token.refresh_from_db()
    revoked_at = token.revoked_at
    with pytest.raises(DomainError) as refused:
        revoke_token(token, actor=dana)
    assert refused.value.code == "token_revoked"
    token.refresh_from_db()
    assert token.revoked_at == revoked_at
    assert AuditEntry.objects.filter(action="api_token.revoked").count() == 1
