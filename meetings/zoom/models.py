"""What FullCredit keeps from Zoom besides the attendance itself: the event notifications it
received, the live view of who is in a webinar, and how the report pull for an event went."""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from events.models import Event, Registration


class ZoomWebhookEvent(models.Model):
    """One event notification, stored once however often Zoom delivers it.

    Zoom retries a delivery it thinks failed, so the same notification can arrive several
    times; `key` (event name, event_ts and a hash of the payload) makes the second one a no-op.
    """

    key = models.CharField(max_length=64, unique=True)
    event_name = models.CharField(max_length=100, db_index=True)
    event_ts = models.BigIntegerField(help_text="Zoom's event_ts, milliseconds since 1970.")
    payload = models.JSONField()
    received_at = models.DateTimeField(default=timezone.now)
    processed_at = models.DateTimeField(null=True, blank=True)
    outcome = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ["-received_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.event_name} at {self.event_ts}"


class ZoomPresence(models.Model):
    """One connection to a webinar as the join and leave notifications describe it.

    For the live "who is in the room" view only: notifications can be late, repeated, out of
    order or missing, so credit always comes from the participant report, never from here.
    """

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="zoom_presences")
    instance_uuid = models.CharField(max_length=120)
    # Zoom's per-connection user_id: a rejoin or a second device is a new one.
    connection_id = models.CharField(max_length=120)
    name = models.CharField(max_length=300, blank=True)
    email = models.EmailField(max_length=254, blank=True)
    registrant_id = models.CharField(max_length=120, blank=True)
    registration = models.ForeignKey(
        Registration, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    joined_at = models.DateTimeField(null=True, blank=True)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "instance_uuid", "connection_id"],
                name="one_presence_per_connection",
            )
        ]

    def __str__(self) -> str:
        return f"{self.name or self.email or self.connection_id} in {self.event}"

    @property
    def in_room(self) -> bool:
        return self.joined_at is not None and self.left_at is None


class ZoomReportPull(models.Model):
    """How fetching an event's participant reports from Zoom went, for staff to see."""

    WAITING = "waiting"
    IMPORTED = "imported"
    NOT_READY = "not_ready"
    FAILED = "failed"
    GAVE_UP = "gave_up"
    STATUS_CHOICES = [
        (WAITING, "Waiting for the event to end"),
        (IMPORTED, "Imported"),
        (NOT_READY, "Zoom's report is not ready yet; retrying"),
        (FAILED, "Failed; retrying"),
        (GAVE_UP, "Not available; staff were alerted"),
    ]

    event = models.OneToOneField(Event, on_delete=models.CASCADE, related_name="zoom_report_pull")
    status = models.CharField(max_length=12, choices=STATUS_CHOICES, default=WAITING)
    attempts = models.PositiveIntegerField(default=0)
    last_attempt_at = models.DateTimeField(null=True, blank=True)
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    message = models.TextField(blank=True)
    instances = models.JSONField(default=list, blank=True)
    rows_pulled = models.PositiveIntegerField(
        default=0, help_text="Connection rows in Zoom's reports at the last successful pull."
    )

    def __str__(self) -> str:
        return f"Zoom report for {self.event}: {self.get_status_display()}"
