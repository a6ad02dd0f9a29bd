"""What every attendance source becomes: connection rows, in UTC, kept as imported."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

# Roles as the report states them; only attendees are ever credited.
ATTENDEE = "attendee"
HOST = "host"
PANELIST = "panelist"

# The formats the importer recognises.
WEBINAR_ATTENDEE_CSV = "zoom_webinar_attendee_csv"
MEETING_PARTICIPANTS_CSV = "zoom_meeting_participants_csv"
REPORT_API_JSON = "zoom_report_api_json"
SIMULATED = "simulated"
FORMAT_LABELS = {
    WEBINAR_ATTENDEE_CSV: "Zoom webinar Attendee Report (CSV)",
    MEETING_PARTICIPANTS_CSV: "Zoom meeting participants export (CSV)",
    REPORT_API_JSON: "Zoom report API participants (JSON)",
    SIMULATED: "Simulated webinar room",
}

# In `RawConnection.extra`: the 2nd, 3rd, ... of rows that only minute precision made
# identical (a file whose seconds a spreadsheet dropped). Part of a row's identity.
OCCURRENCE = "occurrence"

# Why a meeting in a file holding several was not imported.
AT_ANOTHER_TIME = "at_another_time"
ANOTHER_MEETING_AT_THIS_TIME = "another_meeting_at_this_time"

Window = tuple[dt.datetime, dt.datetime]  # an event's start and end, aware


class ReportError(Exception):
    """A file the importer cannot use. `line` is 1-based (None when the whole file is at fault).

    The message is plain English for a staff member and says what to do instead where it can.
    """

    def __init__(
        self, code: str, message: str, *, line: int | None = None, source: str = ""
    ) -> None:
        where = (
            f"{source}, line {line}: "
            if line is not None and source
            else (f"Line {line}: " if line is not None else (f"{source}: " if source else ""))
        )
        super().__init__(f"{where}{message}")
        self.code = code
        self.message = message
        self.line = line
        self.source = source

    def __str__(self) -> str:
        return self.args[0]


@dataclass(frozen=True)
class RawConnection:
    """One connection row of a report: one join to one leave by one device."""

    source: str  # file name (or a provider's own record, e.g. "the simulated room")
    line: int  # 1-based line of the row in its file; for JSON, the 1-based row across all pages
    name: str  # display name in that row; for "New (Original)" renames, the new name
    original_name: str  # the name before a rename ("" when there was none)
    email: str  # lower-cased, "" when the report has none
    join: dt.datetime  # aware, UTC
    leave: dt.datetime  # aware, UTC, >= join
    registrant_id: str = ""
    participant_id: str = ""  # Zoom participant_user_id / id when given (per person, not per row)
    role: str = ATTENDEE
    in_waiting_room: bool = False
    breakout_room: str = ""  # bo_mtg_id when the row is inside a breakout room
    failover: bool = False
    phone_digits: str = ""  # digits of a dial-in number as shown (masked digits dropped)
    is_phone: bool = False  # a phone dial-in row ("Call-in User", a number as the name)
    is_guest: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)  # e.g. custom registration questions

    @property
    def identity(self) -> tuple[str, ...]:
        """What makes two readings of the same row the same row: parsing keeps one of rows
        with the same identity, and importing stores its hash (`Connection.identity_key`), so
        importing the same file again adds nothing. Changing it would change every stored key."""
        parts = (
            self.name,
            self.email,
            self.join.isoformat(),
            self.leave.isoformat(),
            self.registrant_id,
            self.role,
            self.breakout_room,
            "waiting" if self.in_waiting_room else "",
        )
        occurrence = self.extra.get(OCCURRENCE)
        # Rows that only minute precision made identical are told apart by their number.
        return (*parts, occurrence) if occurrence else parts


@dataclass(frozen=True)
class SkippedMeeting:
    """A meeting of an account-wide export that is not the event's, so none of its rows is read."""

    source: str
    meeting_id: str
    topic: str
    start: str  # the meeting's start as the file writes it ("" when it has none)
    rows: int
    reason: str  # AT_ANOTHER_TIME or ANOTHER_MEETING_AT_THIS_TIME


@dataclass
class ParsedReport:
    format: str
    rows: list[RawConnection]
    time_zone: str = ""  # the zone naive times were read in ("" for sources already in UTC)
    meeting_id: str = ""
    topic: str = ""
    date_order: str = ""  # "month_first" or "day_first" for CSV dates that could be either
    warnings: list[str] = field(default_factory=list)
    skipped_meetings: list[SkippedMeeting] = field(default_factory=list)
