"""Webinar Attendee Report CSV: the stacked-section layout of 2020, 2025 and third-party exports."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import (
    ATTENDEE,
    HOST,
    PANELIST,
    WEBINAR_ATTENDEE_CSV,
    ReportError,
    codes,
    parse_report,
)
from attendance.tests.fixtures import read

UTC = dt.UTC
NEW_YORK = "America/New_York"


def variant_a():
    """2025 layout: comma padding, renames, two custom questions, Other Attended (EDT)."""
    return parse_report(
        read("webinar_2025_custom_questions.csv"),
        "attendee.csv",
        time_zone=NEW_YORK,
        event_date=dt.date(2026, 3, 21),
    )


def variant_b():
    """2020 layout re-written by R: quoted cells, NA, no User Name among attendees."""
    return parse_report(
        read("webinar_2020_other_attended.csv"),
        "attendee-2020.csv",
        time_zone=NEW_YORK,
        event_date=dt.date(2020, 3, 28),
    )


def by_line(report, line):
    return next(row for row in report.rows if row.line == line)


def attendee_report(attendee_rows: list[str], header: str | None = None) -> bytes:
    header = header or (
        "Attended,User Name (Original Name),First Name,Last Name,Email,Registration Time,"
        "Approval Status,Join Time,Leave Time,Time in Session (minutes),Is Guest,"
        "Country/Region Name"
    )
    lines = [
        "Attendee Report",
        "Topic,Webinar ID,Actual Start Time",
        'Small Group,812 1111 2222,"Jun 01, 2026 6:00 PM"',
        "Attendee Details",
        header,
        *attendee_rows,
    ]
    return "\n".join(lines).encode()


def parse_small(content: bytes):
    return parse_report(content, "small.csv", time_zone=NEW_YORK, event_date=dt.date(2026, 6, 1))


def test_the_2025_export_is_recognised_with_its_topic_and_webinar_id_as_digits():
    report = variant_a()
    assert report.format == WEBINAR_ATTENDEE_CSV
    assert report.topic == "Ethics and Boundaries in Telehealth"
    assert report.meeting_id == "84759841045"
    assert report.time_zone == NEW_YORK


def test_the_2020_webinar_id_with_dashes_becomes_digits():
    assert variant_b().meeting_id == "328972509"


def test_host_rows_get_the_host_role():
    assert by_line(variant_a(), 7).role == HOST


def test_panelist_rows_get_the_panelist_role_and_keep_overlapping_devices():
    rows = [row for row in variant_a().rows if row.role == PANELIST and "Reyes" in row.name]
    assert [(r.line, r.join.hour, r.join.minute) for r in rows] == [(10, 23, 8), (11, 0, 52)]


def test_a_registrant_upgraded_to_panelist_is_a_panelist():
    assert by_line(variant_a(), 18).role == PANELIST
    assert by_line(variant_b(), 15).role == PANELIST


def test_attendee_rows_are_attendees():
    assert by_line(variant_a(), 17).role == ATTENDEE


def test_section_times_are_read_in_the_given_zone_and_stored_in_utc():
    row = by_line(variant_a(), 17)
    # 19:14:45 on March 21, 2026 in New York is EDT (UTC-4).
    assert row.join == dt.datetime(2026, 3, 21, 23, 14, 45, tzinfo=UTC)
    assert row.leave == dt.datetime(2026, 3, 22, 2, 15, 2, tzinfo=UTC)


def test_no_show_rows_with_dashes_give_no_connection():
    emails = {row.email for row in variant_a().rows}
    assert "wen.li@example.com" not in emails


def test_a_renamed_attendee_keeps_the_new_name_and_the_original_name():
    row = by_line(variant_a(), 15)
    assert (row.name, row.original_name) == ("Dana W.", "Dana Whitfield")


def test_a_name_without_a_rename_has_no_original_name():
    assert by_line(variant_a(), 16).original_name == ""


def test_emails_are_lower_cased():
    assert by_line(variant_a(), 7).email == "sam.okafor@example.org"
    assert by_line(variant_a(), 15).email == "dana.whitfield@example.com"


def test_custom_questions_between_is_guest_and_country_go_to_extra():
    extra = by_line(variant_a(), 17).extra
    assert extra['Which license do you hold? (e.g. "LCSW", LPC)'] == "LMFT, LPC"
    assert extra["How did you hear about us?"] == "Search"


def test_standard_columns_are_not_copied_to_extra():
    extra = by_line(variant_a(), 17).extra
    assert not {"Join Time", "Is Guest", "Country/Region Name", "Email", "Attended"} & set(extra)


def test_is_guest_is_read_per_row():
    assert by_line(variant_a(), 17).is_guest is True
    assert by_line(variant_a(), 16).is_guest is False


def test_a_report_without_is_guest_leaves_it_unknown():
    assert by_line(variant_b(), 12).is_guest is None


def test_other_attended_rows_are_attendees_marked_with_their_section():
    row = by_line(variant_a(), 23)
    assert (row.name, row.email, row.role) == ("Jordan Blake", "", ATTENDEE)
    assert row.extra["section"] == "other_attended"


def test_other_attended_twelve_hour_minute_times_are_read():
    row = by_line(variant_b(), 19)
    # 2:20 PM on March 28, 2020 in New York is EDT (UTC-4).
    assert row.join == dt.datetime(2020, 3, 28, 18, 20, tzinfo=UTC)
    assert row.leave == dt.datetime(2020, 3, 28, 18, 21, tzinfo=UTC)


def test_other_attended_dial_ins_are_phone_rows():
    placeholder, masked = by_line(variant_a(), 21), by_line(variant_a(), 22)
    assert placeholder.is_phone and placeholder.phone_digits == ""
    assert masked.is_phone and masked.phone_digits == "14150142"
    assert masked.extra["phone_masked"] == "yes"


def test_the_2020_attendee_name_is_built_from_first_and_last_name():
    assert by_line(variant_b(), 12).name == "Mei Tanaka"


def test_the_2020_repeated_rows_with_na_registration_values_are_all_kept_in_file_order():
    rows = [row for row in variant_b().rows if row.email == "mei.tanaka@example.com"]
    assert [row.line for row in rows] == [12, 13, 14]
    # Zoom does not list a person's rows in time order; the parser keeps them as written.
    assert rows[2].join < rows[1].join


def test_the_2020_other_attended_rows_without_is_guest_are_read():
    assert [row.name for row in variant_b().rows if row.extra.get("section")] == [
        "userOther_1",
        "Call-in User_3",
        "14155550142",
    ]


def test_numbers_with_leading_spaces_in_the_summary_do_not_matter():
    report = variant_b()
    assert report.topic == "Trauma-Informed Supervision"
    assert len(report.rows) == 8


def test_third_party_numeric_times_with_am_pm_are_read_month_first_near_the_event():
    report = parse_report(
        read("webinar_third_party_2026.csv"),
        "third-party.csv",
        time_zone="America/Chicago",
        event_date=dt.date(2026, 8, 9),
    )
    assert report.date_order == "month_first"
    row = by_line(report, 10)
    # 10:50 AM on August 9, 2026 in Chicago is CDT (UTC-5).
    assert row.join == dt.datetime(2026, 8, 9, 15, 50, tzinfo=UTC)
    assert row.extra == {"Source Name": "Newsletter"}


def test_section_titles_without_comma_padding_are_recognised():
    report = parse_report(
        read("webinar_third_party_2026.csv"),
        "third-party.csv",
        time_zone="America/Chicago",
        event_date=dt.date(2026, 8, 9),
    )
    assert [(row.line, row.role) for row in report.rows] == [
        (7, HOST),
        (10, ATTENDEE),
        (11, ATTENDEE),
    ]


def test_a_report_of_only_no_shows_is_valid_with_a_warning():
    report = parse_report(
        read("webinar_only_no_shows.csv"),
        "empty.csv",
        time_zone=NEW_YORK,
        event_date=dt.date(2026, 6, 1),
    )
    assert report.rows == []
    assert any("Nobody joined" in warning for warning in report.warnings)


def test_columns_are_found_by_header_name_in_any_order_and_case():
    content = attendee_report(
        [
            'Yes,"Jun 01, 2026 18:05:00",Dana,dana@example.com,"Jun 01, 2026 19:00:00",Dana W,LCSW',
        ],
        header="ATTENDED, join time ,First Name,EMAIL,Leave Time,user name,License",
    )
    row = parse_small(content).rows[0]
    assert (row.name, row.email, row.extra) == ("Dana W", "dana@example.com", {"License": "LCSW"})
    assert row.join == dt.datetime(2026, 6, 1, 22, 5, tzinfo=UTC)


def test_time_in_session_is_never_used():
    content = attendee_report(
        [
            'Yes,Dana,Dana,W,dana@example.com,,,"Jun 01, 2026 18:05:00","Jun 01, 2026 18:06:01",'
            "999,No,US",
        ]
    )
    row = parse_small(content).rows[0]
    assert (row.leave - row.join).total_seconds() == 61


def test_day_of_month_need_not_be_zero_padded():
    content = attendee_report(
        ['Yes,Dana,Dana,W,dana@example.com,,,"Jun 1, 2026 18:05:00","Jun 1, 2026 7:06 PM",1,No,US']
    )
    row = parse_small(content).rows[0]
    assert (row.join.hour, row.leave.hour, row.leave.minute) == (22, 23, 6)


def test_a_section_without_a_join_time_column_is_refused_at_its_header_line():
    content = attendee_report(
        ["Yes,Dana,Dana,W,dana@example.com"],
        header="Attended,User Name (Original Name),First Name,Last Name,Email,Leave Time",
    )
    with pytest.raises(ReportError) as caught:
        parse_small(content)
    assert caught.value.code == codes.MISSING_COLUMN
    assert caught.value.line == 5
    assert "no Join Time column" in str(caught.value)


def test_an_impossible_date_is_refused_with_its_line_and_text():
    content = attendee_report(
        [
            'Yes,Dana,Dana,W,dana@example.com,,,"Jun 01, 2026 18:05:00","Jun 01, 2026 19:00:00",'
            "1,No,US",
            'Yes,Omar,Omar,H,omar@example.com,,,"Jun 32, 2026 18:05:00","Jun 01, 2026 19:00:00",'
            "1,No,US",
        ]
    )
    with pytest.raises(ReportError) as caught:
        parse_small(content)
    assert caught.value.code == codes.BAD_DATE
    assert caught.value.line == 7
    assert str(caught.value) == (
        "small.csv, line 7: the Join Time 'Jun 32, 2026 18:05:00' is not a date FullCredit "
        "recognises."
    )


def test_a_row_with_a_join_time_but_no_leave_time_is_refused():
    content = attendee_report(
        ['Yes,Dana,Dana,W,dana@example.com,,,"Jun 01, 2026 18:05:00",--,1,No,US']
    )
    with pytest.raises(ReportError) as caught:
        parse_small(content)
    assert (caught.value.code, caught.value.line) == (codes.MISSING_TIME, 6)


def test_a_join_after_the_leave_is_refused_with_the_line():
    content = attendee_report(
        [
            'Yes,Dana,Dana,W,dana@example.com,,,"Jun 01, 2026 19:05:00","Jun 01, 2026 18:00:00",'
            "1,No,US"
        ]
    )
    with pytest.raises(ReportError) as caught:
        parse_small(content)
    assert (caught.value.code, caught.value.line) == (codes.JOIN_AFTER_LEAVE, 6)


def test_an_unknown_section_is_skipped_with_a_warning():
    content = attendee_report(
        [
            'Yes,Dana,Dana,W,dana@example.com,,,"Jun 01, 2026 18:05:00","Jun 01, 2026 19:00:00",'
            "1,No,US",
            "Poll Details",
            "User Name,Email,Question,Answer",
            "Dana,dana@example.com,Ready?,Yes",
        ]
    )
    report = parse_small(content)
    assert len(report.rows) == 1
    assert any("'Poll Details'" in warning for warning in report.warnings)
