"""Meeting participants export: plain, with meeting data, flattened, lower-case (reference §5.2)."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import (
    ATTENDEE,
    HOST,
    MEETING_PARTICIPANTS_CSV,
    ReportError,
    codes,
    parse_report,
)
from attendance.tests.fixtures import read

UTC = dt.UTC
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"


def with_meeting_data():
    return parse_report(
        read("meeting_with_meeting_data.csv"),
        "participants.csv",
        time_zone="America/New_York",
        event_date=dt.date(2026, 11, 19),
    )


def flattened():
    return parse_report(
        read("meeting_flattened_day_first.csv"),
        "flattened.csv",
        time_zone="Europe/London",
        event_date=dt.date(2026, 8, 15),
    )


def parse_lines(*lines: str, event_date: dt.date = dt.date(2026, 5, 12)):
    content = "\n".join(lines).encode()
    return parse_report(content, "meeting.csv", time_zone="America/New_York", event_date=event_date)


def by_line(report, line):
    return next(row for row in report.rows if row.line == line)


def test_the_export_with_meeting_data_gives_the_meeting_id_and_topic():
    report = with_meeting_data()
    assert report.format == MEETING_PARTICIPANTS_CSV
    assert (report.meeting_id, report.topic) == ("60245167821", "Peer Consultation Group")


def test_the_hosts_rows_are_found_by_the_meeting_data_host_email():
    report = with_meeting_data()
    assert by_line(report, 5).role == HOST
    assert {row.role for row in report.rows if row.line != 5} == {ATTENDEE}


def test_a_name_original_name_cell_splits_into_current_and_original_name():
    row = by_line(with_meeting_data(), 6)
    assert (row.name, row.original_name) == ("015_Rowan", "Rowan Achterberg")


def test_a_second_device_gives_a_second_overlapping_row():
    rows = [row for row in with_meeting_data().rows if row.email == "kara@example.com"]
    assert len(rows) == 2
    assert rows[1].join < rows[0].leave


def test_hours_without_zero_padding_are_read():
    row = by_line(with_meeting_data(), 5)
    # 9:54:15 AM on November 19, 2026 in New York is EST (UTC-5).
    assert row.join == dt.datetime(2026, 11, 19, 14, 54, 15, tzinfo=UTC)


def test_the_participant_table_alone_with_zero_padded_hours_is_read():
    report = parse_report(
        read("meeting_participants_zero_padded.csv"),
        "plain.csv",
        time_zone="America/Toronto",
        event_date=dt.date(2026, 1, 21),
    )
    row = by_line(report, 2)
    assert (report.meeting_id, report.topic) == ("", "")
    # 08:58:30 PM on January 21 in Toronto (EST) is 01:58:30 UTC the next day.
    assert row.join == dt.datetime(2026, 1, 22, 1, 58, 30, tzinfo=UTC)
    assert row.leave == dt.datetime(2026, 1, 22, 3, 17, 6, tzinfo=UTC)


def test_zero_padded_and_unpadded_hours_give_the_same_instants():
    padded = parse_lines(
        HEADER, "Dana,dana@example.com,05/12/2026 09:05:07 AM,05/12/2026 10:00:00 AM,55,No"
    )
    unpadded = parse_lines(
        HEADER, "Dana,dana@example.com,5/12/2026 9:05:07 AM,5/12/2026 10:00:00 AM,55,No"
    )
    assert (padded.rows[0].join, padded.rows[0].leave) == (
        unpadded.rows[0].join,
        unpadded.rows[0].leave,
    )


def test_the_guest_column_sets_is_guest():
    report = with_meeting_data()
    assert by_line(report, 5).is_guest is False
    assert by_line(report, 6).is_guest is True


def test_dial_in_rows_without_email_are_phone_rows():
    report = parse_report(
        read("meeting_participants_zero_padded.csv"),
        "plain.csv",
        time_zone="America/Toronto",
        event_date=dt.date(2026, 1, 21),
    )
    assert (by_line(report, 5).is_phone, by_line(report, 5).phone_digits) == (True, "")
    assert (by_line(report, 6).is_phone, by_line(report, 6).phone_digits) == (True, "4155550142")


def test_the_flattened_export_uses_the_participant_email_after_the_name_column():
    row = by_line(flattened(), 4)
    assert (row.name, row.email) == ("Jamie Ortiz", "jamie.ortiz@example.com")


def test_the_flattened_export_marks_the_host_from_its_own_user_email_column():
    report = flattened()
    assert by_line(report, 2).role == HOST
    assert by_line(report, 5).role == ATTENDEE


def test_the_flattened_export_gives_the_meeting_id_and_topic():
    report = flattened()
    assert (report.meeting_id, report.topic) == ("91234567890", "Case Review")


def test_rows_in_the_waiting_room_are_flagged():
    report = flattened()
    assert by_line(report, 3).in_waiting_room is True
    assert by_line(report, 4).in_waiting_room is False


def test_the_flattened_day_first_times_are_read_day_first():
    report = flattened()
    assert report.date_order == "day_first"
    # 01:27 on 15 August 2026 in London is BST (UTC+1).
    assert by_line(report, 5).join == dt.datetime(2026, 8, 15, 0, 27, tzinfo=UTC)


def test_a_flattened_file_with_several_meetings_keeps_each_rows_meeting_and_warns():
    header = (
        "Topic,Meeting ID,User Email,Start Time,Name (Original Name),User Email,Join Time,"
        "Leave Time,Duration (Minutes)"
    )
    report = parse_lines(
        header,
        "A,111,h@example.org,05/12/2026 1:00 PM,Dana,dana@example.com,"
        "05/12/2026 1:00 PM,05/12/2026 2:00 PM,60",
        "B,222,h@example.org,05/12/2026 3:00 PM,Dana,dana@example.com,"
        "05/12/2026 3:00 PM,05/12/2026 4:00 PM,60",
    )
    assert report.meeting_id == ""
    assert [row.extra["meeting_id"] for row in report.rows] == ["111", "222"]
    assert any("2 meetings" in warning for warning in report.warnings)


def test_the_lower_case_layout_with_its_summary_block_is_read():
    report = parse_report(
        read("meeting_lowercase.csv"),
        "lower.csv",
        time_zone="America/Denver",
        event_date=dt.date(2026, 3, 5),
    )
    assert (report.meeting_id, report.topic) == ("85512345678", "Family Systems Seminar")
    assert [(row.line, row.email, row.in_waiting_room) for row in report.rows] == [
        (5, "noor@example.com", True),
        (6, "noor@example.com", False),
        (7, "ines@example.com", False),
    ]


def test_a_meeting_data_header_with_a_trailing_comma_is_read():
    report = parse_lines(
        "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants,",
        "855 1234 5678,Seminar,05/12/2026 1:00:00 PM,05/12/2026 2:00:00 PM,h@example.org,60,2,",
        ",,,,,,,",
        "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Recording Consent",
        "Dana,dana@example.com,05/12/2026 1:01:00 PM,05/12/2026 2:00:00 PM,59,Y",
    )
    assert report.meeting_id == "85512345678"
    assert by_line(report, 5).email == "dana@example.com"


def test_a_file_saved_by_excel_with_semicolons_is_read():
    report = parse_lines(
        HEADER.replace(",", ";"),
        "Dana Whitfield;dana@example.com;12/05/2026 13:58;12/05/2026 15:31;94;No",
    )
    assert report.date_order == "day_first"
    assert report.rows[0].join == dt.datetime(2026, 5, 12, 17, 58, tzinfo=UTC)


def test_rows_without_any_times_are_skipped_with_a_warning():
    report = parse_lines(
        HEADER,
        "Dana,dana@example.com,05/12/2026 1:01:00 PM,05/12/2026 2:00:00 PM,59,No",
        "Omar,omar@example.com,,,,No",
    )
    assert len(report.rows) == 1
    assert any("line 3" in warning for warning in report.warnings)


def test_a_file_without_a_name_column_is_refused():
    with pytest.raises(ReportError) as caught:
        parse_lines(
            "User Email,Join Time,Leave Time",
            "dana@example.com,05/12/2026 1:01:00 PM,05/12/2026 2:00:00 PM",
        )
    assert (caught.value.code, caught.value.line) == (codes.MISSING_COLUMN, 1)


def test_a_join_after_the_leave_is_refused_with_the_line():
    with pytest.raises(ReportError) as caught:
        parse_lines(
            HEADER,
            "Dana,dana@example.com,05/12/2026 1:01:00 PM,05/12/2026 2:00:00 PM,59,No",
            "Omar,omar@example.com,05/12/2026 2:30:00 PM,05/12/2026 2:00:00 PM,30,No",
        )
    assert (caught.value.code, caught.value.line) == (codes.JOIN_AFTER_LEAVE, 3)
    assert str(caught.value).startswith("meeting.csv, line 3: the Join Time")


def test_participant_columns_right_of_the_name_win_even_under_another_header_name():
    report = parse_lines(
        "Topic,User Email,Name (Original Name),Email,Join Time,Leave Time",
        "Seminar,host@example.org,Dana,dana@example.com,05/12/2026 1:00 PM,05/12/2026 2:00 PM",
    )
    assert (report.rows[0].email, report.rows[0].role) == ("dana@example.com", ATTENDEE)
