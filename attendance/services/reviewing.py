"""Closing a decision that needs review: staff confirm the person attended alone, or mark them
not eligible, with a reason. (The other ways out fix identity: reassigning a connection in
attendance.services.resolving, placing or declining a dial-in claim in
attendance.services.claims.)

A resolution is stored, audited and then read by deciding as one of the decision's inputs, so
that deciding again, now or years later, reproduces it. Design rule 6 holds by construction:
confirming that someone attended alone only clears the shared-connection flag, and their
connections must still cover the required time; marking someone not eligible withholds
credit. Neither can credit time that was not attended (credit.review).
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attendance.errors import AttendanceCode
from attendance.models import Decision, PhoneClaim, ReviewResolution
from attendance.services.deciding import POSSIBLE_SHARED, UNMATCHED_DIAL_IN, decide_event
from attendance.services.placing import require_reason
from core import audit
from events.models import Registration

# Every flag deciding can raise (each makes the outcome needs_review), and what closes it.
REVIEW_FLAGS = {
    POSSIBLE_SHARED: (ReviewResolution.ATTENDED_ALONE, ReviewResolution.NOT_ELIGIBLE),
    UNMATCHED_DIAL_IN: (ReviewResolution.NOT_ELIGIBLE,),  # or place / decline the claim
}


def raised_flags(decision: Decision) -> list[str]:
    """The review flags the data raised for this decision."""
    stored = decision.inputs.get("review_flags")
    if stored is not None:
        return list(stored)
    # Decisions stored before their inputs named the flags: the flags are among the reasons.
    return [reason for reason in decision.reasons if reason in REVIEW_FLAGS]


def resolutions_for(decision: Decision) -> list[str]:
    """The resolution kinds staff may choose for this decision (none unless under review)."""
    if decision.outcome != Decision.NEEDS_REVIEW:
        return []
    kinds = {kind for flag in raised_flags(decision) for kind in REVIEW_FLAGS.get(flag, ())}
    kinds.add(ReviewResolution.NOT_ELIGIBLE)
    return [kind for kind, _ in ReviewResolution.KIND_CHOICES if kind in kinds]


def _under_review(registration: Registration, version: int | None) -> Decision:
    decision = (
        Decision.objects.select_for_update()
        .filter(registration=registration, is_current=True)
        .first()
    )
    if decision is None or decision.outcome != Decision.NEEDS_REVIEW:
        raise AttendanceCode.NOT_UNDER_REVIEW.error(name=registration.name)
    if version is not None and decision.version != version:
        raise AttendanceCode.DECISION_CHANGED.error(
            name=registration.name, version=decision.version
        )
    return decision


def _resolve(
    registration: Registration,
    decision: Decision,
    *,
    kind: str,
    flags: list[str],
    actor: User,
    reason: str,
) -> Decision:
    connection_ids = sorted(c["id"] for c in decision.inputs.get("connections", []))
    resolution = ReviewResolution.objects.create(
        registration=registration,
        kind=kind,
        flags=flags,
        connection_ids=connection_ids,
        decision_version=decision.version,
        reason=reason,
        created_by=actor,
    )
    audit.record(
        actor,
        "attendance.review_resolved",
        registration,
        reason=reason,
        kind=kind,
        flags=flags,
        connections=connection_ids,
        decision_version=decision.version,
        resolution=resolution.pk,
    )
    decide_event(registration.event)
    return Decision.objects.get(registration=registration, is_current=True)


@transaction.atomic
def confirm_attended_alone(
    registration: Registration, *, actor: User, reason: str, version: int | None = None
) -> Decision:
    """Staff checked that the connections that looked shared were this person's alone.

    Only the shared-connection flag is cleared; the outcome is then the time rule's.
    """
    reason = require_reason(reason)
    decision = _under_review(registration, version)
    flags = [
        flag
        for flag in raised_flags(decision)
        if ReviewResolution.ATTENDED_ALONE in REVIEW_FLAGS.get(flag, ())
    ]
    if not flags:
        raise AttendanceCode.RESOLUTION_NOT_APPLICABLE.error()
    return _resolve(
        registration,
        decision,
        kind=ReviewResolution.ATTENDED_ALONE,
        flags=flags,
        actor=actor,
        reason=reason,
    )


@transaction.atomic
def mark_not_eligible(
    registration: Registration, *, actor: User, reason: str, version: int | None = None
) -> Decision:
    """Staff decided the attendance under review cannot be credited. Dial-in claims still
    waiting are declined with the same reason, so the attendee reads one answer."""
    reason = require_reason(reason)
    decision = _under_review(registration, version)
    pending = PhoneClaim.objects.filter(registration=registration, resolved=False)
    declined = list(pending.values_list("pk", flat=True))
    if declined:
        pending.update(
            resolved=True, declined_reason=reason, resolved_by=actor, resolved_at=timezone.now()
        )
        audit.record(
            actor, "attendance.phone_claim_declined", registration, reason=reason, claims=declined
        )
    return _resolve(
        registration,
        decision,
        kind=ReviewResolution.NOT_ELIGIBLE,
        flags=raised_flags(decision),
        actor=actor,
        reason=reason,
    )
