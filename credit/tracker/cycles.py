"""Where a license's renewal cycle lies.

The person's own renewal date wins: boards print it on the license, and anchors such as the
birth month cannot be computed without data FullCredit does not ask for. Without it, a fixed
renewal date ("Nov 30, odd years") or the original license date with a known cycle length
still places the cycle; otherwise the cycle is unknown and the tracker asks for the date.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date

from credit.tracker.types import CycleRule, Window

__all__ = ["CyclePlacement", "add_months", "place_cycle", "window_ending"]


def add_months(day: date, months: int) -> date:
    """The same day ``months`` later (or earlier), clamped to the month's last day."""
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def window_ending(end: date, length_months: int) -> Window:
    """A cycle of ``length_months`` that ends on ``end`` (inclusive) starts the day after the
    same date ``length_months`` earlier: 2026-06-30 over 24 months starts 2024-07-01."""
    previous_end = add_months(end, -length_months)
    if end.day == calendar.monthrange(end.year, end.month)[1]:
        # Month-end renewals stay month-end: Feb 28 -> Feb 29 in a leap year, not Feb 28.
        previous_end = previous_end.replace(
            day=calendar.monthrange(previous_end.year, previous_end.month)[1]
        )
    return Window(date.fromordinal(previous_end.toordinal() + 1), end)


@dataclass(frozen=True)
class CyclePlacement:
    window: Window | None
    basis: str  # "your renewal date" | "the board's fixed renewal date" | ... | ""
    warning: str = ""


def _parity_ok(year: int, parity: str | None) -> bool:
    if parity == "odd":
        return year % 2 == 1
    if parity == "even":
        return year % 2 == 0
    return True


def _next_fixed_date(rule: CycleRule, today: date) -> date:
    assert rule.fixed_month is not None and rule.fixed_day is not None
    year = today.year
    while True:
        last_day = calendar.monthrange(year, rule.fixed_month)[1]
        candidate = date(year, rule.fixed_month, min(rule.fixed_day, last_day))
        if candidate >= today and _parity_ok(year, rule.year_parity):
            return candidate
        year += 1


def place_cycle(
    rule: CycleRule,
    *,
    today: date,
    renewal_date: date | None = None,
    issued_on: date | None = None,
) -> CyclePlacement:
    """The cycle that is current on ``today``."""
    length = rule.length_months or 24
    guessed = "" if rule.length_months else "The cycle length is not recorded; 24 months assumed."
    if renewal_date is not None:
        end = renewal_date
        warning = guessed
        if end < today:
            while end < today:
                end = add_months(end, length)
            warning = (
                f"Your recorded renewal date {renewal_date.isoformat()} has passed; "
                f"showing the cycle ending {end.isoformat()}. Update the date on your license."
            )
        return CyclePlacement(window_ending(end, length), "your renewal date", warning)
    if rule.anchor == "fixed_date" and rule.fixed_month and rule.fixed_day:
        end = _next_fixed_date(rule, today)
        return CyclePlacement(window_ending(end, length), "the board's fixed renewal date", guessed)
    if rule.anchor == "license_date" and issued_on is not None:
        end = add_months(issued_on, length)
        while end < today:
            end = add_months(end, length)
        return CyclePlacement(window_ending(end, length), "your original license date", guessed)
    return CyclePlacement(None, "", "Add your renewal date to see your current cycle.")
