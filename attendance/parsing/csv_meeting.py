"""Zoom's meeting participants export (Reports → Usage → Participants; reference §5.2).

Three layouts reach us:

- the participant table alone: `Name (Original Name),User Email,Join Time,Leave Time,...`;
- "Export with meeting data": a `Meeting ID,Topic,Start Time,...` header and one value row, a
  blank (comma-only) row, then the participant table;
- the flattened form: meeting columns repeated on every participant row, so `User Email` and
  `Duration (Minutes)` each appear twice, first for the host and then for the participant.

Participant columns are therefore looked for after the name column first. The meeting's own
`User Email` is the host's, which is how the host's rows get their role: this export has no role
column, and the host must never be credited.
"""

from __future__ import annotations

import datetime as dt

from attendance.parsing import codes
from attendance.parsing.columns import Header, cell
from attendance.parsing.csv_rows import SHORT, Draft, build, header_sample, row_name, row_times
from attendance.parsing.dates import DateSample, LocalClock
from attendance.parsing.text import (
    Record,
    clean,
    email,
    header_key,
    yes_no,
)
from attendance.parsing.types import (
    ATTENDEE,
    HOST,
    MEETING_PARTICIPANTS_CSV,
    ParsedReport,
    ReportError,
)

_NAMES = (
    "name (original name)",
    "user name (original name)",
    "participant name",
    "participant",
    "display name",
    "name",
)
_EMAILS = ("user email", "email", "participant email")
_MEETING_IDS = ("meeting id", "id")
_BLOCK_STARTS = frozenset({"meeting id", "topic", "id"})
_BLOCK_INITIALS = frozenset("MmTtIi")

UNIQUE_USERS_MESSAGE = (
    'this is the meeting export made with "Show unique users", which has each person\'s total '
    "minutes but no join or leave times, so attendance cannot be worked out from it. In Zoom, "
    'go to Reports → Usage → Participants and export again WITHOUT "Show unique users" (for '
    "a webinar, download the Attendee Report instead)."
)


def is_unique_users_header(header: Header) -> bool:
    return header.has("total duration (minutes)") and not header.has("join time")


def is_participant_header(header: Header) -> bool:
    return header.has("join time") and header.has("leave time")


def is_meeting_header(header: Header) -> bool:
    return header.has("topic") and header.has(*_MEETING_IDS) and not header.has("join time")


class _Columns:
    def __init__(self, header: Header, source: str) -> None:
        where = "the participants table"
        name = header.find(*_NAMES)
        if name is None:
            # Only where no participant name column exists: in the flattened form "User Name"
            # is the host's.
            name = header.require("Name (Original Name)", "user name", where=where, source=source)
        self.header = header
        self.source = source
        self.name = name
        self.renames = header.keys[name].endswith("(original name)")
        self.join = header.require("Join Time", "join time", where=where, source=source, after=name)
        self.leave = header.require(
            "Leave Time", "leave time", where=where, source=source, after=name
        )
        self.email = header.at(header.find(*_EMAILS, after=name))
        guest = header.find("guest", "is guest", after=name)
        self.has_guest = guest is not None
        self.guest = header.at(guest)
        self.waiting = header.at(header.find("in waiting room", after=name))
        before = header.keys[:name]
        # The flattened form's meeting columns, all to the left of the participant's name.
        self.host_email = _index_in(before, _EMAILS)
        self.meeting_id = _index_in(before, _MEETING_IDS)
        self.topic = header.at(_index_in(before, ("topic",)))
        self.start = _index_in(before, ("start time",))
        self.join_header = header.keys[self.join]

    def repeats_header(self, cells: list[str]) -> bool:
        return header_key(cell(cells, self.join)) == self.join_header

    def draft(self, line: int, cells: list[str]) -> Draft | None:
        """The row's connection, or None when it has neither time."""
        if len(cells) != self.header.absent + 1:
            cells = self.header.fit(cells)
        times = row_times(cells, self.join, self.leave, line, self.source)
        if times is None:
            return None
        join_text, leave_text = times
        name, original = row_name(cells[self.name], renames=self.renames)
        return Draft(
            line,
            join_text,
            leave_text,
            name,
            original,
            email(cells[self.email]),
            ATTENDEE,
            yes_no(cells[self.waiting]) is True,
            yes_no(cells[self.guest]) if self.has_guest else None,
            {},
        )


def _index_in(keys: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


class _Collected:
    """What the rows of one file add up to, across any number of meeting blocks."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.meetings: list[str] = []  # each draft's meeting (flattened form), for several meetings
        self.header_dates: list[DateSample] = []
        self.host_emails: set[str] = set()
        self.meeting_ids: dict[str, None] = {}  # an ordered set
        self.topic = ""
        self.skipped: list[int] = []
        self._starts: set[str] = set()

    def meeting(self, found: _MeetingValues) -> None:
        if found.meeting_id:
            self.meeting_ids.setdefault(found.meeting_id)
        self.topic = self.topic or found.topic
        if found.host_email:
            self.host_emails.add(found.host_email)
        self.header_dates.extend(found.dates)

    def row(self, columns: _Columns, line: int, cells: list[str]) -> None:
        draft = columns.draft(line, cells)
        if draft is None:
            self.skipped.append(line)
            return
        meeting = ""
        if columns.meeting_id is not None:
            meeting = _digits(clean(cell(cells, columns.meeting_id)))
            if meeting:
                self.meeting_ids.setdefault(meeting)
            self.topic = self.topic or clean(cells[columns.topic])
        if columns.host_email is not None:
            host = email(cells[columns.host_email])
            if host:
                self.host_emails.add(host)
        if columns.start is not None:
            # Every flattened row repeats its meeting's start; one sample per distinct text.
            start = clean(cells[columns.start])
            if start and start not in self._starts:
                self._starts.add(start)
                sample = header_sample(start, line, near_event=True)
                if sample:
                    self.header_dates.append(sample)
        self.drafts.append(draft)
        self.meetings.append(meeting)


def parse(
    records: list[Record], *, source: str, time_zone: str, event_date: dt.date
) -> ParsedReport:
    clock = LocalClock(time_zone, source=source)
    found = _Collected()
    columns: _Columns | None = None
    block: Header | None = None
    for line, cells in records:
        # The common case first: a data row, whose join cell holds a whole timestamp.
        if (
            columns is not None
            and block is None
            and len(cells) > columns.join
            and len(cells[columns.join]) >= SHORT
            and not _starts_block(cells)
        ):
            found.row(columns, line, cells)
            continue
        if not any(c.strip() for c in cells):
            continue
        if block is not None:
            # The value row under a "Meeting ID,Topic,Start Time,..." header.
            found.meeting(_meeting_values(block, cells, line))
            block = None
            continue
        if columns is None or columns.repeats_header(cells) or _starts_block(cells):
            header = Header(cells, line)
            if is_unique_users_header(header):
                raise ReportError(
                    codes.UNIQUE_USERS_EXPORT, UNIQUE_USERS_MESSAGE, line=line, source=source
                )
            if is_participant_header(header):
                columns = _Columns(header, source)
                continue
            if is_meeting_header(header):
                block = header
                continue
            if columns is None:
                continue
        found.row(columns, line, cells)

    if columns is None:
        raise ReportError(
            codes.MISSING_COLUMN,
            "the file has no participants table (no row with Join Time and Leave Time columns).",
            source=source,
        )
    drafts = found.drafts
    warnings: list[str] = []
    for draft in drafts:
        if draft.email and draft.email in found.host_emails:
            draft.role = HOST
    meeting_ids = found.meeting_ids
    if len(meeting_ids) > 1:
        # Rows from several meetings: keep each row's meeting so staff can tell them apart.
        for draft, meeting in zip(drafts, found.meetings, strict=True):
            if meeting:
                draft.extra["meeting_id"] = meeting
        warnings.append(
            f"This file holds rows from {len(meeting_ids)} meetings "
            f"(IDs {', '.join(meeting_ids)}); they are imported together."
        )
    skipped = found.skipped
    if skipped:
        warnings.append(
            f"{len(skipped)} {'row has' if len(skipped) == 1 else 'rows have'} no join or leave "
            f"time and {'was' if len(skipped) == 1 else 'were'} skipped (line "
            f"{', '.join(str(n) for n in skipped[:10])}{', …' if len(skipped) > 10 else ''})."
        )
    built = build(
        drafts,
        source=source,
        clock=clock,
        event_date=event_date,
        header_dates=found.header_dates,
    )
    if not built.rows:
        warnings.append("Nobody joined according to this report: it has no connection rows.")
    return ParsedReport(
        format=MEETING_PARTICIPANTS_CSV,
        rows=built.rows,
        time_zone=time_zone,
        meeting_id=next(iter(meeting_ids)) if len(meeting_ids) == 1 else "",
        topic=found.topic,
        date_order=built.date_order,
        warnings=[*built.warnings, *warnings],
    )


def _starts_block(cells: list[str]) -> bool:
    # A second meeting's header block inside one file (several exports pasted together). The
    # first-letter test keeps this cheap on the tens of thousands of data rows.
    first = cells[0].lstrip()[:1] if cells else ""
    return first in _BLOCK_INITIALS and header_key(cells[0]) in _BLOCK_STARTS


class _MeetingValues:
    def __init__(
        self, meeting_id: str, topic: str, host_email: str, dates: list[DateSample]
    ) -> None:
        self.meeting_id = meeting_id
        self.topic = topic
        self.host_email = host_email
        self.dates = dates


def _meeting_values(header: Header, cells: list[str], line: int) -> _MeetingValues:
    dates = []
    for names in (("start time",), ("end time",)):
        text = clean(cell(cells, header.find(*names)))
        sample = header_sample(text, line, near_event=True) if text else None
        if sample:
            dates.append(sample)
    return _MeetingValues(
        meeting_id=_digits(clean(cell(cells, header.find(*_MEETING_IDS)))),
        topic=clean(cell(cells, header.find("topic"))),
        host_email=email(cell(cells, header.find(*_EMAILS, "host email"))),
        dates=dates,
    )


def _digits(raw: str) -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    return digits or raw
