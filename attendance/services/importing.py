"""Importing attendance reports: preview, then an idempotent, all-or-nothing import."""

from __future__ import annotations

import hashlib
from dataclasses import asdict, dataclass, field
from typing import Any

from allauth.account.models import EmailAddress
from django.db import IntegrityError, transaction
from django.utils import timezone

from accounts.models import User
from attendance import matching
from attendance.errors import NO_FILES, AttendanceCode
from attendance.models import AttendanceImport, Connection
from attendance.parsing import parse_reports, parse_rows
from attendance.parsing.types import (
    FORMAT_LABELS,
    ParsedReport,
    RawConnection,
)
from attendance.services.deciding import decide_event
from attendance.services.resolving import retry_phone_claims
from attendance.services.withdrawing import withdraw_rows
from core import audit
from core.bulk import insert_rows
from events.models import Event


@dataclass
class ImportSummary:
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
    warnings: list[str] = field(default_factory=list)
    already_imported: bool = False
    # Meetings of an account-wide export that are not this event's (parsing.SkippedMeeting).
    skipped_meetings: list[dict] = field(default_factory=list)

    @property
    def format_label(self) -> str:
        return FORMAT_LABELS.get(self.format, self.format)

    def as_dict(self) -> dict:
        return dict(self.__dict__.items())


def identity_key(row: RawConnection) -> str:
    return hashlib.sha256("\x1f".join(row.identity).encode()).hexdigest()


def registrants_for(event: Event) -> list[matching.Registrant]:
    registrations = list(event.registrations.active().select_related("user"))
    user_ids = [r.user_id for r in registrations if r.user_id]
    emails: dict[int, set[str]] = {}
    for user_id, email in EmailAddress.objects.filter(
        user_id__in=user_ids, verified=True
    ).values_list("user_id", "email"):
        emails.setdefault(user_id, set()).add(email.lower())
    return [
        matching.Registrant(
            registration_id=r.pk,
            registrant_id=r.provider_registrant_id,
            emails=frozenset(emails.get(r.user_id, set()) | {r.email.lower()}),
            name=r.name,
            phone_digits="".join(ch for ch in (r.user.phone if r.user else "") if ch.isdigit()),
        )
        for r in registrations
    ]


def _rows_for_matching(rows: list[RawConnection]) -> list[matching.Row]:
    return [
        matching.Row(
            key=index,
            name=row.name,
            original_name=row.original_name,
            email=row.email,
            registrant_id=row.registrant_id,
            role=row.role,
            is_phone=row.is_phone,
            phone_digits=row.phone_digits,
        )
        for index, row in enumerate(rows)
    ]


def _summarise(
    report: ParsedReport, placement: matching.Placement, new_rows: int, already: bool
) -> ImportSummary:
    rows = report.rows
    not_attendees = set(placement.not_attendees)
    attendee_rows = [r for i, r in enumerate(rows) if i not in not_attendees]
    people = {
        (r.registrant_id or r.email or matching.normalise_name(r.name) or f"row{i}")
        for i, r in enumerate(attendee_rows)
    }
    return ImportSummary(
        format=report.format,
        time_zone=report.time_zone,
        date_order=report.date_order,
        rows=len(rows),
        people=len(people),
        matched_rows=len(placement.placed),
        matched_people=len({reg for reg, _ in placement.placed.values()}),
        unplaced_rows=len(placement.unplaced),
        waiting_room_rows=sum(1 for r in rows if r.in_waiting_room),
        hosts_and_panelists=len(placement.not_attendees),
        new_rows=new_rows,
        warnings=list(report.warnings),
        already_imported=already,
        skipped_meetings=[asdict(meeting) for meeting in report.skipped_meetings],
    )


def _files_digest(files: list[tuple[str, bytes]]) -> str:
    digest = hashlib.sha256()
    for content in sorted(content for _, content in files):
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _digest(files: list[tuple[str, bytes]], time_zone: str) -> str:
    """The files and how they are read: the same files read in another zone differ."""
    digest = hashlib.sha256(time_zone.encode())
    for content in sorted(content for _, content in files):
        digest.update(hashlib.sha256(content).digest())
    return digest.hexdigest()


def _parse(event: Event, files: list[tuple[str, bytes]], time_zone: str) -> ParsedReport:
    if not files:
        raise NO_FILES.error()
    event_date = event.start.astimezone(event.zone).date()
    return parse_reports(
        files,
        time_zone=time_zone or event.time_zone,
        event_date=event_date,
        event_window=(event.start, event.end),
    )


def preview_import(
    event: Event, files: list[tuple[str, bytes]], *, time_zone: str = ""
) -> ImportSummary:
    """What importing these files would do, without storing anything."""
    report = _parse(event, files, time_zone)
    placement = matching.place(_rows_for_matching(report.rows), registrants_for(event))
    existing = set(Connection.objects.filter(event=event).values_list("identity_key", flat=True))
    new_rows = sum(1 for row in report.rows if identity_key(row) not in existing)
    already = AttendanceImport.objects.filter(
        event=event,
        content_sha256=_digest(files, time_zone or event.time_zone),
        withdrawn_at__isnull=True,
    ).exists()
    return _summarise(report, placement, new_rows, already)


SET_ASIDE_FIELDS = ("set_aside_as", "set_aside_reason", "set_aside_at", "set_aside_by_id")


def _reading_key(values: dict[str, Any]) -> tuple:
    """A row of a file, whatever zone its times were read in."""
    return tuple(
        values[name]
        for name in ("source", "line", "name", "email", "role", "breakout_room", "in_waiting_room")
    )


def _set_aside_before(
    event: Event, keys: list[str], files_digest: str
) -> tuple[dict[str, dict], dict[tuple, dict]]:
    """What staff set aside among withdrawn rows these rows are again: the same row (by its
    identity), or the same row of the same files read in another time zone. The latest wins."""
    fields = (
        "identity_key",
        "source",
        "line",
        "name",
        "email",
        "role",
        "breakout_room",
        "in_waiting_room",
        *SET_ASIDE_FIELDS,
    )
    withdrawn = Connection.with_withdrawn.filter(
        event=event, withdrawn=True, set_aside_at__isnull=False
    ).order_by("set_aside_at", "pk")
    same_rows = {
        row["identity_key"]: {name: row[name] for name in SET_ASIDE_FIELDS}
        for row in withdrawn.filter(identity_key__in=keys).values(*fields)
    }
    same_files: dict[tuple, dict] = {}
    if files_digest:
        for row in withdrawn.filter(attendance_import__files_sha256=files_digest).values(*fields):
            same_files[_reading_key(row)] = {name: row[name] for name in SET_ASIDE_FIELDS}
    return same_rows, same_files


def _store(
    event: Event,
    report: ParsedReport,
    digest: str,
    actor: User | None,
    sources: list[str],
    files_digest: str = "",
) -> tuple[AttendanceImport, ImportSummary]:
    """Store the rows not stored before, each placed with its registrant where possible."""
    existing = set(Connection.objects.filter(event=event).values_list("identity_key", flat=True))
    placement = matching.place(_rows_for_matching(report.rows), registrants_for(event))
    fresh: list[tuple[int, str, RawConnection]] = []
    seen: set[str] = set()
    for index, row in enumerate(report.rows):
        key = identity_key(row)
        if key not in existing and key not in seen:
            fresh.append((index, key, row))
        seen.add(key)
    summary = _summarise(report, placement, len(fresh), False)
    record = AttendanceImport.objects.create(
        event=event,
        created_by=actor if actor is not None and actor.is_authenticated else None,
        format=report.format,
        sources=sources,
        content_sha256=digest,
        files_sha256=files_digest,
        row_keys=sorted(seen),
        time_zone=report.time_zone,
        date_order=report.date_order,
        rows_in_files=len(report.rows),
        rows_added=len(fresh),
        warnings=report.warnings,
        summary=summary.as_dict(),
    )
    now = timezone.now()
    same_rows, same_files = _set_aside_before(event, [key for _, key, _ in fresh], files_digest)
    not_set_aside = dict.fromkeys(SET_ASIDE_FIELDS, None) | {
        "set_aside_as": "",
        "set_aside_reason": "",
    }

    def values(index: int, key: str, row: RawConnection) -> dict:
        registration_id, method = placement.placed.get(index, (None, ""))
        stored = {
            "event_id": event.pk,
            "attendance_import_id": record.pk,
            "identity_key": key,
            "source": row.source[:255],
            "line": row.line,
            "name": row.name[:300],
            "original_name": row.original_name[:300],
            "email": row.email[:254],
            "join": row.join,
            "leave": row.leave,
            "registrant_id": row.registrant_id[:120],
            "participant_id": row.participant_id[:120],
            "role": row.role,
            "in_waiting_room": row.in_waiting_room,
            "breakout_room": row.breakout_room[:120],
            "failover": row.failover,
            "is_phone": row.is_phone,
            "phone_digits": row.phone_digits[:32],
            "is_guest": row.is_guest,
            "extra": row.extra,
            "withdrawn": False,
            "registration_id": registration_id,
            "match_method": method,
            "match_note": "",
            "matched_at": now if registration_id else None,
            "matched_by_id": None,
        }
        # A row staff set aside stays set aside when it is imported again: nobody's.
        kept = same_rows.get(key) or same_files.get(_reading_key(stored))
        if kept is None:
            return stored | not_set_aside
        return stored | kept | {"registration_id": None, "match_method": "", "matched_at": None}

    insert_rows(Connection, (values(*item) for item in fresh))
    return record, summary


def _full_placement(event: Event, report: ParsedReport) -> matching.Placement:
    return matching.place(_rows_for_matching(report.rows), registrants_for(event))


def _already_imported(event: Event, digest: str) -> bool:
    return AttendanceImport.objects.filter(
        event=event, content_sha256=digest, withdrawn_at__isnull=True
    ).exists()


def _earlier_readings(event: Event, files_digest: str, digest: str) -> list[AttendanceImport]:
    """Standing imports of the same files read with other options (another time zone)."""
    if not files_digest:
        return []
    return list(
        AttendanceImport.objects.select_for_update()
        .filter(event=event, files_sha256=files_digest, withdrawn_at__isnull=True)
        .exclude(content_sha256=digest)
    )


def _import(
    event: Event,
    report: ParsedReport,
    digest: str,
    actor: User | None,
    sources: list[str],
    files_digest: str = "",
) -> ImportSummary:
    """The one import path for every source: skip what was imported before, otherwise store
    (replacing an earlier reading of the same files), retry pending dial-in claims, decide
    again and audit, all in one transaction."""
    try:
        with transaction.atomic():
            if _already_imported(event, digest):
                return _summarise(report, _full_placement(event, report), 0, True)
            earlier = _earlier_readings(event, files_digest, digest)
            for reading in earlier:
                withdraw_rows(
                    reading,
                    actor=actor,
                    reason=f"Replaced by a new reading of the same files (times read in "
                    f"{report.time_zone}).",
                )
            record, summary = _store(event, report, digest, actor, sources, files_digest)
            AttendanceImport.objects.filter(pk__in=[r.pk for r in earlier]).update(
                replaced_by=record
            )
            retry_phone_claims(event)
            decide_event(event)
            audit.record(
                actor,
                "attendance.imported",
                event,
                import_id=record.pk,
                format=report.format,
                rows=summary.rows,
                new_rows=summary.new_rows,
                time_zone=report.time_zone,
            )
    except IntegrityError:
        # Every row written here was first checked to be new, so a unique constraint only
        # fails when another import stored the same file (or the same connections) between
        # that check and the insert. PostgreSQL makes this one wait for the other to commit;
        # its transaction is rolled back whole, and the other one's data stands.
        raise AttendanceCode.IMPORT_IN_PROGRESS.error() from None
    return summary


def import_attendance(
    event: Event,
    files: list[tuple[str, bytes]],
    *,
    time_zone: str = "",
    actor: User | None = None,
) -> ImportSummary:
    """Store the files' connections and decide again. The same files twice change nothing."""
    zone = time_zone or event.time_zone
    report = _parse(event, files, zone)
    return _import(
        event,
        report,
        _digest(files, zone),
        actor,
        [name for name, _ in files],
        _files_digest(files),
    )


def import_rows(
    event: Event,
    rows: list[dict[str, Any]],
    *,
    source: str,
    format: str,
    actor: User | None = None,
) -> ImportSummary:
    """Store participant rows in the report API's shape (a provider's own record, such as the
    simulated room's finished connections) and decide again. The same rows twice change
    nothing."""
    report = parse_rows(rows, source=source, format=format)
    content = repr(sorted(sorted(r.items()) for r in rows)).encode()
    digest = hashlib.sha256(format.encode() + content).hexdigest()
    return _import(event, report, digest, actor, [source])
