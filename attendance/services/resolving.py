"""Fixing identity: staff placing a connection, an attendee claiming their dial-in, and the
real schedule of an event. None of these can create attended time; they only say whose it is
and when the event really ran."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attendance.models import ActualSchedule, Connection, PhoneClaim
from attendance.services.deciding import decide_event
from core import audit
from core.errors import DomainError
from credit.schedule import validate_schedule
from events.models import Event, Registration
from events.window import window_problems


def _require_reason(reason: str) -> str:
    if not reason.strip():
        raise DomainError(
            "reason_required", "Give a reason: it is kept in the audit log.", field="reason"
        )
    return reason.strip()


@transaction.atomic
def assign_connection(
    connection: Connection, registration: Registration, *, actor: User, reason: str
) -> Connection:
    reason = _require_reason(reason)
    connection = Connection.objects.select_for_update().get(pk=connection.pk)
    if registration.event_id != connection.event_id:
        raise DomainError("wrong_event", "That person is not registered for this event.")
    if registration.status != Registration.REGISTERED:
        raise DomainError("not_registered", "That person's registration is not active.")
    if connection.role != "attendee":
        raise DomainError(
            "not_an_attendee", "Host and panelist connections are never credited to attendees."
        )
    previous = connection.registration
    connection.registration = registration
    connection.match_method = Connection.STAFF
    connection.match_note = reason
    connection.matched_at = timezone.now()
    connection.matched_by = actor
    connection.save()
    PhoneClaim.objects.filter(registration=registration, resolved=False).update(
        resolved=True, connection=connection
    )
    audit.record(
        actor,
        "attendance.connection_assigned",
        connection,
        reason=reason,
        registration=registration.pk,
        person=registration.name,
        previous=previous.name if previous else None,
    )
    decide_event(connection.event)
    return connection


@transaction.atomic
def unassign_connection(connection: Connection, *, actor: User, reason: str) -> Connection:
    reason = _require_reason(reason)
    connection = Connection.objects.select_for_update().get(pk=connection.pk)
    if connection.registration is None:
        raise DomainError("not_assigned", "This connection is not assigned to anyone.")
    previous = connection.registration
    connection.registration = None
    connection.match_method = ""
    connection.match_note = reason
    connection.matched_at = timezone.now()
    connection.matched_by = actor
    connection.save()
    audit.record(
        actor,
        "attendance.connection_unassigned",
        connection,
        reason=reason,
        previous=previous.name,
        registration=previous.pk,
    )
    decide_event(connection.event)
    return connection


def _match_call(registration: Registration, last4: str, actor: User | None) -> Connection | None:
    """The one unplaced call ending in `last4`, now given to `registration`; None if not one."""
    candidates = [
        c
        for c in Connection.objects.select_for_update().filter(
            event=registration.event, registration__isnull=True, is_phone=True, role="attendee"
        )
        if c.phone_last4 == last4
    ]
    if len(candidates) != 1:
        return None
    connection = candidates[0]
    connection.registration = registration
    connection.match_method = Connection.PHONE_SELF
    connection.match_note = f"The attendee identified the call by the digits {last4}."
    connection.matched_at = timezone.now()
    connection.matched_by = actor
    connection.save()
    return connection


def retry_phone_claims(event: Event) -> int:
    """Try again the claims made before the report arrived (call inside a transaction)."""
    matched = 0
    for claim in PhoneClaim.objects.filter(
        registration__event=event, resolved=False
    ).select_related("registration__event"):
        connection = _match_call(claim.registration, claim.last4, None)
        if connection is not None:
            claim.result, claim.connection, claim.resolved = PhoneClaim.MATCHED, connection, True
            claim.save(update_fields=["result", "connection", "resolved"])
            matched += 1
    return matched


@transaction.atomic
def claim_phone(registration: Registration, last4: str, *, actor: User) -> PhoneClaim:
    """The attendee gives the last 4 digits of the phone they called from."""
    last4 = last4.strip()
    if len(last4) != 4 or not last4.isdigit():
        raise DomainError("last4_invalid", "Enter exactly 4 digits.", field="last4")
    event = registration.event
    if not event.has_ended():
        raise DomainError("event_not_over", "You can identify your call once the event has ended.")
    connection = _match_call(registration, last4, actor)
    if connection is not None:
        claim = PhoneClaim.objects.create(
            registration=registration,
            last4=last4,
            result=PhoneClaim.MATCHED,
            connection=connection,
            resolved=True,
        )
    else:
        calls = Connection.objects.filter(
            event=event, registration__isnull=True, is_phone=True, phone_digits__endswith=last4
        )
        result = PhoneClaim.AMBIGUOUS if calls.exists() else PhoneClaim.NOT_FOUND
        claim = PhoneClaim.objects.create(registration=registration, last4=last4, result=result)
    audit.record(actor, "attendance.phone_claimed", registration, last4=last4, result=claim.result)
    decide_event(event)
    return claim


@transaction.atomic
def record_actual_schedule(
    event: Event,
    *,
    start: dt.datetime,
    end: dt.datetime,
    breaks: list[tuple[dt.datetime, dt.datetime, str]],
    actor: User,
    reason: str,
) -> ActualSchedule:
    """Record when the event really ran. Credit never exceeds what was advertised, and the
    advertised hours must still fit the real instructional time."""
    reason = _require_reason(reason)
    problems = validate_schedule(
        start, end, [(b[0], b[1]) for b in breaks], event.advertised_hours
    ) + window_problems(start, end)
    if problems:
        raise DomainError(
            "schedule_invalid", " ".join(p.message for p in problems), field=problems[0].field
        )
    actual, _ = ActualSchedule.objects.update_or_create(
        event=event,
        defaults={
            "start": start,
            "end": end,
            "breaks": [[b[0].isoformat(), b[1].isoformat(), b[2]] for b in breaks],
            "reason": reason,
            "recorded_by": actor,
        },
    )
    audit.record(
        actor,
        "attendance.actual_schedule_recorded",
        event,
        reason=reason,
        start=start.isoformat(),
        end=end.isoformat(),
        breaks=actual.breaks,
    )
    decide_event(event)
    return actual
