"""Template helpers shared by every app."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django import template
from django.forms import BoundField
from django.utils import timezone
from django.utils.dateformat import format as date_format

from credit.schedule import format_duration

register = template.Library()


@register.filter
def when(value: datetime | None, style: str = "long") -> str:
    """A moment in the viewer's zone, always with the zone's abbreviation (e.g. "EST").

    Times without their zone are ambiguous for people in another state, so there is no
    variant without it.
    """
    if value is None:
        return ""
    local = timezone.localtime(value)
    pattern = "M j, Y, g:i A T" if style == "short" else "l, F j, Y, g:i A T"
    return date_format(local, pattern)


@register.filter
def for_event(grouped: dict[int, list[Any]], event_id: int) -> list[Any]:
    """The entries of a by-event mapping (next steps, certificate links) for one event."""
    return grouped.get(event_id, [])


@register.filter
def fold_rows(formset: Any) -> dict[str, list[tuple[int, Any]]]:
    """A formset's rows split for a shorter page: every row in use (saved, typed into or with
    a problem) and one empty row to start a new one are shown; the other empty rows fold away
    behind "More rows". Folded rows stay in the form, so nothing typed is lost."""
    shown: list[tuple[int, Any]] = []
    folded: list[tuple[int, Any]] = []
    offered_empty = False
    for number, form in enumerate(formset, start=1):
        in_use = bool(form.initial) or bool(form.errors) or (form.is_bound and form.has_changed())
        if in_use or not offered_empty:
            offered_empty = offered_empty or not in_use
            shown.append((number, form))
        else:
            folded.append((number, form))
    return {"shown": shown, "folded": folded}


@register.simple_tag
def current_zone_name() -> str:
    """The active zone with today's abbreviation, e.g. "America/Chicago (CST)"; a zone whose
    abbreviation is its name ("UTC") is named once."""
    name, abbreviation = str(timezone.get_current_timezone()), f"{timezone.localtime():%Z}"
    return name if abbreviation == name else f"{name} ({abbreviation})"


@register.simple_tag
def field_widget(field: BoundField) -> str:
    """Render a form input that points at its own help text and errors."""
    describers = []
    if field.help_text:
        describers.append(f"{field.auto_id}_helptext")
    if field.errors:
        describers.append(f"{field.auto_id}_errors")
    attrs: dict[str, str | bool] = {"aria-describedby": " ".join(describers)} if describers else {}
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)


@register.filter
def time_only(value: datetime | None) -> str:
    """Clock time in the viewer's zone with its abbreviation, e.g. "10:30 AM PDT"."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "g:i A T")


@register.filter
def day(value: datetime | None) -> str:
    """The calendar day in the viewer's zone, e.g. "Tuesday, December 8, 2026"."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value), "l, F j, Y")


@register.filter
def duration(seconds: float | None) -> str:
    """A length of time in words, e.g. "1 h 50 min"."""
    return format_duration(float(seconds or 0))
