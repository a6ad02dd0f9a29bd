"""Staff: importing attendance reports, reading decisions, and placing unplaced connections."""

from __future__ import annotations

import zoneinfo
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema
from ninja.files import UploadedFile

from api.auth import STAFF_AUTH, caller
from api.codes import REPORT_CODES, TIME_ZONE_UNKNOWN, ApiCode
from api.errors import errors
from api.routers.staff_events import MANAGE_EVENTS, staff_event
from attendance.forms import MAX_FILES, MAX_UPLOAD_MB
from attendance.models import Connection
from attendance.parsing.types import ReportError
from attendance.report import attendance_report, connection_dict
from attendance.services.importing import import_attendance, preview_import
from attendance.services.resolving import assign_connection, unassign_connection
from core.errors import DomainError
from events.models import Registration

router = Router(tags=["Staff: attendance"], auth=STAFF_AUTH)


class ImportOut(Schema):
    format: str
    time_zone: str
    date_order: str
    rows: int
    people: int
    matched_rows: int
    matched_people: int
    unplaced_rows: int
    waiting_room_rows: int
    hosts_and_panelists: int
    new_rows: int
    warnings: list[str]
    already_imported: bool
    dry_run: bool


class ConnectionOut(Schema):
    id: int
    name: str
    email: str
    join: str
    leave: str
    role: str
    in_waiting_room: bool
    is_phone: bool
    phone_last4: str
    match_method: str
    source: str
    line: int | None


class ReportEvent(Schema):
    slug: str
    title: str
    advertised_hours: str
    window: list[str]
    window_basis: str
    breaks: list[list[str]]


class ReportPerson(Schema):
    email: str
    name: str
    attended_seconds: float
    required_seconds: float
    outcome: str
    reasons: list[str]
    missed: list[dict[str, str]]
    credited_hours: str
    decision_version: int | None
    connections: list[ConnectionOut]


class HostOrPresenterOut(Schema):
    name: str
    email: str
    roles: list[str]
    registration_id: int | None
    seconds_in_window: float


class ReportOut(Schema):
    """The shape of `manage.py attendance_report --json`."""

    event: ReportEvent
    registrants: list[ReportPerson]
    unplaced: list[ConnectionOut]
    presenters_and_hosts: list[HostOrPresenterOut]


class AssignIn(Schema):
    registration_id: int
    reason: str = Field(..., min_length=1, max_length=2000)


class UnassignIn(Schema):
    reason: str = Field(..., min_length=1, max_length=2000)


IMPORT_DESCRIPTION = (
    "Import Zoom report files (CSV or API JSON) read in `time_zone` (default: the event's).\n\n"
    "The same files with the same zone import once: a repeat changes nothing and says so.\n\n"
    "A file the importer refuses is a 422 with the parsers' own code, and a message naming the "
    "file (and line) and what to export instead. The codes:\n\n"
    + "\n".join(f"- `{code}`: {code.message}" for code in REPORT_CODES)
)


@router.post(
    "/events/{slug}/attendance/imports",
    response=errors(s200=ImportOut),
    description=IMPORT_DESCRIPTION,
)
def import_files(
    request: HttpRequest,
    slug: str,
    files: File[list[UploadedFile]],
    time_zone: Form[str] = "",
    dry_run: Form[bool] = False,
) -> dict[str, Any]:
    """Import report files; see IMPORT_DESCRIPTION (the schema's description)."""
    event = staff_event(request, slug, MANAGE_EVENTS)
    if time_zone:
        try:
            zoneinfo.ZoneInfo(time_zone)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
            raise TIME_ZONE_UNKNOWN.error(field="time_zone", zone=time_zone[:64]) from None
    if len(files) > MAX_FILES:
        raise ApiCode.TOO_MANY_FILES.error(field="files", most=MAX_FILES)
    if sum(f.size or 0 for f in files) > MAX_UPLOAD_MB * 1024 * 1024:
        raise ApiCode.FILES_TOO_LARGE.error(field="files", most=MAX_UPLOAD_MB)
    contents = [(f.name or "report", f.read()) for f in files]
    try:
        if dry_run:
            summary = preview_import(event, contents, time_zone=time_zone)
        else:
            summary = import_attendance(event, contents, time_zone=time_zone, actor=caller(request))
    except ReportError as exc:
        # The parser's own code (dashboard_export, unsupported_language, …) says what to do.
        raise DomainError(exc.code, str(exc), field="files") from None
    return {**summary.as_dict(), "dry_run": dry_run}


@router.get("/events/{slug}/attendance", response=errors(s200=ReportOut))
def report(request: HttpRequest, slug: str) -> dict[str, Any]:
    """Each registrant's decision with its reasons and connections, and the unplaced rows."""
    return attendance_report(staff_event(request, slug, MANAGE_EVENTS))


@router.get("/events/{slug}/attendance/unplaced", response=errors(s200=list[ConnectionOut]))
def unplaced(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    return attendance_report(staff_event(request, slug, MANAGE_EVENTS))["unplaced"]


def _connection(request: HttpRequest, slug: str, connection_id: int) -> Connection:
    event = staff_event(request, slug, MANAGE_EVENTS)
    return get_object_or_404(Connection, pk=connection_id, event=event)


@router.post(
    "/events/{slug}/attendance/connections/{connection_id}/assign",
    response=errors(s200=ConnectionOut),
)
def assign(
    request: HttpRequest, slug: str, connection_id: int, payload: AssignIn
) -> dict[str, Any]:
    """Give a connection to a registrant (audited with the reason; decisions are redone)."""
    connection = _connection(request, slug, connection_id)
    registration = get_object_or_404(
        Registration, pk=payload.registration_id, event_id=connection.event_id
    )
    connection = assign_connection(
        connection, registration, actor=caller(request), reason=payload.reason
    )
    return connection_dict(connection)


@router.post(
    "/events/{slug}/attendance/connections/{connection_id}/unassign",
    response=errors(s200=ConnectionOut),
)
def unassign(
    request: HttpRequest, slug: str, connection_id: int, payload: UnassignIn
) -> dict[str, Any]:
    connection = _connection(request, slug, connection_id)
    connection = unassign_connection(connection, actor=caller(request), reason=payload.reason)
    return connection_dict(connection)
