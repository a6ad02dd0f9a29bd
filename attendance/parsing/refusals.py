"""Files that look like attendance but cannot give it, each refused with what to export instead.

A generic "not recognised" leaves staff guessing; these are Zoom's own files, so the message
can say which one it is and which one to download.
"""

from __future__ import annotations

import re

from attendance.parsing import codes
from attendance.parsing.dates import StampReader
from attendance.parsing.locales import LANGUAGES, language_of, normal
from attendance.parsing.text import Record, header_key
from attendance.parsing.types import ReportError

ENGLISH_PLEASE = (
    "Zoom writes a report's headers in the language of the web portal it was exported from: "
    "switch the Zoom web portal to English and export again."
)
READ_LANGUAGES = ", ".join(LANGUAGES.values())
DASHBOARD_MESSAGE = (
    "this is the participant list of Zoom's Dashboard (Dashboard → Meetings → Participants), "
    "which gives join and leave as times of day without a date, to the minute, so attendance "
    "cannot be worked out from it. Export Reports → Usage → Participants instead (for a "
    "webinar, Reports → Webinar → Attendee Report)."
)
API_ROWS_MESSAGE = (
    "this is Zoom's report-API participant rows saved as CSV (columns join_time and "
    "leave_time). FullCredit reads those rows as the API returns them: import the JSON pages "
    "of /report/meetings/{id}/participants (or /report/webinars/{id}/participants) instead."
)
PAST_PARTICIPANTS_MESSAGE = (
    "this is the participant list of Zoom's /past_meetings/{id}/participants (or "
    "/past_webinars/{id}/participants), which names who joined but has no join or leave "
    "times. Import the pages of /report/meetings/{id}/participants (or "
    "/report/webinars/{id}/participants) instead."
)
_DASHBOARD_SUMMARY = frozenset({"duration (hh:mm:ss)", "user type"})
_DASHBOARD_PARTICIPANT = frozenset({"device", "ip address", "network type"})
_API_TIMES = frozenset({"join_time", "leave_time"})
# Every Zoom participants table starts with a "Name (Original Name)" column, in any language.
_NAME_AND_BRACKET = re.compile(r"[^()]+\s*\([^()]+\)")
_SCAN = 200


def refuse_header(keys: set[str], line: int, source: str) -> None:
    """Refuse a header row that belongs to a Zoom export without usable times."""
    if keys >= _DASHBOARD_SUMMARY or (
        keys & _DASHBOARD_PARTICIPANT and ("participant" in keys or "join time" in keys)
    ):
        raise ReportError(codes.DASHBOARD_EXPORT, DASHBOARD_MESSAGE, line=line, source=source)
    if keys >= _API_TIMES:
        raise ReportError(codes.API_ROWS_CSV, API_ROWS_MESSAGE, line=line, source=source)


def refuse_untitled_section(title: str, title_line: int, header: list[str], source: str) -> None:
    """A localised table under a section title FullCredit does not know: refuse it.

    Only a webinar report has section titles, and they say whose rows follow (host,
    panelists, attendees); reading the table without its title could credit a host.
    """
    language = language_of([normal(cell) for cell in header if cell.strip()])
    if not language:
        return
    raise ReportError(
        codes.UNSUPPORTED_LANGUAGE,
        f"this looks like a Zoom report exported in {language}, and FullCredit does not know "
        f"its section title {title.strip()!r}, so it cannot tell the host's and panelists' "
        f"rows from the attendees'. {ENGLISH_PLEASE}",
        line=title_line,
        source=source,
    )


def refuse_other_language(records: list[Record], source: str, accepted: str) -> None:
    """Refuse a file that is clearly a Zoom export, but in a language whose texts are not read.

    Clear means Zoom's shapes: a "Report Generated:"-style line (a label with a colon and a
    time) or a table headed by a "Name (Original Name)"-style column whose next row holds at
    least two times.
    """
    reader = StampReader()
    filled_rows = []
    for line, cells in records[:_SCAN]:
        filled = [c for c in cells if c.strip()]
        if filled:
            filled_rows.append((line, filled))
    for index, (line, cells) in enumerate(filled_rows):
        if (
            len(cells) == 2
            and cells[0].strip().endswith((":", "："))
            and header_key(cells[0]) != "report generated"
            and reader.read(cells[1]) is not None
        ):
            _refuse(cells[0], line, source, accepted)
        if index + 1 >= len(filled_rows) or len(cells) < 3:
            continue
        following = filled_rows[index + 1][1]
        times = sum(1 for cell in following if reader.read(cell) is not None)
        if (
            times >= 2
            and not any(reader.read(cell) for cell in cells)
            and any(_NAME_AND_BRACKET.fullmatch(cell.strip()) for cell in cells[:2])
        ):
            _refuse(cells[0], line, source, accepted)


def _refuse(sample: str, line: int, source: str, accepted: str) -> None:
    raise ReportError(
        codes.UNSUPPORTED_LANGUAGE,
        f"this looks like a Zoom export in a language FullCredit does not read yet (it reads "
        f"English, {READ_LANGUAGES}); its headers, such as {sample.strip()[:60]!r}, are not "
        f"ones it knows. {ENGLISH_PLEASE} (If it is not a Zoom export: FullCredit accepts "
        f"{accepted}.)",
        line=line,
        source=source,
    )
