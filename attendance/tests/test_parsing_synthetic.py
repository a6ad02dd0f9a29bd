"""The synthetic Attendee Report used by the benchmark reads back as what it contains."""

from __future__ import annotations

import datetime as dt
import time

from attendance.parsing import HOST, PANELIST, parse_report
from attendance.parsing.synthetic import webinar_attendee_csv, webinar_attendee_report

START = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=3, minutes=15)
ZONE = "America/New_York"


def people(count: int) -> list[tuple[str, str, str]]:
    return [(f"First{n}", f"Last{n}", f"person{n}@example.com") for n in range(count)]


def build(count: int, seed: int = 7):
    return webinar_attendee_report(
        people(count), event_start=START, event_end=END, time_zone=ZONE, seed=seed
    )


def parse(content: bytes):
    return parse_report(content, "synthetic.csv", time_zone=ZONE, event_date=START.date())


def test_the_synthetic_report_parses_back_with_the_expected_row_count():
    made = build(300)
    report = parse(made.content)
    assert len(report.rows) == made.connection_rows
    assert made.no_shows > 0
    assert report.warnings == []


def test_the_synthetic_report_is_the_same_for_the_same_seed_and_differs_for_another():
    assert build(120).content == build(120).content
    assert build(120).content != build(120, seed=8).content


def test_webinar_attendee_csv_returns_the_reports_bytes():
    content = webinar_attendee_csv(
        people(50), event_start=START, event_end=END, time_zone=ZONE, seed=3
    )
    assert (
        content
        == webinar_attendee_report(
            people(50), event_start=START, event_end=END, time_zone=ZONE, seed=3
        ).content
    )


def test_the_synthetic_report_has_the_traps_of_real_ones():
    made = build(600)
    rows = parse(made.content).rows
    attendees = [row for row in rows if row.email.startswith("person")]
    by_person: dict[str, list] = {}
    for row in attendees:
        by_person.setdefault(row.email, []).append(row)
    overlapping = sum(
        1
        for spans in by_person.values()
        if any(
            a.join < b.leave and b.join < a.leave
            for i, a in enumerate(spans)
            for b in spans[i + 1 :]
        )
    )
    assert overlapping > 10  # second devices and failover-like reconnects
    assert any(row.original_name for row in attendees)  # renames
    assert any(row.role == HOST for row in rows)
    assert any(row.role == PANELIST for row in rows)
    others = [row for row in rows if row.extra.get("section") == "other_attended"]
    assert len(others) == made.other_attended_rows
    assert any(row.is_phone and row.phone_digits for row in others)
    assert any(row.is_phone and not row.phone_digits for row in others)  # Call-in User_N
    assert any(not row.is_phone for row in others)  # guests


def test_ten_thousand_registrants_give_about_forty_thousand_rows_parsed_quickly():
    made = build(10_000)
    began = time.perf_counter()
    report = parse(made.content)
    elapsed = time.perf_counter() - began
    assert 36_000 <= len(report.rows) == made.connection_rows <= 44_000
    # A loose bound that only catches a return to per-cell work (measured ~0.5 s, see report).
    assert elapsed < 5
