"""The 2024–25 account-wide "Usage → Participants" export: several meetings in one file.

The fixture has the documented header (`Topic,Type,ID,Host name,Host email,...,Creation time`,
then the participant columns ending `Recording disclaimer response,In waiting room`), three
meetings separated by comma-only rows and ` (Host)` after the hosts' names: a morning huddle
hosted by a registrant, the event's meeting, and another host's meeting during the event.
"""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import ATTENDEE, HOST, ReportError, codes, parse_report
from attendance.parsing.types import ANOTHER_MEETING_AT_THIS_TIME, AT_ANOTHER_TIME
from attendance.tests.fixtures import read

UTC = dt.UTC
ZONE = "America/New_York"
EVENT_DATE = dt.date(2026, 3, 21)
# 19:15–22:15 in New York (EDT) on March 21, 2026.
EVENT = (dt.datetime(2026, 3, 21, 23, 15, tzinfo=UTC), dt.datetime(2026, 3, 22, 2, 15, tzinfo=UTC))
MORNING = (
    dt.datetime(2026, 3, 21, 13, 0, tzinfo=UTC),
    dt.datetime(2026, 3, 21, 13, 45, tzinfo=UTC),
)
HEADER = (
    "Topic,Type,ID,Host name,Host email,Start time,End time,Participants,Duration (minutes),"
    "Total participant minutes,Department,Group,Source,Unique viewers,Max concurrent views,"
    "Creation time,Name (original name),Email,Join time,Leave time,Duration (minutes),Guest,"
    "Recording disclaimer response,In waiting room"
)


def account_export(window=EVENT, content: bytes | None = None):
    return parse_report(
        read("usage_2025_account.csv") if content is None else content,
        "participants.csv",
        time_zone=ZONE,
        event_date=EVENT_DATE,
        event_window=window,
    )


def row(topic: str, meeting_id: str, host_email: str, start: str, person: str) -> str:
    meeting = (
        f"{topic},Meeting,{meeting_id},Host,{host_email},{start},,2,60,100,,,Web,,,"
        "01/10/2023 10:00:00 AM"
    )
    return f"{meeting},{person},No,OK,No" if meeting_id else f"{',' * 15},{person},No,OK,No"


def test_only_the_meeting_at_the_events_time_is_read():
    report = account_export()
    assert (report.meeting_id, report.topic) == ("85512345678", "Ethics in Telehealth")
    assert [r.line for r in report.rows] == [5, 6, 7, 8, 9, 10, 11]


def test_the_other_meetings_are_reported_as_skipped_with_the_reason():
    skipped = account_export().skipped_meetings
    assert [(s.meeting_id, s.topic, s.start, s.rows, s.reason) for s in skipped] == [
        ("81122223333", "Morning huddle", "03/21/2026 09:00:00 AM", 2, AT_ANOTHER_TIME),
        (
            "89900001111",
            "Supervision drop-in",
            "03/21/2026 08:00:00 PM",
            2,
            ANOTHER_MEETING_AT_THIS_TIME,
        ),
    ]


def test_a_warning_names_the_meeting_read_and_the_meetings_skipped():
    warning = next(w for w in account_export().warnings if "meetings" in w)
    assert "This file holds 3 meetings" in warning
    assert "read meeting 85512345678 “Ethics in Telehealth”" in warning
    assert "“Morning huddle”" in warning and "“Supervision drop-in”" in warning


def test_the_host_is_marked_by_the_host_email_and_the_host_marker_and_never_an_attendee():
    host = account_export().rows[0]
    assert (host.name, host.original_name, host.role) == ("Sam Okafor", "", HOST)


def test_hosting_another_meeting_does_not_make_someone_a_host_in_this_one():
    # Dana hosts the morning huddle with the same email; in the event's meeting she attends.
    dana = [r for r in account_export().rows if r.email == "dana.whitfield@example.com"]
    assert {r.role for r in dana} == {ATTENDEE}


def test_a_renamed_host_keeps_the_rename_and_loses_the_marker():
    host = account_export(MORNING).rows[0]
    assert (host.name, host.original_name, host.role) == ("Dana W", "Dana Whitfield", HOST)


def test_a_host_marker_makes_a_host_row_even_without_a_host_email_column():
    content = (
        b"Name (original name),Email,Join time,Leave time\n"
        b"Andrea Rossi (Host),andrea@example.org,03/21/2026 07:05:02 PM,03/21/2026 10:16:40 PM\n"
    )
    assert account_export(content=content).rows[0].role == HOST


def test_the_creation_time_is_never_taken_as_a_date_sample():
    # Read as a sample, "25/12/2019" (only day-first) would contradict the month-first times.
    content = read("usage_2025_account.csv").replace(b"02/14/2024 09:30:00 AM", b"25/12/2019 09:30")
    report = account_export(content=content)
    assert report.date_order == "month_first"


def test_meeting_columns_on_only_the_first_row_of_each_meeting_carry_down():
    content = "\n".join(
        [
            HEADER,
            row(
                "Huddle",
                "811 2222 3333",
                "h@example.org",
                "03/21/2026 09:00:00 AM",
                "Riley,r@example.org,03/21/2026 09:01:30 AM,03/21/2026 09:42:00 AM,41",
            ),
            row(
                "", "", "", "", "Kim,k@example.org,03/21/2026 09:02:00 AM,03/21/2026 09:40:00 AM,38"
            ),
            "," * HEADER.count(","),
            row(
                "Ethics",
                "855 1234 5678",
                "h@example.org",
                "03/21/2026 07:05:02 PM",
                "Dana,d@example.com,03/21/2026 07:12:01 PM,03/21/2026 10:15:30 PM,184",
            ),
            row(
                "",
                "",
                "",
                "",
                "Omar,o@example.com,03/21/2026 07:14:45 PM,03/21/2026 10:14:58 PM,181",
            ),
        ]
    ).encode()
    report = account_export(content=content)
    assert [r.name for r in report.rows] == ["Dana", "Omar"]
    assert [(s.topic, s.rows) for s in report.skipped_meetings] == [("Huddle", 2)]


def test_a_restarted_meeting_keeps_the_rows_of_both_starts():
    content = "\n".join(
        [
            HEADER,
            row(
                "Ethics",
                "855 1234 5678",
                "h@example.org",
                "03/21/2026 07:05:02 PM",
                "Dana,d@example.com,03/21/2026 07:12:01 PM,03/21/2026 08:00:00 PM,48",
            ),
            "," * HEADER.count(","),
            row(
                "Ethics",
                "855 1234 5678",
                "h@example.org",
                "03/21/2026 08:02:00 PM",
                "Dana,d@example.com,03/21/2026 08:02:10 PM,03/21/2026 10:15:30 PM,134",
            ),
            "," * HEADER.count(","),
            row(
                "Other",
                "899 0000 1111",
                "x@example.org",
                "03/21/2026 09:00:00 PM",
                "Lee,l@example.org,03/21/2026 09:00:00 PM,03/21/2026 09:30:00 PM,30",
            ),
        ]
    ).encode()
    report = account_export(content=content)
    assert [r.join.hour for r in report.rows] == [23, 0]
    assert report.meeting_id == "85512345678"
    assert [s.meeting_id for s in report.skipped_meetings] == ["89900001111"]
    assert any("started 2 times" in w for w in report.warnings)


def test_a_file_of_one_restarted_meeting_reads_both_starts_and_skips_nothing():
    content = "\n".join(
        [
            HEADER,
            row(
                "Ethics",
                "855 1234 5678",
                "h@example.org",
                "03/21/2026 07:05:02 PM",
                "Dana,d@example.com,03/21/2026 07:12:01 PM,03/21/2026 08:00:00 PM,48",
            ),
            row(
                "Ethics",
                "855 1234 5678",
                "h@example.org",
                "03/21/2026 08:02:00 PM",
                "Dana,d@example.com,03/21/2026 08:02:10 PM,03/21/2026 10:15:30 PM,134",
            ),
        ]
    ).encode()
    report = account_export(content=content)
    assert len(report.rows) == 2 and report.skipped_meetings == []
    assert any("started 2 times" in w and "read together" in w for w in report.warnings)


def test_a_file_of_several_meetings_none_at_the_events_time_is_refused():
    next_day = tuple(moment + dt.timedelta(days=1) for moment in EVENT)
    with pytest.raises(ReportError) as caught:
        account_export(next_day)
    assert caught.value.code == codes.NO_MATCHING_MEETING
    assert "3 meetings" in caught.value.message and "“Morning huddle”" in caught.value.message


def test_without_the_events_window_every_meeting_is_read_together():
    report = account_export(None)
    assert len(report.rows) == 11
    assert report.skipped_meetings == []
    assert any("3 meetings" in w and "imported together" in w for w in report.warnings)


def test_one_meeting_at_another_time_is_still_read_as_before():
    # With a single meeting there is nothing to choose; the far-from-event warning says so.
    next_day = tuple(moment + dt.timedelta(days=2) for moment in EVENT)
    report = account_export(next_day, content=read("usage_twin_en.csv"))
    assert len(report.rows) == 7 and report.skipped_meetings == []
