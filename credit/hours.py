"""Decimal helpers shared by the schedule and eligibility rules.

Credit hours are money-like: 0.1 + 0.2 must equal 0.3 exactly, and a certificate must never say
1.2499999 hours. So hours are always ``Decimal``; floats are refused rather than converted, because
``Decimal(1.3)`` silently becomes 1.3000000000000000444.
"""

from __future__ import annotations

from decimal import Decimal

__all__ = ["as_hours", "format_hours"]


def as_hours(value: Decimal | int, name: str = "hours") -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise TypeError(f"{name} must be a Decimal (or int), not {type(value).__name__}")
    return Decimal(value)


def format_hours(value: Decimal) -> str:
    """Plain notation without trailing zeros: 2.50 -> "2.5", 100 -> "100" (never "1E+2")."""
    if not value.is_finite():
        return str(value)
    if value.is_zero():
        return "0"
    return format(value.normalize(), "f")
