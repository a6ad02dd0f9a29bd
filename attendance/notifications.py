"""Emails attendance sends to staff."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from accounts.models import User
from attendance.models import StaffAlert
from core.email import send_email
from credit.timing import EVALUATION_WITHIN
from events.models import Event


def send_attendance_missing(user: User, event: Event, alert: StaffAlert) -> None:
    send_email(
        "evaluation_attendance_missing",
        [user.email],
        {
            "name": user.get_short_name(),
            "event": event,
            "alert": alert,
            "zone": user.time_zone,
            "due": event.end + EVALUATION_WITHIN,
            "registrant_count": event.registrations.active().count(),
            "attendance_url": settings.SITE_URL
            + reverse("attendance:staff_page", args=[event.slug]),
        },
    )
