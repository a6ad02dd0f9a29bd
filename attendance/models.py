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

    class Meta:
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "content_sha256"], name="same_files_imported_once"
            )
        ]

    def __str__(self) -> str:
        return f"{self.format} import for {self.event} ({self.created_at:%Y-%m-%d %H:%M})"


class Connection(models.Model):
    """One connection row (a join to a leave by one device), as the report gave it."""

    REGISTRANT_ID = "registrant_id"
    EMAIL = "email"
    NAME = "name"
    PHONE_PROFILE = "phone_profile"
    PHONE_SELF = "phone_self"
    STAFF = "staff"
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

    class Meta:
        ordering = ["join", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "identity_key"], name="connection_once_per_event"
            )
        ]
        indexes = [models.Index(fields=["event", "registration"])]

    def __str__(self) -> str:
        return f"{self.name or 'unnamed'} {self.join:%H:%M:%S}–{self.leave:%H:%M:%S} UTC"

    @property
    def counts_as_attendance(self) -> bool:
        return self.role == "attendee" and not self.in_waiting_room

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
    """An attendee saying "I dialled in from a number ending in these 4 digits"."""

    MATCHED = "matched"
    AMBIGUOUS = "ambiguous"
    NOT_FOUND = "not_found"
    RESULT_CHOICES = [
        (MATCHED, "Matched"),
        (AMBIGUOUS, "More than one call ends in these digits: staff will match it"),
        (NOT_FOUND, "No unmatched call ends in these digits: staff will look"),
    ]

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="phone_claims"
    )
    last4 = models.CharField(max_length=4)
    result = models.CharField(max_length=12, choices=RESULT_CHOICES)
    connection = models.ForeignKey(
        Connection, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"…{self.last4} for {self.registration}: {self.result}"


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
