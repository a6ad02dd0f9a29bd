"""Staff: events (list, create with breaks, approvals and categories, update, publish, cancel)."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Status

from accounts.models import User
from api.auth import STAFF_AUTH, caller, require_perm
from api.codes import TIME_ZONE_UNKNOWN
from api.errors import errors
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from api.schemas.events import CancelIn, EventIn, EventOut, event_out, with_details
from events.models import Event
from events.services import cancel_event, publish_event, save_event
from events.services.drafting import ApprovalDraft, BreakDraft, EventDraft, PresenterDraft

MANAGE_EVENTS = "events.manage_events"

router = Router(tags=["Staff: events"], auth=STAFF_AUTH)


def staff_event(request: HttpRequest, slug: str, permission: str = MANAGE_EVENTS) -> Event:
    require_perm(request, permission)
    return get_object_or_404(with_details(Event.objects.all()), slug=slug)


def _draft(payload: EventIn) -> EventDraft:
    try:
        zoneinfo.ZoneInfo(payload.time_zone)
    except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
        raise TIME_ZONE_UNKNOWN.error(field="time_zone", zone=payload.time_zone[:64]) from None
    return EventDraft(
        title=payload.title.strip(),
        summary=payload.summary.strip(),
        description=payload.description,
        learning_objectives=payload.learning_objectives,
        format=payload.format,
        time_zone=payload.time_zone,
        start=payload.start,
        end=payload.end,
        advertised_hours=payload.advertised_hours,
        capacity=payload.capacity,
        dial_in_instructions=payload.dial_in_instructions,
        categories=payload.categories,
        breaks=[BreakDraft(b.start, b.end, b.label) for b in payload.breaks],
        presenters=[PresenterDraft(p.name, p.credentials, p.bio) for p in payload.presenters],
        approvals=[
            ApprovalDraft(
                body_code=a.body,
                approved=a.approved,
                approval_number=a.approval_number,
                period_start=a.period_start,
                period_end=a.period_end,
                professions=a.professions,
                statement=a.statement,
            )
            for a in payload.approvals
        ],
        program_code=payload.program_code,
    )


def _reloaded(event: Event) -> EventOut:
    return event_out(with_details(Event.objects.all()).get(pk=event.pk))


@router.get("/events", response=errors(s200=Page[EventOut]))
def list_events(
    request: HttpRequest,
    status: str | None = Query(None, pattern="^(draft|published|cancelled)$"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    """Every event, drafts and cancelled ones included, newest start first."""
    require_perm(request, MANAGE_EVENTS)
    events = Event.objects.order_by("-start", "-pk")
    if status:
        events = events.filter(status=status)
    page, next_cursor = paginate(with_details(events), limit, cursor)
    return {"items": [event_out(e) for e in page], "next_cursor": next_cursor}


@router.post("/events", response=errors(s201=EventOut))
def create_event(request: HttpRequest, payload: EventIn) -> Status:
    """Create a draft event with its schedule, breaks, presenters, approvals and categories."""
    user: User = require_perm(request, MANAGE_EVENTS)
    event = save_event(_draft(payload), actor=user)
    return Status(201, _reloaded(event))


@router.get("/events/{slug}", response=errors(s200=EventOut))
def get_event(request: HttpRequest, slug: str) -> EventOut:
    return event_out(staff_event(request, slug))


@router.put("/events/{slug}", response=errors(s200=EventOut))
def update_event(request: HttpRequest, slug: str, payload: EventIn) -> EventOut:
    """Replace the event's details (a published event stays published; registrants are told)."""
    event = staff_event(request, slug)
    event = save_event(_draft(payload), actor=caller(request), event=event)
    return _reloaded(event)


@router.post("/events/{slug}/publish", response=errors(s200=EventOut))
def publish(request: HttpRequest, slug: str) -> EventOut:
    event = staff_event(request, slug)
    return _reloaded(publish_event(event, actor=caller(request)))


@router.post("/events/{slug}/cancel", response=errors(s200=EventOut))
def cancel(request: HttpRequest, slug: str, payload: CancelIn) -> EventOut:
    event = staff_event(request, slug)
    cancelled = cancel_event(event, actor=caller(request), reason=payload.reason)
    return _reloaded(cancelled)
