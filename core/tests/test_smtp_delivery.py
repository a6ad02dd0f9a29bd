"""Production mail goes over SMTP: prove delivery against a real SMTP server on loopback."""

import email
import socket
import subprocess
import sys

import pytest
from aiosmtpd.controller import Controller
from django.urls import reverse


class Collector:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.rcpt_tos, email.message_from_bytes(envelope.content)))
        return "250 Message accepted for delivery"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def smtp_server():
    collector = Collector()
    controller = Controller(collector, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        yield controller, collector
    finally:
        controller.stop()


def test_password_reset_mail_is_delivered_over_smtp(client, dana, settings, smtp_server):
    controller, collector = smtp_server
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = controller.port
    settings.EMAIL_USE_TLS = False

    client.post(reverse("account_reset_password"), {"email": dana.email})

    assert len(collector.messages) == 1
    recipients, message = collector.messages[0]
    assert recipients == ["dana@example.com"]
    assert message["Subject"].startswith("FullCredit: ")
    assert "/accounts/password/reset/key/" in message.get_payload(decode=False)


def test_email_url_configures_the_smtp_backend():
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import fullcredit.settings as s; "
            "print(s.EMAIL_BACKEND, s.EMAIL_DELIVERY_BACKEND, s.EMAIL_HOST, s.EMAIL_PORT, "
            "s.EMAIL_HOST_USER, s.EMAIL_USE_TLS, s.EMAIL_TIMEOUT)",
        ],
        env={
            "PATH": "/usr/bin:/bin",
            "SECRET_KEY": "k",
            "ALLOWED_HOSTS": "x",
            "EMAIL_URL": "submission://mailer:secret@smtp.example.org:587",
            "SITE_URL": "https://ce.example.org",
        },
        capture_output=True,
        text=True,
        check=True,
    )
    assert result.stdout.split() == [
        "core.outgoing.QueuedEmailBackend",
        "django.core.mail.backends.smtp.EmailBackend",
        "smtp.example.org",
        "587",
        "mailer",
        "True",
        "20",
    ]
