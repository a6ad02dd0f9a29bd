"""Who registered for an event: the staff roster page and its CSV export read the same rows, and
the attendance export reads its license column from here."""

from __future__ import annotations

import csv
import datetime as dt
import zoneinfo
from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Count, Prefetch, Q, QuerySet

from core.csvfiles import Writable, csv_safe
from events.models import Event, Registration
from licensing.models import UserLicense

CSV_HEADER = ["name", "email", "licenses", "registered_at", "status"]


@dataclass(frozen=True)
class RosterRow:
    registration: Registration
    licenses: list[str]

    @property
    def name(self) -> str:
        return self.registration.name

    @property
    def email(self) -> str:
        return self.registration.email


def roster_licenses(registration: Registration) -> list[tuple[str, str]]:
    """(label, number) of each license the roster shows: the account's today, or, once the
    account is deleted, the ones kept on the registration (`frozen_licenses`). Prefetch
    `user__licenses` with their license types when reading many."""
    if registration.user is None:
        return [(item["label"], item["number"]) for item in registration.frozen_licenses]
    return [
        (license.license_type.label, license.number) for license in registration.user.licenses.all()
    ]


def roster_rows(event: Event) -> list[RosterRow]:
    """Every registration, oldest first, with the person's licenses ("CA LCSW #LCS 88213").

    Licenses are read from the account today, or from what the registration kept when the
    account was deleted, in three queries whatever the roster's size.
    """
    registrations = (
        Registration.objects.filter(event=event)
        .select_related("user")
        .prefetch_related(
            Prefetch(
                "user__licenses",
                queryset=UserLicense.objects.select_related("license_type").order_by(
                    "license_type__state", "license_type__code"
                ),
            )
        )
        .order_by("registered_at", "pk")
    )
    return [
        RosterRow(
            registration,
            [f"{label} #{number}" for label, number in roster_licenses(registration)],
        )
        for registration in registrations
    ]


def status_counts(registrations: QuerySet[Registration]) -> dict[str, int]:
    return registrations.aggregate(
        registered=Count("pk", filter=Q(status=Registration.REGISTERED)),
        waitlisted=Count("pk", filter=Q(status=Registration.WAITLISTED)),
        cancelled=Count("pk", filter=Q(status=Registration.CANCELLED)),
    )


def _iso(moment: dt.datetime, zone: zoneinfo.ZoneInfo) -> str:
    return moment.astimezone(zone).isoformat(timespec="seconds")


def write_roster_csv(rows: Iterable[RosterRow], zone: zoneinfo.ZoneInfo, out: Writable) -> None:
    """The roster as CSV; times in `zone` with their UTC offset so no reader has to guess."""
    writer = csv.writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        registration = row.registration
        writer.writerow(
            [
                csv_safe(value)
                for value in (
                    row.name,
                    row.email,
                    "; ".join(row.licenses),
                    _iso(registration.registered_at, zone),
                    registration.status,
                )
            ]
        )
