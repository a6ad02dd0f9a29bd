"""Pure readers for Zoom attendance reports: bytes in, UTC connection rows out.

No Django here (and nothing beyond the standard library), so the parsers can be tested and
benchmarked on their own; the importer in `attendance.services` stores what they return.

    detect_format(content, filename) -> format constant, or ReportError
    parse_report(content, filename, time_zone=..., event_date=..., event_window=...) -> ParsedReport
    parse_reports([(filename, content), ...], time_zone=..., event_date=..., event_window=...)
    parse_rows(rows, source=..., format=SIMULATED) -> ParsedReport   (rows already in memory)
"""

from __future__ import annotations

from attendance.parsing import codes
from attendance.parsing.api_json import parse_rows
from attendance.parsing.detect import detect_format
from attendance.parsing.report import parse_report, parse_reports
from attendance.parsing.types import (
    ATTENDEE,
    FORMAT_LABELS,
    HOST,
    MEETING_PARTICIPANTS_CSV,
    PANELIST,
    REPORT_API_JSON,
    SIMULATED,
    WEBINAR_ATTENDEE_CSV,
    ParsedReport,
    RawConnection,
    ReportError,
    SkippedMeeting,
)

__all__ = [
    "ATTENDEE",
    "FORMAT_LABELS",
    "HOST",
    "MEETING_PARTICIPANTS_CSV",
    "PANELIST",
    "REPORT_API_JSON",
    "SIMULATED",
    "WEBINAR_ATTENDEE_CSV",
    "ParsedReport",
    "RawConnection",
    "ReportError",
    "SkippedMeeting",
    "codes",
    "detect_format",
    "parse_report",
    "parse_reports",
    "parse_rows",
]
