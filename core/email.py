"""The one helper that sends product email.

Each message lives in its own folder, `templates/emails/<name>/`, with `subject.txt`, `body.txt`
and `body.html`; the HTML part extends `emails/base.html`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string


def send_email(
    name: str,
    to: Iterable[str],
    context: dict[str, Any],
    *,
    attachments: Iterable[tuple[str, bytes | str, str]] = (),
    key: str | None = None,
) -> None:
    """Render and send (through the email queue, see core/outgoing.py). A `key` makes the send
    idempotent: a second message with the same key is not queued, so a task that runs twice
    sends one copy."""
    context = {"site_url": settings.SITE_URL, "provider_name": settings.PROVIDER_NAME, **context}
    subject: str = render_to_string(f"emails/{name}/subject.txt", context)
    # A header must be one line, whatever the template's whitespace.
    subject = " ".join(subject.split())
    message = EmailMultiAlternatives(
        subject=subject,
        body=render_to_string(f"emails/{name}/body.txt", context),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=list(to),
    )
    message.attach_alternative(render_to_string(f"emails/{name}/body.html", context), "text/html")
    for filename, content, mimetype in attachments:
        message.attach(filename, content, mimetype)
    message.idempotency_key = key  # type: ignore[attr-defined]
    message.send()
