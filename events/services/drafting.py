"""Creating and editing events: one validated write path for the staff form and the API."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db import transaction
from django.utils.text import slugify

from accounts.models import User
from core import audit
from core.errors import DomainError
from credit.schedule import ScheduleProblem, validate_schedule
from events.errors import EventCode
from events.models import Break, Event, EventApproval, EventPresenter, Presenter, Program
from events.services.registration import reschedule_registrants
from events.signals import event_changed
from events.window import window_problems
from licensing.models import ApprovalBody, CECategory, Profession


@dataclass
class BreakDraft:
    start: dt.datetime
    end: dt.datetime
    label: str = "Break"


@dataclass
class PresenterDraft:
    """A new presenter, or (`presenter_id`) one staff chose from the records: never matched by
    name, since two people can share one."""

    name: str
    credentials: str = ""
    bio: str = ""
    presenter_id: int | None = None


@dataclass
class ApprovalDraft:
    body_code: str
    approved: bool = True
    approval_number: str = ""
    period_start: dt.date | None = None
    period_end: dt.date | None = None
    professions: list[str] = field(default_factory=list)
    statement: str = ""


@dataclass
class EventDraft:
    title: str
    summary: str
    time_zone: str
    start: dt.datetime
    end: dt.datetime
    advertised_hours: Decimal
    description: str = ""
    learning_objectives: list[str] = field(default_factory=list)
    format: str = Event.LIVE_WEBINAR
    capacity: int | None = None
    dial_in_instructions: str = ""
    categories: list[str] = field(default_factory=list)
    breaks: list[BreakDraft] = field(default_factory=list)
    presenters: list[PresenterDraft] = field(default_factory=list)
    approvals: list[ApprovalDraft] = field(default_factory=list)
    program_code: str = ""
    # What the public page states before registering; None leaves the stored text unchanged.
    instructional_level: str | None = None
    cancellation_policy: str | None = None
    accommodations_contact: str | None = None
    grievance_policy: str | None = None


PROMOTIONAL_FIELDS = (
    "instructional_level",
    "cancellation_policy",
    "accommodations_contact",
    "grievance_policy",
)


class ScheduleInvalid(DomainError):
    """The schedule breaks the credit rules; `problems` says which field and why."""

    def __init__(self, problems: list[ScheduleProblem]) -> None:
        super().__init__(
            EventCode.SCHEDULE_INVALID,
            " ".join(problem.message for problem in problems),
            field="start",
        )
        self.problems = problems


def check_schedule(draft: EventDraft) -> None:
    problems = validate_schedule(
        draft.start,
        draft.end,
        [(b.start, b.end) for b in draft.breaks],
        draft.advertised_hours,
        increment=settings.CE_HOURS_INCREMENT,
    ) + window_problems(draft.start, draft.end)
    if problems:
        raise ScheduleInvalid(problems)


# Slugs that would collide with fixed paths such as /staff/events/new/.
RESERVED_SLUGS = {"new"}


def unique_slug(base: str, exclude_pk: int | None = None) -> str:
    base = slugify(base)[:100] or "event"
    slug, n = base, 2
    if slug in RESERVED_SLUGS:
        slug = f"{base}-{n}"
        n += 1
    while Event.objects.filter(slug=slug).exclude(pk=exclude_pk).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


def _program_for(draft: EventDraft, event: Event | None) -> Program:
    if draft.program_code:
        program = Program.objects.filter(code=draft.program_code).first()
        if program is None:
            raise EventCode.PROGRAM_UNKNOWN.error(field="program_code", code=draft.program_code)
        return program
    if event is not None:
        return event.program
    code = slugify(draft.title)[:70] or "program"
    base, n = code, 2
    while Program.objects.filter(code=code).exists():
        code, n = f"{base}-{n}", n + 1
    return Program.objects.create(code=code, title=draft.title)


def _resolve_categories(codes: list[str]) -> list[CECategory]:
    categories = list(CECategory.objects.filter(code__in=codes))
    unknown = sorted(set(codes) - {c.code for c in categories})
    if unknown:
        raise EventCode.CATEGORY_UNKNOWN.error(field="categories", categories=", ".join(unknown))
    return categories


def _write_children(event: Event, draft: EventDraft) -> None:
    event.breaks.all().delete()
    Break.objects.bulk_create(
        [
            Break(event=event, start=b.start, end=b.end, label=b.label or "Break")
            for b in draft.breaks
        ]
    )
    event.event_presenters.all().delete()
    for position, item in enumerate(draft.presenters):
        if item.presenter_id is not None:
            presenter = Presenter.objects.filter(pk=item.presenter_id).first()
            if presenter is None:
                raise EventCode.PRESENTER_UNKNOWN.error(field="presenters", id=item.presenter_id)
            if item.bio and presenter.bio != item.bio:
                presenter.bio = item.bio
                presenter.save(update_fields=["bio"])
        else:
            presenter = Presenter.objects.create(
                name=item.name.strip(), credentials=item.credentials.strip(), bio=item.bio
            )
        EventPresenter.objects.get_or_create(
            event=event, presenter=presenter, defaults={"position": position}
        )
    event.approvals.all().delete()
    bodies = {
        b.code: b
        for b in ApprovalBody.objects.filter(code__in=[a.body_code for a in draft.approvals])
    }
    professions = {p.code: p for p in Profession.objects.all()}
    for item in draft.approvals:
        if item.body_code not in bodies:
            raise EventCode.APPROVAL_BODY_UNKNOWN.error(field="approvals", body=item.body_code)
        if item.period_start and item.period_end and item.period_end < item.period_start:
            raise EventCode.APPROVAL_PERIOD_INVALID.error(field="approvals", body=item.body_code)
        event_day = event.start.astimezone(event.zone).date()
        outside = (item.period_start and event_day < item.period_start) or (
            item.period_end and event_day > item.period_end
        )
        if item.approved and outside:
            raise EventCode.APPROVAL_PERIOD_EXCLUDES_EVENT.error(
                field="approvals", body=item.body_code, day=event_day
            )
        approval = EventApproval.objects.create(
            event=event,
            body=bodies[item.body_code],
            approved=item.approved,
            approval_number=item.approval_number,
            period_start=item.period_start,
            period_end=item.period_end,
            statement=item.statement or default_statement(bodies[item.body_code], item),
        )
        approval.professions.set(
            [professions[code] for code in item.professions if code in professions]
        )
    event.categories.set(_resolve_categories(draft.categories))


def default_statement(body: ApprovalBody, item: ApprovalDraft) -> str:
    if not item.approved:
        return f"This program is not approved by {body.name}."
    return body.statement.replace("{provider}", settings.PROVIDER_NAME).replace(
        "{number}", item.approval_number or "—"
    )


@transaction.atomic
def save_event(draft: EventDraft, *, actor: User, event: Event | None = None) -> Event:
    """Create an event (as a draft) or update one. Published events stay published."""
    check_schedule(draft)
    if event is not None and event.is_cancelled:
        raise EventCode.EVENT_CANCELLED.error("A cancelled event can no longer be edited.")
    creating = event is None
    moved = False
    terms_before: tuple | None = None
    if event is None:
        event = Event(slug=unique_slug(draft.title), status=Event.DRAFT)
    else:
        moved = event.start != draft.start or event.end != draft.end
        terms_before = _credit_terms(event)
    event.program = _program_for(draft, None if creating else event)
    for name in (
        "title",
        "summary",
        "description",
        "learning_objectives",
        "format",
        "time_zone",
        "start",
        "end",
        "advertised_hours",
        "capacity",
        "dial_in_instructions",
    ):
        setattr(event, name, getattr(draft, name))
    for name in PROMOTIONAL_FIELDS:
        if getattr(draft, name) is not None:
            setattr(event, name, getattr(draft, name).strip())
    event.save()
    _write_children(event, draft)
    audit.record(actor, "event.created" if creating else "event.updated", event, moved=moved)
    if not creating and event.is_published:
        event_changed.send(
            sender=Event,
            event=event,
            moved=moved,
            credit_terms_changed=_credit_terms(event) != terms_before,
        )
        if moved:
            reschedule_registrants(event)
    return event


def _credit_terms(event: Event) -> tuple:
    """What attendance decisions are taken against: the window, the breaks and the hours."""
    breaks = tuple((b.start, b.end) for b in event.break_intervals())
    return (event.start, event.end, breaks, Decimal(event.advertised_hours))
