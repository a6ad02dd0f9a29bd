"""The attendance report: one object per registrant plus the unplaced connections.

The same shape is printed by `manage.py attendance_report --json`, served by the API and
exported as CSV for accreditation records.
"""

from __future__ import annotations

from typing import Any

from attendance.matching import normalise_name
from attendance.models import Connection, Decision
from attendance.services.deciding import credited_window
from credit.intervals import Interval, clip, total_seconds, union
from events.models import Event

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
    registrations = list(event.registrations.active().order_by("name", "pk"))
    decisions = {
        d.registration_id: d
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }
    connections: dict[int, list[Connection]] = {}
    unplaced = []
    staff_rows: list[Connection] = []
    for connection in Connection.objects.filter(event=event).order_by("join", "pk"):
        if connection.role != "attendee":
            staff_rows.append(connection)
        if connection.registration_id:
            connections.setdefault(connection.registration_id, []).append(connection)
        elif connection.counts_as_attendance:
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
        "presenters_and_hosts": presenters_and_hosts(staff_rows, window),
    }


def presenters_and_hosts(rows: list[Connection], window: Interval) -> list[dict[str, Any]]:
    """Everyone Zoom listed as host or panelist, one entry per person (email, else name), with
    their time in the event's window; `registration_id` is set when they also registered."""
    people: dict[str, dict[str, Any]] = {}
    spans: dict[str, list[Interval]] = {}
    for row in rows:
        key = row.email.casefold() or normalise_name(row.name) or f"row{row.pk}"
        person = people.setdefault(
            key,
            {
                "name": row.name,
                "email": row.email,
                "roles": [],
                "registration_id": None,
                "seconds_in_window": 0.0,
            },
        )
        if row.role not in person["roles"]:
            person["roles"].append(row.role)
        person["registration_id"] = person["registration_id"] or row.registration_id
        spans.setdefault(key, []).append(Interval(row.join, row.leave))
    for key, person in people.items():
        person["seconds_in_window"] = total_seconds(clip(union(spans[key]), window))
    return sorted(people.values(), key=lambda p: (p["name"].casefold(), p["email"]))
