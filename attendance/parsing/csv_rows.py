"""Turning the connection rows both CSV layouts yield into RawConnections.

The layouts differ in where things are; what a row means is the same, so the date handling, the
DST choices, the dial-in recognition and the row checks live here once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from attendance.parsing import codes
from attendance.parsing.connection import new_connection
from attendance.parsing.dates import (
    NUMERIC,
    DateSample,
    LocalClock,
    NonexistentTime,
    Stamp,
    StampReader,
    is_time_only,
    naive,
    resolve_order,
)
from attendance.parsing.phones import NOT_PHONE, DialIn, dial_in
from attendance.parsing.text import is_absent
from attendance.parsing.types import ATTENDEE, OCCURRENCE, RawConnection, ReportError

_NEAR_EVENT_DAYS = 1  # CSV dates are local, so an evening event's rows stay on its date


@dataclass(slots=True)
class Draft:
    """A connection row as found in the file, times still as written."""

    line: int
    join_text: str
    leave_text: str
    name: str
    original_name: str = ""
    email: str = ""
    role: str = ATTENDEE
    in_waiting_room: bool = False
    is_guest: bool | None = None
    extra: dict[str, str] = field(default_factory=dict)
    # Zoom writes this row's times to the second (all but the webinar's "Other Attended").
    seconds_expected: bool = True


@dataclass
class Built:
    rows: list[RawConnection]
    warnings: list[str]
    date_order: str
    # The warnings that are about one row, by line, so a caller dropping rows can drop them.
    row_warnings: dict[int, str] = field(default_factory=dict)


# Longer than any "--"/"NA" marker (padding included), shorter than any timestamp.
SHORT = 12


def row_times(
    cells: list[str], join: int, leave: int, line: int, source: str
) -> tuple[str, str] | None:
    """The row's join and leave texts; None for a no-show (neither time); refused if only one."""
    join_text, leave_text = cells[join], cells[leave]
    # Real times are long; only short cells can be a no-show's marker.
    if (len(join_text) < SHORT or len(leave_text) < SHORT) and (
        is_absent(join_text) or is_absent(leave_text)
    ):
        if is_absent(join_text) and is_absent(leave_text):
            return None
        raise ReportError(
            codes.MISSING_TIME,
            f"the row has no {'Join Time' if is_absent(join_text) else 'Leave Time'}, but "
            "has the other time.",
            line=line,
            source=source,
        )
    return join_text, leave_text


def bad_date(label: str, text: str, line: int, source: str) -> ReportError:
    if is_time_only(text):
        return ReportError(
            codes.BAD_DATE,
            f"the {label} {text!r} is a time without a date, so FullCredit cannot tell which "
            "day it is on. Zoom's Dashboard export writes times like this; export Reports → "
            "Usage → Participants (or, for a webinar, Reports → Webinar → Attendee Report) "
            "instead.",
            line=line,
            source=source,
        )
    return ReportError(
        codes.BAD_DATE,
        f"the {label} {text!r} is not a date FullCredit recognises.",
        line=line,
        source=source,
    )


def header_sample(text: str, line: int, *, near_event: bool) -> DateSample | None:
    """A date from a report's summary (start time, generation time) that informs date order."""
    stamp = StampReader().read(text)
    return None if stamp is None else DateSample(text, stamp, line, near_event)


def build(
    drafts: list[Draft],
    *,
    source: str,
    clock: LocalClock,
    event_date: dt.date,
    header_dates: list[DateSample],
) -> Built:
    # Work per distinct time text, not per row: a 40,000-row report has far fewer distinct
    # times, and each is read, ordered and converted once. Errors name the first line with it.
    join_lines: dict[str, int] = {}
    leave_lines: dict[str, int] = {}
    for draft in drafts:
        join_lines.setdefault(draft.join_text, draft.line)
        leave_lines.setdefault(draft.leave_text, draft.line)
    join_stamps = _read_stamps(join_lines, "Join Time", source)
    leave_stamps = _read_stamps(leave_lines, "Leave Time", source)
    numeric = [
        DateSample(text, stamp, lines[text], True)
        for stamps, lines in ((join_stamps, join_lines), (leave_stamps, leave_lines))
        for text, stamp in stamps.items()
        if stamp.kind == NUMERIC
    ]
    order, warnings = resolve_order([*header_dates, *numeric], event_date, source=source)
    join_walls = _walls(join_stamps, join_lines, order, "Join Time", source)
    leave_walls = _walls(leave_stamps, leave_lines, order, "Leave Time", source)
    joins = _placed(join_walls, join_lines, clock, "Join Time", source)
    leaves = _placed(leave_walls, leave_lines, clock, "Leave Time", source)

    seconds_dropped = _seconds_dropped(drafts, join_stamps, leave_stamps)
    if seconds_dropped:
        warnings.append(SECONDS_DROPPED)
    phones: dict[str, DialIn] = {}
    rows: list[RawConnection] = []
    row_warnings: dict[int, str] = {}
    for draft in drafts:
        join, join_again = joins[draft.join_text]
        leave, leave_again = leaves[draft.leave_text]
        if join_again is not None or leave_again is not None:
            leave, note = _choose_fold(draft, clock, join, join_again, leave, leave_again)
            warnings.append(note)
            row_warnings[draft.line] = note
        if join > leave:
            raise ReportError(
                codes.JOIN_AFTER_LEAVE,
                f"the Join Time {draft.join_text!r} is after the Leave Time {draft.leave_text!r}.",
                line=draft.line,
                source=source,
            )
        phone = NOT_PHONE
        if not draft.email:
            phone = _phone(draft.name, phones)
            if not phone.is_phone and draft.original_name:
                phone = _phone(draft.original_name, phones)
            if phone.masked:
                draft.extra["phone_masked"] = "yes"
        rows.append(
            new_connection(
                source=source,
                line=draft.line,
                name=draft.name,
                original_name=draft.original_name,
                email=draft.email,
                join=join,
                leave=leave,
                role=draft.role,
                in_waiting_room=draft.in_waiting_room,
                phone_digits=phone.digits,
                is_phone=phone.is_phone,
                is_guest=draft.is_guest,
                extra=draft.extra,
            )
        )
    if seconds_dropped:
        _number_repeats(rows)
    far = far_from_event({wall.date() for wall in join_walls.values()}, event_date)
    if far:
        warnings.append(far)
    return Built(rows, warnings, order, row_warnings)


SECONDS_DROPPED = (
    "The join and leave times in this file have no seconds, but Zoom writes them to the "
    "second: the file was probably opened and saved again in a spreadsheet. Each join and "
    "leave may be off by up to 59 seconds, which can decide whether someone attended in full. "
    "Export the report from Zoom again and import it without opening it in a spreadsheet."
)


def _seconds_dropped(
    drafts: list[Draft], joins: dict[str, Stamp], leaves: dict[str, Stamp]
) -> bool:
    """Whether times Zoom writes to the second were all cut to the minute.

    Zoom's own minute-precision times (the webinar's "Other Attended", the summaries) are
    12-hour ("Mar 22, 2025 7:13 PM"); a spreadsheet re-saves them 24-hour ("9/24/20 13:30").
    """
    seen = False
    twenty_four = False
    for draft in drafts:
        if not draft.seconds_expected:
            continue
        for stamp in (joins[draft.join_text], leaves[draft.leave_text]):
            if stamp.with_seconds:
                return False
            seen = True
            twenty_four = twenty_four or not stamp.twelve_hour
    return seen and twenty_four


def _number_repeats(rows: list[RawConnection]) -> None:
    """Keep apart rows that minute precision made identical: each is a connection of its own.

    A file cut to the minute can show two devices that joined and left within the same
    minutes as the same row twice. The second and later get an occurrence number, which is
    part of a row's identity, so neither parsing nor importing takes them for one row.
    """
    counts: dict[tuple, int] = {}
    for row in rows:
        key = row.identity
        seen = counts.get(key, 0) + 1
        counts[key] = seen
        if seen > 1:
            row.extra[OCCURRENCE] = str(seen)


def _read_stamps(lines: dict[str, int], label: str, source: str) -> dict[str, Stamp]:
    reader = StampReader()
    stamps = {}
    for text, line in lines.items():
        stamp = reader.read(text)
        if stamp is None:
            raise bad_date(label, text, line, source)
        stamps[text] = stamp
    return stamps


def _walls(
    stamps: dict[str, Stamp], lines: dict[str, int], order: str, label: str, source: str
) -> dict[str, dt.datetime]:
    walls = {}
    for text, stamp in stamps.items():
        try:
            walls[text] = naive(stamp, order)
        except ValueError:
            raise bad_date(label, text, lines[text], source) from None
    return walls


def _placed(
    walls: dict[str, dt.datetime], lines: dict[str, int], clock: LocalClock, label: str, source: str
) -> dict[str, tuple[dt.datetime, dt.datetime | None]]:
    placed = {}
    for text, wall in walls.items():
        try:
            placed[text] = clock.place(wall)
        except NonexistentTime:
            raise ReportError(
                codes.NONEXISTENT_LOCAL_TIME,
                f"the {label} {text!r} never happened in {clock.name}: the clocks sprang "
                "forward over it that night. Check that the report was exported in "
                f"{clock.name}, or choose the zone it was exported in.",
                line=lines[text],
                source=source,
            ) from None
    return placed


def _phone(name: str, cache: dict[str, DialIn]) -> DialIn:
    try:
        return cache[name]
    except KeyError:
        found = cache[name] = dial_in(name)
        return found


def _choose_fold(
    draft: Draft,
    clock: LocalClock,
    join: dt.datetime,
    join_again: dt.datetime | None,
    leave: dt.datetime,
    leave_again: dt.datetime | None,
) -> tuple[dt.datetime, str]:
    """The leave time to use for a row touching the repeated hour, and the warning to give.

    Each time is read as its first occurrence unless the row itself proves otherwise. Only the
    leave time can be proved to be the second one (a first-occurrence leave before the join);
    the join time's first occurrence is always the earlier, so the row can never rule it out.
    """
    texts = []
    if join_again is not None:
        texts.append(f"the Join Time {draft.join_text!r}")
    if leave_again is not None:
        texts.append(f"the Leave Time {draft.leave_text!r}")
    happens = (
        f"Line {draft.line}: {' and '.join(texts)} "
        f"{'happen' if len(texts) > 1 else 'happens'} twice in {clock.name} (the clocks go back "
        "that night); "
    )
    if leave_again is not None and leave < join <= leave_again:
        return leave_again, (
            f"{happens}FullCredit read the Leave Time as the second one "
            f"({clock.offset_label(leave_again)}), because the first is before the Join Time."
        )
    first = join if join_again is not None else leave
    return leave, (
        f"{happens}FullCredit read {'them' if len(texts) > 1 else 'it'} as the first "
        f"({clock.offset_label(first)})."
    )


def far_from_event(dates: set[dt.date], event_date: dt.date) -> str:
    """A warning when no connection is on (or beside) the event's date: likely the wrong file."""
    if not dates or any(abs((d - event_date).days) <= _NEAR_EVENT_DAYS for d in dates):
        return ""
    first, last = min(dates), max(dates)
    span = first.isoformat() if first == last else f"{first.isoformat()} to {last.isoformat()}"
    return (
        f"The connections in this report are on {span}, but the event is on "
        f"{event_date.isoformat()}: check that this is the report for this event."
    )
