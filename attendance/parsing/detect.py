"""Telling the accepted formats apart by their content (the file name is only for messages)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from attendance.parsing import codes
from attendance.parsing.api_json import participant_rows
from attendance.parsing.csv_meeting import UNIQUE_USERS_MESSAGE
from attendance.parsing.refusals import (
    refuse_header,
    refuse_other_language,
    refuse_untitled_section,
)
from attendance.parsing.text import Record, decode, header_key, read_records
from attendance.parsing.types import (
    FORMAT_LABELS,
    MEETING_PARTICIPANTS_CSV,
    REPORT_API_JSON,
    WEBINAR_ATTENDEE_CSV,
    ReportError,
)
from core.safejson import JSONTooComplex, loads_bounded

# Every layout we read says what it is within its first few rows; a report's data rows never do.
_SCAN_RECORDS = 200
_WEBINAR_TITLES = frozenset(
    {"attendee report", "host details", "panelist details", "attendee details", "other attended"}
)
# Zoom's other webinar reports: recognisable, but none has join and leave times.
_OTHER_REPORTS = {
    "registration report": "Registration Report",
    "absentee report": "Absentee Report",
    "performance report": "Performance Report",
    "poll report": "Poll Report",
    "q&a report": "Q&A Report",
    "survey report": "Survey Report",
}
ACCEPTED = (
    f"{FORMAT_LABELS[WEBINAR_ATTENDEE_CSV]} from Reports → Webinar → Attendee Report; "
    f"{FORMAT_LABELS[MEETING_PARTICIPANTS_CSV]} from Reports → Usage → Participants; "
    f"{FORMAT_LABELS[REPORT_API_JSON]}, the pages of /report/…/participants"
)


@dataclass
class Loaded:
    """A decoded file and its format, so detection and parsing read it only once."""

    format: str
    records: list[Record] | None = None  # CSV formats
    data: Any = None  # JSON


def load(content: bytes, source: str) -> Loaded:
    text = decode(content, source)
    if text.lstrip()[:1] in ("{", "["):
        try:
            data = loads_bounded(text)
        except json.JSONDecodeError as exc:
            raise ReportError(
                codes.MALFORMED_JSON,
                f"the file starts like JSON but is not valid JSON ({exc.msg}).",
                line=exc.lineno,
                source=source,
            ) from None
        except JSONTooComplex as exc:
            raise ReportError(
                codes.MALFORMED_JSON,
                f"this is not a Zoom participants report: {exc.message}",
                source=source,
            ) from None
        participant_rows(data, source)  # refuses JSON of any other shape, with guidance
        return Loaded(REPORT_API_JSON, data=data)
    records = read_records(text, source)
    return Loaded(classify(records, source), records=records)


def classify(records: list[Record], source: str) -> str:
    lone: tuple[int, str] | None = None  # the row before, when it held one cell: a title?
    for line, cells in records[:_SCAN_RECORDS]:
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        first = header_key(cells[0])
        if first in _WEBINAR_TITLES and len(filled) == 1:
            return WEBINAR_ATTENDEE_CSV
        if first in _OTHER_REPORTS and len(filled) <= 2:
            raise ReportError(
                codes.UNKNOWN_FORMAT,
                f"this is Zoom's webinar {_OTHER_REPORTS[first]}, which has no join or leave "
                "times. Download the Attendee Report instead (Reports → Webinar → Attendee "
                "Report).",
                line=line,
                source=source,
            )
        keys = {header_key(c) for c in filled}
        refuse_header(keys, line, source)
        if "webinar id" in keys:
            return WEBINAR_ATTENDEE_CSV
        if "total duration (minutes)" in keys and "join time" not in keys:
            raise ReportError(
                codes.UNIQUE_USERS_EXPORT, UNIQUE_USERS_MESSAGE, line=line, source=source
            )
        if "join time" in keys and "leave time" in keys:
            if keys & {"time in session (minutes)", "attended"}:
                return WEBINAR_ATTENDEE_CSV
            if lone is not None:
                refuse_untitled_section(lone[1], lone[0], filled, source)
            return MEETING_PARTICIPANTS_CSV
        lone = (line, filled[0]) if len(filled) == 1 else None
    refuse_other_language(records, source, ACCEPTED)
    raise ReportError(
        codes.UNKNOWN_FORMAT,
        f"FullCredit does not recognise this file. It accepts: {ACCEPTED}.",
        source=source,
    )


def detect_format(content: bytes, filename: str) -> str:
    """The format of a report file, or ReportError saying why it cannot be used."""
    return load(content, filename).format
