"""Behind N trusted proxies the client is the N-th X-Forwarded-For entry from the right.

Every proxy appends the address it received the request from, so only the entries the trusted
proxies wrote can be believed; whatever the client itself sent sits to their left.
"""

import runpy
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.exceptions import ImproperlyConfigured
from django.test import RequestFactory
from django.urls import reverse

from core.ratelimit import client_address

SETTINGS_FILE = Path(__file__).resolve().parents[2] / "fullcredit" / "settings.py"
PROXY = "10.0.0.2"
REAL_CLIENT = "203.0.113.7"


def _request(remote: str = PROXY, forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def behind_one_proxy(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.TRUSTED_PROXY_COUNT = 1
    cache.clear()
    yield settings
    cache.clear()


def test_without_trusted_proxies_the_peer_is_the_client_whatever_the_header_says(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    assert client_address(_request(remote=REAL_CLIENT, forwarded="198.51.100.1")) == REAL_CLIENT


def test_behind_one_proxy_the_right_most_entry_is_the_client(behind_one_proxy):
    request = _request(forwarded=f"1.2.3.4, 5.6.7.8, {REAL_CLIENT}")
    assert client_address(request) == REAL_CLIENT


def test_behind_two_proxies_the_second_entry_from_the_right_is_the_client(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = _request(forwarded=f"1.2.3.4, {REAL_CLIENT}, 10.0.0.1")
    assert client_address(request) == REAL_CLIENT


def test_a_header_shorter_than_the_proxy_chain_falls_back_to_the_peer(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert client_address(_request(forwarded="1.2.3.4")) == PROXY
    assert client_address(_request()) == PROXY


def test_an_entry_that_is_not_an_address_falls_back_to_the_peer(behind_one_proxy):
    assert client_address(_request(forwarded="1.2.3.4, not-an-ip")) == PROXY


def test_a_spoofed_left_most_entry_does_not_escape_the_verification_limit(
    client, db, behind_one_proxy
):
    behind_one_proxy.VERIFY_RATE_LIMIT_PER_MINUTE = 3
    url = reverse("certificates:verify", args=["not-a-real-code-000000"])
    statuses = [
        client.get(
            url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {REAL_CLIENT}"
        ).status_code
        for n in range(6)
    ]
    assert statuses == [404, 404, 404, 429, 429, 429]
    # Another real client behind the same proxy keeps its own allowance.
    other = client.get(url, REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR="198.51.100.2")
    assert other.status_code == 404


def test_a_spoofed_left_most_entry_does_not_escape_the_public_api_limit(
    client, db, behind_one_proxy
):
    behind_one_proxy.API_PUBLIC_RATE_LIMIT_PER_MINUTE = 2
    statuses = [
        client.get(
            "/api/v1/events", REMOTE_ADDR=PROXY, HTTP_X_FORWARDED_FOR=f"192.0.2.{n}, {REAL_CLIENT}"
        ).status_code
        for n in range(4)
    ]
    assert statuses == [200, 200, 429, 429]


def _settings_with(monkeypatch, **environment: str) -> dict:
    for name in ("BEHIND_TLS_PROXY", "TRUSTED_PROXY_COUNT"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    return runpy.run_path(str(SETTINGS_FILE))


def test_trusted_proxy_count_defaults_to_one_behind_a_tls_proxy(monkeypatch):
    values = _settings_with(monkeypatch, BEHIND_TLS_PROXY="true")
    assert values["TRUSTED_PROXY_COUNT"] == 1
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == 1


def test_trusted_proxy_count_defaults_to_zero_without_a_proxy(monkeypatch):
    values = _settings_with(monkeypatch)
    assert values["TRUSTED_PROXY_COUNT"] == 0
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == 0


def test_trusted_proxy_count_can_name_a_longer_chain(monkeypatch):
    values = _settings_with(monkeypatch, BEHIND_TLS_PROXY="true", TRUSTED_PROXY_COUNT="2")
    assert values["TRUSTED_PROXY_COUNT"] == 2
    assert values["ALLAUTH_TRUSTED_PROXY_COUNT"] == 2


@pytest.mark.parametrize("raw", ["-1", "one"])
def test_a_negative_or_non_numeric_trusted_proxy_count_stops_start_up(monkeypatch, raw):
    with pytest.raises(ImproperlyConfigured, match="TRUSTED_PROXY_COUNT"):
        _settings_with(monkeypatch, TRUSTED_PROXY_COUNT=raw)
