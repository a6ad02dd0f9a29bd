"""Rule 1 of the design brief: what a CE event's schedule must satisfy before it is published.

``validate_schedule`` never raises for a bad schedule: it returns every problem at once, each with
a stable code (tests and the API rely on it), the form field it belongs to, and a plain-English
message for the clinical staff filling in the form. It does raise for programming errors such as
naive datetimes or float hours, which no form input should be able to produce.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from credit.hours import as_hours, format_hours
from credit.intervals import Interval, clip, to_utc, total_seconds

__all__ = [
    "DEFAULT_INCREMENT",
    "MINIMUM_INSTRUCTIONAL_MINUTES",
    "BreakInput",
    "ScheduleProblem",
    "format_duration",
    "instructional_seconds",
    "max_advertised_hours",
    "validate_schedule",
]

DEFAULT_INCREMENT = Decimal("0.25")
MINIMUM_INSTRUCTIONAL_MINUTES = 60

# A break as a form submits it. A (start, end) pair is accepted besides an Interval because an
# Interval cannot even be built when the end precedes the start, and that mistake must come back
# as a form problem, not an exception.
BreakInput = Interval | tuple[datetime, datetime]


@dataclass(frozen=True)
class ScheduleProblem:
    code: str
    field: str
    message: str


def format_duration(seconds: float) -> str:
    """Render e.g. "2 h 15 min", "45 min", "1 h" or "10 min 5 s"; zero parts are left out.

    Fractions of a second are truncated, never rounded up, so a 59 min 59.6 s event is not shown
    as "1 h" next to a message saying it is shorter than an hour.
    """
    if not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"duration must be a finite number of seconds >= 0, got {seconds!r}")
    hours, rest = divmod(int(seconds), 3600)
    minutes, secs = divmod(rest, 60)
    parts = [f"{hours} h"] if hours else []
    if minutes:
        parts.append(f"{minutes} min")
    if secs:
        parts.append(f"{secs} s")
    return " ".join(parts) or "0 min"


def instructional_seconds(start: datetime, end: datetime, breaks: Sequence[Interval]) -> float:
    """The event's length minus the union of its breaks clipped to the event.

    Overlapping breaks are counted once and break time outside the event is ignored, so the
    result is meaningful even for a schedule that ``validate_schedule`` would refuse.
    """
    event = Interval(start, end)
    return event.seconds - total_seconds(clip(breaks, event))


def max_advertised_hours(
    instructional_seconds: float, increment: Decimal = DEFAULT_INCREMENT
) -> Decimal:
    """Instructional hours floored to a multiple of ``increment``."""
    increment = as_hours(increment, "increment")
    if not increment.is_finite() or increment <= 0:
        raise ValueError(f"increment must be greater than 0, got {increment}")
    if not math.isfinite(instructional_seconds):
        raise ValueError(f"instructional_seconds must be finite, got {instructional_seconds!r}")
    if instructional_seconds <= 0:
        return Decimal(0)
    # Decimal(float) is exact and `//` is exact integer division, so a schedule that is exactly
    # 2 h 15 min can never be floored to 2.0 by a rounding error.
    steps = Decimal(instructional_seconds) // (increment * 3600)
    return steps * increment


def _break_span(value: BreakInput, index: int) -> tuple[datetime, datetime]:
    if isinstance(value, Interval):
        return value.start, value.end
    start, end = value
    return to_utc(start, f"breaks[{index}].start"), to_utc(end, f"breaks[{index}].end")


def _event_problems(start: datetime, end: datetime) -> list[ScheduleProblem]:
    if end > start:
        return []
    detail = (
        "the end is the same as the start"
        if end == start
        else f"the end is {format_duration((start - end).total_seconds())} before the start"
    )
    return [
        ScheduleProblem(
            "end_not_after_start", "end", f"The event must end after it starts ({detail})."
        )
    ]


def _break_problems(
    spans: list[tuple[datetime, datetime]], event: Interval | None
) -> tuple[list[ScheduleProblem], dict[int, tuple[datetime, datetime]]]:
    """Per-break problems, and the breaks that are well-formed enough for the later checks."""
    problems: list[ScheduleProblem] = []
    usable: dict[int, tuple[datetime, datetime]] = {}
    for index, (start, end) in enumerate(spans):
        field, number = f"breaks.{index}", index + 1
        if end <= start:
            detail = (
                f"break {number} starts and ends at the same time"
                if end == start
                else f"break {number} ends "
                f"{format_duration((start - end).total_seconds())} before it starts"
            )
            problems.append(
                ScheduleProblem(
                    "break_end_not_after_start",
                    field,
                    f"Each break must end after it starts ({detail}).",
                )
            )
            continue
        usable[index] = (start, end)
        if event is None:
            continue
        outside = []
        if start < event.start:
            early = format_duration((event.start - start).total_seconds())
            outside.append(f"starts {early} before the event starts")
        if end > event.end:
            late = format_duration((end - event.end).total_seconds())
            outside.append(f"ends {late} after the event ends")
        if outside:
            problems.append(
                ScheduleProblem(
                    "break_outside_event",
                    field,
                    f"Breaks must fall inside the event (break {number} {' and '.join(outside)}).",
                )
            )
    return problems, usable


def _overlap_problems(usable: dict[int, tuple[datetime, datetime]]) -> list[ScheduleProblem]:
    """One problem per break that overlaps an earlier-starting break; touching is allowed.

    Sweeping in start order while remembering the break that reaches furthest finds every such
    break in O(n log n): if a break overlaps any earlier one, it overlaps the furthest-reaching.
    """
    problems: list[ScheduleProblem] = []
    reach: int | None = None
    for index in sorted(usable, key=lambda i: (usable[i], i)):
        start, end = usable[index]
        if reach is not None and start < usable[reach][1]:
            overlap = min(end, usable[reach][1]) - start
            problems.append(
                ScheduleProblem(
                    "breaks_overlap",
                    f"breaks.{index}",
                    f"Breaks must not overlap (break {index + 1} overlaps break {reach + 1} "
                    f"by {format_duration(overlap.total_seconds())}).",
                )
            )
        if reach is None or end > usable[reach][1]:
            reach = index
    return problems


def _instruction_problems(
    event: Interval, instructional: float, minimum_minutes: int
) -> list[ScheduleProblem]:
    if instructional >= minimum_minutes * 60:
        return []
    # Point the form at what to change: the end if the window alone is too short, else the breaks.
    field = "end" if event.seconds < minimum_minutes * 60 else "breaks"
    return [
        ScheduleProblem(
            "instructional_time_too_short",
            field,
            f"The instructional time (the event minus its breaks) must be at least "
            f"{minimum_minutes} minutes; it is {format_duration(instructional)}.",
        )
    ]


def _hours_problems(
    hours: Decimal | None, increment: Decimal, instructional: float | None
) -> list[ScheduleProblem]:
    problems: list[ScheduleProblem] = []
    increment_ok = increment.is_finite() and increment > 0
    if not increment_ok:
        problems.append(
            ScheduleProblem(
                "increment_not_positive",
                "advertised_hours",
                f"The credit increment must be greater than 0 (it is {format_hours(increment)}).",
            )
        )
    if hours is None:
        return problems
    if not hours.is_finite() or hours <= 0:
        problems.append(
            ScheduleProblem(
                "hours_not_positive",
                "advertised_hours",
                f"Advertised hours must be greater than 0 (they are {format_hours(hours)}).",
            )
        )
        return problems
    if instructional is not None and hours * 3600 > Decimal(instructional):
        limit = ""
        if increment_ok:
            most = format_hours(max_advertised_hours(instructional, increment))
            limit = f"; at most {most} hours may be advertised"
        problems.append(
            ScheduleProblem(
                "hours_exceed_instructional_time",
                "advertised_hours",
                f"Advertised hours ({format_hours(hours)}) exceed the instructional time "
                f"({format_duration(instructional)}){limit}.",
            )
        )
    if increment_ok and hours % increment != 0:
        lower = (hours // increment) * increment
        choices = [lower] if lower > 0 else []
        choices.append(lower + increment)
        nearest = (
            f"values are {format_hours(choices[0])} and {format_hours(choices[1])}"
            if len(choices) == 2
            else f"value is {format_hours(choices[0])}"
        )
        problems.append(
            ScheduleProblem(
                "hours_not_multiple_of_increment",
                "advertised_hours",
                f"Advertised hours ({format_hours(hours)}) must be a multiple of "
                f"{format_hours(increment)}; the nearest allowed {nearest}.",
            )
        )
    return problems


def validate_schedule(
    start: datetime,
    end: datetime,
    breaks: Sequence[BreakInput],
    advertised_hours: Decimal | None,
    increment: Decimal = DEFAULT_INCREMENT,
    minimum_minutes: int = MINIMUM_INSTRUCTIONAL_MINUTES,
) -> list[ScheduleProblem]:
    """Every problem with the schedule, in form order; an empty list means it may be published.

    Checks that need a valid event window (breaks inside the event, instructional time, hours
    within the instructional time) are skipped while the end is not after the start, and a break
    that does not end after it starts is left out of the overlap and instructional-time checks, so
    one mistake is not reported three times. ``advertised_hours=None`` (not entered yet) skips the
    hours checks.
    """
    start, end = to_utc(start, "start"), to_utc(end, "end")
    hours = None if advertised_hours is None else as_hours(advertised_hours, "advertised_hours")
    increment = as_hours(increment, "increment")

    problems = _event_problems(start, end)
    event = Interval(start, end) if end > start else None
    spans = [_break_span(value, index) for index, value in enumerate(breaks)]
    break_problems, usable = _break_problems(spans, event)
    problems += break_problems
    problems += _overlap_problems(usable)

    instructional: float | None = None
    if event is not None:
        instructional = instructional_seconds(
            start, end, [Interval(s, e) for s, e in usable.values()]
        )
        problems += _instruction_problems(event, instructional, minimum_minutes)
    problems += _hours_problems(hours, increment, instructional)
    return problems
