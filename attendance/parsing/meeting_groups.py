"""Several meetings in one meeting export, and choosing the event's meeting by time.

Reports → Usage → Participants can export a whole account's meetings at once: the 2024–25
export writes them one after another, separated by comma-only rows, with the meeting's columns
on each participant row. An event is one meeting, so the meeting whose connections overlap the
event's window most is read; its other starts (a host who restarts a meeting makes a second
instance with the same ID) are read with it; every other meeting is skipped and reported, so a
staff member can see what was left out and why.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from attendance.parsing import codes
from attendance.parsing.types import (
    ANOTHER_MEETING_AT_THIS_TIME,
    AT_ANOTHER_TIME,
    RawConnection,
    ReportError,
    SkippedMeeting,
    Window,
)

_LISTED = 5  # meetings named in a message; the parsed report lists them all


@dataclass(eq=False)
class Meeting:
    meeting_id: str
    topic: str
    start: str  # as written in the file
    line: int  # where it first appears
    host_emails: set[str] = field(default_factory=set)
    rows: list[int] = field(default_factory=list)  # positions in the file's connection rows

    @property
    def identity(self) -> str:
        """What the instances of one meeting share: its ID (else its topic)."""
        return self.meeting_id or self.topic

    def label(self, *, with_start: bool = True) -> str:
        parts = [f"meeting {self.meeting_id}" if self.meeting_id else "a meeting"]
        if self.topic:
            parts.append(f"“{self.topic}”")
        if self.start and with_start:
            parts.append(f"(started {self.start})")
        return " ".join(parts)


class Meetings:
    """The meetings of one file, in the order they first appear."""

    def __init__(self) -> None:
        self._by_key: dict[tuple[str, str, str], Meeting] = {}

    def get(self, meeting_id: str, topic: str, start: str, line: int) -> Meeting:
        key = (meeting_id, "" if meeting_id else topic, start)
        found = self._by_key.get(key)
        if found is None:
            found = self._by_key[key] = Meeting(meeting_id, topic, start, line)
        elif topic and not found.topic:
            found.topic = topic
        return found

    def with_rows(self) -> list[Meeting]:
        return [meeting for meeting in self._by_key.values() if meeting.rows]


@dataclass
class Choice:
    kept: list[Meeting]
    skipped: list[SkippedMeeting]
    warning: str


def choose(
    meetings: list[Meeting],
    rows: list[RawConnection],
    window: Window,
    *,
    zone: ZoneInfo,
    source: str,
) -> Choice:
    """The meeting at the event's time (with its other instances), and the meetings skipped."""
    start, end = window
    overlaps = {id(m): _overlap(m, rows, start, end) for m in meetings}
    at_this_time = [m for m in meetings if overlaps[id(m)] > 0]
    if not at_this_time:
        raise ReportError(
            codes.NO_MATCHING_MEETING,
            f"this file holds {len(meetings)} meetings and none of them is at this event's "
            f"time ({_window_text(window, zone)}): {_listing(meetings)}. Export the "
            "participants of the event's own meeting, or check the event's date and time.",
            source=source,
        )
    totals: dict[str, float] = {}
    for meeting in at_this_time:
        totals[meeting.identity] = totals.get(meeting.identity, 0.0) + overlaps[id(meeting)]
    best = max(totals, key=lambda identity: totals[identity])  # the first of equals
    kept = [m for m in at_this_time if m.identity == best]
    skipped = [
        SkippedMeeting(
            source=source,
            meeting_id=m.meeting_id,
            topic=m.topic,
            start=m.start,
            rows=len(m.rows),
            reason=ANOTHER_MEETING_AT_THIS_TIME if overlaps[id(m)] > 0 else AT_ANOTHER_TIME,
        )
        for m in meetings
        if m not in kept
    ]
    return Choice(kept, skipped, _warning(meetings, kept, skipped))


def _overlap(
    meeting: Meeting, rows: list[RawConnection], start: dt.datetime, end: dt.datetime
) -> float:
    first = min(rows[i].join for i in meeting.rows)
    last = max(rows[i].leave for i in meeting.rows)
    return max(0.0, (min(last, end) - max(first, start)).total_seconds())


def _warning(meetings: list[Meeting], kept: list[Meeting], skipped: list[SkippedMeeting]) -> str:
    read = kept[0].label()
    if len(kept) > 1:
        starts = ", ".join(m.start for m in kept if m.start)
        read = f"{kept[0].label(with_start=False)}, started {len(kept)} times ({starts})"
    if not skipped:
        return f"This file holds {read}; the rows of every start are read together."
    other_time = sum(1 for s in skipped if s.reason == AT_ANOTHER_TIME)
    same_time = len(skipped) - other_time
    why = []
    if other_time:
        why.append(f"{other_time} at {'another time' if other_time == 1 else 'other times'}")
    if same_time:
        why.append(f"{same_time} during this event but overlapping it less")
    rows = sum(s.rows for s in skipped)
    names = "; ".join(_skipped_label(s) for s in skipped[:_LISTED])
    more = f"; and {len(skipped) - _LISTED} more" if len(skipped) > _LISTED else ""
    return (
        f"This file holds {len(meetings)} meetings. FullCredit read {read}, the one at this "
        f"event's time, and skipped the other {len(skipped)} ({' and '.join(why)}; "
        f"{rows} {'row' if rows == 1 else 'rows'}): {names}{more}."
    )


def _skipped_label(skipped: SkippedMeeting) -> str:
    return Meeting(skipped.meeting_id, skipped.topic, skipped.start, 0).label()


def _listing(meetings: list[Meeting]) -> str:
    names = "; ".join(m.label() for m in meetings[:_LISTED])
    more = f"; and {len(meetings) - _LISTED} more" if len(meetings) > _LISTED else ""
    return names + more


def _window_text(window: Window, zone: ZoneInfo) -> str:
    start, end = (moment.astimezone(zone) for moment in window)
    end_text = f"{end:%H:%M}" if end.date() == start.date() else f"{end:%Y-%m-%d %H:%M}"
    return f"{start:%Y-%m-%d %H:%M}–{end_text} {zone.key}"
