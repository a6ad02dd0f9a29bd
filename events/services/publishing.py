"""Publishing, changing, cancelling and duplicating events."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from accounts.models import User
from core import audit
from core.tasks import enqueue
from events.errors import REASON_REQUIRED, EventCode
from events.models import Break, Event, EventPresenter, Registration
from events.services.drafting import BreakDraft, EventDraft, check_schedule, unique_slug
from events.signals import event_cancelled, event_published
from events.tasks import send_registration_message


def _stored_draft(event: Event) -> EventDraft:
    return EventDraft(
        title=event.title,
        summary=event.summary,
        time_zone=event.time_zone,
        start=event.start,
        end=event.end,
        advertised_hours=event.advertised_hours,
        breaks=[BreakDraft(b.start, b.end, b.label) for b in event.breaks.all()],
    )


@transaction.atomic
def publish_event(event: Event, *, actor: User, disclosures: dict[str, str] | None = None) -> Event:
    """Publish a draft. `disclosures` (commercial support, conflicts of interest) are what staff
    stated when confirming; they are stored with the publication."""
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise EventCode.EVENT_CANCELLED.error("A cancelled event cannot be published.")
    if event.is_published:
        return event
    if event.has_ended():
        raise EventCode.EVENT_ENDED.error("This event has already ended; it cannot be published.")
    check_schedule(_stored_draft(event))
    if not event.approvals.filter(approved=True).exists():
        raise EventCode.NO_APPROVAL.error()
    stated = disclosures or {}
    event.commercial_support = stated.get("commercial_support", event.commercial_support)
    event.conflicts_of_interest = stated.get("conflicts_of_interest", event.conflicts_of_interest)
    event.status = Event.PUBLISHED
    event.published_at = timezone.now()
    event.save(
        update_fields=["status", "published_at", "commercial_support", "conflicts_of_interest"]
    )
    event_published.send(sender=Event, event=event)
    audit.record(actor, "event.published", event)
    return event


@transaction.atomic
def cancel_event(event: Event, *, actor: User, reason: str) -> Event:
    event = Event.objects.select_for_update().get(pk=event.pk)
    if event.is_cancelled:
        raise EventCode.EVENT_CANCELLED.error("This event is already cancelled.")
    if event.has_ended():
        raise EventCode.EVENT_ENDED.error("This event has already ended; it cannot be cancelled.")
    if not reason.strip():
        raise REASON_REQUIRED.error("Say why the event is cancelled.", field="reason")
    was_published = event.is_published
    event.status = Event.CANCELLED
    event.cancelled_at = timezone.now()
    event.cancel_reason = reason.strip()
    event.save(update_fields=["status", "cancelled_at", "cancel_reason"])
    event_cancelled.send(sender=Event, event=event, was_published=was_published)
    for registration in event.registrations.exclude(status=Registration.CANCELLED):
        enqueue(send_registration_message, registration.pk, "cancelled")
    audit.record(actor, "event.cancelled", event, reason=event.cancel_reason)
    return event


@transaction.atomic
def duplicate_event(event: Event, *, actor: User) -> Event:
    """A draft copy with the same program, schedule, presenters, approvals and categories."""
    copy = Event.objects.get(pk=event.pk)
    copy.pk = None
    copy.slug = unique_slug(f"{event.slug}-copy")
    copy.title = f"{event.title} (copy)"
    copy.status = Event.DRAFT
    copy.published_at = copy.cancelled_at = None
    copy.cancel_reason = ""
    copy.meeting_provider = copy.provider_meeting_id = ""
    copy.provider_data = {}
    copy.save()
    copy.categories.set(event.categories.all())
    Break.objects.bulk_create(
        [Break(event=copy, start=b.start, end=b.end, label=b.label) for b in event.breaks.all()]
    )
    EventPresenter.objects.bulk_create(
        [
            EventPresenter(event=copy, presenter_id=p.presenter_id, position=p.position)
            for p in event.event_presenters.all()
        ]
    )
    for approval in event.approvals.all():
        professions = list(approval.professions.all())
        approval.pk = None
        approval.event = copy
        approval.save()
        approval.professions.set(professions)
    for handout in event.handouts.all():
        handout.pk = None
        handout.event = copy
        handout.save()
    audit.record(actor, "event.duplicated", copy, source=event.slug)
    return copy
