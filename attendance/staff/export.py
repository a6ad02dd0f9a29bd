"""The attendance roster as CSV, for accreditation records.

One row per connection per registrant (a registrant without connections gets one row), with
the current decision repeated on each of that person's rows so every row reads on its own.
Times carry their UTC offset, so nobody reading the file years later has to guess the zone.
"""

from __future__ import annotations

import csv
import datetime as dt
import zoneinfo
from collections.abc import Iterator

from django.db.models import Prefetch

from attendance.models import Connection, Decision
from core.csvfiles import Writable, csv_safe
from events.models import Event, Registration
from events.roster import roster_licenses
from licensing.models import UserLicense

CSV_HEADER = [
    "name",
    "email",
    "licenses",
    "connection_join",
    "connection_leave",
    "connection_counted",
    "match_method",
    "attended_seconds",
    "required_seconds",
    "credited_hours",
    "outcome",
    "reasons",
    "decision_version",
]
NOT_DECIDED = "not_decided"


def _iso(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def _seconds(value: float) -> str:
    # Whole seconds when exact (they nearly always are); never rounded up.
    return str(int(value)) if float(value).is_integer() else f"{value:.3f}"


def _licenses(registration: Registration) -> str:
    return "; ".join(f"{label} {number}" for label, number in roster_licenses(registration))


def roster_rows(event: Event) -> Iterator[list[str]]:
    zone = event.zone
    registrations = (
        Registration.objects.active()
        .filter(event=event)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__licenses",
                queryset=UserLicense.objects.select_related("license_type").order_by(
                    "license_type__state", "license_type__code", "number"
                ),
            )
        )
        .order_by("name", "pk")
    )
    decisions = {
        d.registration_id: d
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }
    connections: dict[int, list[Connection]] = {}
    for connection in Connection.objects.filter(event=event, registration__isnull=False):
        connections.setdefault(connection.registration_id, []).append(connection)
    for registration in registrations:
        decision = decisions.get(registration.pk)
        person = [registration.name, registration.email, _licenses(registration)]
        verdict = (
            [
                _seconds(decision.attended_seconds),
                _seconds(decision.required_seconds),
                str(decision.credited_hours),
                decision.outcome,
                "; ".join(decision.reasons),
                str(decision.version),
            ]
            if decision is not None
            else ["", "", "", NOT_DECIDED, "", ""]
        )
        rows = connections.get(registration.pk) or [None]
        for connection in rows:
            if connection is None:
                link = ["", "", "", ""]
            else:
                link = [
                    _iso(connection.join, zone),
                    _iso(connection.leave, zone),
                    "yes" if connection.counts_as_attendance else "no",
                    connection.match_method,
                ]
            yield [*person, *link, *verdict]


def write_attendance_csv(event: Event, out: Writable) -> None:
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in roster_rows(event):
        writer.writerow([csv_safe(value) for value in row])
