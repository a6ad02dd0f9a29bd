"""Several files as one import: API pages, instances, CSVs (reference §1.3, §1.5)."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from attendance.parsing import ReportError, codes, parse_report, parse_reports
from attendance.parsing.connection import new_connection
from attendance.parsing.types import RawConnection
from attendance.tests.fixtures import read

DAY = dt.date(2026, 5, 12)
PAGES = [
    ("page1.json", read("report_api_page1.json")),
    ("page2.json", read("report_api_page2.json")),
]


def merged(files, time_zone=""):
    return parse_reports(files, time_zone=time_zone, event_date=DAY)


def meeting_csv(*rows: str) -> bytes:
    header = "Name (Original Name),User Email,Join Time,Leave Time,Duration (Minutes),Guest"
    return "\n".join([header, *rows]).encode()


def test_pages_are_merged_in_file_order():
    report = merged(PAGES)
    assert [(row.source, row.line) for row in report.rows] == [
        ("page1.json", 1),
        ("page1.json", 2),
        ("page1.json", 3),
        ("page2.json", 2),
        ("page2.json", 3),
    ]


def test_a_row_on_two_pages_is_kept_once_with_a_warning():
    report = merged(PAGES)
    omar = [row for row in report.rows if row.email == "omar@example.com"]
    assert len(omar) == 2
    assert any("1 row" in w and "more than one file" in w for w in report.warnings)


def test_merging_is_the_same_whatever_the_order_of_pages_but_for_sources():
    forward = {row.identity for row in merged(PAGES).rows}
    backward = {row.identity for row in merged(list(reversed(PAGES))).rows}
    assert forward == backward


def test_pages_including_the_last_one_give_no_missing_pages_warning():
    assert not any("next_page_token" in w for w in merged(PAGES).warnings)


def test_only_pages_with_more_to_come_warn_that_pages_are_missing():
    report = merged([PAGES[0], ("page1-again.json", PAGES[0][1])])
    assert any("next_page_token" in w for w in report.warnings)


def test_csv_files_of_one_format_are_merged_and_each_row_keeps_its_file():
    first = meeting_csv("Dana,dana@example.com,05/12/2026 1:00 PM,05/12/2026 1:30 PM,30,No")
    second = meeting_csv(
        "Dana,dana@example.com,05/12/2026 1:00 PM,05/12/2026 1:30 PM,30,No",
        "Dana,dana@example.com,05/12/2026 1:35 PM,05/12/2026 2:30 PM,55,No",
    )
    report = merged([("a.csv", first), ("b.csv", second)], time_zone="America/New_York")
    assert [(row.source, row.line) for row in report.rows] == [("a.csv", 2), ("b.csv", 3)]
    assert report.time_zone == "America/New_York"
    assert report.date_order == "month_first"


def test_json_and_csv_files_cannot_be_imported_together():
    files = [
        PAGES[0],
        ("m.csv", meeting_csv("Dana,d@example.com,05/12/2026 1:00 PM,05/12/2026 1:30 PM,30,No")),
    ]
    with pytest.raises(ReportError) as caught:
        merged(files, time_zone="America/New_York")
    assert (caught.value.code, caught.value.source) == (codes.MIXED_FORMATS, "m.csv")


def test_an_error_in_any_file_names_that_file():
    bad = meeting_csv("Dana,dana@example.com,05/12/2026 3:00 PM,05/12/2026 1:30 PM,30,No")
    with pytest.raises(ReportError) as caught:
        merged([("good.csv", meeting_csv()), ("bad.csv", bad)], time_zone="America/New_York")
    assert str(caught.value).startswith("bad.csv, line 2:")


def test_warnings_from_each_file_name_the_file():
    report = merged([("empty-a.json", b"[]"), ("empty-b.json", b'{"participants": []}')])
    assert any(w.startswith("empty-a.json: Nobody joined") for w in report.warnings)


def test_no_files_is_refused():
    with pytest.raises(ReportError) as caught:
        merged([])
    assert caught.value.code == codes.NO_FILES


def test_one_file_gives_what_parse_report_gives():
    single = merged(PAGES[:1])
    assert single == parse_report(PAGES[0][1], "page1.json", time_zone="", event_date=DAY)


def test_a_row_repeated_within_one_file_is_kept_once():
    content = meeting_csv(
        "Dana,dana@example.com,05/12/2026 1:00 PM,05/12/2026 1:30 PM,30,No",
        "Dana,dana@example.com,05/12/2026 1:00 PM,05/12/2026 1:30 PM,30,No",
    )
    report = parse_report(content, "m.csv", time_zone="America/New_York", event_date=DAY)
    assert len(report.rows) == 1
    assert any("more than once" in w for w in report.warnings)


def test_the_fast_row_builder_makes_exactly_what_the_dataclass_makes():
    fields = {
        "source": "a.csv",
        "line": 3,
        "name": "Dana",
        "original_name": "Dana W",
        "email": "dana@example.com",
        "join": dt.datetime(2026, 5, 12, 18, tzinfo=dt.UTC),
        "leave": dt.datetime(2026, 5, 12, 19, tzinfo=dt.UTC),
        "registrant_id": "r1",
        "participant_id": "p1",
        "role": "panelist",
        "in_waiting_room": True,
        "breakout_room": "bo",
        "failover": True,
        "phone_digits": "0142",
        "is_phone": True,
        "is_guest": False,
        "extra": {"k": "v"},
    }
    assert set(fields) == {f.name for f in dataclasses.fields(RawConnection)}
    built = new_connection(**fields)
    assert type(built) is RawConnection
    assert built == RawConnection(**fields)
    assert hash(built.identity) == hash(RawConnection(**fields).identity)
    with pytest.raises(dataclasses.FrozenInstanceError):
        built.name = "changed"  # type: ignore[misc]
