"""FullCredit's credit rules: the pure core that decides schedules, attendance and credit.

Nothing here imports Django or touches a database, the network or the clock; every function is a
plain computation on its arguments, so the rules can be tested exhaustively and a stored decision
can be recomputed by an auditor years later from its inputs and ``RULE_VERSION``. The Django apps
(``events``, ``attendance``) call into this package; it never calls back.
"""

from __future__ import annotations

from credit.eligibility import (
    ELIGIBLE,
    GAP,
    JOINED_LATE,
    LEFT_EARLY,
    NEEDS_REVIEW,
    NO_CONNECTION,
    NOT_ELIGIBLE,
    OUTSIDE_WINDOW,
    RULE_VERSION,
    Decision,
    decide,
)
from credit.intervals import Interval, clip, missing, subtract, to_utc, total_seconds, union
from credit.schedule import (
    DEFAULT_INCREMENT,
    MINIMUM_INSTRUCTIONAL_MINUTES,
    BreakInput,
    ScheduleProblem,
    format_duration,
    instructional_seconds,
    max_advertised_hours,
    validate_schedule,
)

__all__ = [
    "DEFAULT_INCREMENT",
    "ELIGIBLE",
    "GAP",
    "JOINED_LATE",
    "LEFT_EARLY",
    "MINIMUM_INSTRUCTIONAL_MINUTES",
    "NEEDS_REVIEW",
    "NOT_ELIGIBLE",
    "NO_CONNECTION",
    "OUTSIDE_WINDOW",
    "RULE_VERSION",
    "BreakInput",
    "Decision",
    "Interval",
    "ScheduleProblem",
    "clip",
    "decide",
    "format_duration",
    "instructional_seconds",
    "max_advertised_hours",
    "missing",
    "subtract",
    "to_utc",
    "total_seconds",
    "union",
    "validate_schedule",
]
