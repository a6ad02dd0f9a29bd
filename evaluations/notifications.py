"""Evaluation emails. Each is sent from a background task (see evaluations/mailing.py), which
makes sure it goes out once."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.urls import reverse

from core.email import send_email
from credit.timing import EVALUATION_WITHIN
from evaluations.models import Evaluation

# Evaluations are due within this long of the event's end (design rule 7).
ISSUE_WITHIN = EVALUATION_WITHIN


def evaluation_url(evaluation: Evaluation) -> str:
    """The attendee's evaluation page (logging in as its owner is required there)."""
    return f"{settings.SITE_URL}{reverse('evaluations:detail', args=[evaluation.pk])}"


def recipient(evaluation: Evaluation) -> str:
    # The account's current address: weeks after registering, people may have changed it.
    user = evaluation.registration.user
    return user.email if user is not None else evaluation.registration.email


def _context(evaluation: Evaluation, **extra: Any) -> dict[str, Any]:
    registration = evaluation.registration
    event = evaluation.event
    return {
        "evaluation": evaluation,
        "event": event,
        "name": registration.name,
        "evaluation_url": evaluation_url(evaluation),
        "receipt_url": settings.SITE_URL + reverse("attendance:receipt", args=[event.slug]),
        "zone": registration.user.time_zone if registration.user else event.time_zone,
        "question_count": len(evaluation.questions),
        **extra,
    }


def send_issued(evaluation: Evaluation) -> None:
    send_email("evaluation_issued", [recipient(evaluation)], _context(evaluation))


def send_withdrawn(evaluation: Evaluation) -> None:
    send_email("evaluation_withdrawn", [recipient(evaluation)], _context(evaluation))


def send_reopened(evaluation: Evaluation) -> None:
    send_email("evaluation_reopened", [recipient(evaluation)], _context(evaluation))


def send_reminder(evaluation: Evaluation, kind: str) -> None:
    send_email(
        "evaluation_reminder",
        [recipient(evaluation)],
        _context(evaluation, kind=kind, days_left=1 if kind == "1d" else 7),
    )
