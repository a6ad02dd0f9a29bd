"""Times a spreadsheet cut to the minute: a warning, and no connection lost as a "duplicate"."""

from __future__ import annotations

import datetime as dt

from attendance.parsing import parse_report, parse_reports
from attendance.parsing.csv_rows import SECONDS_DROPPED
from attendance.parsing.types import OCCURRENCE
from attendance.tests.fixtures import read

ZONE = "America/New_York"
DAY = dt.date(2026, 3, 21)
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"


def parse(content: bytes, name: str = "m.csv"):
    return parse_report(content, name, time_zone=ZONE, event_date=DAY)


def lines(*rows: str, header: str = HEADER) -> bytes:
    return "\n".join([header, *rows]).encode()


def test_an_excel_resave_without_seconds_warns_that_each_boundary_may_be_off():
    report = parse(read("meeting_excel_resaved.csv"))
    assert SECONDS_DROPPED in report.warnings
    assert (
        "59 seconds" in SECONDS_DROPPED and "Export the report from Zoom again" in SECONDS_DROPPED
    )


def test_two_connections_that_look_identical_to_the_minute_are_both_kept():
    report = parse(read("meeting_excel_resaved.csv"))
    omar = [row for row in report.rows if row.name == "Omar Haddad"]
    assert [row.line for row in omar] == [3, 4]
    assert [row.extra.get(OCCURRENCE) for row in omar] == [None, "2"]
    assert not any("more than once" in w for w in report.warnings)


def test_the_same_resaved_file_imported_twice_is_still_kept_once_across_files():
    content = read("meeting_excel_resaved.csv")
    merged = parse_reports([("a.csv", content), ("b.csv", content)], time_zone=ZONE, event_date=DAY)
    assert len(merged.rows) == 4
    assert any("in more than one file" in w for w in merged.warnings)


def test_a_file_with_seconds_gives_no_precision_warning():
    report = parse(read("meeting_twin_en.csv"))
    assert SECONDS_DROPPED not in report.warnings


def test_one_time_with_seconds_shows_the_file_was_not_cut():
    report = parse(
        lines(
            "Dana,d@example.com,3/21/2026 19:12,3/21/2026 22:15,184,No",
            "Omar,o@example.com,3/21/2026 19:14:45,3/21/2026 22:14,181,No",
        )
    )
    assert SECONDS_DROPPED not in report.warnings


def test_zoom_own_twelve_hour_minute_times_are_not_taken_for_a_resave():
    # The webinar's "Other Attended" and summaries are to the minute in Zoom's own export.
    report = parse(read("webinar_2025_custom_questions.csv"), "w.csv")
    assert SECONDS_DROPPED not in report.warnings


def test_a_resaved_webinar_report_warns_too():
    content = (
        b"Attendee Details\n"
        b"Attended,User Name (Original Name),Email,Join Time,Leave Time\n"
        b"Yes,Dana,d@example.com,3/21/2026 19:12,3/21/2026 22:15\n"
    )
    assert SECONDS_DROPPED in parse(content, "w.csv").warnings


def test_minute_times_in_other_attended_alone_do_not_warn():
    content = (
        b"Other Attended\n"
        b"User Name (Original Name),Join Time,Leave Time\n"
        b"Call-in User_2,3/21/2026 19:15,3/21/2026 22:14\n"
    )
    assert SECONDS_DROPPED not in parse(content, "w.csv").warnings
