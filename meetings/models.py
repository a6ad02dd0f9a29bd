"""What the built-in simulated webinar room records: one row per connection, like Zoom."""

from __future__ import annotations

import datetime as dt
import uuid

from django.db import models
from django.utils import timezone

from events.models import Registration
from meetings.simulated import presence


class SimulatedConnection(models.Model):
    """One browser's stay in a registrant's room, from page load to leaving or falling silent.

    A reload or a second browser makes a new row, as a rejoin or a second device does in Zoom's
    participant report; the attendance rules take the union of a person's rows.
    """

    registration = models.ForeignKey(
        Registration, on_delete=models.PROTECT, related_name="simulated_connections"
    )
    device_label = models.CharField(
        max_length=80, help_text='From the browser, e.g. "Chrome on Linux".'
    )
    participant_uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    joined_at = models.DateTimeField(default=timezone.now)
    last_seen_at = models.DateTimeField(default=timezone.now)
    left_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["joined_at", "pk"]

    def __str__(self) -> str:
        joined = self.joined_at.isoformat(timespec="seconds")
        return f"{self.registration.name} on {self.device_label}, joined {joined}"

    def counted_until(self, now: dt.datetime | None = None) -> dt.datetime:
        return presence.counted_until(self, now or timezone.now())

    def is_live(self, now: dt.datetime | None = None) -> bool:
        return presence.is_live(self, now or timezone.now())

    @property
    def left_how(self) -> str:
        return presence.left_how(self, timezone.now())


# Zoom's models live with the rest of the Zoom code; Django finds them through this module.
from meetings.zoom.models import ZoomPresence, ZoomReportPull, ZoomWebhookEvent  # noqa: E402

__all__ = ["SimulatedConnection", "ZoomPresence", "ZoomReportPull", "ZoomWebhookEvent"]
