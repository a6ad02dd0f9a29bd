from __future__ import annotations

import json
from decimal import Decimal

import pytest

from credit.eligibility import (
    ELIGIBLE,
    NEEDS_REVIEW,
    NOT_ELIGIBLE,
    RULE_VERSION,
    Decision,
    decide,
)
from credit.intervals import Interval
from credit.tests.helpers import span

# A three-hour workshop, 09:00-12:00, with a coffee break 10:30-10:45: 2 h 45 min of instruction.
WINDOW = span("09:00", "12:00")
BREAKS = [span("10:30", "10:45")]
HOURS = Decimal("2.75")
REQUIRED = 2 * 3600 + 45 * 60


def decide_for(connections: list[Interval], **options: object) -> Decision:
    return decide(connections, WINDOW, BREAKS, HOURS, **options)  # type: ignore[arg-type]


def test_rule_version_is_stored_with_the_decision() -> None:
    assert decide_for([WINDOW]).rule_version == RULE_VERSION == "2026.1"


def test_full_attendance_is_eligible_for_the_advertised_hours() -> None:
    decision = decide_for([WINDOW])
    assert decision.outcome == ELIGIBLE
    assert decision.credited_hours == HOURS
    assert decision.attended_seconds == decision.required_seconds == REQUIRED
    assert decision.reasons == ()
    assert decision.missed == ()


def test_one_second_short_is_not_eligible() -> None:
    decision = decide_for([span("09:00:01", "12:00")])
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.attended_seconds == REQUIRED - 1
    assert decision.credited_hours == 0


def test_tolerance_lets_a_short_absence_pass() -> None:
    decision = decide_for([span("09:00:30", "12:00")], tolerance_seconds=30)
    assert decision.outcome == ELIGIBLE
    assert decision.credited_hours == HOURS
    assert decision.tolerance_seconds == 30


def test_tolerance_does_not_stretch_by_even_a_fraction_of_a_second() -> None:
    decision = decide_for([span("09:00:31", "12:00")], tolerance_seconds=30.5)
    assert decision.outcome == NOT_ELIGIBLE


def test_eligible_within_tolerance_still_records_what_was_missed() -> None:
    decision = decide_for([span("09:00:30", "12:00")], tolerance_seconds=60)
    assert decision.reasons == ("joined_late",)
    assert decision.missed == (span("09:00", "09:00:30"),)


def test_credit_is_all_or_nothing() -> None:
    decision = decide_for([span("09:00", "11:30")])
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.credited_hours == Decimal(0)
    assert decision.advertised_hours == HOURS


def test_joining_late_is_reported_with_the_exact_missed_interval() -> None:
    decision = decide_for([span("09:07:12", "12:00")])
    assert decision.reasons == ("joined_late",)
    assert decision.missed == (span("09:00", "09:07:12"),)


def test_leaving_early_is_reported_with_the_exact_missed_interval() -> None:
    decision = decide_for([span("09:00", "11:52:40")])
    assert decision.reasons == ("left_early",)
    assert decision.missed == (span("11:52:40", "12:00"),)


def test_a_gap_is_reported_with_the_exact_missed_interval() -> None:
    decision = decide_for([span("09:00", "09:40"), span("09:43:05", "12:00")])
    assert decision.reasons == ("gap",)
    assert decision.missed == (span("09:40", "09:43:05"),)
    assert decision.attended_seconds == REQUIRED - 185


def test_reasons_follow_the_missed_intervals_in_time_order_without_repeats() -> None:
    connections = [
        span("09:05", "09:30"),
        span("09:35", "10:00"),
        span("10:10", "11:50"),
    ]
    decision = decide_for(connections)
    assert decision.reasons == ("joined_late", "gap", "left_early")
    assert decision.missed == (
        span("09:00", "09:05"),
        span("09:30", "09:35"),
        span("10:00", "10:10"),
        span("11:50", "12:00"),
    )


def test_leaving_during_the_break_is_fine() -> None:
    decision = decide_for([span("09:00", "10:30"), span("10:45", "12:00")])
    assert decision.outcome == ELIGIBLE
    assert decision.missed == ()


def test_break_time_is_not_counted_as_attendance() -> None:
    decision = decide_for([WINDOW])
    assert decision.attended_seconds == WINDOW.seconds - 15 * 60


def test_returning_late_from_the_break_is_a_gap_that_excludes_the_break() -> None:
    decision = decide_for([span("09:00", "10:30"), span("10:50", "12:00")])
    assert decision.reasons == ("gap",)
    assert decision.missed == (span("10:45", "10:50"),)


def test_missing_time_either_side_of_the_break_gives_two_missed_intervals() -> None:
    decision = decide_for([span("09:00", "10:20"), span("10:55", "12:00")])
    assert decision.missed == (span("10:20", "10:30"), span("10:45", "10:55"))
    assert decision.reasons == ("gap",)


def test_a_rejoin_is_counted_once() -> None:
    decision = decide_for([span("09:00", "10:00:14"), span("10:00", "12:00")])
    assert decision.outcome == ELIGIBLE
    assert decision.attended_seconds == REQUIRED


def test_a_second_device_is_counted_once() -> None:
    decision = decide_for([span("09:00", "12:00"), span("09:10", "11:00")])
    assert decision.attended_seconds == REQUIRED


def test_a_second_device_does_not_cover_for_a_missing_first_hour() -> None:
    decision = decide_for([span("10:00", "12:00"), span("10:00", "12:00")])
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.attended_seconds == 2 * 3600 - 15 * 60


def test_connections_outside_the_window_are_ignored() -> None:
    decision = decide_for([span("08:00", "09:00"), span("09:00", "12:00"), span("12:00", "13:00")])
    assert decision.attended_seconds == REQUIRED


def test_time_before_the_window_does_not_make_up_for_leaving_early() -> None:
    decision = decide_for([span("08:00", "11:00")])
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.reasons == ("left_early",)


def test_no_connections_is_not_eligible() -> None:
    decision = decide_for([])
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.reasons == ("no_connection",)
    assert decision.attended_seconds == 0
    assert decision.missed == (span("09:00", "10:30"), span("10:45", "12:00"))


def test_connections_only_outside_the_window_are_reported_as_outside_window() -> None:
    decision = decide_for([span("07:00", "08:59"), span("12:00", "13:00")])
    assert decision.outcome == NOT_ELIGIBLE
    assert decision.reasons == ("outside_window",)


def test_connected_only_during_the_break_is_outside_window() -> None:
    decision = decide_for([span("10:30", "10:45")])
    assert decision.reasons == ("outside_window",)


def test_a_review_flag_forces_needs_review_even_with_full_attendance() -> None:
    decision = decide_for([WINDOW], review_flags=["possible_shared_connection"])
    assert decision.outcome == NEEDS_REVIEW
    assert decision.credited_hours == 0
    assert decision.reasons == ("possible_shared_connection",)


def test_a_review_flag_forces_needs_review_when_time_is_short() -> None:
    decision = decide_for([], review_flags=["unmatched_dial_in"])
    assert decision.outcome == NEEDS_REVIEW
    assert decision.reasons == ("no_connection", "unmatched_dial_in")


def test_review_flags_follow_time_reasons_in_the_given_order_without_repeats() -> None:
    flags = ["unmatched_dial_in", "possible_shared_connection", "unmatched_dial_in"]
    decision = decide_for([span("09:10", "12:00")], review_flags=flags)
    assert decision.reasons == ("joined_late", "unmatched_dial_in", "possible_shared_connection")


def test_empty_review_flag_is_refused() -> None:
    with pytest.raises(ValueError):
        decide_for([WINDOW], review_flags=[""])


def test_late_means_late_for_instruction_when_the_event_opens_with_a_break() -> None:
    decision = decide([span("09:20", "12:00")], WINDOW, [span("09:00", "09:15")], Decimal("2.75"))
    assert decision.reasons == ("joined_late",)
    assert decision.missed == (span("09:15", "09:20"),)


def test_negative_tolerance_is_refused() -> None:
    with pytest.raises(ValueError):
        decide_for([WINDOW], tolerance_seconds=-1)


def test_non_positive_advertised_hours_are_refused() -> None:
    with pytest.raises(ValueError):
        decide([WINDOW], WINDOW, [], Decimal(0))


def test_float_advertised_hours_are_refused() -> None:
    with pytest.raises(TypeError):
        decide([WINDOW], WINDOW, [], 2.75)  # type: ignore[arg-type]


def test_a_window_that_is_all_break_is_refused() -> None:
    with pytest.raises(ValueError, match="nothing to attend"):
        decide([WINDOW], WINDOW, [WINDOW], Decimal(1))


def test_to_dict_is_json_with_iso_datetimes_and_string_hours() -> None:
    data = decide_for([span("09:05", "12:00")], tolerance_seconds=5).to_dict()
    assert json.loads(json.dumps(data)) == data
    assert data["credited_hours"] == "0"
    assert data["advertised_hours"] == "2.75"
    assert data["missed"] == [
        {"start": "2026-05-12T09:00:00+00:00", "end": "2026-05-12T09:05:00+00:00"}
    ]


def test_a_decision_survives_a_round_trip_through_json() -> None:
    decision = decide_for(
        [span("09:00:01", "11:00")],
        tolerance_seconds=0.25,
        review_flags=["unmatched_dial_in"],
    )
    restored = Decision.from_dict(json.loads(json.dumps(decision.to_dict())))
    assert restored == decision
