"""Setting aside a connection of the unplaced queue that is not an attendee's (a presenter, a
co-host under a personal name, a member of staff), and putting it back.

A connection set aside credits nobody and is offered for no dial-in claim; it stays stored,
with who set it aside, when and why, and survives importing the same row again. Setting aside
never adds or removes anyone's attended time (design rule 6): it only says the row is nobody's.
"""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from attendance.errors import AttendanceCode
from attendance.models import Connection
from attendance.services.claims import retry_phone_claims
from attendance.services.deciding import decide_event
from attendance.services.placing import require_reason
from core import audit
from events.models import Event

SET_ASIDE_AS = dict(Connection.SET_ASIDE_CHOICES)


def _locked(connection: Connection, event: Event) -> Connection:
    locked = (
        Connection.objects.select_for_update(of=("self",))
        .select_related("registration")
        .filter(pk=connection.pk, event=event)
        .first()
    )
    if locked is None:
        raise AttendanceCode.WRONG_EVENT.error("That connection is not part of this event.")
    return locked


@transaction.atomic
def set_aside_connection(
    connection: Connection, *, event: Event, set_aside_as: str, actor: User, reason: str
) -> Connection:
    """Take an unplaced connection out of the queue as not an attendee's, with a reason."""
    reason = require_reason(reason)
    if set_aside_as not in SET_ASIDE_AS:
        raise AttendanceCode.SET_ASIDE_AS_UNKNOWN.error(field="set_aside_as")
    connection = _locked(connection, event)
    if connection.is_set_aside:
        raise AttendanceCode.ALREADY_SET_ASIDE.error()
    if connection.registration is not None:
        raise AttendanceCode.CONNECTION_PLACED.error(name=connection.registration.name)
    if not connection.counts_as_attendance:
        raise AttendanceCode.NOT_IN_QUEUE.error()
    connection.set_aside_as = set_aside_as
    connection.set_aside_reason = reason
    connection.set_aside_at = timezone.now()
    connection.set_aside_by = actor
    connection.save(
        update_fields=["set_aside_as", "set_aside_reason", "set_aside_at", "set_aside_by"]
    )
    audit.record(
        actor,
        "attendance.connection_set_aside",
        connection,
        reason=reason,
        set_aside_as=set_aside_as,
    )
    # An unplaced call no longer waits for a claim: the decisions' dial-in flags change.
    decide_event(event)
    return connection


@transaction.atomic
def put_back_connection(connection: Connection, *, event: Event, actor: User) -> Connection:
    """Return a set-aside connection to the unplaced queue (the reason it was set aside is kept
    in the audit log)."""
    connection = _locked(connection, event)
    if not connection.is_set_aside:
        raise AttendanceCode.NOT_SET_ASIDE.error()
    was = connection.set_aside_as
    why = connection.set_aside_reason
    by = connection.set_aside_by.email if connection.set_aside_by else None
    connection.set_aside_as = ""
    connection.set_aside_reason = ""
    connection.set_aside_at = None
    connection.set_aside_by = None
    connection.save(
        update_fields=["set_aside_as", "set_aside_reason", "set_aside_at", "set_aside_by"]
    )
    audit.record(
        actor,
        "attendance.connection_put_back",
        connection,
        set_aside_as=was,
        set_aside_reason=why,
        set_aside_by=by,
    )
    # A call back in the queue may be the one a waiting dial-in claim is about.
    retry_phone_claims(event)
    decide_event(event)
    return connection
