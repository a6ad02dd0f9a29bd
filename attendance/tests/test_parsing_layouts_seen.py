"""Every layout of the real-world notes on Zoom exports, each built from its documented header.

The table below is the index: each layout, its fixture, and what FullCredit does with it.
Behaviour beyond recognition is tested in the module named alongside.
"""

from __future__ import annotations

import codecs
import datetime as dt

import pytest

from attendance.parsing import (
    HOST,
    MEETING_PARTICIPANTS_CSV,
    PANELIST,
    WEBINAR_ATTENDEE_CSV,
    ReportError,
    codes,
    parse_report,
)
from attendance.tests.fixtures import read

ZONE = "America/New_York"
DAY = dt.date(2026, 3, 21)
LAYOUTS = [
    # Localised exports (test_parsing_localised)
    ("Italian Usage export", "usage_it.csv", MEETING_PARTICIPANTS_CSV),
    ("Spanish, older wording", "meeting_es_older.csv", MEETING_PARTICIPANTS_CSV),
    ("Spanish, newer wording", "meeting_es_newer.csv", MEETING_PARTICIPANTS_CSV),
    ("German", "meeting_de.csv", MEETING_PARTICIPANTS_CSV),
    ("Japanese, year-first dates", "meeting_ja.csv", MEETING_PARTICIPANTS_CSV),
    ("Korean, year-first 12-hour dates", "meeting_ko.csv", MEETING_PARTICIPANTS_CSV),
    ("Korean webinar report", "webinar_ko.csv", WEBINAR_ATTENDEE_CSV),
    # The 2024–25 account-wide export (test_parsing_usage_export)
    ("Usage → Participants, several meetings", "usage_2025_account.csv", MEETING_PARTICIPANTS_CSV),
    # Spreadsheet re-save (test_parsing_precision)
    ("Excel re-save: no seconds, no email", "meeting_excel_resaved.csv", MEETING_PARTICIPANTS_CSV),
    # Also seen (this module)
    ("zoomus meeting report", "zoomus_meeting_report_85512345678.csv", MEETING_PARTICIPANTS_CSV),
    ("webinar with registration fields", "webinar_registration_fields.csv", WEBINAR_ATTENDEE_CSV),
    # Refused with what to export instead (test_parsing_refusals)
    ("Dashboard participants", "dashboard_participants.csv", codes.DASHBOARD_EXPORT),
    (
        "/past_meetings participants",
        "past_meetings_participants.json",
        codes.PAST_PARTICIPANTS_JSON,
    ),
    ("report-API rows saved as CSV", "report_api_rows.csv", codes.API_ROWS_CSV),
    ("unique users, lower case", "meeting_unique_users_lowercase.csv", codes.UNIQUE_USERS_EXPORT),
]


def parse(content: bytes, name: str = "report.csv"):
    return parse_report(content, name, time_zone=ZONE, event_date=DAY)


@pytest.mark.parametrize(("layout", "name", "expected"), LAYOUTS, ids=[x[0] for x in LAYOUTS])
def test_each_layout_seen_is_read_or_refused_as_documented(layout, name, expected):
    try:
        result = parse(read(name), name).format
    except ReportError as error:
        result = error.code
    assert result == expected


def test_the_zoomus_meeting_report_reads_24_hour_times_without_a_guest_column():
    report = parse(read("zoomus_meeting_report_85512345678.csv"))
    assert [row.name for row in report.rows] == [
        "Sam Okafor",
        "Dana Whitfield",
        "Dana Whitfield",
        "Omar Haddad",
    ]
    assert {row.is_guest for row in report.rows} == {None}
    # 19:12:01 in New York (EDT) is 23:12:01 UTC; the decimal durations are never read.
    assert report.rows[1].join == dt.datetime(2026, 3, 21, 23, 12, 1, tzinfo=dt.UTC)


def test_registration_fields_before_registration_time_go_to_extra():
    dana = next(
        row for row in parse(read("webinar_registration_fields.csv")).rows if row.line == 13
    )
    assert dana.extra["City"] == "Albany"
    assert dana.extra["Organization"] == "Hudson Clinic"
    assert dana.extra["Questions & Comments"] == 'Will the "safety plan" slides be shared?'
    assert dana.extra['Your license (e.g. "LCSW")'] == "LCSW"
    assert dana.join == dt.datetime(2026, 3, 21, 23, 12, 1, tzinfo=dt.UTC)


def test_a_no_show_with_dashes_for_every_empty_field_is_skipped():
    report = parse(read("webinar_registration_fields.csv"))
    assert "wen.li@example.com" not in {row.email for row in report.rows}


def test_an_attendee_upgraded_to_panelist_is_a_panelist_in_both_sections():
    report = parse(read("webinar_registration_fields.csv"))
    priya = [row for row in report.rows if row.email == "priya@example.com"]
    assert [(row.line, row.role) for row in priya] == [(10, PANELIST), (15, PANELIST)]
    assert [row.role for row in report.rows if row.line == 7] == [HOST]


def test_a_participants_header_with_a_trailing_comma_and_no_guest_column_is_read():
    content = (
        b"Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),\n"
        b"Dana,d@example.com,03/21/2026 07:12:01 PM,03/21/2026 10:15:30 PM,184,\n"
    )
    row = parse(content).rows[0]
    assert (row.email, row.is_guest) == ("d@example.com", None)


def test_a_file_with_two_byte_order_marks_is_read():
    content = codecs.BOM_UTF8 * 2 + read("meeting_twin_en.csv").removeprefix(codecs.BOM_UTF8)
    assert len(parse(content).rows) == 7


def test_an_excel_resave_that_dropped_the_email_column_is_read_without_emails():
    report = parse(read("meeting_excel_resaved.csv"))
    assert {row.email for row in report.rows} == {""}
    # "3/21/26 19:12": a two-digit year and no seconds.
    assert report.rows[0].join == dt.datetime(2026, 3, 21, 23, 12, tzinfo=dt.UTC)
