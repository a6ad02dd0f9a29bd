"""Half-open time intervals and the set operations the credit rules are built on.

Every interval is normalised to UTC when it is built. Python compares and subtracts two datetimes
that share a ``tzinfo`` by wall-clock time, ignoring DST offsets, so an event that crosses a DST
change would gain or lose an hour; in UTC that cannot happen.

The set operations return *normalised* lists: sorted, non-overlapping, non-touching and without
zero-length intervals. Each one sorts its input once and then sweeps it, so tens of thousands of
connection rows cost O(n log n), never O(n²).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

__all__ = [
    "Interval",
    "clip",
    "missing",
    "subtract",
    "to_utc",
    "total_seconds",
    "union",
]

_Span = tuple[datetime, datetime]


def to_utc(value: datetime, name: str = "datetime") -> datetime:
    """Return ``value`` in UTC; refuse naive datetimes, whose real instant is unknown."""
    if not isinstance(value, datetime):
        raise TypeError(f"{name} must be a datetime, not {type(value).__name__}")
    if value.tzinfo is UTC:  # the common case, and the hot path of large imports
        return value
    if value.tzinfo is None or value.utcoffset() is None:
        raise ValueError(f"{name} must be timezone-aware, got naive {value.isoformat()}")
    return value.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Interval:
    """The instants from ``start`` (inclusive) to ``end`` (exclusive), stored in UTC."""

    start: datetime
    end: datetime

    def __post_init__(self) -> None:
        start = to_utc(self.start, "start")
        end = to_utc(self.end, "end")
        if end < start:
            raise ValueError(
                f"interval end {end.isoformat()} is before its start {start.isoformat()}"
            )
        # Frozen dataclasses can only be normalised through object.__setattr__.
        object.__setattr__(self, "start", start)
        object.__setattr__(self, "end", end)

    @property
    def seconds(self) -> float:
        return (self.end - self.start).total_seconds()


def _merged_spans(intervals: Iterable[Interval]) -> list[_Span]:
    spans = sorted((i.start, i.end) for i in intervals if i.end > i.start)
    merged: list[_Span] = []
    for start, end in spans:
        # Touching rows (a breakout move closes one row and opens the next at the same second)
        # are one stretch of attendance, so `<=` rather than `<`.
        if merged and start <= merged[-1][1]:
            if end > merged[-1][1]:
                merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return merged


def _subtract_spans(base: list[_Span], holes: list[_Span]) -> list[_Span]:
    """Both inputs normalised; one forward pass over each."""
    result: list[_Span] = []
    first = 0
    for start, end in base:
        while first < len(holes) and holes[first][1] <= start:
            first += 1
        cursor = start
        k = first
        while k < len(holes) and holes[k][0] < end:
            hole_start, hole_end = holes[k]
            if hole_start > cursor:
                result.append((cursor, hole_start))
            cursor = max(cursor, hole_end)
            if cursor >= end:
                break
            k += 1
        if cursor < end:
            result.append((cursor, end))
    return result


def _clip_spans(spans: list[_Span], window: Interval) -> list[_Span]:
    clipped: list[_Span] = []
    for start, end in spans:
        start, end = max(start, window.start), min(end, window.end)
        if start < end:
            clipped.append((start, end))
    return clipped


def _trusted(start: datetime, end: datetime) -> Interval:
    """An Interval from a span this module built (UTC, ordered): no need to check it again."""
    interval = object.__new__(Interval)
    object.__setattr__(interval, "start", start)
    object.__setattr__(interval, "end", end)
    return interval


def _to_intervals(spans: list[_Span]) -> list[Interval]:
    return [_trusted(start, end) for start, end in spans]


def _duration(spans: list[_Span]) -> timedelta:
    # Summing timedeltas keeps microsecond-exact integers; summing floats would drift.
    return sum((end - start for start, end in spans), timedelta())


def union(intervals: Iterable[Interval]) -> list[Interval]:
    """Merge overlapping and touching intervals; drop zero-length ones."""
    return _to_intervals(_merged_spans(intervals))


def clip(intervals: Iterable[Interval], window: Interval) -> list[Interval]:
    """The union of ``intervals`` restricted to ``window``."""
    return _to_intervals(_clip_spans(_merged_spans(intervals), window))


def subtract(intervals: Iterable[Interval], holes: Iterable[Interval]) -> list[Interval]:
    """``union(intervals)`` minus ``union(holes)``."""
    return _to_intervals(_subtract_spans(_merged_spans(intervals), _merged_spans(holes)))


def total_seconds(intervals: Iterable[Interval]) -> float:
    """Length of the union: overlapping rows count once."""
    return _duration(_merged_spans(intervals)).total_seconds()


def missing(covered: Iterable[Interval], within: Iterable[Interval]) -> list[Interval]:
    """The parts of ``within`` that ``covered`` does not cover."""
    return subtract(within, covered)
