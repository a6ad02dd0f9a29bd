"""The meetings app's receivers of the events app's lifecycle signals."""

from __future__ import annotations

from typing import Any

from events.models import Event, Registration
from meetings import services


def on_event_published(sender: Any, *, event: Event, **kwargs: Any) -> None:
    services.create_meeting(event)


def on_event_changed(sender: Any, *, event: Event, **kwargs: Any) -> None:
    services.update_meeting(event)


def on_event_cancelled(sender: Any, *, event: Event, was_published: bool, **kwargs: Any) -> None:
    if was_published:
        services.cancel_meeting(event)


def on_registration_activated(sender: Any, *, registration: Registration, **kwargs: Any) -> None:
    services.connect_registration(registration)


def on_registration_cancelled(
    sender: Any, *, registration: Registration, was_active: bool, **kwargs: Any
) -> None:
    if was_active:
        services.disconnect_registration(registration)
