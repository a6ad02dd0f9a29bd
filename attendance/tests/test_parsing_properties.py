"""Round trip: any valid rows written as a meeting export parse back to the same intervals."""

from __future__ import annotations

import csv
import datetime as dt
import io
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from attendance.parsing import parse_report

EVENT_DATE = dt.date(2026, 5, 12)  # no zone below changes its clocks within a day of this date
ZONES = ["America/New_York", "America/Los_Angeles", "Europe/London", "Asia/Kolkata", "UTC"]
START = dt.datetime(2026, 5, 12, 6, 0)
HEADER = ["Name (Original Name)", "User Email", "Join Time", "Leave Time", "Duration (Minutes)"]

names = (
    st.text(
        alphabet=st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZéøñ ,'\"-."),
        min_size=1,
        max_size=30,
    )
    .map(str.strip)
    .filter(lambda name: name and not name.endswith(")"))
)


@st.composite
def rows(draw: st.DrawFn) -> tuple[str, str, dt.datetime, dt.datetime]:
    """(name, email, local join, local leave), to the second, within about a day."""
    name = draw(names)
    email = f"person{draw(st.integers(0, 40))}@example.com"
    join = START + dt.timedelta(seconds=draw(st.integers(0, 14 * 3600)))
    leave = join + dt.timedelta(seconds=draw(st.integers(0, 5 * 3600)))
    return name, email, join, leave


def twelve_hour(value: dt.datetime, padded: bool) -> str:
    hour = value.hour % 12 or 12
    date = f"{value.month:02d}/{value.day:02d}" if padded else f"{value.month}/{value.day}"
    clock = f"{hour:02d}" if padded else str(hour)
    half = "AM" if value.hour < 12 else "PM"
    return f"{date}/{value.year} {clock}:{value.minute:02d}:{value.second:02d} {half}"


def day_first(value: dt.datetime, padded: bool) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year} {value:%H:%M:%S}"


def export(
    records: list[tuple[str, str, dt.datetime, dt.datetime]],
    writer_style,
    padded: bool,
    meeting_data: bool,
) -> bytes:
    out = io.StringIO()
    write = csv.writer(out).writerow
    if meeting_data:
        write(["Meeting ID", "Topic", "Start Time", "End Time", "User Email"])
        write(["85512345678", "Round trip", writer_style(START, padded), "", "host@example.org"])
        write([""] * 5)
    write(HEADER)
    for name, email, join, leave in records:
        minutes = int((leave - join).total_seconds() // 60)
        write([name, email, writer_style(join, padded), writer_style(leave, padded), minutes])
    return out.getvalue().encode()


@settings(max_examples=150, deadline=None)
@given(
    records=st.lists(rows(), min_size=1, max_size=30),
    order=st.randoms(use_true_random=False),
    zone=st.sampled_from(ZONES),
    writer_style=st.sampled_from([twelve_hour, day_first]),
    padded=st.booleans(),
    meeting_data=st.booleans(),
)
def test_written_rows_parse_back_to_the_same_utc_intervals_in_any_order(
    records, order, zone, writer_style, padded, meeting_data
):
    order.shuffle(records)
    content = export(records, writer_style, padded, meeting_data)

    report = parse_report(content, "export.csv", time_zone=zone, event_date=EVENT_DATE)

    tz = ZoneInfo(zone)
    expected = {
        (
            name,
            email,
            join.replace(tzinfo=tz).astimezone(dt.UTC),
            leave.replace(tzinfo=tz).astimezone(dt.UTC),
        )
        for name, email, join, leave in records
    }
    parsed = [(row.name, row.email, row.join, row.leave) for row in report.rows]
    assert len(parsed) == len(expected)
    assert set(parsed) == expected
    assert report.date_order == ("month_first" if writer_style is twelve_hour else "day_first")
