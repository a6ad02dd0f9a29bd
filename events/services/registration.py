"""Registering for an event, cancelling, and the waiting list."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import audit
from core.errors import DomainError
from core.tasks import enqueue
from events.models import Event, Registration
from events.tasks import REMINDERS, send_event_reminder, send_registration_message
from meetings.providers import ProviderError, get_provider


def _refuse_unless_open(event: Event) -> None:
    if event.is_cancelled:
        raise DomainError("event_cancelled", "This event was cancelled; registration is closed.")
    if not event.is_published:
        raise DomainError("event_not_found", "This event is not open for registration.")
    if event.has_started():
        raise DomainError(
            "registration_closed",
            "Registration closed when the event started: credit requires attending the "
            "entire event.",
        )


def schedule_reminders(registration: Registration) -> None:
    event = registration.event
    now = timezone.now()
    for kind, before in REMINDERS.items():
        when = event.start - before
        if when > now:
            enqueue(
                send_event_reminder, registration.pk, kind, event.start.isoformat(), run_after=when
            )


def connect_to_provider(registration: Registration) -> None:
    """Give the registrant their personal join link, now if the provider can, else soon."""
    provider = get_provider(registration.event.meeting_provider or None)
    if not provider.registers_instantly:
        from meetings.tasks import register_with_provider

        enqueue(register_with_provider, registration.pk)
        return
    try:
        registrant = provider.register(registration)
    except ProviderError:
        from meetings.tasks import register_with_provider

        registration.link_status = Registration.LINK_FAILED
        registration.save(update_fields=["link_status"])
        enqueue(register_with_provider, registration.pk)
        return
    registration.set_join_link(registrant.registrant_id, registrant.join_url)


def _activate(registration: Registration) -> None:
    connect_to_provider(registration)
    schedule_reminders(registration)


@transaction.atomic
def register_attendee(
    event: Event, user: User, *, join_waitlist: bool = False, actor: User | None = None
) -> Registration:
    """Register `user` under their own account; on a full event, only onto the waiting list."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    _refuse_unless_open(event)
    existing = Registration.objects.filter(event=event, user=user).first()
    if existing is not None and existing.status != Registration.CANCELLED:
        where = (
            "on the waiting list" if existing.status == Registration.WAITLISTED else "registered"
        )
        raise DomainError("already_registered", f"You are already {where} for this event.")
    full = event.capacity is not None and event.registrations.active().count() >= event.capacity
    if full and not join_waitlist:
        raise DomainError(
            "event_full", "This event is full. You can join the waiting list instead."
        )
    registration = existing or Registration(event=event, user=user)
    registration.status = Registration.WAITLISTED if full else Registration.REGISTERED
    registration.name = user.legal_name or user.email
    registration.email = user.email
    registration.registered_at = timezone.now()
    registration.cancelled_at = None
    registration.save()
    if registration.is_active:
        _activate(registration)
    audit.record(actor or user, f"registration.{registration.status}", registration)
    enqueue(send_registration_message, registration.pk, "waitlisted" if full else "confirmed")
    return registration


def promote_from_waitlist(event: Event) -> Registration | None:
    """Give a freed place to the person who has waited longest (call inside a transaction)."""
    if event.has_started() or not event.is_published:
        return None
    if event.capacity is not None and event.registrations.active().count() >= event.capacity:
        return None
    waiting = (
        event.registrations.filter(status=Registration.WAITLISTED)
        .order_by("registered_at", "pk")
        .first()
    )
    if waiting is None:
        return None
    waiting.status = Registration.REGISTERED
    waiting.save(update_fields=["status"])
    _activate(waiting)
    audit.record(None, "registration.promoted", waiting)
    enqueue(send_registration_message, waiting.pk, "promoted")
    return waiting


@transaction.atomic
def cancel_registration(registration: Registration, *, actor: User) -> Registration:
    event = Event.objects.select_for_update().get(pk=registration.event_id)
    registration = Registration.objects.select_for_update().get(pk=registration.pk)
    if registration.status == Registration.CANCELLED:
        raise DomainError("not_registered", "This registration is already cancelled.")
    if event.has_started():
        raise DomainError(
            "cancellation_closed",
            "The event has started; the registration can no longer be cancelled.",
        )
    was_active = registration.is_active
    registration.status = Registration.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    if was_active and registration.provider_registrant_id:
        from meetings.tasks import cancel_with_provider

        enqueue(cancel_with_provider, registration.pk)
    audit.record(actor, "registration.cancelled", registration)
    if was_active:
        promote_from_waitlist(event)
    return registration
