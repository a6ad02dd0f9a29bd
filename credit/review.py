"""Rule 6 for decisions under review: staff may settle identity, never attended time.

A decision NEEDS_REVIEW while a review flag stands (see ``credit.eligibility``). Staff close it
with a resolution, which covers exactly the connections they reviewed:

- ``attended_alone``: the flags it names no longer hold the decision; the outcome is then
  the time rule's, as for everyone (eligible only if the connections cover the required time).
- ``not_eligible``: the flags it names are closed and no credit is given.

A resolution whose connections are not exactly the registrant's counted connections now does
not apply (a new report or a reassignment changed what was reviewed), so the flags stand again.
Nothing here can raise attended time or turn a time shortfall into credit.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from credit.eligibility import NOT_ELIGIBLE, Decision, decide
from credit.intervals import Interval

ATTENDED_ALONE = "attended_alone"
WITHHELD = "not_eligible"
KINDS = (ATTENDED_ALONE, WITHHELD)

# The reason a withheld decision carries, after the time reasons.
MARKED_NOT_ELIGIBLE = "marked_not_eligible_by_staff"


@dataclass(frozen=True)
class Resolution:
    kind: str
    flags: tuple[str, ...]
    connection_ids: tuple[int, ...]

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown resolution kind {self.kind!r}")

    def covers(self, connection_ids: Iterable[int]) -> bool:
        return sorted(self.connection_ids) == sorted(connection_ids)


def open_flags(flags: Iterable[str], resolution: Resolution | None) -> list[str]:
    """The review flags still standing once `resolution` has closed the ones it names."""
    closed = set(resolution.flags) if resolution else set()
    return [flag for flag in flags if flag not in closed]


def settle(decision: Decision, resolution: Resolution | None) -> Decision:
    """The decision after a resolution: unchanged, or withheld (never more credit)."""
    if resolution is None or resolution.kind != WITHHELD:
        return decision
    reasons = [r for r in decision.reasons if r not in resolution.flags]
    return dataclasses.replace(
        decision,
        outcome=NOT_ELIGIBLE,
        credited_hours=Decimal(0),
        reasons=tuple(dict.fromkeys([*reasons, MARKED_NOT_ELIGIBLE])),
    )


def from_inputs(inputs: dict[str, Any]) -> Resolution | None:
    """The resolution a stored decision was taken with (its inputs' "review"), if any."""
    stored = inputs.get("review")
    if not stored:
        return None
    return Resolution(
        kind=stored["kind"],
        flags=tuple(stored["flags"]),
        connection_ids=tuple(stored["connections"]),
    )


def decide_reviewed(
    connections: Iterable[Interval],
    window: Interval,
    breaks: Iterable[Interval],
    advertised_hours: Decimal,
    tolerance_seconds: float = 0,
    review_flags: Iterable[str] = (),
    resolution: Resolution | None = None,
) -> Decision:
    """`credit.eligibility.decide` with the flags the data raised and staff's resolution."""
    return settle(
        decide(
            connections,
            window,
            breaks,
            advertised_hours,
            tolerance_seconds=tolerance_seconds,
            review_flags=open_flags(review_flags, resolution),
        ),
        resolution,
    )
