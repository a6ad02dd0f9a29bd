"""Registering for an event, cancelling, and the waiting list."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import audit
from core.tasks import enqueue
from events.errors import EventCode
from events.models import Event, Registration
from events.signals import registration_activated, registration_cancelled
from events.tasks import REMINDERS, send_event_reminder, send_registration_message


def _refuse_unless_open(event: Event) -> None:
    if event.is_cancelled:
        raise EventCode.EVENT_CANCELLED.error("This event was cancelled; registration is closed.")
    if not event.is_published:
        raise EventCode.EVENT_NOT_FOUND.error()
    if event.has_started():
        raise EventCode.REGISTRATION_CLOSED.error()


def schedule_reminders(registration: Registration) -> None:
    event = registration.event
    now = timezone.now()
    for kind, before in REMINDERS.items():
        when = event.start - before
        if when > now:
            enqueue(
                send_event_reminder, registration.pk, kind, event.start.isoformat(), run_after=when
            )


def reschedule_registrants(event: Event) -> None:
    """The event moved: every active registrant gets reminders at the new times and a note."""
    for registration in event.registrations.active():
        schedule_reminders(registration)
        enqueue(send_registration_message, registration.pk, "changed")


def _activate(registration: Registration) -> None:
    # The meeting provider's receiver gives the registrant their join link.
    registration_activated.send(sender=Registration, registration=registration)
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
        raise EventCode.ALREADY_REGISTERED.error(where=where)
    full = event.capacity is not None and event.registrations.active().count() >= event.capacity
    if full and not join_waitlist:
        raise EventCode.EVENT_FULL.error()
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
        raise EventCode.NOT_REGISTERED.error("This registration is already cancelled.")
    if event.has_started():
        raise EventCode.CANCELLATION_CLOSED.error()
    was_active = registration.is_active
    registration.status = Registration.CANCELLED
    registration.cancelled_at = timezone.now()
    registration.save(update_fields=["status", "cancelled_at"])
    registration_cancelled.send(
        sender=Registration, registration=registration, was_active=was_active
    )
    audit.record(actor, "registration.cancelled", registration)
    if was_active:
        promote_from_waitlist(event)
    return registration
