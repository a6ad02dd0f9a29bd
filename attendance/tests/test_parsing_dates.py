"""CSV times: forms, day/month order, and DST-correct conversion to UTC (reference §1.4, §5.4)."""

from __future__ import annotations

import datetime as dt

import pytest

from attendance.parsing import ReportError, codes, parse_report
from attendance.parsing.dates import LocalClock, StampReader
from attendance.tests.fixtures import read

UTC = dt.UTC
HEADER = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"


def meeting(*rows: str, event_date: dt.date, zone: str = "America/New_York", header=HEADER):
    content = "\n".join([header, *rows]).encode()
    return parse_report(content, "meeting.csv", time_zone=zone, event_date=event_date)


def row(name: str, join: str, leave: str) -> str:
    return f"{name},{name.lower()}@example.com,{join},{leave},1,No"


def refused(*rows: str, event_date: dt.date, header=HEADER) -> ReportError:
    with pytest.raises(ReportError) as caught:
        meeting(*rows, event_date=event_date, header=header)
    return caught.value


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Mar 22, 2025 19:13:27", dt.datetime(2025, 3, 22, 19, 13, 27)),
        ("Mar 22, 2025 7:13 PM", dt.datetime(2025, 3, 22, 19, 13)),
        ("Apr 09, 2020 8:50 PM", dt.datetime(2020, 4, 9, 20, 50)),
        ("Apr 9, 2020 12:05 AM", dt.datetime(2020, 4, 9, 0, 5)),
        ("September 3, 2026 18:00:00", dt.datetime(2026, 9, 3, 18, 0)),
        ("11/19/2021 9:54:15 AM", dt.datetime(2021, 11, 19, 9, 54, 15)),
        ("08/09/2026 02:31:08 PM", dt.datetime(2026, 8, 9, 14, 31, 8)),
        ("11/19/21 12:01 PM", dt.datetime(2021, 11, 19, 12, 1)),
        ("2026-09-03 18:00:00", dt.datetime(2026, 9, 3, 18, 0)),
        ("2026-09-03T18:00:00", dt.datetime(2026, 9, 3, 18, 0)),
    ],
)
def test_the_time_forms_zoom_and_excel_write_are_read(text, expected):
    from attendance.parsing.dates import MONTH_FIRST, naive

    stamp = StampReader().read(text)
    assert stamp is not None
    assert naive(stamp, MONTH_FIRST) == expected


@pytest.mark.parametrize(
    "text", ["Mar 22 2025", "13:00 PM", "Mar 22, 2025 25:00:00", "Smarch 22, 2025 10:00", "--"]
)
def test_text_that_is_not_a_time_is_not_read(text):
    assert StampReader().read(text) is None


def test_a_first_number_above_twelve_settles_day_first():
    report = meeting(
        row("Dana", "15/08/2026 01:27", "15/08/2026 02:30"), event_date=dt.date(2026, 8, 15)
    )
    assert report.date_order == "day_first"
    assert report.rows[0].join == dt.datetime(2026, 8, 15, 5, 27, tzinfo=UTC)


def test_a_second_number_above_twelve_settles_month_first():
    report = meeting(
        row("Dana", "08/15/2026 01:27 AM", "08/15/2026 02:30 AM"), event_date=dt.date(2026, 8, 15)
    )
    assert report.date_order == "month_first"


def test_one_settled_date_decides_the_order_of_the_ambiguous_ones():
    report = meeting(
        row("Dana", "05/06/2026 23:50", "05/06/2026 23:59"),
        row("Omar", "05/06/2026 23:55", "13/06/2026 00:10"),
        event_date=dt.date(2026, 6, 5),
    )
    assert report.date_order == "day_first"
    assert report.rows[0].join.date() == dt.date(2026, 6, 6)


def test_ambiguous_dates_take_the_order_nearest_the_event_date():
    lines = [row("Dana", "03/05/2026 6:00 PM", "03/05/2026 7:00 PM")]
    assert meeting(*lines, event_date=dt.date(2026, 3, 5)).date_order == "month_first"
    assert meeting(*lines, event_date=dt.date(2026, 5, 3)).date_order == "day_first"


def test_a_settled_start_time_in_the_meeting_header_decides_ambiguous_rows():
    header = "\n".join(
        [
            "Meeting ID,Topic,Start Time,End Time,User Email,Duration (Minutes),Participants",
            "123,Seminar,13/05/2026 18:00,13/05/2026 19:00,h@example.org,60,1",
            "",
            HEADER,
        ]
    )
    report = meeting(
        row("Dana", "12/05/2026 23:58", "12/05/2026 23:59"),
        header=header,
        event_date=dt.date(2026, 5, 12),
    )
    assert report.date_order == "day_first"


def test_equally_plausible_orders_read_month_first_with_a_warning():
    # January 2 and February 1 are both 15 days from January 17.
    report = meeting(
        row("Dana", "01/02/2026 6:00 PM", "01/02/2026 7:00 PM"), event_date=dt.date(2026, 1, 17)
    )
    assert report.date_order == "month_first"
    assert report.rows[0].join.date() == dt.date(2026, 1, 2)
    assert any("month-first or day-first" in warning for warning in report.warnings)


def test_dates_that_read_the_same_either_way_give_no_warning():
    report = meeting(
        row("Dana", "05/05/2026 6:00 PM", "05/05/2026 7:00 PM"), event_date=dt.date(2026, 5, 5)
    )
    assert report.warnings == []


def test_a_file_mixing_day_first_and_month_first_dates_is_refused():
    error = refused(
        row("Dana", "15/08/2026 01:27", "15/08/2026 02:30"),
        row("Omar", "08/15/2026 01:27", "08/15/2026 02:30"),
        event_date=dt.date(2026, 8, 15),
    )
    assert error.code == codes.INCONSISTENT_DATES
    assert error.line == 3
    assert "line 2" in error.message


def test_a_time_in_an_unknown_form_is_refused_with_the_line_and_the_text():
    error = refused(
        row("Dana", "05/12/2026 1:00 PM", "05/12/2026 2:00 PM"),
        row("Omar", "yesterday at noon", "05/12/2026 2:00 PM"),
        event_date=dt.date(2026, 5, 12),
    )
    assert (error.code, error.line) == (codes.BAD_DATE, 3)
    assert "'yesterday at noon' is not a date FullCredit recognises" in error.message


def test_a_date_impossible_in_the_chosen_order_is_refused():
    error = refused(
        row("Dana", "02/30/2026 1:00 PM", "02/30/2026 2:00 PM"), event_date=dt.date(2026, 2, 28)
    )
    assert (error.code, error.line) == (codes.BAD_DATE, 2)


def test_times_far_from_the_event_date_give_a_warning():
    report = meeting(
        row("Dana", "05/12/2026 1:00 PM", "05/12/2026 2:00 PM"), event_date=dt.date(2026, 6, 30)
    )
    assert any("on 2026-05-12, but the event is on 2026-06-30" in w for w in report.warnings)


def test_conversion_to_utc_follows_daylight_saving_time():
    winter = meeting(
        row("Dana", "01/12/2026 1:00 PM", "01/12/2026 2:00 PM"), event_date=dt.date(2026, 1, 12)
    )
    summer = meeting(
        row("Dana", "07/12/2026 1:00 PM", "07/12/2026 2:00 PM"), event_date=dt.date(2026, 7, 12)
    )
    assert winter.rows[0].join.hour == 18  # EST, UTC-5
    assert summer.rows[0].join.hour == 17  # EDT, UTC-4


def fall_back():
    return parse_report(
        read("meeting_dst_fall_back.csv"),
        "fall-back.csv",
        time_zone="America/New_York",
        event_date=dt.date(2026, 11, 1),
    )


def test_a_repeated_hour_time_is_read_as_its_first_occurrence_with_a_warning_naming_the_line():
    report = fall_back()
    early = report.rows[0]
    # 01:30 the first time on November 1, 2026 is still EDT (UTC-4).
    assert early.leave == dt.datetime(2026, 11, 1, 5, 30, tzinfo=UTC)
    assert any(w.startswith("Line 2:") and "the first" in w for w in report.warnings)


def test_a_leave_before_the_join_in_the_repeated_hour_is_read_as_the_second_occurrence():
    report = fall_back()
    owl = report.rows[1]
    assert owl.join == dt.datetime(2026, 11, 1, 5, 40, tzinfo=UTC)  # 01:40 EDT
    assert owl.leave == dt.datetime(2026, 11, 1, 6, 10, tzinfo=UTC)  # 01:10 EST
    assert any(w.startswith("Line 3:") and "the second one" in w for w in report.warnings)


def test_times_after_the_repeated_hour_are_standard_time_without_a_warning():
    report = fall_back()
    assert report.rows[2].join == dt.datetime(2026, 11, 1, 7, 5, tzinfo=UTC)  # 02:05 EST
    assert not any(w.startswith("Line 4:") for w in report.warnings)


def test_a_time_in_the_spring_forward_gap_is_refused_with_its_line():
    with pytest.raises(ReportError) as caught:
        parse_report(
            read("meeting_dst_spring_forward.csv"),
            "spring.csv",
            time_zone="America/New_York",
            event_date=dt.date(2026, 3, 8),
        )
    assert (caught.value.code, caught.value.line) == (codes.NONEXISTENT_LOCAL_TIME, 3)
    assert "'03/08/2026 02:30:00 AM' never happened in America/New_York" in caught.value.message


def test_the_local_clock_gives_both_readings_of_a_repeated_time():
    first, second = LocalClock("America/New_York").place(dt.datetime(2026, 11, 1, 1, 30))
    assert (first.hour, second.hour) == (5, 6)


def test_an_unknown_time_zone_is_refused():
    with pytest.raises(ReportError) as caught:
        meeting(
            row("Dana", "05/12/2026 1:00 PM", "05/12/2026 2:00 PM"),
            event_date=dt.date(2026, 5, 12),
            zone="Mars/Olympus_Mons",
        )
    assert caught.value.code == codes.TIME_ZONE_UNKNOWN
