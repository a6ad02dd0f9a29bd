"""Telling staff when an event's attendance data is missing, so evaluations can still go out
within 24 hours of its end. The alert lives with the data it is about."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone

from accounts.models import User
from accounts.roles import CLINICAL_STAFF_GROUP
from attendance import notifications
from attendance.models import AttendanceImport, StaffAlert
from events.models import Event

# Imports normally arrive minutes after the end; 20 hours leaves staff 4 to act before the
# 24-hour promise to attendees is broken.
NO_DATA_ALERT_AFTER_END = dt.timedelta(hours=20)


def staff_to_alert() -> QuerySet[User]:
    return (
        User.objects.filter(is_active=True)
        .filter(Q(groups__name=CLINICAL_STAFF_GROUP) | Q(is_superuser=True))
        .distinct()
        .order_by("email")
    )


def resolve_no_data_alert(event: Event) -> bool:
    """Close the event's open "no attendance data" alert once data exists."""
    if not AttendanceImport.objects.filter(event=event).exists():
        return False
    return bool(
        StaffAlert.objects.filter(
            event=event, kind=StaffAlert.NO_ATTENDANCE_DATA, resolved_at__isnull=True
        ).update(resolved_at=timezone.now())
    )


def alert_if_no_attendance(event: Event) -> str:
    """At end + 20 h: raise the alert (once) and email every staff member, unless data exists.

    Returns what happened, for the task log.
    """
    if event.status != Event.PUBLISHED:
        return "skipped: event not published"
    if timezone.now() < event.end + NO_DATA_ALERT_AFTER_END:
        return "skipped: not yet due (the event moved; a check at its new end is queued)"
    if AttendanceImport.objects.filter(event=event).exists():
        resolve_no_data_alert(event)
        return "attendance data present"
    if not event.registrations.active().exists():
        return "skipped: nobody registered, so there is nothing to evaluate"
    return raise_no_data_alert(event)


def raise_no_data_alert(event: Event) -> str:
    """Raise the event's "no attendance data" alert and email staff, once."""
    with transaction.atomic():
        alert, created = StaffAlert.objects.get_or_create(
            event=event, kind=StaffAlert.NO_ATTENDANCE_DATA
        )
        if not created:
            return "skipped: staff were already alerted"
        # Sent inside the transaction: if sending fails, no alert is recorded as raised.
        recipients = list(staff_to_alert())
        for user in recipients:
            notifications.send_attendance_missing(user, event, alert)
    return f"alerted {len(recipients)} staff"


def alert_now_unless_data(event: Event) -> str:
    """The provider has stopped trying: alert staff at once, unless another import (a file
    staff uploaded) already brought the data."""
    if AttendanceImport.objects.filter(event=event).exists():
        return "attendance data from another import is present, so no alert"
    return raise_no_data_alert(event)
