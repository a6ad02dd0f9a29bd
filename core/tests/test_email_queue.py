"""Mail never breaks a request and is never lost: every message is queued in the sender's
transaction and delivered by a task that retries until the mail server takes it, once."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from accounts.models import User
from core.email import send_email
from core.models import OutgoingEmail
from core.tests.smtp_servers import HangingServer, free_port, working_server
from tests.factories import PASSWORD

SIGNUP = {
    "email": "new.person@example.com",
    "password1": "a long and unusual passphrase",
    "password2": "a long and unusual passphrase",
    "legal_first_name": "Renée",
    "legal_last_name": "O'Brien",
    "time_zone": "America/Chicago",
}


@pytest.fixture
def work(monkeypatch):
    """Run the due tasks as the worker does, failures included (they are retried later)."""
    from django_tasks_db.management.commands import db_worker

    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)

    def run(at: dt.datetime | None = None) -> None:
        with time_machine.travel(at or timezone.now(), tick=True):
            call_command("db_worker", batch=True, no_startup_delay=True, interval=0, verbosity=0)

    return run


@pytest.fixture
def smtp(settings):
    """Mail goes through the queue to an SMTP server on a free local port (nothing listens
    there yet: the server refuses connections)."""
    port = free_port()
    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = False
    settings.EMAIL_TIMEOUT = 1
    return port


def test_a_queued_message_keeps_its_parts_and_is_delivered_by_the_task(settings, db, work):
    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    settings.EMAIL_DELIVERY_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    send_email(
        "account_deleted",
        ["dana@example.com"],
        {"name": "Dana"},
        attachments=[("notes.txt", b"\x00\x01binary", "application/octet-stream")],
    )
    assert mail.outbox == []  # queued, not sent by the caller
    queued = OutgoingEmail.objects.get()

    work()

    [message] = mail.outbox
    assert message.to == ["dana@example.com"]
    assert message.extra_headers["Message-ID"] == queued.message_id
    assert message.alternatives[0].mimetype == "text/html"
    assert message.attachments[0] == ("notes.txt", b"\x00\x01binary", "application/octet-stream")
    queued.refresh_from_db()
    assert queued.sent_at is not None and queued.attempts == 1


def test_a_message_with_a_key_is_queued_once(settings, db):
    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    for _ in range(2):
        send_email("account_deleted", ["dana@example.com"], {"name": "Dana"}, key="once")
    assert OutgoingEmail.objects.count() == 1


def test_a_message_is_queued_only_if_the_sending_transaction_commits(settings, db):
    from django.db import transaction

    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    with pytest.raises(RuntimeError), transaction.atomic():
        send_email("account_deleted", ["dana@example.com"], {"name": "Dana"})
        raise RuntimeError("the action failed")
    assert not OutgoingEmail.objects.exists()
    assert not DBTaskResult.objects.exists()


def test_mail_survives_a_server_that_refuses_then_hangs_then_recovers(client, dana, smtp, work):
    """Sign-up, password reset and account deletion complete while the server refuses; every
    message is retried through the refusal and the hang, and delivered exactly once after."""
    response = client.post(reverse("account_signup"), SIGNUP)
    assert response.status_code == 302
    assert User.objects.filter(email="new.person@example.com").exists()
    assert client.post(reverse("account_reset_password"), {"email": dana.email}).status_code == 302
    client.force_login(dana)
    response = client.post(
        reverse("accounts:delete"), {"confirm_email": dana.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert not User.objects.filter(pk=dana.pk).exists()
    queued = list(OutgoingEmail.objects.order_by("pk"))
    assert len(queued) == 3 and all(email.sent_at is None for email in queued)

    work()  # refused
    for email in OutgoingEmail.objects.all():
        assert email.sent_at is None
        assert "ConnectionRefusedError" in email.last_error
    assert DBTaskResult.objects.filter(status="READY").exclude(exception_class_path="").count() == 3

    hanging = HangingServer(smtp)
    try:
        # While the server hangs, a request that sends mail does not wait for it.
        other = {**SIGNUP, "email": "second.person@example.com"}
        assert client.post(reverse("account_signup"), other).status_code == 302
        assert hanging.connections == []
        work(timezone.now() + dt.timedelta(hours=1))  # each try gives up after EMAIL_TIMEOUT
        assert len(hanging.connections) >= 1
        assert all(e.sent_at is None for e in OutgoingEmail.objects.all())
        assert any("timed out" in e.last_error for e in OutgoingEmail.objects.all())
    finally:
        hanging.close()

    controller, collector = working_server(smtp)
    try:
        work(timezone.now() + dt.timedelta(hours=3))
        work(timezone.now() + dt.timedelta(hours=6))  # nothing is left to send a second time
    finally:
        controller.stop()
    expected = sorted(OutgoingEmail.objects.values_list("message_id", flat=True))
    assert len(expected) == 4
    assert sorted(collector.message_ids()) == expected  # each exactly once
    assert not OutgoingEmail.objects.filter(sent_at__isnull=True).exists()
    subjects = sorted(m["Subject"] for m in collector.messages)
    assert any("Confirm" in s or "confirm" in s for s in subjects)
    assert any("deleted" in s for s in subjects)
    assert any("Password" in s or "password" in s for s in subjects)


def test_the_smtp_timeout_is_configured(settings):
    from django.core.mail import get_connection

    settings.EMAIL_TIMEOUT = 7
    connection = get_connection("django.core.mail.backends.smtp.EmailBackend")
    assert connection.timeout == 7
