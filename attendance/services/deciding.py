"""Deciding, for every registrant of an event, whether they attended in full.

The decision itself is the pure `credit.eligibility.decide`; this module gathers its inputs
from the database, adds the review flags only the data can raise (a shared connection), and
stores a new decision version whenever the inputs or the result change.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from decimal import Decimal
from typing import NamedTuple

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone

from attendance import roles
from attendance.matching import normalise_name
from attendance.models import ActualSchedule, AttendancePolicy, Connection, Decision
from attendance.reviews import ReviewBook
from core.bulk import insert_rows
from credit.eligibility import RULE_VERSION
from credit.intervals import Interval
from credit.review import decide_reviewed
from events.models import Event, Registration

# Sent inside the deciding transaction when decisions changed, with event_id and changes
# [(registration id, outcome), ...]. Apps that act on eligibility (evaluations) listen, and only
# enqueue tasks (core.tasks.enqueue), which then run once the transaction has committed.
decisions_changed = Signal()

POSSIBLE_SHARED = "possible_shared_connection"


class Counted(NamedTuple):
    """A connection row that counts as attendance, as much of it as deciding needs."""

    pk: int
    join: dt.datetime
    leave: dt.datetime
    name: str
    original_name: str
    is_phone: bool
    match_method: str

    @property
    def names(self) -> set[str]:
        """The row's name and, after a rename, the name it had before."""
        return {normalise_name(n) for n in (self.name, self.original_name) if n}


UNMATCHED_DIAL_IN = "unmatched_dial_in"


def credited_window(event: Event) -> tuple[Interval, list[Interval], str]:
    """The window and breaks decisions use: the real ones when staff recorded them."""
    actual = ActualSchedule.objects.filter(event=event).first()
    if actual is None:
        return event.window, event.break_intervals(), "scheduled"
    breaks = [
        Interval(dt.datetime.fromisoformat(b[0]), dt.datetime.fromisoformat(b[1]))
        for b in actual.breaks
    ]
    return Interval(actual.start, actual.end), breaks, "actual"


def _keep_counted_roles(
    event: Event,
    registrations: list[Registration],
    by_registration: dict[int, list[Counted]],
    roles_of: dict[int, list[str]],
) -> None:
    """Drop the rows that do not count for their registrant (see attendance/roles.py)."""
    presenters = roles.presenter_names(
        event.event_presenters.values_list("presenter__name", flat=True)
    )
    for registration in registrations:
        rows = by_registration.get(registration.pk)
        if not rows:
            continue
        row_roles = roles_of[registration.pk]
        presenter = roles.is_presenter(registration.name, row_roles, presenters)
        by_registration[registration.pk] = [
            row
            for row, role in zip(rows, row_roles, strict=True)
            if roles.counts(
                role, presenter=presenter, credit_presenters=event.credit_registered_presenters
            )
        ]


def _shared_connection(
    registration_id: int, connections: list[Counted], owners: dict[str, set[int]]
) -> bool:
    """Concurrent rows under different names, or rows carrying another registrant's name.

    A rename keeps the earlier name in `original_name`, so a person who renamed themselves
    between two overlapping devices is still one person.
    """
    named = sorted((c for c in connections if c.name and not c.is_phone), key=lambda c: c.join)
    for connection in named:
        if owners.get(normalise_name(connection.name), {registration_id}) - {registration_id}:
            return True
    for index, first in enumerate(named):
        for second in named[index + 1 :]:
            if second.join >= first.leave:
                break
            if not first.names & second.names:
                return True
    return False


def _inputs(
    window: Interval,
    breaks: list[Interval],
    connections: list[Connection],
    tolerance: float,
    basis: str,
    advertised_hours: Decimal,
) -> dict:
    # Everything decide() reads, so a decision can be recomputed from its own record
    # (recompute_decisions) and a change of hours is a new decision version.
    return {
        "advertised_hours": str(advertised_hours),
        "window": [window.start.isoformat(), window.end.isoformat()],
        "window_basis": basis,
        "breaks": [[b.start.isoformat(), b.end.isoformat()] for b in breaks],
        "tolerance_seconds": tolerance,
        "connections": [
            {
                "id": c.pk,
                "join": c.join.isoformat(),
                "leave": c.leave.isoformat(),
                "how": c.match_method,
            }
            for c in connections
        ],
        "rule_version": RULE_VERSION,
    }


@transaction.atomic
def decide_event(event: Event) -> list[tuple[int, str]]:
    """(Re)decide every active registrant; write a new version only where something changed.

    Returns (registration id, outcome) for each new decision.
    """
    now = timezone.now()
    window, breaks, basis = credited_window(event)
    tolerance = float(AttendancePolicy.current().tolerance_seconds)
    registrations = list(event.registrations.active())
    by_registration: dict[int, list[Counted]] = defaultdict(list)
    roles_of: dict[int, list[str]] = defaultdict(list)
    # Plain tuples, not model instances: an event can have tens of thousands of rows.
    for values in (
        Connection.objects.in_room()
        .filter(event=event, registration__isnull=False)
        .values_list(
            "registration_id",
            "role",
            "pk",
            "join",
            "leave",
            "name",
            "original_name",
            "is_phone",
            "match_method",
        )
    ):
        roles_of[values[0]].append(values[1])
        by_registration[values[0]].append(Counted(*values[2:]))
    _keep_counted_roles(event, registrations, by_registration, roles_of)
    owners: dict[str, set[int]] = defaultdict(set)
    for registration in registrations:
        if key := normalise_name(registration.name):
            owners[key].add(registration.pk)
    unplaced_phones = Connection.objects.unplaced().filter(event=event, is_phone=True).exists()
    pending_claims = set(
        event.registrations.filter(phone_claims__resolved=False).values_list("pk", flat=True)
    )
    current = {
        d.registration_id: d
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }
    reviews = ReviewBook.for_event(event)
    written: list[dict] = []
    superseded: list[int] = []
    for registration in registrations:
        connections = sorted(by_registration.get(registration.pk, []), key=lambda c: c.join)
        flags = []
        if connections and _shared_connection(registration.pk, connections, owners):
            flags.append(POSSIBLE_SHARED)
        if registration.pk in pending_claims and unplaced_phones:
            flags.append(UNMATCHED_DIAL_IN)
        # A staff resolution may close flags or withhold credit, never add time (rule 6).
        review = reviews.review(registration.pk, [c.pk for c in connections])
        result = decide_reviewed(
            [Interval(c.join, c.leave) for c in connections],
            window,
            breaks,
            Decimal(event.advertised_hours),
            tolerance_seconds=tolerance,
            review_flags=flags,
            resolution=review.resolution,
        )
        inputs = _inputs(window, breaks, connections, tolerance, basis, event.advertised_hours)
        inputs["review_flags"] = flags
        inputs.update(review.inputs)
        previous = current.get(registration.pk)
        if (
            previous is not None
            and previous.inputs == inputs
            and previous.outcome == result.outcome
        ):
            continue
        if previous is not None:
            superseded.append(previous.pk)
        written.append(
            {
                "registration_id": registration.pk,
                "version": (previous.version + 1) if previous else 1,
                "is_current": True,
                "outcome": result.outcome,
                "attended_seconds": result.attended_seconds,
                "required_seconds": result.required_seconds,
                "tolerance_seconds": result.tolerance_seconds,
                "credited_hours": result.credited_hours,
                "reasons": list(result.reasons),
                "missed": result.to_dict()["missed"],
                "inputs": inputs,
                "rule_version": result.rule_version,
                "created_at": now,
            }
        )
    # One statement each, whatever the number of registrants: the old versions stop being
    # current before the new ones are written (the database allows one current per person).
    Decision.objects.filter(pk__in=superseded).update(is_current=False)
    insert_rows(Decision, written)
    changes = [(row["registration_id"], row["outcome"]) for row in written]
    if changes:
        decisions_changed.send(sender=Event, event_id=event.pk, changes=changes)
    return changes
