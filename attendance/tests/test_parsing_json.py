"""Report API JSON pages and the simulated room's rows (reference §1.2, §1.7)."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from attendance.parsing import (
    REPORT_API_JSON,
    SIMULATED,
    ReportError,
    codes,
    parse_report,
    parse_rows,
)
from attendance.tests.fixtures import read

UTC = dt.UTC
DAY = dt.date(2026, 5, 12)


def parse_fixture(name: str, event_date: dt.date = DAY):
    # A zone that would shift every time if it were (wrongly) applied to the API's UTC times.
    return parse_report(read(name), name, time_zone="Asia/Tokyo", event_date=event_date)


def participant(**fields) -> dict:
    row = {
        "id": "",
        "user_id": "16778240",
        "name": "Dana Whitfield",
        "user_email": "dana@example.com",
        "join_time": "2026-05-12T18:00:00Z",
        "leave_time": "2026-05-12T19:00:00Z",
        "duration": 3600,
        "registrant_id": "",
        "status": "in_meeting",
        "failover": False,
        "customer_key": "",
    }
    row.update(fields)
    return row


def parse_json(data) -> object:
    return parse_report(json.dumps(data).encode(), "page.json", time_zone="", event_date=DAY)


def test_a_page_object_is_read_row_by_row_with_one_based_lines():
    report = parse_fixture("report_api_page1.json")
    assert report.format == REPORT_API_JSON
    assert [row.line for row in report.rows] == [1, 2, 3]


def test_api_times_are_utc_and_ignore_the_time_zone_given():
    report = parse_fixture("report_api_page1.json")
    assert report.time_zone == ""
    assert report.rows[0].join == dt.datetime(2026, 5, 12, 17, 58, 2, tzinfo=UTC)


def test_times_with_milliseconds_are_read():
    row = parse_fixture("report_api_page1.json").rows[1]
    assert row.join == dt.datetime(2026, 5, 12, 18, 2, 10, 660000, tzinfo=UTC)


def test_waiting_room_rows_are_flagged():
    report = parse_fixture("report_api_page1.json")
    assert [row.in_waiting_room for row in report.rows] == [True, False, False]


def test_registrant_id_and_lower_cased_email_are_kept():
    row = parse_fixture("report_api_page1.json").rows[0]
    assert (row.registrant_id, row.email) == (
        "9tboDiHUQAeOnbmudzWa5g",
        "dana.whitfield@example.com",
    )


def test_participant_id_is_the_participant_user_id_or_else_the_id():
    report = parse_fixture("report_api_breakouts.json", dt.date(2026, 1, 27))
    assert [row.participant_id for row in report.rows] == [
        "UaNQgyQYSM-qKsOyfaDzGQ",
        "UaNQgyQYSM-qKsOyfaDzGQ",
        "",
        "x4LrWm3pQGyM0bC1Vd9eTA",
    ]


def test_breakout_rows_carry_the_breakout_room_id():
    report = parse_fixture("report_api_breakouts.json", dt.date(2026, 1, 27))
    assert [row.breakout_room for row in report.rows] == [
        "",
        "C0Vqcg+k7BWzcIf2vU7Phg==",
        "B0a5JQ8bQ0uZQ6nWxY1t3A==",
        "",
    ]
    # Moving into a breakout room closes one row and opens the next at the same second.
    assert report.rows[0].leave == report.rows[1].join


def test_failover_rows_are_flagged():
    report = parse_fixture("report_api_page2.json")
    assert [row.failover for row in report.rows] == [False, True, False]


def test_duration_is_ignored():
    report = parse_json({"participants": [participant(duration=99999)]})
    row = report.rows[0]
    assert (row.leave - row.join).total_seconds() == 3600


def test_the_per_connection_user_id_is_kept_in_extra():
    assert parse_fixture("report_api_page1.json").rows[0].extra == {"user_id": "16778240"}


def test_a_masked_dial_in_without_email_is_a_phone_row():
    row = parse_fixture("report_api_page2.json").rows[2]
    assert (row.is_phone, row.phone_digits) == (True, "14150142")
    assert row.extra["phone_masked"] == "yes"


def test_a_bare_list_of_participants_is_read():
    report = parse_fixture("report_api_bare_list.json")
    assert [row.name for row in report.rows] == ["Dana Whitfield", "Omar Haddad"]


def test_an_array_of_pages_numbers_rows_across_its_pages():
    report = parse_fixture("report_api_pages_array.json")
    # Row 4 repeats row 3 (a row Zoom listed on both pages) and is kept once.
    assert [row.line for row in report.rows] == [1, 2, 3, 5, 6]


def test_a_lone_page_with_a_next_page_token_warns_that_pages_are_missing():
    report = parse_fixture("report_api_page1.json")
    assert any("next_page_token" in warning for warning in report.warnings)


def test_the_last_page_gives_no_missing_pages_warning():
    assert parse_fixture("report_api_page2.json").warnings == []


def test_a_page_without_participants_is_valid_with_a_warning():
    report = parse_json({"participants": [], "next_page_token": ""})
    assert report.rows == []
    assert any("Nobody joined" in warning for warning in report.warnings)


def test_a_row_without_a_leave_time_is_refused_naming_the_row():
    with pytest.raises(ReportError) as caught:
        parse_json({"participants": [participant(), participant(leave_time=None)]})
    assert (caught.value.code, caught.value.line) == (codes.MISSING_TIME, 2)
    assert "no leave_time" in caught.value.message


def test_a_row_without_a_join_time_key_is_refused_naming_the_row():
    row = participant()
    del row["join_time"]
    with pytest.raises(ReportError) as caught:
        parse_json([row])
    assert (caught.value.code, caught.value.line) == (codes.MISSING_TIME, 1)


def test_a_time_without_a_zone_is_refused():
    with pytest.raises(ReportError) as caught:
        parse_json([participant(join_time="2026-05-12T18:00:00")])
    assert caught.value.code == codes.BAD_DATE
    assert "no time zone" in caught.value.message


def test_a_join_after_the_leave_is_refused_with_the_row():
    with pytest.raises(ReportError) as caught:
        parse_json([participant(), participant(join_time="2026-05-12T19:30:00Z")])
    assert (caught.value.code, caught.value.line) == (codes.JOIN_AFTER_LEAVE, 2)


def test_a_detail_report_is_refused_with_guidance():
    detail = {"uuid": "iOTQZPmhTUq5a232ETb9eg==", "participants_count": 9, "topic": "Seminar"}
    with pytest.raises(ReportError) as caught:
        parse_json(detail)
    assert caught.value.code == codes.UNKNOWN_FORMAT
    assert "/participants" in caught.value.message


def test_invalid_json_is_refused_with_its_line():
    with pytest.raises(ReportError) as caught:
        parse_report(
            b'{"participants": [\n{"name": }\n]}', "bad.json", time_zone="", event_date=DAY
        )
    assert (caught.value.code, caught.value.line) == (codes.MALFORMED_JSON, 2)


def simulated_row(pk: int, name: str, email: str, join: str, leave: str) -> dict:
    """What meetings/simulated/rows.py `participant_row` produces for one connection."""
    return {
        "id": f"connection-{pk}-uuid",
        "user_id": str(16777216 + 1024 * pk),
        "name": name,
        "user_email": email,
        "join_time": join,
        "leave_time": leave,
        "duration": 60,
        "registrant_id": f"reg-{name.split()[0].lower()}",
        "status": "in_meeting",
        "failover": False,
        "customer_key": "",
    }


def test_simulated_rows_are_parsed_with_the_simulated_format():
    rows = [
        simulated_row(
            1, "Dana Whitfield", "dana@example.com", "2026-05-12T18:00:00Z", "2026-05-12T19:00:00Z"
        ),
        simulated_row(
            2, "Dana Whitfield", "dana@example.com", "2026-05-12T18:30:00Z", "2026-05-12T19:10:00Z"
        ),
    ]
    report = parse_rows(rows, source="simulated room", format=SIMULATED)
    assert report.format == SIMULATED
    assert [(row.source, row.line, row.registrant_id) for row in report.rows] == [
        ("simulated room", 1, "reg-dana"),
        ("simulated room", 2, "reg-dana"),
    ]


def test_simulated_connection_ids_are_not_taken_as_a_persons_participant_id():
    row = simulated_row(
        1, "Dana Whitfield", "dana@example.com", "2026-05-12T18:00:00Z", "2026-05-12T19:00:00Z"
    )
    report = parse_rows([row], source="simulated room", format=SIMULATED)
    assert report.rows[0].participant_id == ""


def test_parse_rows_defaults_to_the_report_api_format():
    report = parse_rows([participant(id="abc")], source="api")
    assert (report.format, report.rows[0].participant_id) == (REPORT_API_JSON, "abc")
