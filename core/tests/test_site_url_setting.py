"""Production refuses a SITE_URL that would put a wrong address into links and certificates.

Every certificate prints SITE_URL + its verification path (and the QR code of it) into a frozen
snapshot, so the only protection is refusing a bad SITE_URL before the first one is issued.
"""

from __future__ import annotations

import subprocess
import sys

import pytest

PRODUCTION = {
    "PATH": "/usr/bin:/bin",
    "SECRET_KEY": "k",
    "ALLOWED_HOSTS": "ce.example.org",
    "EMAIL_URL": "smtp://smtp.example.org",
}


def _site_url_after_start_up(**env: str) -> subprocess.CompletedProcess[str]:
    """Import the settings in a fresh interpreter with production's environment plus `env`."""
    return subprocess.run(
        [sys.executable, "-c", "import fullcredit.settings as s; print(s.SITE_URL)"],
        env={**PRODUCTION, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def _refusal(result: subprocess.CompletedProcess[str]) -> str:
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    return result.stderr.strip().splitlines()[-1]


def test_a_missing_site_url_is_refused_and_the_message_says_what_to_set():
    message = _refusal(_site_url_after_start_up())
    assert "SITE_URL is not set." in message
    assert "SITE_URL=https://ce.example.org" in message


def test_a_missing_site_url_is_refused_even_with_the_override():
    message = _refusal(_site_url_after_start_up(SITE_URL_ALLOW_INSECURE="true"))
    assert "SITE_URL is not set." in message


@pytest.mark.parametrize(
    "url",
    [
        "http://127.0.0.1:8000",
        "https://127.0.0.1",
        "https://localhost:8443",
        "http://localhost",
        "https://[::1]:8000",
        "https://0.0.0.0",
    ],
)
def test_a_site_url_on_this_machine_is_refused(url):
    message = _refusal(_site_url_after_start_up(SITE_URL=url))
    assert f"SITE_URL is {url}, an address on this machine" in message
    assert "SITE_URL=https://ce.example.org" in message
    assert "SITE_URL_ALLOW_INSECURE=true" in message


def test_a_site_url_without_https_is_refused():
    message = _refusal(_site_url_after_start_up(SITE_URL="http://ce.example.org"))
    assert "SITE_URL is http://ce.example.org, without HTTPS." in message
    assert "SITE_URL_ALLOW_INSECURE=true" in message


@pytest.mark.parametrize("url", ["ce.example.org", "/ce", "ftp://ce.example.org"])
def test_a_site_url_that_is_not_a_full_address_is_refused_even_with_the_override(url):
    result = _site_url_after_start_up(SITE_URL=url, SITE_URL_ALLOW_INSECURE="true")
    assert "SITE_URL must be a full address such as https://ce.example.org" in _refusal(result)


def test_a_public_https_site_url_starts():
    result = _site_url_after_start_up(SITE_URL="https://ce.example.org/")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["https://ce.example.org"]


@pytest.mark.parametrize("url", ["http://127.0.0.1:8101", "http://ce.example.org"])
def test_the_override_lets_a_local_or_plain_http_site_url_start(url):
    result = _site_url_after_start_up(SITE_URL=url, SITE_URL_ALLOW_INSECURE="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [url]


def test_the_override_must_be_true_or_false():
    result = _site_url_after_start_up(
        SITE_URL="https://ce.example.org", SITE_URL_ALLOW_INSECURE="y"
    )
    assert "SITE_URL_ALLOW_INSECURE must be true or false" in _refusal(result)


def test_development_keeps_its_local_default():
    result = _site_url_after_start_up(DEBUG="true")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["http://127.0.0.1:8000"]
