"""The email queue: every message is stored, then delivered by a task that retries.

`QueuedEmailBackend` is the site's EMAIL_BACKEND, so product mail (core.email.send_email) and
django-allauth's mail (verification, password reset, sign-in codes) alike are written to
`OutgoingEmail` inside the sender's transaction and handed to `deliver_email`. The real backend
(SMTP, or the development outbox) is EMAIL_DELIVERY_BACKEND and is used only by that task.
A request never waits for, or fails because of, the mail server.
"""

from __future__ import annotations

import base64
import datetime as dt
from collections.abc import Sequence
from email.utils import make_msgid
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone
from django_tasks import task

from core.durable.retry import RetryPolicy, register_policy
from core.models import OutgoingEmail
from core.tasks import enqueue

# An outage of the mail server can last hours: retry for about half a day (30 s, 2 min,
# 8 min, then every 30 min); after that the reconciler queues a new round while the message
# is younger than EMAIL_GIVE_UP_HOURS.
DELIVERY_POLICY = RetryPolicy(max_attempts=25, base_seconds=30, cap_seconds=30 * 60)
ERROR_LENGTH = 1000


class DeliveryInProgress(Exception):
    """Another worker is talking to the mail server about this message right now."""


class QueuedEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        queued = 0
        for message in email_messages:
            if queue_email(message, key=getattr(message, "idempotency_key", None)):
                queued += 1
        return queued


def queue_email(message: EmailMessage, *, key: str | None = None) -> OutgoingEmail | None:
    """Store the message and queue its delivery (both only if the caller's transaction
    commits). With a key, a message already queued under it is not queued again: None."""
    if key and OutgoingEmail.objects.filter(key=key).exists():
        return None
    # The Message-ID is fixed now, so a message sent again after a lost reply from the mail
    # server carries the same ID, which mail systems use to drop the duplicate.
    message_id = message.extra_headers.get("Message-ID") or make_msgid(domain=_mail_domain())
    message.extra_headers["Message-ID"] = message_id
    try:
        with transaction.atomic():
            email = OutgoingEmail.objects.create(
                key=key or None,
                message_id=message_id,
                subject=str(message.subject)[:998],
                recipients=list(message.recipients()),
                message=serialize(message),
            )
            schedule_delivery(email)
    except IntegrityError:
        if key and OutgoingEmail.objects.filter(key=key).exists():
            return None  # queued by a concurrent sender a moment ago
        raise
    return email


def schedule_delivery(email: OutgoingEmail) -> None:
    result = enqueue(deliver_email, email.pk)
    if result is not None:
        OutgoingEmail.objects.filter(pk=email.pk).update(task_id=result.id)


def _mail_domain() -> str:
    sender = settings.DEFAULT_FROM_EMAIL.rsplit("@", 1)[-1].strip(" >")
    return sender or "localhost"


# --- storing a message as JSON, and building it again --------------------------------------
def _pack(content: str | bytes) -> dict[str, str]:
    if isinstance(content, bytes):
        return {"base64": base64.b64encode(content).decode("ascii")}
    return {"text": content}


def _unpack(packed: dict[str, str]) -> str | bytes:
    return base64.b64decode(packed["base64"]) if "base64" in packed else packed["text"]


def serialize(message: EmailMessage) -> dict[str, Any]:
    attachments = []
    for attachment in message.attachments:
        if not isinstance(attachment, tuple):
            raise TypeError("Only (filename, content, mimetype) attachments can be queued.")
        filename, content, mimetype = attachment
        attachments.append({"filename": filename, "content": _pack(content), "type": mimetype})
    alternatives = [
        {"content": _pack(content), "type": mimetype}
        for content, mimetype in getattr(message, "alternatives", [])
    ]
    return {
        "subject": str(message.subject),
        "body": str(message.body),
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": alternatives,
        "attachments": attachments,
    }


def rebuild(data: dict[str, Any]) -> EmailMultiAlternatives:
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
    )
    for alternative in data["alternatives"]:
        message.attach_alternative(_unpack(alternative["content"]), alternative["type"])
    for attachment in data["attachments"]:
        message.attach(attachment["filename"], _unpack(attachment["content"]), attachment["type"])
    return message


# --- delivery -------------------------------------------------------------------------------
def describe(error: BaseException) -> str:
    text = str(error).strip()
    name = type(error).__name__
    return (f"{name}: {text}" if text else name)[:ERROR_LENGTH]


@task()
def deliver_email(email_id: int) -> str:
    """Hand one stored message to the mail server. Safe to run twice: a delivered message is
    skipped, and a message another worker is sending makes this try fail (and come back
    later) rather than send a second copy."""
    now = timezone.now()
    lease = dt.timedelta(seconds=settings.TASK_LEASE_SECONDS)
    email = OutgoingEmail.objects.filter(pk=email_id).first()
    if email is None:
        return "skipped: the message no longer exists"
    if email.sent_at is not None:
        return "skipped: already delivered"
    claimed = (
        OutgoingEmail.objects.filter(pk=email_id, sent_at__isnull=True)
        .filter(Q(sending_since__isnull=True) | Q(sending_since__lt=now - lease))
        .update(sending_since=now, attempts=F("attempts") + 1, last_attempt_at=now)
    )
    if not claimed:
        raise DeliveryInProgress(f"message {email_id} is being delivered by another worker")
    try:
        connection = get_connection(settings.EMAIL_DELIVERY_BACKEND, fail_silently=False)
        connection.send_messages([rebuild(email.message)])
    except Exception as error:
        OutgoingEmail.objects.filter(pk=email_id).update(
            sending_since=None, last_error=describe(error)
        )
        raise
    OutgoingEmail.objects.filter(pk=email_id).update(
        sent_at=timezone.now(), sending_since=None, last_error=""
    )
    return "delivered"


register_policy(deliver_email.module_path, DELIVERY_POLICY)


def undelivered() -> Any:
    return OutgoingEmail.objects.filter(sent_at__isnull=True)


def retry_email_now(email: OutgoingEmail) -> bool:
    """Staff's "retry now" for an undelivered message: a fresh delivery task, at once."""
    if email.sent_at is not None:
        return False
    with transaction.atomic():
        schedule_delivery(email)
    return True
