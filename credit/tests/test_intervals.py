from __future__ import annotations

import time
from datetime import UTC, datetime, timedelta, timezone
from zoneinfo import ZoneInfo

import pytest

from credit.intervals import Interval, clip, missing, subtract, to_utc, total_seconds, union
from credit.tests.helpers import DAY, at, span

NEW_YORK = ZoneInfo("America/New_York")


def test_naive_start_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Interval(datetime(2026, 5, 12, 9), at(10))


def test_naive_end_is_refused() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        Interval(at(9), datetime(2026, 5, 12, 10))


def test_end_before_start_is_refused() -> None:
    with pytest.raises(ValueError, match="before its start"):
        Interval(at(10), at(9))


def test_zero_length_interval_can_be_built() -> None:
    assert Interval(at(9), at(9)).seconds == 0


def test_non_datetime_is_refused() -> None:
    with pytest.raises(TypeError):
        Interval(DAY.date(), at(9))  # type: ignore[arg-type]


def test_interval_is_stored_in_utc() -> None:
    local = datetime(2026, 5, 12, 9, tzinfo=NEW_YORK)
    interval = Interval(local, local + timedelta(hours=1))
    assert interval.start.tzinfo is UTC
    assert interval.start == local


def test_intervals_in_different_zones_for_the_same_instants_are_equal() -> None:
    plus_two = timezone(timedelta(hours=2))
    assert Interval(at(9).astimezone(plus_two), at(10).astimezone(plus_two)) == span(
        "09:00", "10:00"
    )


def test_seconds_is_elapsed_time() -> None:
    assert span("09:00", "10:30:05").seconds == 5405


def test_seconds_across_fall_back_counts_the_repeated_hour() -> None:
    start = datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK)
    end = datetime(2026, 11, 1, 2, 30, tzinfo=NEW_YORK)
    assert Interval(start, end).seconds == 3 * 3600


def test_to_utc_refuses_naive_datetimes() -> None:
    with pytest.raises(ValueError):
        to_utc(datetime(2026, 5, 12, 9))


def test_union_merges_overlapping_intervals() -> None:
    assert union([span("09:00", "10:00"), span("09:30", "11:00")]) == [span("09:00", "11:00")]


def test_union_merges_touching_intervals() -> None:
    assert union([span("09:00", "10:00"), span("10:00", "11:00")]) == [span("09:00", "11:00")]


def test_union_absorbs_nested_intervals() -> None:
    assert union([span("09:00", "12:00"), span("10:00", "10:30")]) == [span("09:00", "12:00")]


def test_union_sorts_unsorted_input() -> None:
    rows = [span("13:00", "14:00"), span("09:00", "10:00"), span("11:00", "12:00")]
    assert union(rows) == [span("09:00", "10:00"), span("11:00", "12:00"), span("13:00", "14:00")]


def test_union_keeps_separate_intervals_separate() -> None:
    assert union([span("09:00", "10:00"), span("10:00:01", "11:00")]) == [
        span("09:00", "10:00"),
        span("10:00:01", "11:00"),
    ]


def test_union_drops_zero_length_intervals() -> None:
    assert union([span("09:00", "09:00"), span("10:00", "10:00")]) == []


def test_union_of_nothing_is_empty() -> None:
    assert union([]) == []


def test_union_accepts_any_iterable() -> None:
    assert union(iter([span("09:00", "10:00")])) == [span("09:00", "10:00")]


def test_union_merges_intervals_given_in_different_zones() -> None:
    local = Interval(
        datetime(2026, 5, 12, 5, 30, tzinfo=NEW_YORK), datetime(2026, 5, 12, 7, tzinfo=NEW_YORK)
    )  # 09:30-11:00 UTC
    assert union([span("09:00", "10:00"), local]) == [span("09:00", "11:00")]


def test_clip_trims_intervals_to_the_window() -> None:
    rows = [span("08:00", "09:30"), span("10:00", "10:30"), span("11:30", "13:00")]
    assert clip(rows, span("09:00", "12:00")) == [
        span("09:00", "09:30"),
        span("10:00", "10:30"),
        span("11:30", "12:00"),
    ]


def test_clip_drops_intervals_outside_the_window() -> None:
    assert clip([span("07:00", "08:00"), span("12:00", "13:00")], span("09:00", "12:00")) == []


def test_clip_drops_intervals_that_only_touch_the_window() -> None:
    assert clip([span("08:00", "09:00")], span("09:00", "12:00")) == []


def test_clip_merges_before_clipping() -> None:
    rows = [span("08:00", "10:00"), span("09:00", "11:00")]
    assert clip(rows, span("09:30", "12:00")) == [span("09:30", "11:00")]


def test_subtract_cuts_holes_out_of_intervals() -> None:
    assert subtract([span("09:00", "12:00")], [span("10:00", "10:15")]) == [
        span("09:00", "10:00"),
        span("10:15", "12:00"),
    ]


def test_subtract_a_hole_covering_everything_leaves_nothing() -> None:
    assert subtract([span("09:00", "10:00")], [span("08:00", "11:00")]) == []


def test_subtract_hole_spanning_several_intervals() -> None:
    rows = [span("09:00", "10:00"), span("10:30", "11:00"), span("11:30", "12:00")]
    assert subtract(rows, [span("09:30", "11:45")]) == [
        span("09:00", "09:30"),
        span("11:45", "12:00"),
    ]


def test_subtract_unions_both_sides_first() -> None:
    rows = [span("09:00", "11:00"), span("10:00", "12:00")]
    holes = [span("10:00", "10:30"), span("10:15", "10:45")]
    assert subtract(rows, holes) == [span("09:00", "10:00"), span("10:45", "12:00")]


def test_subtract_touching_holes_leave_no_sliver() -> None:
    holes = [span("10:00", "10:15"), span("10:15", "10:30")]
    assert subtract([span("09:00", "11:00")], holes) == [
        span("09:00", "10:00"),
        span("10:30", "11:00"),
    ]


def test_subtract_nothing_returns_the_union() -> None:
    assert subtract([span("10:00", "11:00"), span("09:00", "10:00")], []) == [
        span("09:00", "11:00")
    ]


def test_total_seconds_counts_overlap_once() -> None:
    assert total_seconds([span("09:00", "10:00"), span("09:30", "10:30")]) == 5400


def test_total_seconds_of_nothing_is_zero() -> None:
    assert total_seconds([]) == 0


def test_total_seconds_keeps_microseconds() -> None:
    interval = Interval(at(9), at(9) + timedelta(microseconds=1))
    assert total_seconds([interval] * 3) == 0.000001


def test_missing_returns_the_uncovered_parts() -> None:
    within = [span("09:00", "10:00"), span("10:15", "12:00")]
    covered = [span("09:10", "11:00")]
    assert missing(covered, within) == [span("09:00", "09:10"), span("11:00", "12:00")]


def test_missing_is_empty_when_fully_covered() -> None:
    assert missing([span("08:00", "13:00")], [span("09:00", "12:00")]) == []


def test_missing_everything_when_nothing_covers() -> None:
    assert missing([], [span("09:00", "12:00")]) == [span("09:00", "12:00")]


def test_forty_thousand_rows_are_merged_in_well_under_a_second_each() -> None:
    # A quadratic sweep over 40,000 rows takes minutes; a sort + sweep takes milliseconds.
    base = at(0)
    rows = [
        Interval(base + timedelta(seconds=i), base + timedelta(seconds=i + 2))
        for i in range(0, 80_000, 2)
    ]
    rows.reverse()
    holes = [
        Interval(base + timedelta(seconds=i), base + timedelta(seconds=i + 1))
        for i in range(0, 80_000, 4)
    ]
    began = time.perf_counter()
    merged = union(rows)
    rest = subtract(rows, holes)
    elapsed = time.perf_counter() - began
    assert merged == [Interval(base, base + timedelta(seconds=80_000))]
    assert len(rest) == 20_000
    assert elapsed < 5
