"""Alerts about the machinery itself: background work that keeps failing."""

from __future__ import annotations

from django.db import models


class WorkAlert(models.Model):
    """Background work has been failing for longer than WORK_FAILING_ALERT_MINUTES. One alert
    is open at a time; it closes by itself once nothing is failing."""

    opened_at = models.DateTimeField(auto_now_add=True)
    resolved_at = models.DateTimeField(null=True, blank=True)
    # NULLs never clash in a unique index, so openness is a boolean the constraint can see.
    is_open = models.BooleanField(default=True)
    summary = models.TextField()

    class Meta:
        ordering = ["-opened_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_open"],
                condition=models.Q(is_open=True),
                name="one_open_work_alert",
            )
        ]

    def __str__(self) -> str:
        return f"Background work failing since {self.opened_at:%Y-%m-%d %H:%M}"
