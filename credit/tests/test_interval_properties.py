"""Properties the credit arithmetic must keep for any connection data Zoom can produce."""

from __future__ import annotations

import random
from datetime import UTC, datetime, timedelta
from decimal import Decimal
from itertools import pairwise

from hypothesis import given, settings
from hypothesis import strategies as st

from credit.eligibility import decide
from credit.intervals import Interval, missing, subtract, total_seconds, union

BASE = datetime(2026, 5, 12, 9, tzinfo=UTC)
HORIZON = 6 * 3600  # rows fall within six hours of BASE, so they straddle the window both ways
WINDOW = Interval(BASE + timedelta(hours=1), BASE + timedelta(hours=4))
HOURS = Decimal("2.5")

offsets = st.integers(min_value=0, max_value=HORIZON)


@st.composite
def intervals(draw: st.DrawFn) -> Interval:
    start = draw(offsets)
    length = draw(st.integers(min_value=0, max_value=HORIZON - start))
    return Interval(BASE + timedelta(seconds=start), BASE + timedelta(seconds=start + length))


@st.composite
def breaks_inside_window(draw: st.DrawFn) -> list[Interval]:
    """Up to three breaks; ``decide`` is given them possibly overlapping, as the union is used."""
    lo, hi = 3600, 4 * 3600
    result = []
    for _ in range(draw(st.integers(min_value=0, max_value=3))):
        start = draw(st.integers(min_value=lo, max_value=hi - 60))
        end = draw(st.integers(min_value=start + 1, max_value=min(start + 1800, hi - 1)))
        result.append(Interval(BASE + timedelta(seconds=start), BASE + timedelta(seconds=end)))
    return result


rows = st.lists(intervals(), max_size=25)
rules = settings(max_examples=200, deadline=None)


def attended(connections: list[Interval], breaks: list[Interval]) -> float:
    return decide(connections, WINDOW, breaks, HOURS).attended_seconds


@rules
@given(rows, breaks_inside_window())
def test_attended_never_exceeds_the_window_minus_breaks(
    connections: list[Interval], breaks: list[Interval]
) -> None:
    assert attended(connections, breaks) <= total_seconds(subtract([WINDOW], breaks))


@rules
@given(rows, breaks_inside_window())
def test_attended_plus_missed_is_the_required_time(
    connections: list[Interval], breaks: list[Interval]
) -> None:
    decision = decide(connections, WINDOW, breaks, HOURS)
    assert decision.attended_seconds + total_seconds(decision.missed) == decision.required_seconds


@rules
@given(rows, breaks_inside_window(), st.randoms(use_true_random=False))
def test_order_of_rows_never_matters(
    connections: list[Interval], breaks: list[Interval], rng: random.Random
) -> None:
    shuffled = list(connections)
    rng.shuffle(shuffled)
    assert decide(shuffled, WINDOW, breaks, HOURS) == decide(connections, WINDOW, breaks, HOURS)


@rules
@given(rows.filter(bool), breaks_inside_window(), st.data())
def test_splitting_a_row_in_two_never_changes_the_result(
    connections: list[Interval], breaks: list[Interval], data: st.DataObject
) -> None:
    index = data.draw(st.integers(min_value=0, max_value=len(connections) - 1))
    row = connections[index]
    cut = data.draw(st.integers(min_value=0, max_value=int(row.seconds)))
    point = row.start + timedelta(seconds=cut)
    halves = [Interval(row.start, point), Interval(point, row.end)]
    split = [*connections[:index], *halves, *connections[index + 1 :]]
    assert decide(split, WINDOW, breaks, HOURS) == decide(connections, WINDOW, breaks, HOURS)


@rules
@given(rows, intervals(), breaks_inside_window())
def test_adding_a_connection_never_lowers_attended_time(
    connections: list[Interval], extra: Interval, breaks: list[Interval]
) -> None:
    assert attended([*connections, extra], breaks) >= attended(connections, breaks)


@rules
@given(rows.filter(bool), breaks_inside_window(), st.data())
def test_a_second_device_inside_an_existing_connection_never_raises_attended_time(
    connections: list[Interval], breaks: list[Interval], data: st.DataObject
) -> None:
    row = data.draw(st.sampled_from(connections))
    start = data.draw(st.integers(min_value=0, max_value=int(row.seconds)))
    end = data.draw(st.integers(min_value=start, max_value=int(row.seconds)))
    device = Interval(row.start + timedelta(seconds=start), row.start + timedelta(seconds=end))
    assert attended([*connections, device], breaks) == attended(connections, breaks)


@rules
@given(rows)
def test_union_is_idempotent(connections: list[Interval]) -> None:
    once = union(connections)
    assert union(once) == once


@rules
@given(rows)
def test_union_is_sorted_disjoint_and_never_empty_or_touching(connections: list[Interval]) -> None:
    merged = union(connections)
    assert all(i.seconds > 0 for i in merged)
    assert all(a.end < b.start for a, b in pairwise(merged))


@rules
@given(rows)
def test_union_never_sums_overlap(connections: list[Interval]) -> None:
    covered = {
        second
        for row in connections
        for second in range(
            int((row.start - BASE).total_seconds()), int((row.end - BASE).total_seconds())
        )
    }
    assert total_seconds(connections) == len(covered)


@rules
@given(rows, rows)
def test_missing_and_covered_parts_partition_the_whole(
    covered: list[Interval], within: list[Interval]
) -> None:
    gaps = missing(covered, within)
    kept = subtract(within, gaps)
    assert total_seconds(gaps) + total_seconds(kept) == total_seconds(within)
    assert union([*gaps, *kept]) == union(within)
