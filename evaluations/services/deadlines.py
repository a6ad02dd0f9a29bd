"""Deadlines: when an evaluation closes, the reminders before it, and staff reopening one."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import audit
from core.tasks import enqueue
from evaluations.errors import REASON_REQUIRED, EvaluationCode
from evaluations.mailing import REMINDERS, send_evaluation_email, send_evaluation_reminder
from evaluations.models import Evaluation

MAX_REOPEN_DAYS = 365


def deadline_after(start: dt.datetime, days: int) -> dt.datetime:
    # Whole seconds: the deadline travels as an ISO string in reminder tasks and is compared.
    return (start + dt.timedelta(days=days)).replace(microsecond=0)


def schedule_reminders(evaluation: Evaluation) -> None:
    """Queue the reminders before the evaluation's current deadline; a reminder for an earlier
    deadline finds it moved and does nothing."""
    now = timezone.now()
    for kind, before in REMINDERS.items():
        when = evaluation.deadline - before
        if when > now:
            enqueue(
                send_evaluation_reminder,
                evaluation.pk,
                kind,
                evaluation.deadline.isoformat(),
                run_after=when,
            )


@transaction.atomic
def reopen_evaluation(
    evaluation: Evaluation, *, actor: User, reason: str, days: int = 7
) -> Evaluation:
    """Give a closed, unsubmitted evaluation a new deadline `days` from now (audited)."""
    reason = reason.strip()
    if not reason:
        raise REASON_REQUIRED.error(field="reason")
    if not 1 <= days <= MAX_REOPEN_DAYS:
        raise EvaluationCode.DAYS_INVALID.error(field="days", most=MAX_REOPEN_DAYS)
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation.pk)
    if evaluation.status == Evaluation.SUBMITTED:
        raise EvaluationCode.ALREADY_SUBMITTED.error()
    if evaluation.status == Evaluation.WITHDRAWN:
        raise EvaluationCode.EVALUATION_WITHDRAWN.error()
    now = timezone.now()
    if not evaluation.is_closed(now):
        raise EvaluationCode.NOT_CLOSED.error()
    previous = evaluation.deadline
    evaluation.deadline = deadline_after(now, days)
    evaluation.reopened_at = now
    evaluation.reopened_email_sent_at = None
    evaluation.save(update_fields=["deadline", "reopened_at", "reopened_email_sent_at"])
    audit.record(
        actor,
        "evaluation.reopened",
        evaluation,
        reason=reason,
        days=days,
        previous_deadline=previous.isoformat(),
        deadline=evaluation.deadline.isoformat(),
    )
    enqueue(send_evaluation_email, evaluation.pk, "reopened")
    schedule_reminders(evaluation)
    return evaluation
