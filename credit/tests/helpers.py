"""Readable test times: one fixed day in UTC, addressed by clock time."""

from __future__ import annotations

from datetime import UTC, datetime

from credit.intervals import Interval

DAY = datetime(2026, 5, 12, tzinfo=UTC)


def at(hour: int, minute: int = 0, second: int = 0) -> datetime:
    return DAY.replace(hour=hour, minute=minute, second=second)


def span(start: str, end: str) -> Interval:
    """``span("09:00", "10:30:15")``: an interval on the test day."""
    return Interval(_clock(start), _clock(end))


def _clock(text: str) -> datetime:
    parts = [int(p) for p in text.split(":")]
    return at(*parts)
