"""Zoom's meeting participants export (Reports → Usage → Participants; reference §5.2).

Three layouts reach us:

- the participant table alone: `Name (Original Name),User Email,Join Time,Leave Time,...`;
- "Export with meeting data": a `Meeting ID,Topic,Start Time,...` header and one value row, a
  blank (comma-only) row, then the participant table;
- the flattened form: meeting columns repeated on every participant row, so `User Email` and
  `Duration (Minutes)` each appear twice, first for the host and then for the participant. The
  2024–25 account-wide export is of this form (`Topic,Type,ID,Host name,Host email,...`) and
  holds many meetings, separated by comma-only rows (see meeting_groups.py).

Participant columns are therefore looked for after the name column first. The meeting's own
`User Email` (`Host email`) is the host's, which is how the host's rows get their role, along
with the ` (Host)` Zoom appends to the host's name: this export has no role column, and the
host must never be credited.
"""

from __future__ import annotations

import datetime as dt

from attendance.parsing import codes
from attendance.parsing.columns import Header, cell
from attendance.parsing.csv_rows import SHORT, Built, Draft, build, header_sample, row_times
from attendance.parsing.dates import DateSample, LocalClock
from attendance.parsing.locales import texts_for
from attendance.parsing.meeting_groups import Meeting, Meetings, choose
from attendance.parsing.names import read_name
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
    SkippedMeeting,
    Window,
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
_HOST_EMAILS = ("host email", *_EMAILS)
_MEETING_IDS = ("meeting id", "id")
_BLOCK_STARTS = frozenset({"meeting id", "topic", "id"})
# First letters of every text (in any language read) that starts a meeting block.
_BLOCK_INITIALS = frozenset(
    letter for text in texts_for(*_BLOCK_STARTS) for letter in (text[:1].lower(), text[:1].upper())
)

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
        self.host_email = _index_in(before, _HOST_EMAILS)
        self.meeting_id = _index_in(before, _MEETING_IDS)
        self.topic = _index_in(before, ("topic",))
        self.start = _index_in(before, ("start time",))
        self.per_row_meeting = any(
            index is not None for index in (self.meeting_id, self.topic, self.start)
        )
        self.join_header = header.keys[self.join]

    def repeats_header(self, cells: list[str]) -> bool:
        return header_key(cell(cells, self.join)) == self.join_header

    def draft(self, line: int, cells: list[str]) -> Draft | None:
        """The row's connection, or None when it has neither time."""
        times = row_times(cells, self.join, self.leave, line, self.source)
        if times is None:
            return None
        join_text, leave_text = times
        name = read_name(cells[self.name], renames=self.renames)
        guest = yes_no(cells[self.guest]) if self.has_guest else None
        return Draft(
            line,
            join_text,
            leave_text,
            name.name,
            name.original,
            email(cells[self.email]),
            name.role or ATTENDEE,
            yes_no(cells[self.waiting]) is True,
            True if name.guest else guest,
            {},
        )


def _index_in(keys: list[str], names: tuple[str, ...]) -> int | None:
    for name in names:
        if name in keys:
            return keys.index(name)
    return None


class _Collected:
    """What the rows of one file add up to, across any number of meetings."""

    def __init__(self) -> None:
        self.drafts: list[Draft] = []
        self.meetings = Meetings()
        self.header_dates: list[DateSample] = []
        self.topic = ""
        self.no_times: list[tuple[int, Meeting]] = []  # rows without either time
        self._starts: set[str] = set()
        self._block: Meeting | None = None  # from a "Meeting ID,Topic,..." block
        self._carried: Meeting | None = None  # flattened form: the rows above, to a blank row

    def meeting(self, found: _MeetingValues, line: int) -> None:
        meeting = self.meetings.get(found.meeting_id, found.topic, found.start, line)
        self.topic = self.topic or found.topic
        if found.host_email:
            meeting.host_emails.add(found.host_email)
        self.header_dates.extend(found.dates)
        self._block = meeting

    def blank(self) -> None:
        self._carried = None

    def row(self, columns: _Columns, line: int, cells: list[str]) -> None:
        if len(cells) != columns.header.absent + 1:
            cells = columns.header.fit(cells)
        draft = columns.draft(line, cells)
        meeting = self._meeting_of(columns, line, cells)
        if draft is None:
            self.no_times.append((line, meeting))
            return
        meeting.rows.append(len(self.drafts))
        self.drafts.append(draft)

    def _meeting_of(self, columns: _Columns, line: int, cells: list[str]) -> Meeting:
        if not columns.per_row_meeting:
            return self._block or self.meetings.get("", "", "", line)
        meeting_id = _digits(clean(cell(cells, columns.meeting_id)))
        topic = clean(cell(cells, columns.topic))
        start = clean(cell(cells, columns.start))
        if meeting_id or topic or start:
            meeting = self._carried = self.meetings.get(meeting_id, topic, start, line)
            self.topic = self.topic or topic
        else:
            # Only the first row of a meeting may carry its columns.
            meeting = self._carried or self._block or self.meetings.get("", "", "", line)
        if columns.host_email is not None:
            host = email(cells[columns.host_email])
            if host:
                meeting.host_emails.add(host)
        if start and start not in self._starts:
            # Every flattened row repeats its meeting's start; one sample per distinct text.
            self._starts.add(start)
            sample = header_sample(start, line, near_event=True)
            if sample:
                self.header_dates.append(sample)
        return meeting


def parse(
    records: list[Record],
    *,
    source: str,
    time_zone: str,
    event_date: dt.date,
    event_window: Window | None = None,
) -> ParsedReport:
    clock = LocalClock(time_zone, source=source)
    found = _read(records, source)
    drafts = found.drafts
    for meeting in found.meetings.with_rows():
        if meeting.host_emails:
            for index in meeting.rows:
                if drafts[index].email in meeting.host_emails:
                    drafts[index].role = HOST
    built = build(
        drafts,
        source=source,
        clock=clock,
        event_date=event_date,
        header_dates=found.header_dates,
    )
    meetings = found.meetings.with_rows()
    warnings: list[str] = []
    skipped_meetings: list[SkippedMeeting] = []
    if event_window is not None and len(meetings) > 1:
        choice = choose(meetings, built.rows, event_window, zone=clock.zone, source=source)
        _keep(built, choice.kept)
        meetings = choice.kept
        skipped_meetings = choice.skipped
        warnings.append(choice.warning)
    meeting_ids = list(dict.fromkeys(m.meeting_id for m in meetings if m.meeting_id))
    if len(meeting_ids) > 1:
        # Rows from several meetings: keep each row's meeting so staff can tell them apart.
        for meeting in meetings:
            for index in meeting.rows:
                if meeting.meeting_id:
                    built.rows[index].extra["meeting_id"] = meeting.meeting_id
        warnings.append(
            f"This file holds rows from {len(meeting_ids)} meetings "
            f"(IDs {', '.join(meeting_ids)}); they are imported together."
        )
    kept = {id(m) for m in meetings}
    skipped = [
        line for line, meeting in found.no_times if not skipped_meetings or id(meeting) in kept
    ]
    if skipped:
        warnings.append(
            f"{len(skipped)} {'row has' if len(skipped) == 1 else 'rows have'} no join or leave "
            f"time and {'was' if len(skipped) == 1 else 'were'} skipped (line "
            f"{', '.join(str(n) for n in skipped[:10])}{', …' if len(skipped) > 10 else ''})."
        )
    if not built.rows:
        warnings.append("Nobody joined according to this report: it has no connection rows.")
    return ParsedReport(
        format=MEETING_PARTICIPANTS_CSV,
        rows=built.rows,
        time_zone=time_zone,
        meeting_id=meeting_ids[0] if len(meeting_ids) == 1 else "",
        topic=next((m.topic for m in meetings if m.topic), found.topic),
        date_order=built.date_order,
        warnings=[*built.warnings, *warnings],
        skipped_meetings=skipped_meetings,
    )


def _read(records: list[Record], source: str) -> _Collected:
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
            found.blank()
            continue
        if block is not None:
            # The value row under a "Meeting ID,Topic,Start Time,..." header.
            found.meeting(_meeting_values(block, cells, line), line)
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
    return found


def _keep(built: Built, meetings: list[Meeting]) -> None:
    """Keep only these meetings' rows (in file order), renumbering each meeting's positions."""
    keep = sorted(index for meeting in meetings for index in meeting.rows)
    lines = {built.rows[index].line for index in keep}
    dropped_notes = {note for line, note in built.row_warnings.items() if line not in lines}
    position = {old: new for new, old in enumerate(keep)}
    built.rows = [built.rows[index] for index in keep]
    for meeting in meetings:
        meeting.rows = [position[index] for index in meeting.rows]
    built.warnings = [w for w in built.warnings if w not in dropped_notes]


def _starts_block(cells: list[str]) -> bool:
    # A second meeting's header block inside one file (several exports pasted together). The
    # first-letter test keeps this cheap on the tens of thousands of data rows.
    first = cells[0].lstrip()[:1] if cells else ""
    return first in _BLOCK_INITIALS and header_key(cells[0]) in _BLOCK_STARTS


class _MeetingValues:
    def __init__(
        self, meeting_id: str, topic: str, start: str, host_email: str, dates: list[DateSample]
    ) -> None:
        self.meeting_id = meeting_id
        self.topic = topic
        self.start = start
        self.host_email = host_email
        self.dates = dates


def _meeting_values(header: Header, cells: list[str], line: int) -> _MeetingValues:
    start = clean(cell(cells, header.find("start time")))
    end = clean(cell(cells, header.find("end time")))
    dates = []
    for text in (start, end):
        sample = header_sample(text, line, near_event=True) if text else None
        if sample:
            dates.append(sample)
    return _MeetingValues(
        meeting_id=_digits(clean(cell(cells, header.find(*_MEETING_IDS)))),
        topic=clean(cell(cells, header.find("topic"))),
        start=start,
        host_email=email(cell(cells, header.find(*_HOST_EMAILS))),
        dates=dates,
    )


def _digits(raw: str) -> str:
    digits = "".join(ch for ch in raw if ch.isdigit())
    return digits or raw
