"""Background work that keeps evaluations in step with attendance. Every task takes IDs,
re-reads its objects, calls one service and is safe to run twice."""

from __future__ import annotations

from django_tasks import task

from attendance.alerts import alert_if_no_attendance, resolve_no_data_alert
from attendance.models import AttendanceImport
from evaluations.services.issuance import sync_event_evaluations
from events.models import Event


@task()
def sync_evaluations(event_id: int) -> str:
    """Issue and withdraw the event's evaluations to match its current attendance decisions."""
    event = Event.objects.get(pk=event_id)
    resolve_no_data_alert(event)
    issued, withdrawn = sync_event_evaluations(event)
    return f"issued {issued}, withdrew {withdrawn}"


@task()
def check_attendance_arrived(event_id: int) -> str:
    """At the event's end + 20 h: alert staff if no attendance data arrived; if it did, make
    sure every eligible registrant has their evaluation (a safety net for a failed sync)."""
    event = Event.objects.get(pk=event_id)
    if AttendanceImport.objects.filter(event=event).exists():
        resolve_no_data_alert(event)
        issued, withdrawn = sync_event_evaluations(event)
        return f"attendance data present; issued {issued}, withdrew {withdrawn}"
    return alert_if_no_attendance(event)
