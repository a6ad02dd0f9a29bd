"""The importer's entry points: one file, or several files merged into one report."""

from __future__ import annotations

import datetime as dt
import gc
from collections.abc import Iterator
from contextlib import contextmanager

from attendance.parsing import codes, csv_meeting, csv_webinar
from attendance.parsing.api_json import parse_rows, participant_rows
from attendance.parsing.detect import load
from attendance.parsing.types import (
    FORMAT_LABELS,
    MEETING_PARTICIPANTS_CSV,
    REPORT_API_JSON,
    WEBINAR_ATTENDEE_CSV,
    ParsedReport,
    RawConnection,
    ReportError,
    Window,
)


def parse_report(
    content: bytes,
    filename: str,
    *,
    time_zone: str,
    event_date: dt.date,
    event_window: Window | None = None,
) -> ParsedReport:
    """Detect the file's format and read its connection rows (times in UTC).

    `event_window` (the event's start and end) chooses the event's meeting in an export that
    holds several; without it, every meeting's rows are read.
    """
    report, more_pages = _parse_one(
        content, filename, time_zone=time_zone, event_date=event_date, event_window=event_window
    )
    if more_pages:
        report.warnings.append(_more_pages_warning(filename))
    return report


def parse_reports(
    files: list[tuple[str, bytes]],
    *,
    time_zone: str,
    event_date: dt.date,
    event_window: Window | None = None,
) -> ParsedReport:
    """Several files of one format (API pages, instances' reports, CSVs) as one report.

    Rows keep their own file as `source`. A row found in two files (the same page saved twice,
    overlapping exports) is kept once, from the first file that has it.
    """
    if not files:
        raise ReportError(codes.NO_FILES, "Choose at least one report file to import.")
    if len(files) == 1:
        return parse_report(
            files[0][1],
            files[0][0],
            time_zone=time_zone,
            event_date=event_date,
            event_window=event_window,
        )
    reports: list[ParsedReport] = []
    last_pages = 0
    for filename, content in files:
        report, more_pages = _parse_one(
            content, filename, time_zone=time_zone, event_date=event_date, event_window=event_window
        )
        if reports and report.format != reports[0].format:
            raise ReportError(
                codes.MIXED_FORMATS,
                f"this file is a {FORMAT_LABELS[report.format]}, but {files[0][0]} is a "
                f"{FORMAT_LABELS[reports[0].format]}. Import files of one format together.",
                source=filename,
            )
        reports.append(report)
        last_pages += not more_pages

    rows: list[RawConnection] = []
    warnings: list[str] = []
    for (filename, _), report in zip(files, reports, strict=True):
        rows.extend(report.rows)
        warnings.extend(f"{filename}: {warning}" for warning in report.warnings)
    merged = ParsedReport(
        format=reports[0].format,
        rows=rows,
        time_zone=reports[0].time_zone,
        meeting_id=_agreed([r.meeting_id for r in reports]),
        topic=_agreed([r.topic for r in reports]),
        date_order=_agreed([r.date_order for r in reports]),
        warnings=warnings,
        skipped_meetings=[meeting for r in reports for meeting in r.skipped_meetings],
    )
    if len({r.date_order for r in reports if r.date_order}) > 1:
        merged.warnings.append(
            "The files do not agree on the date order (some read month-first, some day-first); "
            "check that each was exported with the same settings."
        )
    _drop_duplicates(merged, across_files=True)
    if not last_pages:
        merged.warnings.append(_more_pages_warning(""))
    return merged


def _parse_one(
    content: bytes,
    filename: str,
    *,
    time_zone: str,
    event_date: dt.date,
    event_window: Window | None,
) -> tuple[ParsedReport, bool]:
    with _collector_paused():
        return _parse_loaded(
            content, filename, time_zone=time_zone, event_date=event_date, event_window=event_window
        )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause Python's cyclic garbage collector while a report is parsed.

    Parsing allocates a few hundred thousand objects (CSV rows, rows' dicts, datetimes) that all
    stay alive, and none forms a reference cycle. Each allocation burst triggers collections that
    walk every live object again, which cost a third of the parse time on a 40,000-row report.
    Reference counting still frees everything as usual; the collector resumes afterwards.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def _parse_loaded(
    content: bytes,
    filename: str,
    *,
    time_zone: str,
    event_date: dt.date,
    event_window: Window | None,
) -> tuple[ParsedReport, bool]:
    loaded = load(content, filename)
    more_pages = False
    if loaded.format == REPORT_API_JSON:
        rows, more_pages = participant_rows(loaded.data, filename)
        report = parse_rows(rows, source=filename, event_date=event_date)
    elif loaded.format == MEETING_PARTICIPANTS_CSV:
        assert loaded.records is not None
        report = csv_meeting.parse(
            loaded.records,
            source=filename,
            time_zone=time_zone,
            event_date=event_date,
            event_window=event_window,
        )
    else:
        assert loaded.records is not None and loaded.format == WEBINAR_ATTENDEE_CSV
        # A webinar report is one webinar's: there is no meeting to choose.
        report = csv_webinar.parse(
            loaded.records, source=filename, time_zone=time_zone, event_date=event_date
        )
    _drop_duplicates(report, across_files=False)
    return report, more_pages


def _drop_duplicates(report: ParsedReport, *, across_files: bool) -> None:
    """Keep the first of rows with the same identity (importing by identity must stay exact)."""
    seen: set[tuple] = set()
    kept: list[RawConnection] = []
    for row in report.rows:
        key = row.identity
        if key not in seen:
            seen.add(key)
            kept.append(row)
    dropped = len(report.rows) - len(kept)
    if dropped:
        report.rows = kept
        where = "in more than one file" if across_files else "more than once"
        report.warnings.append(
            f"{dropped} {'row' if dropped == 1 else 'rows'} (the same person, times and role) "
            f"appeared {where} and {'was' if dropped == 1 else 'were'} kept once."
        )


def _agreed(values: list[str]) -> str:
    distinct = {v for v in values if v}
    return distinct.pop() if len(distinct) == 1 else ""


def _more_pages_warning(source: str) -> str:
    where = f"{source}: " if source else ""
    return (
        f"{where}Zoom said more pages follow this one (next_page_token is set), and no file here "
        "is the last page: import every page together, or some connections will be missing."
    )
