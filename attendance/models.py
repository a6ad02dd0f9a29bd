"""Attendance: imported connections, who they belong to, and each registrant's decision.

Connections are kept exactly as imported; matching only adds who a row belongs to. Decisions
are versioned: a new version is written whenever its inputs change, and earlier ones are kept
so anyone can see what was decided when, and recompute it.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models

from events.models import Event, Registration


class AttendancePolicy(models.Model):
    """The provider's attendance settings (one row). Changes are audited (see admin)."""

    tolerance_seconds = models.PositiveIntegerField(
        default=0,
        help_text=(
            "Seconds of the required time an attendee may miss and still be eligible. "
            "0 means the entire event."
        ),
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "attendance policy"
        verbose_name_plural = "attendance policy"

    def __str__(self) -> str:
        return f"Tolerance {self.tolerance_seconds} s"

    @classmethod
    def current(cls) -> AttendancePolicy:
        policy, _ = cls.objects.get_or_create(pk=1)
        return policy


class ActualSchedule(models.Model):
    """The real start, end and breaks of an event, when staff recorded them."""

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="actual_schedule")
    start = models.DateTimeField()
    end = models.DateTimeField()
    breaks = models.JSONField(default=list, blank=True)  # [[start ISO, end ISO, label], ...]
    reason = models.TextField()
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    def __str__(self) -> str:
        return f"Actual schedule of {self.event}"


class AttendanceImport(models.Model):
    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="attendance_imports")
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    format = models.CharField(max_length=40)
    sources = models.JSONField(default=list)
    content_sha256 = models.CharField(max_length=64)
    time_zone = models.CharField(max_length=64, blank=True)
    date_order = models.CharField(max_length=12, blank=True)
    rows_in_files = models.PositiveIntegerField(default=0)
    rows_added = models.PositiveIntegerField(default=0)
    summary = models.JSONField(default=dict)
    warnings = models.JSONField(default=list)
    # The files alone, without the reading options (time zone) that content_sha256 includes:
    # the same files read again another way replace this reading instead of adding to it.
    files_sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    # The identity of every row the files hold, stored or not (rows another import stored
    # first are not stored twice): withdrawing that other import hands such rows to this one.
    row_keys = models.JSONField(default=list, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    withdrawn_reason = models.TextField(blank=True)
    replaced_by = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="replaced"
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "content_sha256"],
                condition=models.Q(withdrawn_at__isnull=True),
                name="same_files_imported_once",
            )
        ]

    def __str__(self) -> str:
        return f"{self.format} import for {self.event} ({self.created_at:%Y-%m-%d %H:%M})"

    @property
    def is_withdrawn(self) -> bool:
        return self.withdrawn_at is not None


def counts_as_attendance(prefix: str = "") -> models.Q:
    """The rule for queries: an attendee's row outside the waiting room is time in the room
    (`prefix` reaches connections from another model, e.g. "connections__"). A waiting-room row
    never counts; hosts' and panelists' rows count only where presenters are credited. A row
    staff set aside as not an attendee's (`Connection.set_aside_as`) never counts."""
    return models.Q(
        **{
            f"{prefix}role": "attendee",
            f"{prefix}in_waiting_room": False,
            f"{prefix}set_aside_at__isnull": True,
        }
    )


class ConnectionQuerySet(models.QuerySet["Connection"]):
    def in_room(self) -> ConnectionQuerySet:
        """Rows of time in the room, whatever the role: never the waiting room."""
        return self.filter(in_waiting_room=False)

    def attendance(self) -> ConnectionQuerySet:
        """Attendees' rows of time in the room (`counts_as_attendance`)."""
        return self.filter(counts_as_attendance())

    def unplaced(self) -> ConnectionQuerySet:
        """The unplaced queue: attendance rows nobody has been placed on, that staff have not
        set aside as someone who ran the event rather than attended it."""
        return self.attendance().filter(registration__isnull=True)

    def set_aside(self) -> ConnectionQuerySet:
        """Rows staff took out of the queue as not an attendee's (a presenter, host, staff)."""
        return self.filter(set_aside_at__isnull=False)


_ConnectionManager = models.Manager.from_queryset(ConnectionQuerySet)


class ActiveConnections(_ConnectionManager):
    """Rows of imports that stand: a withdrawn import's rows count for nothing, anywhere."""

    def get_queryset(self) -> ConnectionQuerySet:
        return super().get_queryset().filter(withdrawn=False)


class Connection(models.Model):
    """One connection row (a join to a leave by one device), as the report gave it."""

    REGISTRANT_ID = "registrant_id"
    EMAIL = "email"
    NAME = "name"
    PHONE_PROFILE = "phone_profile"
    PHONE_SELF = "phone_self"
    STAFF = "staff"
    # Who a connection staff set aside belongs to: someone who ran the event, not an attendee.
    PRESENTER = "presenter"
    HOST = "host"
    OTHER = "other"
    SET_ASIDE_CHOICES = [
        (PRESENTER, "A presenter"),
        (HOST, "A host or co-host"),
        (STAFF, "A member of staff"),
        (OTHER, "Someone else who is not an attendee"),
    ]
    METHOD_CHOICES = [
        (REGISTRANT_ID, "Personal join link (registrant ID)"),
        (EMAIL, "Email address"),
        (NAME, "Name (only one registrant has it)"),
        (PHONE_PROFILE, "Phone number on the attendee's profile"),
        (PHONE_SELF, "Self-identified by phone"),
        (STAFF, "Matched by staff"),
    ]

    event = models.ForeignKey(Event, on_delete=models.PROTECT, related_name="connections")
    attendance_import = models.ForeignKey(
        AttendanceImport, on_delete=models.PROTECT, related_name="connections"
    )
    identity_key = models.CharField(max_length=64)
    source = models.CharField(max_length=255)
    line = models.PositiveIntegerField()
    name = models.CharField(max_length=300, blank=True)
    original_name = models.CharField(max_length=300, blank=True)
    email = models.CharField(max_length=254, blank=True, db_index=True)
    join = models.DateTimeField()
    leave = models.DateTimeField()
    registrant_id = models.CharField(max_length=120, blank=True, db_index=True)
    participant_id = models.CharField(max_length=120, blank=True)
    role = models.CharField(max_length=12, default="attendee")
    in_waiting_room = models.BooleanField(default=False)
    breakout_room = models.CharField(max_length=120, blank=True)
    failover = models.BooleanField(default=False)
    is_phone = models.BooleanField(default=False)
    phone_digits = models.CharField(max_length=32, blank=True)
    is_guest = models.BooleanField(null=True)
    extra = models.JSONField(default=dict, blank=True)
    # Set when its import was withdrawn (kept for the record, counted nowhere).
    withdrawn = models.BooleanField(default=False)

    registration = models.ForeignKey(
        Registration,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="connections",
    )
    match_method = models.CharField(max_length=20, choices=METHOD_CHOICES, blank=True)
    match_note = models.TextField(blank=True)
    matched_at = models.DateTimeField(null=True, blank=True)
    matched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # Staff set the row aside as not an attendee's: out of the queue, counted for nobody. A
    # re-import of the same row keeps it (attendance.services.importing).
    set_aside_as = models.CharField(max_length=12, choices=SET_ASIDE_CHOICES, blank=True)
    set_aside_reason = models.TextField(blank=True)
    set_aside_at = models.DateTimeField(null=True, blank=True)
    set_aside_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    with_withdrawn = models.Manager()
    objects = ActiveConnections()

    class Meta:
        ordering = ["join", "pk"]
        default_manager_name = "objects"
        base_manager_name = "with_withdrawn"
        constraints = [
            models.UniqueConstraint(
                fields=["event", "identity_key"],
                condition=models.Q(withdrawn=False),
                name="connection_once_per_event",
            ),
            models.CheckConstraint(
                condition=models.Q(set_aside_at__isnull=True) | models.Q(registration__isnull=True),
                name="set_aside_connection_placed_on_nobody",
            ),
        ]
        indexes = [models.Index(fields=["event", "registration"])]

    def __str__(self) -> str:
        return f"{self.name or 'unnamed'} {self.join:%H:%M:%S}–{self.leave:%H:%M:%S} UTC"

    @property
    def counts_as_attendance(self) -> bool:
        """The rule of `counts_as_attendance()` for a loaded row."""
        return self.role == "attendee" and not self.in_waiting_room and not self.is_set_aside

    @property
    def is_set_aside(self) -> bool:
        return self.set_aside_at is not None

    @property
    def phone_last4(self) -> str:
        return self.phone_digits[-4:] if len(self.phone_digits) >= 4 else ""


class Decision(models.Model):
    """Whether one registrant attended in full, with every input needed to recompute it."""

    ELIGIBLE = "eligible"
    NOT_ELIGIBLE = "not_eligible"
    NEEDS_REVIEW = "needs_review"
    OUTCOME_CHOICES = [
        (ELIGIBLE, "Eligible"),
        (NOT_ELIGIBLE, "Not eligible"),
        (NEEDS_REVIEW, "Needs review"),
    ]

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="decisions"
    )
    version = models.PositiveIntegerField()
    is_current = models.BooleanField(default=True)
    outcome = models.CharField(max_length=14, choices=OUTCOME_CHOICES)
    attended_seconds = models.FloatField()
    required_seconds = models.FloatField()
    tolerance_seconds = models.FloatField()
    credited_hours = models.DecimalField(max_digits=5, decimal_places=2)
    reasons = models.JSONField(default=list)
    missed = models.JSONField(default=list)  # [{"start": ISO, "end": ISO}, ...]
    inputs = models.JSONField(default=dict)
    rule_version = models.CharField(max_length=20)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["registration", "version"], name="decision_version"),
            models.UniqueConstraint(
                fields=["registration"],
                condition=models.Q(is_current=True),
                name="one_current_decision",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.registration}: {self.outcome} (v{self.version})"


class PhoneClaim(models.Model):
    """An attendee saying "I dialled in from a number ending in these 4 digits".

    A claim is evidence, not proof: it places a call by itself only when the digits are those
    of the phone on the attendee's profile from before the event (see
    attendance.services.claims); otherwise staff place the call or decline the claim.
    """

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    NOT_PROFILE_PHONE = "not_profile_phone"
    PHONE_CHANGED = "phone_changed"
    RESULT_CHOICES = [
        (MATCHED, "Matched"),
        (AMBIGUOUS, "More than one call ends in these digits: staff will match it"),
        (NOT_FOUND, "No unmatched call ends in these digits: staff will look"),
        (NOT_PROFILE_PHONE, "Not the phone on the attendee's profile: staff will check"),
        (PHONE_CHANGED, "Profile phone changed after the event started: staff will check"),
    ]

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="phone_claims"
    )
    last4 = models.CharField(max_length=4)
    result = models.CharField(max_length=20, choices=RESULT_CHOICES)
    connection = models.ForeignKey(
        Connection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    declined_reason = models.TextField(blank=True)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"…{self.last4} for {self.registration}: {self.result}"

    @property
    def declined(self) -> bool:
        return self.resolved and bool(self.declined_reason)


class ReviewResolution(models.Model):
    """Staff closing a decision that needed review, with their reason.

    It covers the connections staff looked at: deciding applies it while the registrant's
    counted connections are exactly those, and asks for a new review when they change. It can
    clear a review flag or withhold credit; it never adds attended time (design rule 6).
    """

    ATTENDED_ALONE = "attended_alone"
    NOT_ELIGIBLE = "not_eligible"
    KIND_CHOICES = [
        (ATTENDED_ALONE, "Confirmed they attended alone"),
        (NOT_ELIGIBLE, "Marked not eligible"),
    ]

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="review_resolutions"
    )
    kind = models.CharField(max_length=20, choices=KIND_CHOICES)
    flags = models.JSONField(default=list)  # the review flags it closes
    connection_ids = models.JSONField(default=list)  # the connections reviewed, sorted
    decision_version = models.PositiveIntegerField()  # the decision staff were looking at
    reason = models.TextField()
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["registration", "-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} for {self.registration}"


def new_staging_token() -> str:
    return secrets.token_urlsafe(32)


class StagedUpload(models.Model):
    """Report files a staff member uploaded and previewed, kept until they confirm or discard.

    The files live in the database rather than on disk so that any web process can confirm
    what another one previewed. Only the uploader may confirm; uploads older than a day are
    ignored, and removed when someone next uploads (see attendance.staff.staging).
    """

    token = models.CharField(max_length=64, unique=True, default=new_staging_token)
    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="+")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    time_zone = models.CharField(max_length=64)
    summary = models.JSONField(default=dict)  # ImportSummary.as_dict() shown on the preview
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"Staged upload for {self.event} ({self.created_at:%Y-%m-%d %H:%M})"


class StagedFile(models.Model):
    upload = models.ForeignKey(StagedUpload, on_delete=models.CASCADE, related_name="files")
    position = models.PositiveSmallIntegerField()
    name = models.CharField(max_length=255)
    content = models.BinaryField()

    class Meta:
        ordering = ["upload", "position"]

    def __str__(self) -> str:
        return self.name


class StaffAlert(models.Model):
    """Something staff must act on, e.g. no attendance data 20 hours after an event ended."""

    NO_ATTENDANCE_DATA = "no_attendance_data"
    KIND_CHOICES = [(NO_ATTENDANCE_DATA, "No attendance data yet")]

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="staff_alerts")
    kind = models.CharField(max_length=30, choices=KIND_CHOICES)
    created_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        constraints = [models.UniqueConstraint(fields=["event", "kind"], name="one_alert_per_kind")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.event}"
