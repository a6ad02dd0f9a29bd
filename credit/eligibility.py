"""Rules 2-4 of the design brief: who earns an event's credit.

How the outcome is reached, in order:

1. Required time = the event window minus its breaks. Attended time = the union of the
   attendee's connections, clipped to the window, minus the breaks; rejoins and second devices
   therefore count once, and time outside the window or during a break counts for nothing.
2. Any review flag (``unmatched_dial_in``, ``possible_shared_connection``, ...) makes the outcome
   NEEDS_REVIEW whatever the time says: a flagged person's time may belong to someone else or
   may be incomplete until staff match the connection, so neither a yes nor a no is safe yet.
3. Otherwise ELIGIBLE iff attended >= required - tolerance, compared in exact microseconds;
   else NOT_ELIGIBLE.
4. Credit is all or nothing: the advertised hours when ELIGIBLE, otherwise 0 (NEEDS_REVIEW
   credits nothing until a decision is recomputed without the flag).

Reasons describe the missed time whatever the outcome (an eligible attendee within tolerance
still sees the gap that was forgiven): ``no_connection`` when there are no connection rows at all,
``outside_window`` when there are rows but none covers any required time, otherwise one of
``joined_late`` / ``gap`` / ``left_early`` per missed interval in time order, deduplicated, then
the review flags in the order given. "Late" and "early" are measured against the required time,
so an event that opens with a break still calls missing its first teaching minutes joining late.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any

from credit.hours import as_hours
from credit.intervals import Interval, clip, missing, subtract, total_seconds

__all__ = [
    "ELIGIBLE",
    "GAP",
    "JOINED_LATE",
    "LEFT_EARLY",
    "NEEDS_REVIEW",
    "NOT_ELIGIBLE",
    "NO_CONNECTION",
    "OUTSIDE_WINDOW",
    "RULE_VERSION",
    "Decision",
    "decide",
]

# Stored with every decision; bump it whenever a change here could change any outcome, so an
# auditor knows which rules to recompute a stored decision with.
RULE_VERSION = "2026.1"

ELIGIBLE = "eligible"
NOT_ELIGIBLE = "not_eligible"
NEEDS_REVIEW = "needs_review"

NO_CONNECTION = "no_connection"
OUTSIDE_WINDOW = "outside_window"
JOINED_LATE = "joined_late"
LEFT_EARLY = "left_early"
GAP = "gap"


@dataclass(frozen=True)
class Decision:
    outcome: str
    attended_seconds: float
    required_seconds: float
    tolerance_seconds: float
    credited_hours: Decimal
    advertised_hours: Decimal
    reasons: tuple[str, ...]
    missed: tuple[Interval, ...]
    rule_version: str

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready: ISO 8601 datetimes and hours as strings, so nothing is lost in storage."""
        return {
            "outcome": self.outcome,
            "attended_seconds": self.attended_seconds,
            "required_seconds": self.required_seconds,
            "tolerance_seconds": self.tolerance_seconds,
            "credited_hours": str(self.credited_hours),
            "advertised_hours": str(self.advertised_hours),
            "reasons": list(self.reasons),
            "missed": [
                {"start": gap.start.isoformat(), "end": gap.end.isoformat()} for gap in self.missed
            ],
            "rule_version": self.rule_version,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Decision:
        return cls(
            outcome=data["outcome"],
            attended_seconds=float(data["attended_seconds"]),
            required_seconds=float(data["required_seconds"]),
            tolerance_seconds=float(data["tolerance_seconds"]),
            credited_hours=Decimal(data["credited_hours"]),
            advertised_hours=Decimal(data["advertised_hours"]),
            reasons=tuple(data["reasons"]),
            missed=tuple(
                Interval(datetime.fromisoformat(m["start"]), datetime.fromisoformat(m["end"]))
                for m in data["missed"]
            ),
            rule_version=data["rule_version"],
        )


def _time_reasons(
    had_connections: bool,
    attended: list[Interval],
    missed: list[Interval],
    required: list[Interval],
) -> list[str]:
    if not had_connections:
        return [NO_CONNECTION]
    if not attended:
        return [OUTSIDE_WINDOW]
    first_start, last_end = required[0].start, required[-1].end
    reasons: list[str] = []
    for gap in missed:
        if gap.start == first_start:
            reasons.append(JOINED_LATE)
        if gap.end == last_end:
            reasons.append(LEFT_EARLY)
        if gap.start != first_start and gap.end != last_end:
            reasons.append(GAP)
    return reasons


def decide(
    connections: Iterable[Interval],
    window: Interval,
    breaks: Iterable[Interval],
    advertised_hours: Decimal,
    tolerance_seconds: float = 0,
    review_flags: Iterable[str] = (),
) -> Decision:
    """Decide one attendee's credit for one event; see the module docstring for the rules."""
    advertised = as_hours(advertised_hours, "advertised_hours")
    if not advertised.is_finite() or advertised <= 0:
        raise ValueError(f"advertised_hours must be greater than 0, got {advertised}")
    if not math.isfinite(tolerance_seconds) or tolerance_seconds < 0:
        raise ValueError(f"tolerance_seconds must be finite and >= 0, got {tolerance_seconds!r}")
    flags = list(review_flags)
    if any(not isinstance(flag, str) or not flag for flag in flags):
        raise ValueError(f"review flags must be non-empty strings, got {flags!r}")

    break_list = list(breaks)
    required = subtract([window], break_list)
    if not required:
        raise ValueError("the window minus its breaks is empty: there is nothing to attend")
    connection_list = list(connections)
    attended = subtract(clip(connection_list, window), break_list)
    missed = missing(attended, required)

    # Compare whole microseconds: float subtraction could turn "exactly enough" into "not enough".
    attended_time = timedelta(seconds=total_seconds(attended))
    required_time = timedelta(seconds=total_seconds(required))
    if flags:
        outcome = NEEDS_REVIEW
    elif attended_time >= required_time - timedelta(seconds=tolerance_seconds):
        outcome = ELIGIBLE
    else:
        outcome = NOT_ELIGIBLE

    reasons = _time_reasons(bool(connection_list), attended, missed, required) + flags
    return Decision(
        outcome=outcome,
        attended_seconds=attended_time.total_seconds(),
        required_seconds=required_time.total_seconds(),
        tolerance_seconds=float(tolerance_seconds),
        credited_hours=advertised if outcome == ELIGIBLE else Decimal(0),
        advertised_hours=advertised,
        reasons=tuple(dict.fromkeys(reasons)),
        missed=tuple(missed),
        rule_version=RULE_VERSION,
    )
