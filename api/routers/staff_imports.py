"""Staff: the attendance imports of an event, and withdrawing one (audited, with a reason)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Router, Schema

from api.auth import STAFF_AUTH, caller
from api.errors import errors
from api.routers.staff_events import MANAGE_EVENTS, staff_event
from attendance.models import AttendanceImport
from attendance.services.withdrawing import withdraw_import

router = Router(tags=["Staff: attendance"], auth=STAFF_AUTH)


class ImportRecordOut(Schema):
    id: int
    created_at: dt.datetime
    format: str
    sources: list[str]
    time_zone: str
    rows_in_files: int
    rows_added: int
    warnings: list[str]
    withdrawn_at: dt.datetime | None
    withdrawn_reason: str
    replaced_by_id: int | None


class WithdrawIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


def _record(record: AttendanceImport) -> dict[str, Any]:
    return {
        "id": record.pk,
        "created_at": record.created_at,
        "format": record.format,
        "sources": record.sources,
        "time_zone": record.time_zone,
        "rows_in_files": record.rows_in_files,
        "rows_added": record.rows_added,
        "warnings": [str(w) for w in record.warnings],
        "withdrawn_at": record.withdrawn_at,
        "withdrawn_reason": record.withdrawn_reason,
        "replaced_by_id": record.replaced_by_id,
    }


@router.get("/events/{slug}/attendance/import-records", response=errors(s200=list[ImportRecordOut]))
def import_records(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    """Every import of the event, newest first, withdrawn ones included."""
    event = staff_event(request, slug, MANAGE_EVENTS)
    return [_record(r) for r in AttendanceImport.objects.filter(event=event)]


@router.post(
    "/events/{slug}/attendance/import-records/{import_id}/withdraw",
    response=errors(s200=ImportRecordOut),
)
def withdraw(request: HttpRequest, slug: str, import_id: int, payload: WithdrawIn) -> dict:
    """Withdraw an import: its rows stop counting and every decision is taken again."""
    event = staff_event(request, slug, MANAGE_EVENTS)
    record = get_object_or_404(AttendanceImport, pk=import_id, event=event)
    return _record(withdraw_import(record, actor=caller(request), reason=payload.reason))
