import subprocess
import sys

import pytest
from django.urls import reverse

from core.models import OutboxMessage


def test_every_page_sends_security_headers(client, db):
    response = client.get("/")
    assert response.status_code == 200
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"


def test_unknown_address_gets_the_friendly_not_found_page(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    assert b"We can't find that page" in response.content


def test_home_page_has_landmarks_and_a_skip_link(client, db):
    html = client.get("/").content.decode()
    assert '<a class="skip-link" href="#main">' in html
    assert '<main id="main"' in html
    assert '<nav aria-label="Main"' in html
    assert "<footer" in html


def test_the_outbox_page_does_not_exist_outside_development(client, db, settings):
    settings.OUTBOX_PAGE_ENABLED = False
    assert client.get(reverse("outbox")).status_code == 404


def test_the_outbox_page_lists_messages_in_development(client, db, settings):
    settings.OUTBOX_PAGE_ENABLED = True
    message = OutboxMessage.objects.create(
        subject="Hello", from_email="a@example.com", to=["b@example.com"], body_text="Body"
    )
    assert b"Hello" in client.get(reverse("outbox")).content
    detail = client.get(reverse("outbox_message", args=[message.pk]))
    assert b"Body" in detail.content


def _import_settings(env):
    """Import the production settings in a fresh interpreter with exactly `env`."""
    return subprocess.run(
        [sys.executable, "-c", "import fullcredit.settings"],
        env={"PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "message"),
    [
        ({"ALLOWED_HOSTS": "x", "EMAIL_URL": "smtp://localhost"}, "SECRET_KEY is not set"),
        ({"SECRET_KEY": "k", "EMAIL_URL": "smtp://localhost"}, "ALLOWED_HOSTS is not set"),
        (
            {"SECRET_KEY": "k", "ALLOWED_HOSTS": "x", "SITE_URL": "https://ce.example.org"},
            "EMAIL_URL is not set",
        ),
        ({"DEBUG": "maybe"}, "DEBUG must be true or false"),
    ],
)
def test_production_start_up_stops_with_a_clear_message_when_config_is_missing(env, message):
    result = _import_settings(env)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_use_secure_cookies():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import fullcredit.settings as s; "
            "print(s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, s.DEBUG)",
        ],
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "k",
            "ALLOWED_HOSTS": "x",
            "EMAIL_URL": "smtp://localhost",
            "SITE_URL": "https://ce.example.org",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == ["True", "True", "False"]
