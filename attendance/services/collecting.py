"""Collecting an ended event's attendance from its meeting provider, through the port.

Attendance never names a provider: it asks the event's provider what it recorded, imports that
with the one import path, and tells the provider how it went (for the provider's own
bookkeeping). When the provider has nothing yet it says when to ask again, or that it has
stopped trying, and then staff are alerted to import the report by hand.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from accounts.models import User
from attendance.alerts import alert_now_unless_data, resolve_no_data_alert
from attendance.parsing.types import REPORT_API_JSON, SIMULATED, ReportError
from attendance.services.importing import ImportSummary, import_attendance, import_rows
from core.errors import DomainError
from events.models import Event
from meetings.providers import (
    CollectedAttendance,
    ImportedCounts,
    NotCollected,
    RowShape,
    provider_for,
)

# How the parsers read each shape of participant rows a provider may hand over.
ROW_FORMATS = {RowShape.REPORT_API: REPORT_API_JSON, RowShape.SIMULATED_ROOM: SIMULATED}


@dataclass(frozen=True)
class Collection:
    """What one collection did. `outcome` is the task log's line; `summary` is set when
    something was imported; `retry_at` when the provider asked to be asked again."""

    outcome: str
    summary: ImportSummary | None = None
    source: str = ""
    retry_at: dt.datetime | None = None


def _import(event: Event, collected: CollectedAttendance, actor: User | None) -> ImportSummary:
    if collected.row_shape is not None:
        return import_rows(
            event,
            list(collected.rows),
            source=collected.source,
            format=ROW_FORMATS[collected.row_shape],
            actor=actor,
        )
    return import_attendance(
        event, list(collected.files), time_zone=collected.time_zone, actor=actor
    )


def collect_event_attendance(event: Event, *, actor: User | None = None) -> Collection:
    """One collection from the event's provider. The caller queues the retry it may ask for
    (`attendance.tasks.collect_now`)."""
    provider = provider_for(event)
    if provider is None:
        return Collection(f"skipped: no automatic collection for {event.meeting_provider!r}")
    got = provider.collect_attendance(event)
    if isinstance(got, CollectedAttendance):
        try:
            summary = _import(event, got, actor)
        except (ReportError, DomainError) as refusal:
            got = provider.attendance_not_imported(event, str(refusal))
        else:
            counts = ImportedCounts(summary.rows, summary.new_rows, summary.matched_people)
            text = provider.attendance_imported(event, counts)
            resolve_no_data_alert(event)
            return Collection(f"imported: {text}", summary=summary, source=got.source)
    return _not_collected(event, got)


def _not_collected(event: Event, got: NotCollected) -> Collection:
    if got.retry_at is not None:
        return Collection(got.reason, retry_at=got.retry_at)
    if got.alert_staff:
        # Now rather than 20 hours after the end: the report is not coming by itself.
        return Collection(f"{got.reason}; {alert_now_unless_data(event)}")
    return Collection(f"skipped: {got.reason}")
