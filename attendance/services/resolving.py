"""Fixing identity: staff placing a connection or taking it off, and the real schedule of an
event. None of these can create attended time; they only say whose it is and when the event
really ran. Dial-in claims live in attendance.services.claims (re-exported here for the import,
which retries them), review resolutions in attendance.services.reviewing."""

from __future__ import annotations

import datetime as dt

from django.db import transaction

from accounts.models import User
from attendance.errors import NOT_REGISTERED, SCHEDULE_INVALID, AttendanceCode
from attendance.models import ActualSchedule, Connection
from attendance.services.claims import claim_phone, resolve_pending_claims, retry_phone_claims
from attendance.services.deciding import decide_event
from attendance.services.placing import place, require_reason
from core import audit
from credit.schedule import validate_schedule
from events.models import Event, Registration
from events.window import window_problems

__all__ = [
    "assign_connection",
    "claim_phone",
    "record_actual_schedule",
    "retry_phone_claims",
    "unassign_connection",
]


@transaction.atomic
def assign_connection(
    connection: Connection, registration: Registration, *, actor: User, reason: str
) -> Connection:
    reason = require_reason(reason)
    connection = Connection.objects.select_for_update().get(pk=connection.pk)
    if registration.event_id != connection.event_id:
        raise AttendanceCode.WRONG_EVENT.error("That person is not registered for this event.")
    if registration.status != Registration.REGISTERED:
        raise NOT_REGISTERED.error()
    if connection.role != "attendee":
        raise AttendanceCode.NOT_AN_ATTENDEE.error()
    if connection.is_set_aside:
        raise AttendanceCode.IS_SET_ASIDE.error()
    previous = connection.registration
    place(connection, registration, method=Connection.STAFF, note=reason, actor=actor)
    if connection.is_phone:
        resolve_pending_claims(registration, connection, actor)
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
    reason = require_reason(reason)
    connection = Connection.objects.select_for_update().get(pk=connection.pk)
    if connection.registration is None:
        raise AttendanceCode.NOT_ASSIGNED.error()
    previous = connection.registration
    place(connection, None, method="", note=reason, actor=actor)
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
    reason = require_reason(reason)
    problems = validate_schedule(
        start, end, [(b[0], b[1]) for b in breaks], event.advertised_hours
    ) + window_problems(start, end)
    if problems:
        raise SCHEDULE_INVALID.error(" ".join(p.message for p in problems), field=problems[0].field)
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
