"""Evaluation emails as background tasks. Each takes IDs, re-reads its objects and is safe to
run twice: each email is marked sent in the transaction that sends it, and is skipped when the
state it announces no longer holds (a withdrawn evaluation gets no reminder)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import IntegrityError, transaction
from django.utils import timezone
from django_tasks import task

from evaluations import notifications
from evaluations.models import Evaluation, ReminderLog

REMINDERS = {"7d": dt.timedelta(days=7), "1d": dt.timedelta(days=1)}

# kind -> (the status the message announces, the field marking it sent, the sender)
EMAILS: dict[str, tuple[str, str, Callable[[Evaluation], None]]] = {
    "issued": (Evaluation.ISSUED, "issue_email_sent_at", notifications.send_issued),
    "withdrawn": (Evaluation.WITHDRAWN, "withdrawn_email_sent_at", notifications.send_withdrawn),
    "reopened": (Evaluation.ISSUED, "reopened_email_sent_at", notifications.send_reopened),
}


def _locked(evaluation_id: int) -> Evaluation:
    # `of` keeps the lock on the evaluation: PostgreSQL refuses FOR UPDATE on the nullable side
    # of the outer join to the user.
    return (
        Evaluation.objects.select_for_update(of=("self",))
        .select_related("registration__user", "event")
        .get(pk=evaluation_id)
    )


@task()
def send_evaluation_email(evaluation_id: int, kind: str) -> str:
    status, sent_field, send = EMAILS[kind]
    with transaction.atomic():
        evaluation = _locked(evaluation_id)
        if evaluation.status != status:
            return f"skipped: the evaluation is {evaluation.status} now"
        if getattr(evaluation, sent_field) is not None:
            return "skipped: already sent"
        if evaluation.registration.user is None:
            return "skipped: the account was deleted"
        if kind == "reopened" and evaluation.reopened_at is None:
            return "skipped: not reopened"
        if status == Evaluation.ISSUED and evaluation.is_closed():
            return "skipped: the deadline has passed"
        send(evaluation)
        setattr(evaluation, sent_field, timezone.now())
        evaluation.save(update_fields=[sent_field])
    return "sent"


@task()
def send_evaluation_reminder(evaluation_id: int, kind: str, deadline_iso: str) -> str:
    deadline = dt.datetime.fromisoformat(deadline_iso)
    try:
        with transaction.atomic():
            evaluation = _locked(evaluation_id)
            if evaluation.status != Evaluation.ISSUED:
                return f"skipped: the evaluation is {evaluation.status}"
            if evaluation.deadline != deadline:
                return "skipped: the deadline moved (a reminder for the new one is queued)"
            if evaluation.is_closed() or evaluation.registration.user is None:
                return "skipped: closed or account deleted"
            ReminderLog.objects.create(evaluation=evaluation, kind=kind, deadline=deadline)
            notifications.send_reminder(evaluation, kind)
    except IntegrityError:
        return "skipped: already sent"
    return "sent"
