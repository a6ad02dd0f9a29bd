"""Account settings → API tokens: create (shown once), list, revoke."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import timezone

from api.models import AccessToken
from api.tests.conftest import ApiClient
from api.tokens import hash_secret
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
