from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from credit.intervals import Interval
from credit.schedule import (
    DEFAULT_INCREMENT,
    MINIMUM_INSTRUCTIONAL_MINUTES,
    ScheduleProblem,
    format_duration,
    instructional_seconds,
    max_advertised_hours,
    validate_schedule,
)
from credit.tests.helpers import at, span

NEW_YORK = ZoneInfo("America/New_York")


def codes(problems: list[ScheduleProblem]) -> list[str]:
    return [p.code for p in problems]


def only(problems: list[ScheduleProblem], code: str) -> ScheduleProblem:
    matching = [p for p in problems if p.code == code]
    assert len(matching) == 1, problems
    return matching[0]


# --- defaults -------------------------------------------------------------------------------


def test_default_increment_is_a_quarter_hour() -> None:
    assert Decimal("0.25") == DEFAULT_INCREMENT


def test_default_minimum_is_sixty_minutes() -> None:
    assert MINIMUM_INSTRUCTIONAL_MINUTES == 60


# --- format_duration --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("seconds", "text"),
    [
        (8100, "2 h 15 min"),
        (2700, "45 min"),
        (3600, "1 h"),
        (605, "10 min 5 s"),
        (3605, "1 h 5 s"),
        (0, "0 min"),
        (7, "7 s"),
    ],
)
def test_format_duration_shows_only_non_zero_parts(seconds: float, text: str) -> None:
    assert format_duration(seconds) == text


def test_format_duration_truncates_fractions_so_almost_an_hour_is_not_an_hour() -> None:
    assert format_duration(3599.9) == "59 min 59 s"


def test_format_duration_refuses_negative_time() -> None:
    with pytest.raises(ValueError):
        format_duration(-1)


# --- instructional time -----------------------------------------------------------------------


def test_instructional_time_is_the_window_minus_breaks() -> None:
    breaks = [span("10:00", "10:15"), span("12:00", "12:30")]
    assert instructional_seconds(at(9), at(13), breaks) == 4 * 3600 - 45 * 60


def test_instructional_time_counts_overlapping_breaks_once() -> None:
    breaks = [span("10:00", "10:30"), span("10:15", "10:45")]
    assert instructional_seconds(at(9), at(12), breaks) == 3 * 3600 - 45 * 60


def test_instructional_time_ignores_break_time_outside_the_event() -> None:
    assert instructional_seconds(at(9), at(11), [span("08:00", "09:30")]) == 90 * 60


def test_spring_forward_event_from_one_to_four_local_is_two_real_hours() -> None:
    start = datetime(2026, 3, 8, 1, 0, tzinfo=NEW_YORK)
    end = datetime(2026, 3, 8, 4, 0, tzinfo=NEW_YORK)
    assert instructional_seconds(start, end, []) == 2 * 3600


def test_fall_back_event_from_half_past_midnight_to_half_past_two_is_three_real_hours() -> None:
    start = datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK)
    end = datetime(2026, 11, 1, 2, 30, tzinfo=NEW_YORK)
    assert instructional_seconds(start, end, []) == 3 * 3600


def test_spring_forward_event_may_advertise_only_the_real_two_hours() -> None:
    start = datetime(2026, 3, 8, 1, 0, tzinfo=NEW_YORK)
    end = datetime(2026, 3, 8, 4, 0, tzinfo=NEW_YORK)
    problem = only(validate_schedule(start, end, [], Decimal(3)), "hours_exceed_instructional_time")
    assert "(2 h)" in problem.message
    assert validate_schedule(start, end, [], Decimal(2)) == []


def test_fall_back_event_may_advertise_the_real_three_hours() -> None:
    start = datetime(2026, 11, 1, 0, 30, tzinfo=NEW_YORK)
    end = datetime(2026, 11, 1, 2, 30, tzinfo=NEW_YORK)
    assert validate_schedule(start, end, [], Decimal(3)) == []


def test_break_during_the_repeated_fall_back_hour_is_measured_in_real_time() -> None:
    start = datetime(2026, 11, 1, 0, 0, tzinfo=NEW_YORK)
    end = datetime(2026, 11, 1, 3, 0, tzinfo=NEW_YORK)  # 4 real hours
    # 01:45 EDT (fold=0) to 01:15 EST (fold=1) is 30 real minutes although it looks backwards.
    pause = Interval(
        datetime(2026, 11, 1, 1, 45, tzinfo=NEW_YORK),
        datetime(2026, 11, 1, 1, 15, fold=1, tzinfo=NEW_YORK),
    )
    assert instructional_seconds(start, end, [pause]) == 3.5 * 3600


# --- max_advertised_hours ---------------------------------------------------------------------


def test_max_hours_floors_to_the_increment() -> None:
    assert max_advertised_hours(2 * 3600 + 14 * 60) == Decimal(2)


def test_max_hours_equals_instructional_time_on_an_exact_multiple() -> None:
    assert max_advertised_hours(2 * 3600 + 15 * 60) == Decimal("2.25")


def test_max_hours_uses_a_configured_increment() -> None:
    assert max_advertised_hours(2 * 3600 + 15 * 60, Decimal("0.5")) == Decimal(2)


def test_max_hours_refuses_a_non_positive_increment() -> None:
    with pytest.raises(ValueError):
        max_advertised_hours(3600, Decimal(0))


def test_max_hours_of_no_time_is_zero() -> None:
    assert max_advertised_hours(0) == 0


# --- validate_schedule: the event window --------------------------------------------------------


def test_a_valid_schedule_has_no_problems() -> None:
    breaks = [span("10:30", "10:45")]
    assert validate_schedule(at(9), at(12), breaks, Decimal("2.75")) == []


def test_end_equal_to_start_is_refused() -> None:
    problem = only(validate_schedule(at(9), at(9), [], Decimal(1)), "end_not_after_start")
    assert problem.field == "end"
    assert "same as the start" in problem.message


def test_end_before_start_is_refused_with_the_difference() -> None:
    problem = only(validate_schedule(at(10), at(8, 30), [], Decimal(1)), "end_not_after_start")
    assert problem.message == (
        "The event must end after it starts (the end is 1 h 30 min before the start)."
    )


def test_naive_event_times_are_a_programming_error() -> None:
    with pytest.raises(ValueError):
        validate_schedule(datetime(2026, 5, 12, 9), at(11), [], Decimal(1))


def test_float_hours_are_a_programming_error() -> None:
    with pytest.raises(TypeError):
        validate_schedule(at(9), at(11), [], 1.5)  # type: ignore[arg-type]


# --- validate_schedule: minimum instructional time ----------------------------------------------


def test_exactly_sixty_minutes_of_instruction_is_enough() -> None:
    assert validate_schedule(at(9), at(10), [], Decimal(1)) == []


def test_fifty_nine_minutes_fifty_nine_seconds_of_instruction_is_refused() -> None:
    problems = validate_schedule(at(9), at(9, 59, 59), [], Decimal("0.75"))
    problem = only(problems, "instructional_time_too_short")
    assert problem.field == "end"
    assert "at least 60 minutes" in problem.message
    assert "59 min 59 s" in problem.message


def test_breaks_that_cut_instruction_below_sixty_minutes_point_at_the_breaks() -> None:
    problems = validate_schedule(at(9), at(10, 10), [span("09:30", "09:45")], Decimal("0.75"))
    problem = only(problems, "instructional_time_too_short")
    assert problem.field == "breaks"
    assert "55 min" in problem.message


def test_sixty_minutes_of_instruction_around_a_break_is_enough() -> None:
    assert validate_schedule(at(9), at(10, 15), [span("09:30", "09:45")], Decimal(1)) == []


def test_minimum_minutes_is_configurable() -> None:
    problems = validate_schedule(at(9), at(10), [], Decimal(1), minimum_minutes=90)
    assert codes(problems) == ["instructional_time_too_short"]


# --- validate_schedule: breaks ------------------------------------------------------------------


def test_break_touching_the_event_start_is_allowed() -> None:
    assert validate_schedule(at(9), at(11), [span("09:00", "09:15")], Decimal("1.75")) == []


def test_break_touching_the_event_end_is_allowed() -> None:
    assert validate_schedule(at(9), at(11), [span("10:45", "11:00")], Decimal("1.75")) == []


def test_break_starting_before_the_event_is_refused() -> None:
    problems = validate_schedule(at(9), at(11), [span("08:55", "09:15")], Decimal("1.75"))
    problem = only(problems, "break_outside_event")
    assert problem.field == "breaks.0"
    assert problem.message == (
        "Breaks must fall inside the event (break 1 starts 5 min before the event starts)."
    )


def test_break_ending_after_the_event_is_refused() -> None:
    breaks = [span("09:30", "09:45"), span("10:50", "11:10")]
    problem = only(validate_schedule(at(9), at(11), breaks, Decimal("1.5")), "break_outside_event")
    assert problem.field == "breaks.1"
    assert problem.message == (
        "Breaks must fall inside the event (break 2 ends 10 min after the event ends)."
    )


def test_break_wider_than_the_event_reports_both_ends_in_one_problem() -> None:
    problems = validate_schedule(at(9), at(11), [span("08:00", "12:00")], None)
    problem = only(problems, "break_outside_event")
    assert "starts 1 h before the event starts and ends 1 h after the event ends" in (
        problem.message
    )


def test_zero_length_break_is_refused() -> None:
    problems = validate_schedule(at(9), at(11), [span("10:00", "10:00")], Decimal(2))
    assert codes(problems) == ["break_end_not_after_start"]
    assert problems[0].field == "breaks.0"


def test_break_ending_before_it_starts_is_reported_not_raised() -> None:
    backwards = (at(10, 15), at(10))
    problems = validate_schedule(at(9), at(11), [backwards], Decimal(2))
    assert problems == [
        ScheduleProblem(
            "break_end_not_after_start",
            "breaks.0",
            "Each break must end after it starts (break 1 ends 15 min before it starts).",
        )
    ]


def test_breaks_given_as_pairs_are_checked_like_intervals() -> None:
    pair = (at(10, 50), at(11, 10))
    assert codes(validate_schedule(at(9), at(11), [pair], Decimal("1.75"))) == [
        "break_outside_event"
    ]


def test_overlapping_breaks_are_refused() -> None:
    breaks = [span("10:00", "10:20"), span("10:15", "10:30")]
    problem = only(validate_schedule(at(9), at(12), breaks, Decimal("2.5")), "breaks_overlap")
    assert problem.field == "breaks.1"
    assert problem.message == "Breaks must not overlap (break 2 overlaps break 1 by 5 min)."


def test_overlap_is_reported_on_the_later_starting_break_whatever_the_input_order() -> None:
    breaks = [span("10:15", "10:30"), span("10:00", "10:20")]
    problem = only(validate_schedule(at(9), at(12), breaks, Decimal("2.5")), "breaks_overlap")
    assert problem.field == "breaks.0"


def test_a_break_nested_in_another_is_an_overlap() -> None:
    breaks = [span("10:00", "11:00"), span("10:10", "10:20")]
    problems = validate_schedule(at(9), at(13), breaks, Decimal(3))
    assert codes(problems) == ["breaks_overlap"]


def test_every_break_overlapping_an_earlier_one_is_reported() -> None:
    breaks = [span("10:00", "11:00"), span("10:10", "10:20"), span("10:30", "10:40")]
    problems = validate_schedule(at(9), at(13), breaks, Decimal(3))
    assert [(p.code, p.field) for p in problems] == [
        ("breaks_overlap", "breaks.1"),
        ("breaks_overlap", "breaks.2"),
    ]


def test_touching_breaks_are_allowed() -> None:
    breaks = [span("10:00", "10:15"), span("10:15", "10:30")]
    assert validate_schedule(at(9), at(12), breaks, Decimal("2.5")) == []


def test_overlapping_breaks_count_once_towards_instructional_time() -> None:
    breaks = [span("10:00", "10:20"), span("10:15", "10:30")]
    problems = validate_schedule(at(9), at(12), breaks, Decimal("2.5"))
    assert codes(problems) == ["breaks_overlap"]


# --- validate_schedule: advertised hours ---------------------------------------------------------


def test_hours_exactly_equal_to_instructional_time_are_allowed() -> None:
    assert validate_schedule(at(9), at(11, 15), [], Decimal("2.25")) == []


def test_hours_a_quarter_over_instructional_time_are_refused() -> None:
    problems = validate_schedule(at(9), at(11, 15), [], Decimal("2.5"))
    problem = only(problems, "hours_exceed_instructional_time")
    assert problem.field == "advertised_hours"
    assert problem.message == (
        "Advertised hours (2.5) exceed the instructional time (2 h 15 min); "
        "at most 2.25 hours may be advertised."
    )


def test_hours_are_compared_with_time_after_breaks() -> None:
    problems = validate_schedule(at(9), at(11, 30), [span("10:00", "10:15")], Decimal("2.5"))
    assert codes(problems) == ["hours_exceed_instructional_time"]


def test_hours_that_are_not_a_multiple_of_a_quarter_are_refused() -> None:
    problem = only(
        validate_schedule(at(9), at(11), [], Decimal("1.3")), "hours_not_multiple_of_increment"
    )
    assert problem.field == "advertised_hours"
    assert problem.message == (
        "Advertised hours (1.3) must be a multiple of 0.25; "
        "the nearest allowed values are 1.25 and 1.5."
    )


def test_trailing_zeros_do_not_make_hours_invalid() -> None:
    assert validate_schedule(at(9), at(11), [], Decimal("1.500")) == []


def test_the_increment_is_configurable() -> None:
    assert codes(validate_schedule(at(9), at(11), [], Decimal("1.25"), Decimal("0.5"))) == [
        "hours_not_multiple_of_increment"
    ]
    assert validate_schedule(at(9), at(11), [], Decimal("1.5"), Decimal("0.5")) == []


def test_ceiling_message_uses_the_configured_increment() -> None:
    problems = validate_schedule(at(9), at(11, 15), [], Decimal("2.5"), Decimal("0.5"))
    assert "at most 2 hours" in only(problems, "hours_exceed_instructional_time").message


def test_hours_below_one_increment_suggest_only_the_increment() -> None:
    problem = only(
        validate_schedule(at(9), at(11), [], Decimal("0.1")), "hours_not_multiple_of_increment"
    )
    assert problem.message.endswith("the nearest allowed value is 0.25.")


@pytest.mark.parametrize("hours", [Decimal(0), Decimal(-1), Decimal("NaN")])
def test_hours_must_be_positive(hours: Decimal) -> None:
    problems = validate_schedule(at(9), at(11), [], hours)
    assert codes(problems) == ["hours_not_positive"]


def test_missing_hours_skip_the_hours_checks() -> None:
    assert validate_schedule(at(9), at(11), [], None) == []


@pytest.mark.parametrize("increment", [Decimal(0), Decimal("-0.25")])
def test_increment_must_be_positive(increment: Decimal) -> None:
    problems = validate_schedule(at(9), at(11), [], Decimal("1.3"), increment)
    assert codes(problems) == ["increment_not_positive"]
    assert problems[0].field == "advertised_hours"


def test_hours_over_time_are_reported_even_when_the_increment_is_invalid() -> None:
    problems = validate_schedule(at(9), at(11), [], Decimal(3), Decimal(0))
    assert codes(problems) == ["increment_not_positive", "hours_exceed_instructional_time"]
    assert problems[1].message.endswith("exceed the instructional time (2 h).")


# --- validate_schedule: several problems at once -----------------------------------------------


def test_every_problem_is_reported_at_once_with_its_field() -> None:
    breaks = [
        span("09:30", "09:45"),
        (at(10, 0), at(9, 50)),
        span("09:40", "11:45"),
    ]
    problems = validate_schedule(at(9), at(11, 30), breaks, Decimal("2.6"))
    assert [(p.code, p.field) for p in problems] == [
        ("break_end_not_after_start", "breaks.1"),
        ("break_outside_event", "breaks.2"),
        ("breaks_overlap", "breaks.2"),
        ("instructional_time_too_short", "breaks"),
        ("hours_exceed_instructional_time", "advertised_hours"),
        ("hours_not_multiple_of_increment", "advertised_hours"),
    ]


def test_a_backwards_event_still_reports_break_and_hours_problems() -> None:
    breaks = [span("10:00", "10:20"), span("10:10", "10:30")]
    problems = validate_schedule(at(12), at(9), breaks, Decimal(0))
    assert [(p.code, p.field) for p in problems] == [
        ("end_not_after_start", "end"),
        ("breaks_overlap", "breaks.1"),
        ("hours_not_positive", "advertised_hours"),
    ]


def test_event_times_in_a_local_zone_are_compared_as_instants() -> None:
    start = datetime(2026, 5, 12, 9, tzinfo=NEW_YORK)
    breaks = [Interval(start + timedelta(minutes=30), start + timedelta(minutes=45))]
    assert validate_schedule(start, start + timedelta(hours=2), breaks, Decimal("1.75")) == []
