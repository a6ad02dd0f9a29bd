"""How events look in the API, for attendees and staff alike."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.db.models import QuerySet
from ninja import Field, Schema
from pydantic import AwareDatetime

from api.schemas.common import Hours, Timestamp
from events.models import Event


class BreakOut(Schema):
    start: Timestamp
    end: Timestamp
    label: str


class ApprovalOut(Schema):
    body: str
    body_name: str
    approved: bool
    approval_number: str
    period_start: dt.date | None
    period_end: dt.date | None
    professions: list[str]
    statement: str


class PresenterOut(Schema):
    name: str
    credentials: str


class EventOut(Schema):
    slug: str
    title: str
    summary: str
    description: str
    learning_objectives: list[str]
    format: str
    status: str
    time_zone: str
    start: Timestamp
    end: Timestamp
    advertised_hours: Hours
    capacity: int | None
    categories: list[str]
    approvals: list[ApprovalOut]
    presenters: list[PresenterOut]
    breaks: list[BreakOut]
    url: str
    cancel_reason: str


def event_out(event: Event) -> EventOut:
    return EventOut(
        slug=event.slug,
        title=event.title,
        summary=event.summary,
        description=event.description,
        learning_objectives=[str(item) for item in event.learning_objectives],
        format=event.format,
        status=event.status,
        time_zone=event.time_zone,
        start=event.start,
        end=event.end,
        advertised_hours=event.advertised_hours,
        capacity=event.capacity,
        categories=[c.code for c in event.categories.all()],
        approvals=[
            ApprovalOut(
                body=a.body.code,
                body_name=a.body.name,
                approved=a.approved,
                approval_number=a.approval_number,
                period_start=a.period_start,
                period_end=a.period_end,
                professions=[p.code for p in a.professions.all()],
                statement=a.statement,
            )
            for a in event.approvals.all()
        ],
        presenters=[
            PresenterOut(name=p.presenter.name, credentials=p.presenter.credentials)
            for p in event.event_presenters.all()
        ],
        breaks=[BreakOut(start=b.start, end=b.end, label=b.label) for b in event.breaks.all()],
        url=settings.SITE_URL + event.get_absolute_url(),
        cancel_reason=event.cancel_reason,
    )


def with_details(queryset: QuerySet[Event]) -> QuerySet[Event]:
    """The related rows event_out reads, fetched in a fixed number of queries."""
    return queryset.prefetch_related(
        "categories",
        "breaks",
        "approvals__body",
        "approvals__professions",
        "event_presenters__presenter",
    )


class EventFilters(Schema):
    """The catalog's filters (events.catalog.CatalogFilters checks them)."""

    q: str | None = Field(None, max_length=100, description="Words in the title or presenters")
    date_from: dt.date | None = Field(None, description="Starting on or after this day")
    date_to: dt.date | None = Field(None, description="Starting on or before this day")
    category: list[str] = Field(
        default_factory=list, description="CE category codes (any of them matches)"
    )
    body: str | None = Field(None, max_length=40, description="Approval body code, e.g. APA")
    profession: str | None = Field(None, max_length=40, description="Profession code")
    min_hours: Decimal | None = Field(None, ge=0, max_digits=5, decimal_places=2)
    max_hours: Decimal | None = Field(None, ge=0, max_digits=5, decimal_places=2)
    mine: bool = Field(False, description="Only events that count for the caller's licenses")
    license: int | None = Field(
        None, description="Only events that count for this one of the caller's licenses (its id)"
    )


# --- staff input ---------------------------------------------------------------------------


class BreakIn(Schema):
    start: AwareDatetime
    end: AwareDatetime
    label: str = Field("Break", max_length=80)


class PresenterIn(Schema):
    name: str = Field(..., min_length=1, max_length=150)
    credentials: str = Field("", max_length=100)
    bio: str = Field("", max_length=5000)


class ApprovalIn(Schema):
    body: str = Field(..., max_length=40, description="Approval body code, e.g. APA")
    approved: bool = True
    approval_number: str = Field("", max_length=80)
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    professions: list[str] = Field(default_factory=list, max_length=20)
    statement: str = Field("", max_length=5000)


class EventIn(Schema):
    title: str = Field(..., min_length=1, max_length=200)
    summary: str = Field(..., min_length=1, max_length=300)
    description: str = Field("", max_length=20000)
    learning_objectives: list[str] = Field(default_factory=list, max_length=30)
    format: str = Field(
        Event.LIVE_WEBINAR, pattern="^(" + "|".join(code for code, _ in Event.FORMAT_CHOICES) + ")$"
    )
    time_zone: str = Field(..., max_length=64, description="IANA zone, e.g. America/Chicago")
    start: AwareDatetime
    end: AwareDatetime
    advertised_hours: Decimal = Field(..., gt=0, max_digits=5, decimal_places=2)
    capacity: int | None = Field(None, ge=1, le=100000)
    dial_in_instructions: str = Field("", max_length=5000)
    categories: list[str] = Field(default_factory=list, max_length=30)
    breaks: list[BreakIn] = Field(default_factory=list, max_length=20)
    presenters: list[PresenterIn] = Field(default_factory=list, max_length=20)
    approvals: list[ApprovalIn] = Field(default_factory=list, max_length=20)
    program_code: str = Field("", max_length=80)


class CancelIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)
