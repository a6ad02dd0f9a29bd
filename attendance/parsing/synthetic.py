"""Realistic, deterministic webinar Attendee Reports for benchmarks and tests.

The file has the 2025 layout (reference §5.1, variant A): comma padding to a fixed width, a
registration question between "Is Guest" and "Country/Region Name", 24-hour times with seconds
in the sections and 12-hour minute times in the summary and "Other Attended". The attendance
in it has what real reports have: rejoins, second devices overlapping the first, failover-like
reconnects overlapping by a few seconds, a person's rows out of time order, renames, no-shows
("--"), registrants dialling in with their participant ID, and unregistered guests and phone
callers ("Call-in User_7", "+1 555***0142") in "Other Attended".

    python -m attendance.parsing.synthetic [--registrants 10000]

prints how long `parse_report` takes on such a file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import math
import random
from dataclasses import dataclass
from zoneinfo import ZoneInfo

_MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
_QUESTION = "Which license do you hold? (e.g. LCSW, LPC)"
_ANSWERS = ["LCSW", "LPC", "LMFT", "LCPC", "Psychologist", "Student", ""]
_ATTENDEE_HEADER = [
    "Attended",
    "User Name (Original Name)",
    "First Name",
    "Last Name",
    "Email",
    "Phone",
    "Registration Time",
    "Approval Status",
    "Join Time",
    "Leave Time",
    "Time in Session (minutes)",
    "Is Guest",
    _QUESTION,
    "Country/Region Name",
]
_WIDTH = len(_ATTENDEE_HEADER)
_STAFF_HEADER = [
    "Attended",
    "User Name (Original Name)",
    "Email",
    "Join Time",
    "Leave Time",
    "Time in Session (minutes)",
    "Is Guest",
    "Country/Region Name",
]
_OTHER_HEADER = [
    "User Name (Original Name)",
    "Join Time",
    "Leave Time",
    "Time in Session (minutes)",
    "Is Guest",
    "Country/Region Name",
]
_GUEST_NAMES = ["Jordan Blake", "Riley Moreno", "Casey Lindqvist", "Avery Okonkwo", "Sam Ibarra"]
_NO_SHOW = 0.07
_RENAMED = 0.08
_DIALLED_WITH_ID = 0.02  # attendee rows whose name is the number they called from
_ROWS_PER_ATTENDEE = range(1, 10)
_ROW_WEIGHTS = [12, 14, 14, 14, 14, 12, 9, 6, 5]  # mean 4.36 rows, ~4 per registrant overall


@dataclass(frozen=True)
class SyntheticReport:
    content: bytes
    connection_rows: int  # rows that have times, i.e. what a parser must return
    no_shows: int
    other_attended_rows: int


def webinar_attendee_csv(
    registrants: list[tuple[str, str, str]],
    *,
    event_start: dt.datetime,
    event_end: dt.datetime,
    time_zone: str,
    seed: int,
) -> bytes:
    """An Attendee Report for `registrants` as (first name, last name, email) tuples."""
    return webinar_attendee_report(
        registrants,
        event_start=event_start,
        event_end=event_end,
        time_zone=time_zone,
        seed=seed,
    ).content


def webinar_attendee_report(
    registrants: list[tuple[str, str, str]],
    *,
    event_start: dt.datetime,
    event_end: dt.datetime,
    time_zone: str,
    seed: int,
) -> SyntheticReport:
    """The report and what it contains, so a test can check a parser against it."""
    rng = random.Random(seed)
    clock = _Clock(ZoneInfo(time_zone))
    start, end = _whole_seconds(event_start), _whole_seconds(event_end)
    out = io.StringIO()
    write = csv.writer(out, lineterminator="\r\n").writerow

    def row(cells: list[str]) -> None:
        write(cells + [""] * (_WIDTH - len(cells)))

    minutes = math.ceil((end - start).total_seconds() / 60)
    row(["Attendee Report"])
    row(["Report Generated:", clock.minutes(end + dt.timedelta(hours=20))])
    row(
        [
            "Topic",
            "Webinar ID",
            "Actual Start Time",
            "Actual Duration (minutes)",
            "# Registered",
            "# Cancelled",
            "Unique Viewers",
            "Total Users",
            "Max Concurrent Views",
            "Enable Registration",
        ]
    )
    registered = len(registrants)
    row(
        [
            "Trauma-Informed Care: Synthetic Webinar",
            "812 3456 7890",
            clock.minutes(start),
            f" {minutes}",
            f" {registered}",
            " 0",
            str(round(registered * (1 - _NO_SHOW))),
            str(round(registered * 4.1)),
            str(round(registered * 0.85)),
            "Yes",
        ]
    )
    connections = 0

    row(["Host Details"])
    row(_STAFF_HEADER)
    host = (start - dt.timedelta(minutes=15), end + dt.timedelta(minutes=4))
    row(["Yes", "Webinar Host", "host@example.org", *clock.span(*host), "No", "United States"])
    connections += 1

    row(["Panelist Details"])
    row(_STAFF_HEADER)
    panelists = [
        ("Dr. Morgan Reyes", "morgan.reyes@example.org", start - dt.timedelta(minutes=10), end),
        ("Dr. Morgan Reyes", "morgan.reyes@example.org", start + dt.timedelta(minutes=47), end),
        ("Priya Natarajan (P. Natarajan)", "priya.n@example.org", start, end),
    ]
    for name, address, joined, left in panelists:
        row(["Yes", name, address, *clock.span(joined, left), "No", "United States"])
        connections += 1

    row(["Attendee Details"])
    row(_ATTENDEE_HEADER)
    no_shows = 0
    for first, last, address in registrants:
        phone = f"+1 555 {rng.randrange(200, 1000)} {rng.randrange(1000, 10000)}"
        signed_up = clock.seconds(start - dt.timedelta(seconds=rng.randrange(3600, 30 * 86400)))
        answer = rng.choice(_ANSWERS)
        if rng.random() < _NO_SHOW:
            no_shows += 1
            registration = [first, last, address, phone, signed_up, "approved"]
            row(["No", f"{first} {last}", *registration, "--", "--", "--", "--", answer, ""])
            continue
        shown = f"{first} {last}"
        if rng.random() < _RENAMED:
            shown = f"{first} {last[:1]}. - {answer or 'Clinician'} ({first} {last})"
        guest = "Yes" if rng.random() < 0.05 else "No"
        stays = _stays(rng, start, end, rng.choices(_ROWS_PER_ATTENDEE, _ROW_WEIGHTS)[0])
        if rng.random() < 0.3:
            rng.shuffle(stays)  # Zoom does not list a person's rows in time order
        for index, (joined, left) in enumerate(stays):
            name = shown
            if rng.random() < _DIALLED_WITH_ID:
                name = f"{phone[:6]}***{phone[-4:]}"
            row(
                [
                    "Yes",
                    name,
                    first,
                    last,
                    address,
                    phone,
                    signed_up if index == 0 else "",
                    "approved" if index == 0 else "",
                    *clock.span(joined, left),
                    guest,
                    answer,
                    "United States",
                ]
            )
            connections += 1

    row(["Other Attended"])
    row(_OTHER_HEADER)
    other_rows = 0
    for n in range(max(1, registered // 60)):
        kind = rng.random()
        if kind < 0.4:
            name = f"Call-in User_{n + 1}"
        elif kind < 0.7:
            digits = f"1555{rng.randrange(2000000, 10000000)}"
            name = rng.choice(
                [
                    f"+{digits[0]} {digits[1:4]}***{digits[-4:]}",
                    digits,
                    f"({digits[1:4]}) {digits[4:7]}-{digits[7:]}",
                ]
            )
        else:
            name = f"{rng.choice(_GUEST_NAMES)} {n}"
        for joined, left in _stays(rng, start, end, rng.randint(1, 3)):
            row([name, *clock.minute_span(joined, left), "Yes", "United States"])
            other_rows += 1
    connections += other_rows

    return SyntheticReport(
        content=out.getvalue().encode("utf-8-sig"),
        connection_rows=connections,
        no_shows=no_shows,
        other_attended_rows=other_rows,
    )


def _whole_seconds(value: dt.datetime) -> dt.datetime:
    if value.tzinfo is None:
        raise ValueError("event times must be timezone-aware")
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _stays(
    rng: random.Random, start: dt.datetime, end: dt.datetime, count: int
) -> list[tuple[dt.datetime, dt.datetime]]:
    """`count` connection intervals of one person, in time order.

    One stay from around the start to around the end, cut into reconnects (gaps of up to four
    minutes, or overlaps of up to 20 s as after a failover), plus maybe one second device whose
    row lies inside the stay.
    """
    length = int((end - start).total_seconds())
    first = rng.randrange(-600, 900)
    last = max(first + 60, length + rng.randrange(-1500, 300))
    devices = 1 if count >= 3 and rng.random() < 0.3 else 0
    cuts = sorted(rng.sample(range(first + 1, last), count - devices - 1))
    spans = []
    begin = first
    for cut in cuts:
        spans.append((begin, cut))
        begin = min(cut + rng.randrange(-20, 240), last)
    spans.append((begin, last))
    spans = [(a, max(a, b)) for a, b in spans]
    for _ in range(devices):
        a = rng.randrange(first, last)
        spans.append((a, min(last, a + rng.randrange(60, 3600))))
    return [(start + dt.timedelta(seconds=a), start + dt.timedelta(seconds=b)) for a, b in spans]


class _Clock:
    """The report's ways of writing a time, in the exporting user's zone."""

    def __init__(self, zone: ZoneInfo) -> None:
        self.zone = zone
        # Zone offsets are whole minutes, so a minute's text serves each of its 60 seconds.
        self._minutes: dict[dt.datetime, str] = {}

    def seconds(self, instant: dt.datetime) -> str:
        minute = instant.replace(second=0)
        prefix = self._minutes.get(minute)
        if prefix is None:
            local = minute.astimezone(self.zone)
            prefix = self._minutes[minute] = (
                f"{_MONTHS[local.month - 1]} {local.day:02d}, {local.year} "
                f"{local.hour:02d}:{local.minute:02d}:"
            )
        return f"{prefix}{instant.second:02d}"

    def minutes(self, instant: dt.datetime) -> str:
        local = instant.astimezone(self.zone)
        hour = local.hour % 12 or 12
        half = "AM" if local.hour < 12 else "PM"
        return (
            f"{_MONTHS[local.month - 1]} {local.day}, {local.year} {hour}:{local.minute:02d} {half}"
        )

    def span(self, joined: dt.datetime, left: dt.datetime) -> list[str]:
        seconds = (left - joined).total_seconds()
        # Zoom's "Time in Session" is ceil(seconds / 60) per row (reference §5.3).
        return [self.seconds(joined), self.seconds(left), str(max(1, math.ceil(seconds / 60)))]

    def minute_span(self, joined: dt.datetime, left: dt.datetime) -> list[str]:
        seconds = (left - joined).total_seconds()
        return [self.minutes(joined), self.minutes(left), str(max(1, math.ceil(seconds / 60)))]


def _benchmark() -> None:
    # Only the command-line benchmark needs these; importing the generator stays cheap.
    import argparse
    import time

    from attendance.parsing import parse_report

    parser = argparse.ArgumentParser(description="Time parse_report on a synthetic report.")
    parser.add_argument("--registrants", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    start = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
    people = [(f"First{n}", f"Last{n}", f"person{n}@example.com") for n in range(args.registrants)]
    report = webinar_attendee_report(
        people,
        event_start=start,
        event_end=start + dt.timedelta(hours=3, minutes=15),
        time_zone="America/New_York",
        seed=7,
    )
    timings = []
    for _ in range(args.runs):
        began = time.perf_counter()
        parsed = parse_report(
            report.content,
            "attendee-report.csv",
            time_zone="America/New_York",
            event_date=start.date(),
        )
        timings.append(time.perf_counter() - began)
    print(
        f"{args.registrants:,} registrants, {len(parsed.rows):,} connection rows "
        f"({report.connection_rows:,} written), {len(report.content) / 1e6:.1f} MB: "
        f"parse best {min(timings):.3f} s, median {sorted(timings)[len(timings) // 2]:.3f} s"
    )


if __name__ == "__main__":
    _benchmark()
