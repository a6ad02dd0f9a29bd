"""Messages to registrants. Each is sent from a background task (see events/tasks.py)."""

from __future__ import annotations

from django.conf import settings

from core.email import send_email
from events.calendar import registration_ics
from events.models import Registration

ICS = "text/calendar; method=PUBLISH; charset=utf-8"


def _context(registration: Registration, **extra: object) -> dict[str, object]:
    event = registration.event
    return {
        "registration": registration,
        "event": event,
        "name": registration.name,
        "event_url": f"{settings.SITE_URL}{event.get_absolute_url()}",
        "hall_url": f"{settings.SITE_URL}/events/{event.slug}/hall/",
        "my_events_url": f"{settings.SITE_URL}/wallet/events/",
        "zone": registration.user.time_zone if registration.user else event.time_zone,
        **extra,
    }


def _ics(registration: Registration) -> list[tuple[str, bytes, str]]:
    return [("event.ics", registration_ics(registration), ICS)]


def _key(registration: Registration, kind: str, *detail: object) -> str:
    # Registering again after cancelling is a new registration time, so a new confirmation.
    parts = [registration.pk, kind, registration.registered_at.isoformat(), *detail]
    return "registration:" + ":".join(str(part) for part in parts)


def send_registration_confirmed(registration: Registration) -> None:
    send_email(
        "registration_confirmed",
        [registration.email],
        _context(registration),
        attachments=_ics(registration),
        key=_key(registration, "confirmed"),
    )


def send_waitlisted(registration: Registration) -> None:
    send_email(
        "registration_waitlisted",
        [registration.email],
        _context(registration),
        key=_key(registration, "waitlisted"),
    )


def send_promoted(registration: Registration) -> None:
    send_email(
        "registration_promoted",
        [registration.email],
        _context(registration),
        attachments=_ics(registration),
        key=_key(registration, "promoted"),
    )


def send_event_changed(registration: Registration) -> None:
    event = registration.event
    send_email(
        "event_changed",
        [registration.email],
        _context(registration),
        attachments=_ics(registration),
        key=_key(registration, "changed", event.start.isoformat(), event.end.isoformat()),
    )


def send_event_cancelled(registration: Registration) -> None:
    send_email(
        "event_cancelled",
        [registration.email],
        _context(registration),
        attachments=_ics(registration),
        key=_key(registration, "cancelled"),
    )


def send_reminder(registration: Registration, kind: str) -> None:
    send_email("event_reminder", [registration.email], _context(registration, kind=kind))
