"""Zoom's webinar Attendee Report CSV (reference §5.1): several tables stacked in one file.

    Attendee Report                         title (often comma-padded)
    Report Generated:,<time>
    Topic,Webinar ID,Actual Start Time,...  summary header, then one value row
    Host Details / Panelist Details / Attendee Details / Other Attended
                                            each a title, a header row and data rows

Hosts and panelists keep their role so they are never credited; "Other Attended" lists people
who joined without a matching registration (guests, dial-ins), so they are attendees whom the
importer must place by hand. A no-show is a row with "--" for its times and is skipped.
"""

from __future__ import annotations

import datetime as dt
import re

from attendance.parsing import codes
from attendance.parsing.columns import Header, cell
from attendance.parsing.csv_rows import SHORT, Draft, build, header_sample, row_times
from attendance.parsing.dates import DateSample, LocalClock, StampReader
from attendance.parsing.names import read_name
from attendance.parsing.text import (
    Record,
    clean,
    email,
    header_key,
    is_absent,
    yes_no,
)
from attendance.parsing.types import (
    ATTENDEE,
    HOST,
    PANELIST,
    WEBINAR_ATTENDEE_CSV,
    ParsedReport,
    ReportError,
)

OTHER_ATTENDED = "other_attended"
_SECTIONS = {
    "host details": (HOST, "Host Details"),
    "panelist details": (PANELIST, "Panelist Details"),
    "attendee details": (ATTENDEE, "Attendee Details"),
    "other attended": (ATTENDEE, "Other Attended"),
}
# A lone cell like these starts a section FullCredit does not read (a future "Poll Details").
_OTHER_TITLE = re.compile(r".*\b(details|report|attended|summary|information)", re.IGNORECASE)
_UPGRADED = "upgraded to panelist"  # an Approval Status: the registrant became a panelist
_NAMES = ("user name (original name)", "name (original name)", "user name", "name")
# Columns with a meaning of their own; every other named column in a section is a registration
# question (custom questions sit between "Is Guest" and "Country/Region Name") and goes to extra.
_STRUCTURAL = frozenset(
    {
        *_NAMES,
        "attended",
        "first name",
        "last name",
        "email",
        "user email",
        "registration time",
        "approval status",
        "join time",
        "leave time",
        "time in session (minutes)",
        "is guest",
        "guest",
        "country/region name",
        "country/region",
    }
)


class _Section:
    """One data section's header, read into column positions."""

    def __init__(self, role: str, title: str, header: Header, source: str) -> None:
        where = f"the {title} section"
        self.source = source
        self.header = header
        self.role = role
        self.title = title
        self.other = title == "Other Attended"
        self.join = header.require("Join Time", "join time", where=where, source=source)
        self.leave = header.require("Leave Time", "leave time", where=where, source=source)
        name = header.find(*_NAMES)
        self.renames = name is not None and header.keys[name].endswith("(original name)")
        first, last = header.find("first name"), header.find("last name")
        if name is None and first is None and last is None:
            raise ReportError(
                codes.MISSING_COLUMN,
                f"{where} has no User Name column (nor First Name and Last Name).",
                line=header.line,
                source=source,
            )
        self.name, self.first, self.last = header.at(name), header.at(first), header.at(last)
        self.has_first_last = first is not None or last is not None
        self.email = header.at(header.find("email", "user email"))
        guest = header.find("is guest", "guest")
        self.has_guest = guest is not None
        self.guest = header.at(guest)
        self.approval = header.at(header.find("approval status"))
        self.extra: list[tuple[str, int]] = []
        seen: set[str] = set()
        for index, (key, label) in enumerate(zip(header.keys, header.cells, strict=True)):
            if key and key not in _STRUCTURAL:
                name_, n = label, 1
                while name_ in seen:
                    n += 1
                    name_ = f"{label} ({n})"
                seen.add(name_)
                self.extra.append((name_, index))

    def draft(self, line: int, cells: list[str]) -> Draft | None:
        """The row's connection, or None for a no-show ("--" for both times).

        Runs once per row of reports with tens of thousands of rows, hence the fast paths for
        plain ASCII cells before the general clean-ups.
        """
        if len(cells) != self.header.absent + 1:
            cells = self.header.fit(cells)
        times = row_times(cells, self.join, self.leave, line, self.source)
        if times is None:
            return None
        join_text, leave_text = times
        read = read_name(cells[self.name], renames=self.renames)
        name, original = read.name, read.original
        if self.has_first_last and (not name or (len(name) < SHORT and is_absent(name))):
            name = " ".join(
                part
                for part in (clean(cells[self.first]), clean(cells[self.last]))
                if part and not is_absent(part)
            )
        role = self.role
        approval = cells[self.approval]
        if approval and approval.lstrip()[:1] in ("u", "U") and header_key(approval) == _UPGRADED:
            role = PANELIST
        if read.role and role == ATTENDEE:
            role = read.role
        extra = {}
        for label, index in self.extra:
            value = cells[index]
            extra[label] = value.strip() if value.isascii() else clean(value)
        if self.other:
            extra["section"] = OTHER_ATTENDED
        address = cells[self.email]
        if address.isascii() and len(address) > SHORT:
            address = address.strip().lower()
        else:
            address = email(address)
        return Draft(
            line,
            join_text,
            leave_text,
            name,
            original,
            address,
            role,
            False,
            True if read.guest else (yes_no(cells[self.guest]) if self.has_guest else None),
            extra,
            # "Other Attended" times are to the minute in Zoom's own export.
            not self.other,
        )


class _Order:
    """Where the report is in Zoom's fixed order of sections.

    Host Details, Panelist Details, Attendee Details, Other Attended: a section whose title is
    in a language FullCredit does not know takes its role from its place, so a host's or a
    panelist's rows are never read as an attendee's.
    """

    def __init__(self) -> None:
        self.seen: list[str] = []

    def known(self, title: str) -> None:
        self.seen.append(title)

    def unknown(self) -> tuple[str, str]:
        if "Attendee Details" in self.seen:
            found = (ATTENDEE, "Other Attended")
        elif not self.seen:
            found = (HOST, "Host Details")
        else:
            found = (PANELIST, "Panelist Details")
        self.seen.append(found[1])
        return found


def _untitled(text: str, records: list[Record], index: int) -> bool:
    """Whether a lone cell titles a connections table: the next filled row is its header.

    English titles FullCredit does not read ("Poll Details") are skipped elsewhere.
    """
    title = text.strip()
    # Checked in English too: a localised "Attendee Report" is a title, not a section's.
    if not title or any(_OTHER_TITLE.fullmatch(t) for t in (title, header_key(title))):
        return False
    if StampReader().read(title):
        return False
    for _, cells in records[index + 1 : index + 3]:
        if any(c.strip() for c in cells):
            header = Header(cells, 0)
            return header.has("join time") and header.has("leave time")
    return False


class _Ignored:
    def __init__(self, title: str, line: int) -> None:
        self.title = title
        self.line = line


def parse(
    records: list[Record], *, source: str, time_zone: str, event_date: dt.date
) -> ParsedReport:
    clock = LocalClock(time_zone, source=source)
    drafts: list[Draft] = []
    header_dates: list[DateSample] = []
    warnings: list[str] = []
    topic = meeting_id = ""
    summary: Header | None = None
    summary_read = False
    pending: tuple[str, str] | None = None  # a section title whose header row comes next
    section: _Section | _Ignored | None = None
    sections = _Order()
    no_shows = 0
    for index, (line, cells) in enumerate(records):
        if isinstance(section, _Section) and len(cells) > 1 and cells[0] and cells[1]:
            # The common case, tens of thousands of times: a data row (titles fill one cell).
            draft = section.draft(line, cells)
            if draft is None:
                no_shows += 1
            else:
                drafts.append(draft)
            continue
        filled = [c for c in cells if c.strip()]
        if not filled:
            continue
        first = header_key(cells[0])
        if first.startswith("report generated"):
            value = next((c for c in cells[1:] if c.strip()), "")
            sample = header_sample(value, line, near_event=False)
            if sample:
                header_dates.append(sample)
            continue
        if len(filled) == 1 and first in _SECTIONS:
            pending, section = _SECTIONS[first], None
            sections.known(pending[1])
            continue
        if len(filled) == 1 and _untitled(cells[0], records, index):
            pending, section = sections.unknown(), None
            warnings.append(
                f"Line {line}: FullCredit does not know the section title "
                f"{clean(cells[0])!r}; by its place in the report it read it as the "
                f"{pending[1]} section."
            )
            continue
        if pending is not None:
            section, pending = _Section(*pending, Header(cells, line), source), None
            continue
        if section is None:
            header = Header(cells, line)
            if header.has("join time") and header.has("leave time"):
                # A header row with no title above it: read it as the attendees' table.
                section = _Section(ATTENDEE, "Attendee Details", header, source)
            elif summary is None and header.has("topic"):
                summary = header
            elif summary is not None and not summary_read:
                summary_read = True
                topic, meeting_id, start = _summary(summary, cells, line)
                if start:
                    header_dates.append(start)
            continue
        if len(filled) == 1 and cells[0].strip() and _OTHER_TITLE.fullmatch(cells[0].strip()):
            section = _Ignored(clean(cells[0]), line)
            warnings.append(
                f"Line {line}: FullCredit skipped the {section.title!r} section; only the host, "
                "panelist, attendee and Other Attended sections hold attendance."
            )
            continue
        if isinstance(section, _Ignored):
            continue
        draft = section.draft(line, cells)
        if draft is None:
            no_shows += 1
        else:
            drafts.append(draft)

    built = build(
        drafts, source=source, clock=clock, event_date=event_date, header_dates=header_dates
    )
    if not built.rows:
        warnings.append(
            f"Nobody joined according to this report ({no_shows} "
            f"{'registrant' if no_shows == 1 else 'registrants'} listed without join times)."
        )
    return ParsedReport(
        format=WEBINAR_ATTENDEE_CSV,
        rows=built.rows,
        time_zone=time_zone,
        meeting_id=meeting_id,
        topic=topic,
        date_order=built.date_order,
        warnings=[*built.warnings, *warnings],
    )


def _summary(header: Header, cells: list[str], line: int) -> tuple[str, str, DateSample | None]:
    topic = clean(cell(cells, header.find("topic")))
    raw_id = clean(cell(cells, header.find("webinar id", "meeting id", "id")))
    # Zoom prints "847 5984 1045" (2025) or "328-972-509" (2020); the number is the ID.
    digits = "".join(ch for ch in raw_id if ch.isdigit())
    start_text = clean(cell(cells, header.find("actual start time", "start time")))
    start = header_sample(start_text, line, near_event=True) if start_text else None
    return topic, digits or raw_id, start
