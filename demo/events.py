"""A dozen demo events around "now": past, live, starting soon and upcoming, with a range of
categories and approvals (including plainly stated non-approvals), and registrations."""

from __future__ import annotations

import datetime as dt
import zoneinfo
from dataclasses import dataclass, field, replace
from decimal import Decimal

from django.utils import timezone

from accounts.models import User
from events.models import Event, Presenter, Registration
from events.services import (
    ApprovalDraft,
    BreakDraft,
    EventDraft,
    PresenterDraft,
    publish_event,
    register_attendee,
    save_event,
)
from meetings.services import connect_registration

PROVIDER_ZONE = zoneinfo.ZoneInfo("America/New_York")
DIAL_IN = (
    "Call +1 646 555 0199 (US toll) and enter webinar ID 812 4455 0190 followed by #.\n"
    "Call from your own phone: after the event you confirm the last 4 digits of the number "
    "you called from."
)

PRESENTERS = {
    "ruiz": PresenterDraft("Ana Ruiz", "PhD", "Clinical psychologist and trauma researcher."),
    "okoro": PresenterDraft("Chidi Okoro", "LCSW", "Clinical social worker and ethics educator."),
    "chen": PresenterDraft("Mei Chen", "LMFT", "Couples and family therapist, AAMFT supervisor."),
    "brooks": PresenterDraft("Jordan Brooks", "PsyD", "Suicide prevention trainer."),
    "patel": PresenterDraft("Ravi Patel", "LPC, NCC", "Counselor educator in addiction treatment."),
}


def _approval(code: str, professions: list[str], number: str = "") -> ApprovalDraft:
    return ApprovalDraft(code, approved=True, approval_number=number, professions=professions)


def _not_approved(code: str, professions: list[str], why: str) -> ApprovalDraft:
    return ApprovalDraft(code, approved=False, professions=professions, statement=why)


APA = _approval("APA", ["psychology"])
ACE = _approval("ASWB_ACE", ["social_work"], "1234")
NBCC = _approval("NBCC", ["counseling"], "7654")
CAMFT = _approval("CAMFT", ["mft", "counseling", "social_work"], "128765")
NY_SED = _approval("NY_SED", ["social_work"], "SW-0456")
NAADAC = _approval("NAADAC", ["addiction"], "98765")
NO_NBCC = _not_approved(
    "NBCC", ["counseling"], "This program does not meet NBCC requirements for counselor credit."
)


@dataclass
class DemoEvent:
    slug: str
    title: str
    summary: str
    days: float  # start, in days from now (fractions for "live now" and "soon")
    minutes: int
    categories: list[str]
    approvals: list[ApprovalDraft]
    presenters: list[str]
    breaks: list[tuple[int, int]] = field(default_factory=list)  # (offset, length) in minutes
    capacity: int | None = None
    status: str = Event.PUBLISHED
    dana: bool = False
    others: tuple[int, ...] = ()  # which of the other demo attendees registered


EVENTS = [
    DemoEvent(
        "trauma-focused-cbt-update",
        "Trauma-Focused CBT: What's New",
        "Recent evidence and practical updates to TF-CBT for children and adolescents.",
        -0.5 / 24,
        120,
        ["general"],
        [APA, ACE],
        ["ruiz"],
        dana=True,
    ),
    DemoEvent(
        "dbt-skills-refresher",
        "DBT Skills Refresher",
        "Mindfulness, distress tolerance and emotion regulation skills for everyday practice.",
        10 / 1440,
        90,
        ["general"],
        [ACE, NO_NBCC],
        ["okoro"],
        dana=True,
    ),
    DemoEvent(
        "law-and-ethics-california",
        "Law and Ethics for California Clinicians",
        "The 6-hour law and ethics update California BBS licensees need every renewal.",
        3,
        375,
        ["law_ethics"],
        [ACE, CAMFT, APA, NO_NBCC],
        ["okoro"],
        breaks=[(180, 15)],
        dana=True,
    ),
    DemoEvent(
        "suicide-risk-assessment",
        "Suicide Risk Assessment and Safety Planning",
        "Structured assessment, safety planning and documentation, with case practice.",
        5,
        420,
        ["suicide_risk"],
        [APA, ACE, NBCC, CAMFT],
        ["brooks"],
        breaks=[(180, 60)],
    ),
    DemoEvent(
        "cultural-humility",
        "Cultural Humility in Clinical Practice",
        "Moving from competence to humility: self-reflection, power and repair.",
        8,
        120,
        ["cultural_diversity"],
        [ACE, NBCC],
        ["okoro", "ruiz"],
        dana=True,
    ),
    DemoEvent(
        "clinical-supervision-foundations",
        "Clinical Supervision: Foundations",
        "Models, contracts, feedback and gatekeeping for new supervisors.",
        12,
        180,
        ["supervision"],
        [NY_SED, ACE],
        ["chen"],
    ),
    DemoEvent(
        "telehealth-law-ethics",
        "Telehealth Law and Ethics",
        "Licensure across state lines, consent, privacy and emergencies in telehealth.",
        15,
        180,
        ["telehealth", "law_ethics"],
        [ACE, CAMFT],
        ["okoro"],
        capacity=2,
    ),
    DemoEvent(
        "motivational-interviewing-lab",
        "Motivational Interviewing Skills Lab",
        "Practice reflective listening and change talk with live coaching.",
        20,
        120,
        ["substance_use"],
        [NAADAC, NBCC],
        ["patel"],
    ),
    DemoEvent(
        "gottman-informed-couples-work",
        "Couples Therapy: Gottman-Informed Interventions",
        "Assessment and interventions for conflict, trust and repair.",
        25,
        420,
        ["couples_family"],
        [CAMFT, APA],
        ["chen"],
        breaks=[(210, 60)],
    ),
    DemoEvent(
        "human-trafficking-awareness",
        "Human Trafficking: Recognize and Respond",
        "Indicators, trauma-informed response and reporting duties.",
        30,
        60,
        ["human_trafficking"],
        [ACE, NBCC],
        ["ruiz"],
    ),
    DemoEvent(
        "grief-across-the-lifespan",
        "Grief and Bereavement Across the Lifespan",
        "Models of grief, prolonged grief disorder and culturally responsive support.",
        -2,
        120,
        ["general"],
        [APA, ACE],
        ["ruiz"],
        dana=True,
        others=(0,),
    ),
    DemoEvent(
        "documentation-that-protects",
        "Clinical Documentation That Protects Clients and Clinicians",
        "What to write, what to leave out, and how records hold up in audits and court.",
        -20,
        90,
        ["law_ethics"],
        [ACE, CAMFT, APA],
        ["okoro"],
        dana=True,
    ),
    DemoEvent(
        "boundaries-and-dual-relationships",
        "Boundaries and Dual Relationships",
        "Navigating boundary crossings, small communities and social media.",
        -10,
        180,
        ["boundaries", "law_ethics"],
        [NY_SED, ACE],
        ["okoro"],
        dana=True,
        others=(1,),
    ),
    DemoEvent(
        "ethics-of-ai-in-therapy",
        "Ethics of AI Tools in Therapy",
        "Consent, privacy and clinical judgment when clients or clinicians use AI tools.",
        40,
        120,
        ["law_ethics"],
        [ACE],
        ["okoro"],
        status=Event.DRAFT,
    ),
]


def _start(days: float) -> dt.datetime:
    """Whole-day events start at 10:00 New York time; "live" and "soon" ones relative to now."""
    now = timezone.now()
    if abs(days) < 1:
        return (now + dt.timedelta(days=days)).replace(second=0, microsecond=0)
    day = (now + dt.timedelta(days=days)).astimezone(PROVIDER_ZONE).date()
    return dt.datetime.combine(day, dt.time(10, 0), tzinfo=PROVIDER_ZONE).astimezone(dt.UTC)


def _hours(minutes: int, breaks: list[tuple[int, int]]) -> Decimal:
    instructional = minutes - sum(length for _, length in breaks)
    return Decimal(instructional // 15) / 4


def _draft(item: DemoEvent) -> EventDraft:
    start = _start(item.days)
    return EventDraft(
        title=item.title,
        summary=item.summary,
        description=(
            f"{item.summary}\n\nThis live interactive webinar includes demonstrations, case "
            "discussion and time for questions. Attendance is verified from the webinar's "
            "connection data; attend the entire event to earn credit."
        ),
        learning_objectives=[
            f"Describe the core concepts of {item.title.split(':')[0].lower()}",
            "Apply at least two techniques from the session to a case",
            "Identify ethical and cultural considerations relevant to the topic",
        ],
        time_zone="America/New_York",
        start=start,
        end=start + dt.timedelta(minutes=item.minutes),
        advertised_hours=_hours(item.minutes, item.breaks),
        capacity=item.capacity,
        dial_in_instructions=DIAL_IN,
        categories=item.categories,
        breaks=[
            BreakDraft(
                start + dt.timedelta(minutes=offset),
                start + dt.timedelta(minutes=offset + length),
                "Lunch break" if length >= 45 else "Break",
            )
            for offset, length in item.breaks
        ],
        presenters=[_on_record(PRESENTERS[key]) for key in item.presenters],
        approvals=item.approvals,
    )


def _on_record(presenter: PresenterDraft) -> PresenterDraft:
    """The demo's presenter as one record reused by every event, as staff would choose them
    from the list (events never match presenters by name themselves)."""
    record = (
        Presenter.objects.filter(name=presenter.name, credentials=presenter.credentials)
        .order_by("pk")
        .first()
    ) or Presenter.objects.create(
        name=presenter.name, credentials=presenter.credentials, bio=presenter.bio
    )
    return replace(presenter, presenter_id=record.pk)


def _register_in_the_past(event: Event, user: User) -> None:
    """History the live rules would refuse to create now: a registration before the start."""
    registration, _ = Registration.objects.get_or_create(
        event=event,
        user=user,
        defaults={
            "name": user.legal_name,
            "email": user.email,
            "status": Registration.REGISTERED,
            "registered_at": event.start - dt.timedelta(days=5),
        },
    )
    connect_registration(registration)


def load(staff: User, dana: User, others: list[User]) -> int:
    created = 0
    for item in EVENTS:
        if Event.objects.filter(slug=item.slug).exists():
            continue
        event = save_event(_draft(item), actor=staff)
        Event.objects.filter(pk=event.pk).update(slug=item.slug)
        event.refresh_from_db()
        created += 1
        if item.status == Event.DRAFT:
            continue
        if event.has_ended():
            Event.objects.filter(pk=event.pk).update(
                status=Event.PUBLISHED, published_at=event.start - dt.timedelta(days=30)
            )
            event.refresh_from_db()
        else:
            publish_event(event, actor=staff)
        if item.capacity:
            for person in others[: item.capacity]:
                register_attendee(event, person)
        people = ([dana] if item.dana else []) + [others[i] for i in item.others]
        for person in people:
            if event.has_started():
                _register_in_the_past(event, person)
            else:
                register_attendee(event, person)
    return created
