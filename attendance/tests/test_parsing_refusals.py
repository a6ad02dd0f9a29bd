"""Zoom files without usable join and leave times: a specific code and what to export instead."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from attendance.parsing import ReportError, codes, detect_format, parse_report
from attendance.tests.fixtures import read


def refusal(content: bytes, name: str) -> ReportError:
    with pytest.raises(ReportError) as caught:
        parse_report(content, name, time_zone="America/New_York", event_date=dt.date(2026, 3, 21))
    with pytest.raises(ReportError) as detected:
        detect_format(content, name)
    assert detected.value.code == caught.value.code
    return caught.value


def test_the_dashboard_participant_export_is_refused_naming_the_usage_export():
    error = refusal(read("dashboard_participants.csv"), "dashboard.csv")
    assert (error.code, error.line) == (codes.DASHBOARD_EXPORT, 1)
    assert "Reports → Usage → Participants" in error.message
    assert "is not a date" not in error.message


def test_the_dashboards_participant_table_alone_is_refused_too():
    content = read("dashboard_participants.csv").split(b"\n", 3)[3]
    assert refusal(content, "dashboard.csv").code == codes.DASHBOARD_EXPORT


def test_a_time_without_a_date_says_so_rather_than_not_a_date():
    content = (
        b"Name (Original Name),User Email,Join Time,Leave Time\n"
        b"Dana,d@example.com,04:53 PM,05:40 PM\n"
    )
    with pytest.raises(ReportError) as caught:
        parse_report(
            content, "t.csv", time_zone="America/New_York", event_date=dt.date(2026, 3, 21)
        )
    error = caught.value
    assert (error.code, error.line) == (codes.BAD_DATE, 2)
    assert "without a date" in error.message and "Reports → Usage → Participants" in error.message


def test_the_past_meetings_participant_list_is_refused_naming_the_report_endpoint():
    error = refusal(read("past_meetings_participants.json"), "past.json")
    assert error.code == codes.PAST_PARTICIPANTS_JSON
    assert "/report/meetings/{id}/participants" in error.message
    assert "join_time" not in error.message


def test_a_bare_list_of_past_participants_is_refused_the_same_way():
    rows = json.loads(read("past_meetings_participants.json"))["participants"]
    content = json.dumps(rows).encode()
    assert refusal(content, "past.json").code == codes.PAST_PARTICIPANTS_JSON


def test_report_api_rows_saved_as_csv_are_refused_naming_the_json_pages():
    error = refusal(read("report_api_rows.csv"), "rows.csv")
    assert (error.code, error.line) == (codes.API_ROWS_CSV, 1)
    assert "JSON pages" in error.message


def test_the_lower_case_unique_users_export_is_refused_naming_the_export_to_use():
    error = refusal(read("meeting_unique_users_lowercase.csv"), "unique.csv")
    assert error.code == codes.UNIQUE_USERS_EXPORT
    assert 'WITHOUT "Show unique users"' in error.message


@pytest.mark.parametrize(
    "name",
    [
        "dashboard_participants.csv",
        "past_meetings_participants.json",
        "report_api_rows.csv",
        "meeting_unique_users_lowercase.csv",
    ],
)
def test_every_refusal_says_what_to_export_instead(name):
    message = refusal(read(name), name).message
    assert "instead" in message or "export again" in message
