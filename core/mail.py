"""The local outbox: an email backend that stores messages instead of sending them."""

from __future__ import annotations

from collections.abc import Sequence

from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend

from core.models import OutboxMessage


class OutboxBackend(BaseEmailBackend):
    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            html = ""
            if isinstance(message, EmailMultiAlternatives):
                html = next(
                    (content for content, mime in message.alternatives if mime == "text/html"), ""
                )
            OutboxMessage.objects.create(
                subject=message.subject,
                from_email=message.from_email,
                to=list(message.to) + list(message.cc) + list(message.bcc),
                body_text=message.body,
                body_html=html,
                attachments=[_describe(attachment) for attachment in message.attachments],
            )
        return len(email_messages)


def _describe(attachment: object) -> dict[str, str]:
    filename, _content, mimetype = (
        attachment if isinstance(attachment, tuple) else (None, None, None)
    )
    return {"filename": filename or "attachment", "mimetype": mimetype or ""}
