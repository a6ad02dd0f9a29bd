"""Issuing evaluations to the people whose attendance was decided eligible, and withdrawing the
unsubmitted ones whose eligibility a correction took away (design rule 7).

Eligibility is read from the current attendance decision only; nothing here decides it. Every
function is idempotent, and emails go through tasks that send each message once.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from attendance.models import Decision
from attendance.receipt import reason_sentence
from core import audit
from core.tasks import enqueue
from evaluations.defaults import ensure_default_template
from evaluations.errors import EvaluationCode
from evaluations.mailing import send_evaluation_email
from evaluations.models import Evaluation, EventEvaluation
from evaluations.services.deadlines import deadline_after, schedule_reminders
from evaluations.snapshot import build_questions
from events.models import Event, Registration


def evaluation_setup(event: Event) -> EventEvaluation:
    """The event's evaluation settings, created with the default template and deadline."""
    setup = EventEvaluation.objects.filter(event=event).select_related("template").first()
    if setup is not None:
        return setup
    setup, _ = EventEvaluation.objects.select_related("template").get_or_create(
        event=event,
        defaults={
            "template": ensure_default_template(),
            "deadline_days": settings.EVALUATION_DEADLINE_DAYS,
        },
    )
    return setup


def is_eligible(registration: Registration, decision: Decision | None, event: Event) -> bool:
    """Eligible now: an active registration of a published event, held by an account that can
    open the evaluation, whose current decision is eligible."""
    return (
        decision is not None
        and decision.outcome == Decision.ELIGIBLE
        and registration.status == Registration.REGISTERED
        and registration.user_id is not None
        and event.status == Event.PUBLISHED
    )


def withdrawal_reason(registration: Registration, decision: Decision | None) -> str:
    """Why an issued evaluation was withdrawn, in words the attendee can act on."""
    if registration.status != Registration.REGISTERED:
        return "Your registration for this event was cancelled."
    if registration.user_id is None:
        return "The account that registered was deleted."
    if decision is None:
        return "Your attendance record was removed."
    details = " ".join(reason_sentence(code) for code in decision.reasons)
    if decision.outcome == Decision.NEEDS_REVIEW:
        return (
            "An update to the attendance record means our staff must review your attendance "
            f"by hand before credit can be awarded. {details}".strip()
        )
    return (
        "After an update to the attendance record, it no longer shows that you attended "
        f"the entire event, which CE credit requires. {details}".strip()
    )


def _issue(
    registration: Registration,
    existing: Evaluation | None,
    setup: EventEvaluation,
    questions: list[dict[str, Any]],
    now: dt.datetime,
) -> Evaluation:
    deadline = deadline_after(now, setup.deadline_days)
    if existing is None:
        evaluation = Evaluation.objects.create(
            registration=registration,
            event_id=registration.event_id,
            template=setup.template,
            questions=questions,
            issued_at=now,
            deadline=deadline,
        )
    else:
        # Eligible again after a withdrawal: a fresh issuance. If the person was told of the
        # withdrawal they are told again that it is open; if that email never went out, the
        # first invitation still stands and is not repeated.
        evaluation = existing
        if evaluation.withdrawn_email_sent_at is not None:
            evaluation.issue_email_sent_at = None
        evaluation.status = Evaluation.ISSUED
        evaluation.template = setup.template
        evaluation.questions = questions
        evaluation.issued_at = now
        evaluation.deadline = deadline
        evaluation.withdrawn_at = None
        evaluation.withdrawn_reason = ""
        evaluation.withdrawn_email_sent_at = None
        evaluation.reopened_at = None
        evaluation.reopened_email_sent_at = None
        evaluation.save()
    enqueue(send_evaluation_email, evaluation.pk, "issued")
    schedule_reminders(evaluation)
    return evaluation


@transaction.atomic
def issue_evaluation(registration: Registration) -> Evaluation | None:
    """The registrant's evaluation, issued now if they are eligible and have none; None if they
    are not eligible now. Issuing again returns the same evaluation and sends nothing."""
    # The event row is the lock every issuance of the event takes (see sync_event_evaluations).
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.get(pk=registration.pk)
    decision = Decision.objects.filter(registration=registration, is_current=True).first()
    if not is_eligible(registration, decision, event):
        return None
    existing = Evaluation.objects.filter(registration=registration).first()
    if existing is not None and existing.status != Evaluation.WITHDRAWN:
        return existing
    setup = evaluation_setup(event)
    questions = build_questions(setup.template, event)
    return _issue(registration, existing, setup, questions, timezone.now())


def _withdraw_locked(evaluation_id: int, reason: str) -> Evaluation | None:
    """Withdraw if still unsubmitted; the row lock makes a concurrent submission win or wait."""
    evaluation = Evaluation.objects.select_for_update().get(pk=evaluation_id)
    if evaluation.status != Evaluation.ISSUED:
        return None
    evaluation.status = Evaluation.WITHDRAWN
    evaluation.withdrawn_at = timezone.now()
    evaluation.withdrawn_reason = reason
    evaluation.withdrawn_email_sent_at = None
    evaluation.save(
        update_fields=["status", "withdrawn_at", "withdrawn_reason", "withdrawn_email_sent_at"]
    )
    audit.record(None, "evaluation.withdrawn", evaluation, reason=reason)
    enqueue(send_evaluation_email, evaluation.pk, "withdrawn")
    return evaluation


@transaction.atomic
def withdraw_evaluation(evaluation: Evaluation, reason: str) -> Evaluation:
    """Take back an unsubmitted evaluation, telling the attendee why. A submitted one is final;
    withdrawing a withdrawn one changes nothing."""
    withdrawn = _withdraw_locked(evaluation.pk, reason)
    if withdrawn is not None:
        return withdrawn
    evaluation = Evaluation.objects.get(pk=evaluation.pk)
    if evaluation.status == Evaluation.SUBMITTED:
        raise EvaluationCode.ALREADY_SUBMITTED.error(
            "This evaluation was submitted; it is final and stays."
        )
    return evaluation


@transaction.atomic
def sync_event_evaluations(event: Event) -> tuple[int, int]:
    """Make the event's evaluations match its current decisions: issue one to every eligible
    registrant without one (or whose evaluation was withdrawn), and withdraw every unsubmitted
    one whose holder is no longer eligible. Returns (issued, withdrawn)."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    decisions = {
        d.registration_id: d
        for d in Decision.objects.filter(registration__event=event, is_current=True).select_related(
            "registration"
        )
    }
    evaluations = {e.registration_id: e for e in Evaluation.objects.filter(event=event)}
    eligible = {
        registration_id
        for registration_id, decision in decisions.items()
        if is_eligible(decision.registration, decision, event)
    }
    to_issue = sorted(
        registration_id
        for registration_id in eligible
        if registration_id not in evaluations
        or evaluations[registration_id].status == Evaluation.WITHDRAWN
    )
    issued = 0
    if to_issue:
        setup = evaluation_setup(event)
        questions = build_questions(setup.template, event)
        now = timezone.now()
        for registration_id in to_issue:
            registration = decisions[registration_id].registration
            _issue(registration, evaluations.get(registration_id), setup, questions, now)
            issued += 1
    withdrawn = 0
    for registration_id, evaluation in evaluations.items():
        if evaluation.status != Evaluation.ISSUED or registration_id in eligible:
            continue
        decision = decisions.get(registration_id)
        registration = (
            decision.registration
            if decision is not None
            else Registration.objects.get(pk=registration_id)
        )
        if _withdraw_locked(evaluation.pk, withdrawal_reason(registration, decision)):
            withdrawn += 1
    return issued, withdrawn
