"""Reading the timestamps Zoom's CSV exports contain and placing them on the UTC time line.

CSV times carry no zone (they are in the exporting user's profile zone) and their form depends on
the report version and the locale (reference §5.4):

    Mar 22, 2025 19:13:27      Mar 22, 2025 7:13 PM      Apr 09, 2020 8:50 PM
    11/19/2021 9:54:15 AM      08/09/2026 02:31:08 PM    15/08/2022 01:27      2026-09-03 18:00:00

and, from exports made in the portal's other languages, year-first and localised forms:

    2020/12/8 8:35             2020/10/15 10:30:15 AM    10월 15, 2024 10:30:15    15 ott 2024 10:30

Each form is read by one compiled pattern rather than by trying `strptime` formats cell by cell:
a report has tens of thousands of cells, so each column remembers which family matched last and
tries it first, and each distinct cell text is read once. Numeric dates are only split into day
and month after the whole file has been seen, because a single `05/06/2026` cannot say which
order it uses; `resolve_order` decides from every date in the file and the event's date.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from attendance.parsing import codes
from attendance.parsing.locales import MONTHS as LOCALISED_MONTHS
from attendance.parsing.types import ReportError

MONTH_FIRST = "month_first"
DAY_FIRST = "day_first"

NAMED = "named"  # Mar 22, 2025 ...: unambiguous
NUMERIC = "numeric"  # 11/09/2026 ...: day and month order depends on the locale
ISO = "iso"  # 2026-09-03 18:00:00: unambiguous

_MONTH_NAMES = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]
_MONTHS = {name: n for n, name in enumerate(_MONTH_NAMES, 1)}
_MONTHS.update({name[:3]: n for n, name in enumerate(_MONTH_NAMES, 1)})
_MONTHS["sept"] = 9
_MONTHS.update(LOCALISED_MONTHS)

# Korean and Japanese write the half of the day as a word, before or after the clock.
_EAST_AM = frozenset({"오전", "午前"})
_HALF_WORD = "오전|오후|午前|午後"
_CLOCK = (
    rf"(?:(?P<pre>{_HALF_WORD})\s*)?"
    r"(?P<hour>\d{1,2}):(?P<minute>\d{2})(?::(?P<sec>\d{2})(?:\.\d+)?)?"
    rf"(?:\s*(?:(?P<ampm>[AaPp])\.?\s?[Mm]\.?|(?P<post>{_HALF_WORD})))?"
)
_LETTERS = r"[^\W\d_]{3,10}"
_NAMED_RE = re.compile(
    rf"(?P<month>{_LETTERS})\.?\s+(?P<day>\d{{1,2}}),?\s+(?P<year>\d{{4}}),?\s+{_CLOCK}"
)
# "15 ott 2024 10:30", "15. Okt. 2024 10:30:15", "15 de octubre de 2024 10:30".
_DAY_NAMED_RE = re.compile(
    rf"(?P<day>\d{{1,2}})\.?\s+(?:de\s+)?(?P<month>{_LETTERS})\.?,?\s+(?:de\s+)?"
    rf"(?P<year>\d{{4}}),?\s+{_CLOCK}"
)
# Korean webinar reports: "10월 15, 2024 ...".
_KOREAN_RE = re.compile(
    rf"(?P<month>\d{{1,2}})\s*월\s*(?P<day>\d{{1,2}})\s*일?,?\s+(?P<year>\d{{4}})\s*년?,?\s+"
    rf"{_CLOCK}"
)
_NUMERIC_RE = re.compile(
    rf"(?P<a>\d{{1,2}})(?P<sep>[/.\-])(?P<b>\d{{1,2}})(?P=sep)(?P<year>\d{{4}}|\d{{2}}),?\s+{_CLOCK}"
)
# Year first: ISO, and the Japanese and Korean "2020/12/8 8:35", "2020/10/15 10:30:15 AM".
_ISO_RE = re.compile(
    rf"(?P<year>\d{{4}})(?P<sep>[-/.])(?P<a>\d{{1,2}})(?P=sep)(?P<b>\d{{1,2}})(?:T|\s+){_CLOCK}"
)


class Stamp(NamedTuple):
    """A timestamp as written, before the day/month order is known.

    For NAMED and ISO stamps `a` is the month and `b` the day; for NUMERIC ones they are the
    first and second numbers of the date, whichever those turn out to be. `with_seconds` and
    `twelve_hour` say how the clock was written, which tells a spreadsheet's re-save apart
    from Zoom's own minute-precision times.
    """

    kind: str
    year: int
    a: int
    b: int
    hour: int
    minute: int
    second: int
    with_seconds: bool = True
    twelve_hour: bool = False


class _Clock(NamedTuple):
    hour: int
    minute: int
    second: int
    with_seconds: bool
    twelve_hour: bool


def _clock(match: re.Match[str]) -> _Clock | None:
    hour, minute = int(match["hour"]), int(match["minute"])
    written = match["sec"]
    second = int(written or 0)
    letter = match["ampm"]
    word = match["pre"] or match["post"]
    if letter or word:
        if not 1 <= hour <= 12:
            return None
        afternoon = letter in ("P", "p") if letter else word not in _EAST_AM
        hour = hour % 12 + (12 if afternoon else 0)
    if hour > 23 or minute > 59 or second > 59:
        return None
    return _Clock(hour, minute, second, written is not None, bool(letter or word))


def _month_named(regex: re.Pattern[str], text: str) -> Stamp | None:
    match = regex.fullmatch(text)
    if match is None:
        return None
    month = _MONTHS.get(match["month"].casefold())
    clock = _clock(match)
    if month is None or clock is None:
        return None
    return Stamp(NAMED, int(match["year"]), month, int(match["day"]), *clock)


def _named(text: str) -> Stamp | None:
    return _month_named(_NAMED_RE, text)


def _day_named(text: str) -> Stamp | None:
    return _month_named(_DAY_NAMED_RE, text)


def _korean(text: str) -> Stamp | None:
    match = _KOREAN_RE.fullmatch(text)
    if match is None:
        return None
    clock = _clock(match)
    if clock is None:
        return None
    return Stamp(NAMED, int(match["year"]), int(match["month"]), int(match["day"]), *clock)


def _numeric(text: str) -> Stamp | None:
    match = _NUMERIC_RE.fullmatch(text)
    if match is None:
        return None
    clock = _clock(match)
    if clock is None:
        return None
    year = int(match["year"])
    # Excel re-saves may shorten the year; reports of this century are the only ones in scope.
    year = year + 2000 if year < 100 else year
    return Stamp(NUMERIC, year, int(match["a"]), int(match["b"]), *clock)


def _iso(text: str) -> Stamp | None:
    # Year-first dates are year-month-day in every locale that writes them (none writes
    # year-day-month), so they need no order from the rest of the file.
    match = _ISO_RE.fullmatch(text)
    if match is None:
        return None
    clock = _clock(match)
    if clock is None:
        return None
    return Stamp(ISO, int(match["year"]), int(match["a"]), int(match["b"]), *clock)


_TIME_ONLY_RE = re.compile(_CLOCK)


def is_time_only(text: str) -> bool:
    """A clock time with no date ("04:53 PM"), as the Dashboard's participant export writes."""
    return _TIME_ONLY_RE.fullmatch(text.strip()) is not None


_FAMILIES: list[Callable[[str], Stamp | None]] = [_named, _numeric, _iso, _day_named, _korean]


class StampReader:
    """Reads one column's timestamps, trying first the family that matched last.

    One compiled pattern per family, not `strptime` format by format: a report has tens of
    thousands of times, nearly all in the column's one format. Callers pass each distinct text
    once.
    """

    def __init__(self) -> None:
        self._families = list(_FAMILIES)

    def read(self, text: str) -> Stamp | None:
        text = text.strip()
        for index, family in enumerate(self._families):
            stamp = family(text)
            if stamp is not None:
                if index:
                    self._families.insert(0, self._families.pop(index))
                return stamp
        return None


def naive(stamp: Stamp, order: str) -> dt.datetime:
    """The wall-clock time a stamp names; ValueError for an impossible date such as Mar 32."""
    if stamp.kind == NUMERIC and order == DAY_FIRST:
        month, day = stamp.b, stamp.a
    else:
        month, day = stamp.a, stamp.b
    return dt.datetime(stamp.year, month, day, stamp.hour, stamp.minute, stamp.second)


class DateSample(NamedTuple):
    text: str  # as written, for messages
    stamp: Stamp
    line: int
    near_event: bool  # should be close to the event date (connection times, the start time)


def resolve_order(
    samples: Iterable[DateSample], event_date: dt.date, *, source: str
) -> tuple[str, list[str]]:
    """Which order the file's numeric dates use: (MONTH_FIRST | DAY_FIRST | "", warnings).

    A number above 12 settles the order; two settled dates that disagree mean the file was
    edited or merged from different locales, and no reading of it can be trusted. Otherwise the
    order that puts the dates nearest the event wins, and on a tie month-first is assumed (it is
    Zoom's US default) with a warning.
    """
    day_first: DateSample | None = None
    month_first: DateSample | None = None
    near: dict[tuple[int, int, int], DateSample] = {}
    numeric = False
    for sample in samples:
        stamp = sample.stamp
        if stamp.kind != NUMERIC:
            continue
        numeric = True
        if stamp.a > 12 and stamp.b <= 12:
            if day_first is None or sample.line < day_first.line:
                day_first = sample
        elif (
            stamp.b > 12
            and stamp.a <= 12
            and (month_first is None or sample.line < month_first.line)
        ):
            month_first = sample
        if sample.near_event:
            near.setdefault((stamp.year, stamp.a, stamp.b), sample)
    if day_first and month_first:
        later, earlier = sorted([day_first, month_first], key=lambda s: s.line, reverse=True)
        raise ReportError(
            codes.INCONSISTENT_DATES,
            f"the date {later.text!r} can only be read "
            f"{_order_words(later is day_first)}, but line {earlier.line} has "
            f"{earlier.text!r}, which can only be read {_order_words(earlier is day_first)}. "
            "The file mixes date orders, so FullCredit cannot tell which dates are right; export "
            "the report from Zoom again and import it without editing it in a spreadsheet.",
            line=later.line,
            source=source,
        )
    if day_first:
        return DAY_FIRST, []
    if month_first:
        return MONTH_FIRST, []
    if not numeric:
        return "", []
    if not near:
        # Only dates far from the event (such as "Report Generated"), none of them settled, and
        # none that is used: either order reads the connection times the same.
        return MONTH_FIRST, []
    month_distance = _distance(near, MONTH_FIRST, event_date)
    day_distance = _distance(near, DAY_FIRST, event_date)
    if day_distance < month_distance:
        return DAY_FIRST, []
    if month_distance < day_distance or all(a == b for _, a, b in near):
        return MONTH_FIRST, []
    example = next(iter(near.values()))
    reading = naive(example.stamp, MONTH_FIRST).date()
    return MONTH_FIRST, [
        f"The dates in this file (such as {example.text!r} on line {example.line}) could be "
        f"month-first or day-first, and neither reading is nearer the event date "
        f"({event_date.isoformat()}). FullCredit read them month-first ({example.text!r} as "
        f"{reading:%B} {reading.day}, {reading.year}); if that is wrong, the import is for the "
        "wrong day."
    ]


def _order_words(is_day_first: bool) -> str:
    return "day-first" if is_day_first else "month-first"


def _distance(
    dates: dict[tuple[int, int, int], DateSample], order: str, event_date: dt.date
) -> float:
    farthest = 0.0
    for sample in dates.values():
        try:
            day = naive(sample.stamp, order).date()
        except ValueError:
            return float("inf")
        farthest = max(farthest, abs((day - event_date).days))
    return farthest


class NonexistentTime(Exception):
    """A wall-clock time the zone skipped (clocks sprang forward over it)."""


class LocalClock:
    """Turns naive wall-clock times of one IANA zone into UTC, DST-correctly.

    `place` returns both readings of a time the zone passes twice (the hour repeated when clocks
    go back), so the caller can choose with the help of the rest of the row.
    """

    def __init__(self, zone_name: str, *, source: str = "") -> None:
        try:
            self.zone = ZoneInfo(zone_name)
        # OSError: a name too long to be a file name under the zone database.
        except (ZoneInfoNotFoundError, ValueError, TypeError, OSError):
            raise ReportError(
                codes.TIME_ZONE_UNKNOWN,
                f"{zone_name[:64]!r} is not a time zone FullCredit knows; use a name such as "
                "America/New_York.",
                source=source,
            ) from None
        self.name = zone_name
        # Offsets only change on whole minutes, so one lookup per minute serves every second:
        # each minute maps to the UTC instant(s) it starts at, or None if the zone skipped it.
        self._minutes: dict[dt.datetime, tuple[dt.datetime, dt.datetime | None] | None] = {}

    def place(self, wall: dt.datetime) -> tuple[dt.datetime, dt.datetime | None]:
        """(UTC of the first occurrence, UTC of the second or None); NonexistentTime in a gap."""
        minute = wall.replace(second=0, microsecond=0)
        try:
            starts = self._minutes[minute]
        except KeyError:
            starts = self._minutes[minute] = self._starts(minute)
        if starts is None:
            raise NonexistentTime(wall)
        first, second = starts
        into_minute = wall - minute
        return first + into_minute, (None if second is None else second + into_minute)

    def offset_label(self, instant: dt.datetime) -> str:
        """'EST, UTC-05:00' for an instant, as the zone shows it."""
        local = instant.astimezone(self.zone)
        offset = local.utcoffset() or dt.timedelta()
        sign = "-" if offset < dt.timedelta() else "+"
        minutes = abs(int(offset.total_seconds())) // 60
        return f"{local.tzname()}, UTC{sign}{minutes // 60:02d}:{minutes % 60:02d}"

    def _starts(self, wall: dt.datetime) -> tuple[dt.datetime, dt.datetime | None] | None:
        # PEP 495: fold=0 and fold=1 give the same offset except around a transition. There, a
        # time that survives the round trip through UTC under both offsets happens twice; one
        # that survives under neither was skipped.
        instants = []
        for fold in (0, 1):
            offset = wall.replace(tzinfo=self.zone, fold=fold).utcoffset() or dt.timedelta()
            instant = (wall - offset).replace(tzinfo=dt.UTC)
            if instant.astimezone(self.zone).replace(tzinfo=None) == wall:
                instants.append(instant)
        if not instants:
            return None
        if len(instants) == 1 or instants[0] == instants[1]:
            return instants[0], None
        return instants[0], instants[1]
