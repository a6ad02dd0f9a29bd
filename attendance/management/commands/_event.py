"""Finding the event a command names, by id or slug."""

from __future__ import annotations

from django.core.management.base import CommandError

from events.models import Event


def event_from_argument(value: str) -> Event:
    event = (
        Event.objects.filter(pk=int(value)).first()
        if value.isdigit()
        else Event.objects.filter(slug=value).first()
    )
    if event is None:
        raise CommandError(f"No event with the id or slug {value!r}.")
    return event
