"""Recomputing stored decisions from their own inputs, as an auditor would years later.

Each decision stores everything the rule core read (window, breaks, counted connections,
tolerance, hours, review flags and any staff resolution), so the pure rules can be applied to
the record again and the result compared with what was stored.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from attendance.models import Decision
from credit.intervals import Interval
from credit.review import decide_reviewed, from_inputs
from events.models import Event


def _interval(pair: list[str]) -> Interval:
    return Interval(dt.datetime.fromisoformat(pair[0]), dt.datetime.fromisoformat(pair[1]))


@dataclass(frozen=True)
class Recomputed:
    decision: Decision
    outcome: str
    attended_seconds: float
    credited_hours: Decimal
    reasons: tuple[str, ...]
    # Decisions stored before the hours joined the inputs are recomputed with the event's.
    hours_from_event: bool

    @property
    def differences(self) -> list[str]:
        stored = self.decision
        found = []
        if stored.outcome != self.outcome:
            found.append(f"outcome {stored.outcome} stored, {self.outcome} recomputed")
        if abs(stored.attended_seconds - self.attended_seconds) > 1e-6:
            found.append(
                f"attended {stored.attended_seconds:g} s stored, "
                f"{self.attended_seconds:g} s recomputed"
            )
        if Decimal(stored.credited_hours) != self.credited_hours:
            found.append(f"{stored.credited_hours} hours stored, {self.credited_hours} recomputed")
        if tuple(stored.reasons) != self.reasons:
            found.append(
                f"reasons {', '.join(stored.reasons) or 'none'} stored, "
                f"{', '.join(self.reasons) or 'none'} recomputed"
            )
        return found


def recompute(decision: Decision, event: Event) -> Recomputed:
    inputs = decision.inputs
    stored_hours = inputs.get("advertised_hours")
    hours = Decimal(stored_hours) if stored_hours else Decimal(event.advertised_hours)
    result = decide_reviewed(
        [_interval([c["join"], c["leave"]]) for c in inputs.get("connections", [])],
        _interval(inputs["window"]),
        [_interval(pair) for pair in inputs.get("breaks", [])],
        hours,
        tolerance_seconds=float(inputs.get("tolerance_seconds", 0)),
        review_flags=inputs.get("review_flags", []),
        resolution=from_inputs(inputs),
    )
    return Recomputed(
        decision=decision,
        outcome=result.outcome,
        attended_seconds=result.attended_seconds,
        credited_hours=Decimal(result.credited_hours),
        reasons=tuple(result.reasons),
        hours_from_event=not stored_hours,
    )


def recompute_event(event: Event) -> list[Recomputed]:
    decisions = (
        Decision.objects.filter(registration__event=event, is_current=True)
        .select_related("registration")
        .order_by("registration__name", "pk")
    )
    return [recompute(decision, event) for decision in decisions]
