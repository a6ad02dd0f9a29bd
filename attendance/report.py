"""The attendance report: one object per registrant plus the unplaced connections.

The same shape is printed by `manage.py attendance_report --json`, served by the API and
exported as CSV for accreditation records.
"""

from __future__ import annotations

from typing import Any

from attendance.models import Connection, Decision
from attendance.services.deciding import credited_window
from events.models import Event, Registration

NOT_DECIDED = "not_decided"


def connection_dict(connection: Connection) -> dict[str, Any]:
    return {
        "id": connection.pk,
        "name": connection.name,
        "email": connection.email,
        "join": connection.join.isoformat(),
        "leave": connection.leave.isoformat(),
        "role": connection.role,
        "in_waiting_room": connection.in_waiting_room,
        "is_phone": connection.is_phone,
        "phone_last4": connection.phone_last4,
        "match_method": connection.match_method,
        "source": connection.source,
        "line": connection.line,
    }


def attendance_report(event: Event) -> dict[str, Any]:
    window, breaks, basis = credited_window(event)
    registrations = list(
        event.registrations.filter(status=Registration.REGISTERED).order_by("name", "pk")
    )
    decisions = {
        d.registration_id: d
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }
    connections: dict[int, list[Connection]] = {}
    unplaced = []
    for connection in Connection.objects.filter(event=event).order_by("join", "pk"):
        if connection.registration_id:
            connections.setdefault(connection.registration_id, []).append(connection)
        elif connection.role == "attendee" and not connection.in_waiting_room:
            unplaced.append(connection_dict(connection))
    people = []
    for registration in registrations:
        decision = decisions.get(registration.pk)
        people.append(
            {
                "email": registration.email,
                "name": registration.name,
                "attended_seconds": decision.attended_seconds if decision else 0,
                "required_seconds": decision.required_seconds if decision else 0,
                "outcome": decision.outcome if decision else NOT_DECIDED,
                "reasons": decision.reasons if decision else [],
                "missed": decision.missed if decision else [],
                "credited_hours": str(decision.credited_hours) if decision else "0",
                "decision_version": decision.version if decision else None,
                "connections": [connection_dict(c) for c in connections.get(registration.pk, [])],
            }
        )
    return {
        "event": {
            "slug": event.slug,
            "title": event.title,
            "advertised_hours": str(event.advertised_hours),
            "window": [window.start.isoformat(), window.end.isoformat()],
            "window_basis": basis,
            "breaks": [[b.start.isoformat(), b.end.isoformat()] for b in breaks],
        },
        "registrants": people,
        "unplaced": unplaced,
    }
