"""Attendance reasons in plain words on staff pages."""

from __future__ import annotations

from django import template

from attendance.receipt import staff_reason_label

register = template.Library()


@register.filter
def reason_label(code: str) -> str:
    """A decision's reason code as staff read it, e.g. "Joined late"."""
    return staff_reason_label(str(code))
