"""Events: what the provider publishes (programs, events, breaks, presenters, approvals,
handouts) and who registered for them."""

from __future__ import annotations

import datetime as dt
import secrets
import zoneinfo

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone

from credit.hours import format_hours
from credit.intervals import Interval
from licensing.models import ApprovalBody, CECategory, Profession


class Program(models.Model):
    """The identity of a program's content. A live event and a later recording of it share one
    program, and the same program earns a person credit only once."""

    code = models.SlugField(max_length=80, unique=True)
    title = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class Presenter(models.Model):
    """A presenter, shared across events so results can be read per presenter."""

    name = models.CharField(max_length=150)
    credentials = models.CharField(max_length=100, blank=True, help_text="e.g. PhD, LCSW")
    bio = models.TextField(blank=True)

    class Meta:
        # Two people may share a name and credentials: staff choose the record explicitly.
        ordering = ["name", "pk"]

    def __str__(self) -> str:
        return f"{self.name}, {self.credentials}" if self.credentials else self.name


class EventQuerySet(models.QuerySet["Event"]):
    def published(self) -> EventQuerySet:
        return self.filter(status=Event.PUBLISHED)

    def not_ended(self, now: dt.datetime | None = None) -> EventQuerySet:
        return self.filter(end__gt=now or timezone.now())

    def for_listing(self) -> EventQuerySet:
        """Everything a listing shows, in a fixed number of queries whatever the page size."""
        return self.select_related("program").prefetch_related(
            "categories",
            models.Prefetch(
                "approvals",
                queryset=EventApproval.objects.select_related("body")
                .prefetch_related("professions")
                .order_by("body__code"),
            ),
            models.Prefetch(
                "event_presenters",
                queryset=EventPresenter.objects.select_related("presenter").order_by("position"),
            ),
        )


class Event(models.Model):
    LIVE_WEBINAR = "live_webinar"
    ON_DEMAND = "on_demand"
    CONFERENCE = "conference"
    FORMAT_CHOICES = [
        (LIVE_WEBINAR, "Live interactive webinar"),
        (ON_DEMAND, "On-demand course"),
        (CONFERENCE, "Conference"),
    ]
    DRAFT = "draft"
    PUBLISHED = "published"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [(DRAFT, "Draft"), (PUBLISHED, "Published"), (CANCELLED, "Cancelled")]
    INTRODUCTORY = "introductory"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    LEVEL_CHOICES = [
        (INTRODUCTORY, "Introductory"),
        (INTERMEDIATE, "Intermediate"),
        (ADVANCED, "Advanced"),
    ]
    # Standard disclosure wording, used only when staff confirm it is true for the event.
    NO_COMMERCIAL_SUPPORT = "No commercial support was received for this program."
    NO_CONFLICTS = (
        "The presenters and planners have no relevant financial relationships to disclose."
    )
    STANDARD_CANCELLATION_POLICY = (
        "Registration is free, so there is nothing to refund. You can cancel your registration "
        "from My Events at any time before the event starts."
    )

    program = models.ForeignKey(Program, on_delete=models.PROTECT, related_name="events")
    # Conference sessions are events whose parent is the conference.
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="sessions"
    )
    slug = models.SlugField(max_length=120, unique=True)
    title = models.CharField(max_length=200)
    summary = models.CharField(max_length=300)
    description = models.TextField(blank=True)
    learning_objectives = models.JSONField(default=list, blank=True)
    format = models.CharField(max_length=20, choices=FORMAT_CHOICES, default=LIVE_WEBINAR)
    time_zone = models.CharField(max_length=64)
    start = models.DateTimeField(db_index=True)
    end = models.DateTimeField(db_index=True)
    advertised_hours = models.DecimalField(max_digits=5, decimal_places=2)
    categories = models.ManyToManyField(CECategory, blank=True, related_name="events")
    capacity = models.PositiveIntegerField(
        null=True, blank=True, help_text="Leave empty for no limit."
    )
    dial_in_instructions = models.TextField(blank=True)
    # Presenters and hosts who also registered are credited for their time only when staff
    # choose so for the event (attendance/roles.py); promoted attendees always are.
    credit_registered_presenters = models.BooleanField(default=False)
    # What accreditors expect promotional material to state. Empty means "not stated yet":
    # the public page never fills a gap with invented facts.
    instructional_level = models.CharField(
        max_length=12, choices=LEVEL_CHOICES, blank=True, help_text="Who the content is pitched at."
    )
    cancellation_policy = models.TextField(
        blank=True, help_text="Leave empty for the standard wording: free, cancel until the start."
    )
    accommodations_contact = models.CharField(
        max_length=200,
        blank=True,
        help_text="Email or phone for accessibility (ADA) requests.",
    )
    grievance_policy = models.TextField(
        blank=True, help_text="How to raise a complaint, or a link to the provider's policy."
    )
    commercial_support = models.TextField(blank=True)
    conflicts_of_interest = models.TextField(blank=True)
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=DRAFT, db_index=True)
    published_at = models.DateTimeField(null=True, blank=True)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    cancel_reason = models.TextField(blank=True)
    meeting_provider = models.CharField(max_length=20, blank=True)
    provider_meeting_id = models.CharField(max_length=120, blank=True)
    provider_data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    objects = EventQuerySet.as_manager()

    class Meta:
        ordering = ["start", "title"]
        permissions = [("manage_events", "Can create, publish, cancel and duplicate events")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gt=models.F("start")), name="end_after_start"
            ),
            models.CheckConstraint(
                condition=models.Q(advertised_hours__gt=0), name="advertised_hours_positive"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("events:detail", args=[self.slug])

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def window(self) -> Interval:
        return Interval(self.start, self.end)

    def break_intervals(self) -> list[Interval]:
        return [Interval(b.start, b.end) for b in self.breaks.all()]

    @property
    def is_published(self) -> bool:
        return self.status == self.PUBLISHED

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.CANCELLED

    def has_started(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.start

    def has_ended(self, now: dt.datetime | None = None) -> bool:
        return (now or timezone.now()) >= self.end

    def join_opens_at(self) -> dt.datetime:
        return self.start - dt.timedelta(minutes=settings.JOIN_OPENS_MINUTES_BEFORE)

    @property
    def hours_display(self) -> str:
        return format_hours(self.advertised_hours)

    @property
    def cost_display(self) -> str:
        # Events are free: there is no payment yet.
        return "Free"

    @property
    def cancellation_policy_display(self) -> str:
        return self.cancellation_policy or self.STANDARD_CANCELLATION_POLICY

    @property
    def disclosures_stated(self) -> bool:
        return bool(self.commercial_support.strip() and self.conflicts_of_interest.strip())


class Break(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="breaks")
    start = models.DateTimeField()
    end = models.DateTimeField()
    label = models.CharField(max_length=80, blank=True, default="Break")

    class Meta:
        ordering = ["start"]

    def __str__(self) -> str:
        return f"{self.label} {self.start:%H:%M}–{self.end:%H:%M} UTC"


class EventPresenter(models.Model):
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="event_presenters")
    presenter = models.ForeignKey(Presenter, on_delete=models.PROTECT, related_name="appearances")
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["event", "presenter"], name="presenter_once_per_event")
        ]

    def __str__(self) -> str:
        return f"{self.presenter} at {self.event}"


class EventApproval(models.Model):
    """Whether one accrediting body approved this event, and what to print about it.

    A row with `approved=False` is a plain statement that the event does *not* meet that
    body's standards for the listed professions; listings must show it so that promotion never
    implies an approval the event lacks.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="approvals")
    body = models.ForeignKey(ApprovalBody, on_delete=models.PROTECT, related_name="+")
    approved = models.BooleanField(default=True)
    approval_number = models.CharField(max_length=80, blank=True)
    period_start = models.DateField(null=True, blank=True)
    period_end = models.DateField(null=True, blank=True)
    professions = models.ManyToManyField(Profession, blank=True, related_name="+")
    statement = models.TextField(
        blank=True, help_text="Printed on certificates; for a missing approval, the explanation."
    )

    class Meta:
        ordering = ["body__code"]
        constraints = [
            models.UniqueConstraint(fields=["event", "body"], name="one_approval_row_per_body")
        ]

    def __str__(self) -> str:
        verdict = "approved" if self.approved else "not approved"
        return f"{self.body.code} {verdict}"


def handout_path(instance: Handout, filename: str) -> str:
    return f"private/handouts/{instance.event_id}/{secrets.token_hex(8)}-{filename}"


class Handout(models.Model):
    """A file for registrants, served only through the Main Hall (never a public URL)."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="handouts")
    title = models.CharField(max_length=150)
    file = models.FileField(upload_to=handout_path, max_length=300)
    uploaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


def new_join_token() -> str:
    return secrets.token_urlsafe(24)


class RegistrationQuerySet(models.QuerySet["Registration"]):
    def active(self) -> RegistrationQuerySet:
        return self.filter(status=Registration.REGISTERED)


class Registration(models.Model):
    """One person's place at one event.

    The person's name and email are copied in at registration: if the account is later
    deleted, the roster an accreditor may ask for still says who attended.
    """

    REGISTERED = "registered"
    WAITLISTED = "waitlisted"
    CANCELLED = "cancelled"
    STATUS_CHOICES = [
        (REGISTERED, "Registered"),
        (WAITLISTED, "On the waiting list"),
        (CANCELLED, "Cancelled"),
    ]
    LINK_PENDING = "pending"
    LINK_READY = "ready"
    LINK_FAILED = "failed"
    LINK_CHOICES = [
        (LINK_PENDING, "Being prepared"),
        (LINK_READY, "Ready"),
        (LINK_FAILED, "Failed; retrying"),
    ]

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="registrations",
    )
    name = models.CharField(max_length=300)
    email = models.EmailField()
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, db_index=True)
    registered_at = models.DateTimeField(default=timezone.now)
    cancelled_at = models.DateTimeField(null=True, blank=True)
    join_token = models.CharField(max_length=64, unique=True, default=new_join_token)
    # The provider's personal join link: Zoom's absolute URL, or the simulated room's path
    # (made absolute from SITE_URL when shown: `join_link`).
    join_url = models.CharField(max_length=600, blank=True)
    link_status = models.CharField(max_length=10, choices=LINK_CHOICES, default=LINK_PENDING)
    provider_registrant_id = models.CharField(max_length=120, blank=True, db_index=True)
    # The licenses the roster showed, copied here when the account is deleted (its licenses
    # go with it): [{"state", "type", "label", "number"}]. Accreditors ask for rosters with
    # license numbers years later; while the account exists the roster reads them live.
    frozen_licenses = models.JSONField(default=list, blank=True)

    objects = RegistrationQuerySet.as_manager()

    class Meta:
        ordering = ["registered_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["event", "user"], name="one_registration_per_person")
        ]

    def __str__(self) -> str:
        return f"{self.name} — {self.event}"

    @property
    def is_active(self) -> bool:
        return self.status == self.REGISTERED

    @property
    def join_link(self) -> str:
        """The personal join link to show or send, always absolute: a provider that serves its
        room on this site (the simulated one) stores a path, made absolute here from today's
        SITE_URL, so a SITE_URL corrected later mends every link."""
        if self.join_url.startswith("/"):
            return settings.SITE_URL + self.join_url
        return self.join_url

    def set_join_link(self, registrant_id: str, join_url: str) -> None:
        """Store the personal join link the meeting provider gave this registrant."""
        self.provider_registrant_id = registrant_id
        self.join_url = join_url
        self.link_status = self.LINK_READY
        self.save(update_fields=["provider_registrant_id", "join_url", "link_status"])


class ReminderSent(models.Model):
    """A reminder that went out, so a task run twice never sends a second copy."""

    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10)
    event_start = models.DateTimeField()
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "kind", "event_start"], name="reminder_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.kind} reminder for registration {self.registration_id}"
