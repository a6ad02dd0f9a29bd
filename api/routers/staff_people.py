"""Staff: an event's registrations, and registering people by email (one or up to 1,000)."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from accounts.invitations import find_or_invite
from accounts.models import User
from accounts.names import LEGAL_NAME_PART_MAX
from api.auth import STAFF_AUTH, caller
from api.errors import errors
from api.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page, paginate
from api.routers.staff_events import staff_event
from api.schemas.me import RegistrationOut, registration_out
from core.errors import DomainError
from events.models import Event
from events.services import register_attendee

VIEW_REGISTRATIONS = "events.view_registration"
MANAGE_EVENTS = "events.manage_events"
MAX_BULK = 1000

router = Router(tags=["Staff: registrations"], auth=STAFF_AUTH)


class PersonIn(Schema):
    email: str = Field(..., min_length=3, max_length=254)
    first_name: str = Field(
        "", max_length=LEGAL_NAME_PART_MAX, description="Legal first name (new accounts)"
    )
    last_name: str = Field(
        "", max_length=LEGAL_NAME_PART_MAX, description="Legal last name (new accounts)"
    )
    join_waitlist: bool = False


class BulkIn(Schema):
    people: list[PersonIn] = Field(..., min_length=1, max_length=MAX_BULK)


class PersonResult(Schema):
    email: str
    ok: bool
    invited: bool = Field(default=False, description="A new account was created and invited")
    registration: RegistrationOut | None = None
    code: str | None = None
    message: str | None = None


class BulkOut(Schema):
    registered: int
    failed: int
    results: list[PersonResult]


def _register(event: Event, person: PersonIn, actor: User) -> PersonResult:
    # One savepoint per person: in a bulk request a refusal leaves the others registered.
    with transaction.atomic():
        user, invited = find_or_invite(
            person.email,
            first_name=person.first_name,
            last_name=person.last_name,
            actor=actor,
            event_title=event.title,
        )
        registration = register_attendee(
            event, user, join_waitlist=person.join_waitlist, actor=actor
        )
    return PersonResult(
        email=person.email, ok=True, invited=invited, registration=registration_out(registration)
    )


@router.get("/events/{slug}/registrations", response=errors(s200=Page[RegistrationOut]))
def list_registrations(
    request: HttpRequest,
    slug: str,
    status: str | None = Query(None, pattern="^(registered|waitlisted|cancelled)$"),
    limit: int = Query(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT),
    cursor: str | None = Query(None, max_length=200),
) -> dict[str, Any]:
    event = staff_event(request, slug, VIEW_REGISTRATIONS)
    registrations = event.registrations.select_related("event").order_by("registered_at", "pk")
    if status:
        registrations = registrations.filter(status=status)
    page, next_cursor = paginate(registrations, limit, cursor)
    return {"items": [registration_out(r) for r in page], "next_cursor": next_cursor}


@router.post("/events/{slug}/registrations", response=errors(s201=PersonResult))
def register_person(request: HttpRequest, slug: str, payload: PersonIn) -> Status:
    """Register a person by email; without an account they get one and an invitation email."""
    event = staff_event(request, slug, MANAGE_EVENTS)
    return Status(201, _register(event, payload, caller(request)))


@router.post("/events/{slug}/registrations/bulk", response=errors(s200=BulkOut))
def register_many(request: HttpRequest, slug: str, payload: BulkIn) -> BulkOut:
    """Register up to 1,000 people; each row reports its own result."""
    event = staff_event(request, slug, MANAGE_EVENTS)
    actor = caller(request)
    results = []
    for person in payload.people:
        try:
            results.append(_register(event, person, actor))
        except DomainError as exc:
            results.append(
                PersonResult(email=person.email, ok=False, code=exc.code, message=exc.message)
            )
    ok = sum(1 for r in results if r.ok)
    return BulkOut(registered=ok, failed=len(results) - ok, results=results)
