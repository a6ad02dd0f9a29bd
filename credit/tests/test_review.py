"""Rule 6 for reviews: a staff resolution settles identity or withholds credit, never adds time."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from credit.eligibility import ELIGIBLE, NEEDS_REVIEW, NOT_ELIGIBLE, decide
from credit.review import (
    ATTENDED_ALONE,
    MARKED_NOT_ELIGIBLE,
    WITHHELD,
    Resolution,
    decide_reviewed,
    from_inputs,
    open_flags,
)
from credit.tests.helpers import span
from credit.tests.test_interval_properties import HOURS as PROPERTY_HOURS
from credit.tests.test_interval_properties import WINDOW as PROPERTY_WINDOW
from credit.tests.test_interval_properties import breaks_inside_window, intervals

WINDOW = span("09:00", "11:00")
HOURS = Decimal("2")
SHARED = "possible_shared_connection"
DIAL_IN = "unmatched_dial_in"


def alone(*flags: str) -> Resolution:
    return Resolution(ATTENDED_ALONE, flags or (SHARED,), (1, 2))


def test_confirming_attended_alone_with_the_full_time_is_eligible() -> None:
    decision = decide_reviewed(
        [WINDOW], WINDOW, [], HOURS, review_flags=[SHARED], resolution=alone()
    )
    assert decision.outcome == ELIGIBLE and decision.credited_hours == HOURS


def test_confirming_attended_alone_never_makes_up_missing_time() -> None:
    short = [span("09:00", "10:30")]
    decision = decide_reviewed(short, WINDOW, [], HOURS, review_flags=[SHARED], resolution=alone())
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.credited_hours == 0
    assert decision.reasons == ("left_early",)
    assert decision.attended_seconds == 90 * 60


def test_confirming_attended_alone_leaves_other_flags_standing() -> None:
    flags = [SHARED, DIAL_IN]
    decision = decide_reviewed([WINDOW], WINDOW, [], HOURS, review_flags=flags, resolution=alone())
    assert decision.outcome == NEEDS_REVIEW
    assert decision.reasons == (DIAL_IN,)


def test_marking_not_eligible_withholds_credit_and_says_so() -> None:
    resolution = Resolution(WITHHELD, (SHARED,), (1,))
    decision = decide_reviewed(
        [WINDOW], WINDOW, [], HOURS, review_flags=[SHARED], resolution=resolution
    )
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.credited_hours == 0
    assert decision.reasons == (MARKED_NOT_ELIGIBLE,)


def test_without_a_resolution_the_flags_stand() -> None:
    decision = decide_reviewed([WINDOW], WINDOW, [], HOURS, review_flags=[SHARED])
    assert decision.outcome == NEEDS_REVIEW
    assert open_flags([SHARED], None) == [SHARED]


def test_a_resolution_covers_exactly_the_connections_reviewed() -> None:
    resolution = alone()
    assert resolution.covers([2, 1])
    assert not resolution.covers([1, 2, 3])
    assert not resolution.covers([1])


def test_unknown_resolution_kinds_are_refused() -> None:
    with pytest.raises(ValueError, match="unknown resolution kind"):
        Resolution("award_credit", (SHARED,), ())


def test_the_resolution_is_read_back_from_a_decisions_inputs() -> None:
    inputs = {"review": {"kind": ATTENDED_ALONE, "flags": [SHARED], "connections": [2, 1]}}
    assert from_inputs(inputs) == Resolution(ATTENDED_ALONE, (SHARED,), (2, 1))
    assert from_inputs({}) is None


@given(
    connections=st.lists(intervals(), max_size=6),
    breaks=breaks_inside_window(),
    kind=st.sampled_from([ATTENDED_ALONE, WITHHELD]),
    flags=st.lists(st.sampled_from([SHARED, DIAL_IN]), max_size=2, unique=True),
)
def test_no_resolution_ever_credits_more_than_the_time_rule_alone(
    connections, breaks, kind, flags
) -> None:
    resolution = Resolution(kind, tuple(flags), ())
    unflagged = decide(connections, PROPERTY_WINDOW, breaks, PROPERTY_HOURS)
    reviewed = decide_reviewed(
        connections,
        PROPERTY_WINDOW,
        breaks,
        PROPERTY_HOURS,
        review_flags=flags,
        resolution=resolution,
    )
    assert reviewed.attended_seconds == unflagged.attended_seconds
    assert reviewed.credited_hours <= unflagged.credited_hours
    if reviewed.outcome == ELIGIBLE:
        assert unflagged.outcome == ELIGIBLE
