"""Hours as people write them: 7.5, not 7.50; 36, not 36.00."""

from __future__ import annotations

from decimal import Decimal

from django import template

from credit.hours import format_hours

register = template.Library()


@register.filter
def hours(value: Decimal | int | None) -> str:
    if value is None:
        return ""
    return format_hours(Decimal(value))
