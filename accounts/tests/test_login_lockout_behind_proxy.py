"""Behind the TLS proxy, failed-login limits apply to each real client, not to the proxy."""

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse

from tests.factories import PASSWORD

PROXY = "10.0.0.2"
ATTACKER = "203.0.113.66"
COLLEAGUE = "198.51.100.20"
TOO_MANY = "Too many failed login attempts"


@pytest.fixture
def behind_proxy_with_a_small_limit(settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The one setting operators set; allauth must follow it.
    settings.TRUSTED_PROXY_COUNT = 1
    settings.ACCOUNT_RATE_LIMITS = {"login_failed": "3/m/ip"}
    cache.clear()
    yield
    cache.clear()


def _log_in(client: Client, forwarded: str, email: str, password: str):
    return client.post(
        reverse("account_login"),
        {"login": email, "password": password},
        REMOTE_ADDR=PROXY,
        HTTP_X_FORWARDED_FOR=forwarded,
    )


def test_one_client_failing_logins_does_not_lock_out_another(
    behind_proxy_with_a_small_limit, dana, omar
):
    attacker = Client()
    for _ in range(3):
        _log_in(attacker, ATTACKER, omar.email, "wrong")
    assert TOO_MANY in _log_in(attacker, ATTACKER, omar.email, "wrong").content.decode()

    colleague = Client()
    response = _log_in(colleague, COLLEAGUE, dana.email, PASSWORD)
    assert response.status_code == 302
    assert colleague.session["_auth_user_id"] == str(dana.pk)


def test_a_spoofed_forwarded_for_entry_does_not_reset_the_failed_login_limit(
    behind_proxy_with_a_small_limit, omar
):
    attacker = Client()
    for n in range(3):
        _log_in(attacker, f"192.0.2.{n}, {ATTACKER}", omar.email, "wrong")
    response = _log_in(attacker, f"192.0.2.99, {ATTACKER}", omar.email, "wrong")
    assert TOO_MANY in response.content.decode()


def test_a_request_that_skipped_the_proxy_chain_is_refused_plainly_not_with_an_error(
    behind_proxy_with_a_small_limit, settings, dana
):
    # Two proxies are configured but the header has one entry: allauth on its own would raise
    # ImproperlyConfigured (a 500); the app's rule falls back to the peer address instead.
    settings.TRUSTED_PROXY_COUNT = 2
    response = _log_in(Client(), ATTACKER, dana.email, PASSWORD)
    assert response.status_code == 302
