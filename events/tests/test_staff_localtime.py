"""Reading a typed wall-clock time in an event's zone: one moment, or a plain refusal."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest

from core.localtime import LocalTimeInvalid, to_aware, to_wall_clock

NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
PHOENIX = zoneinfo.ZoneInfo("America/Phoenix")
LORD_HOWE = zoneinfo.ZoneInfo("Australia/Lord_Howe")  # moves its clocks by half an hour


def test_an_ordinary_time_becomes_the_moment_it_names():
    assert to_aware(dt.datetime(2026, 1, 15, 13, 0), NEW_YORK) == dt.datetime(
        2026, 1, 15, 18, 0, tzinfo=dt.UTC
    )


def test_the_first_minute_after_the_gap_exists():
    assert to_aware(dt.datetime(2026, 3, 8, 3, 0), NEW_YORK) == dt.datetime(
        2026, 3, 8, 7, 0, tzinfo=dt.UTC
    )


@pytest.mark.parametrize("minute", [0, 30, 59])
def test_times_in_the_spring_forward_gap_do_not_exist(minute):
    with pytest.raises(LocalTimeInvalid) as refused:
        to_aware(dt.datetime(2026, 3, 8, 2, minute), NEW_YORK)

    assert str(refused.value) == (
        f"2:{minute:02d} AM does not exist on March 8, 2026 in America/New_York: clocks jump "
        "from 2:00 to 3:00."
    )


def test_times_in_the_repeated_fall_back_hour_are_ambiguous():
    with pytest.raises(LocalTimeInvalid) as refused:
        to_aware(dt.datetime(2026, 11, 1, 1, 0), NEW_YORK)

    assert "1:00 AM happens twice on November 1, 2026" in str(refused.value)
    assert "clocks go back from 2:00 to 1:00" in str(refused.value)


def test_the_end_of_the_repeated_hour_is_unambiguous():
    assert to_aware(dt.datetime(2026, 11, 1, 2, 0), NEW_YORK) == dt.datetime(
        2026, 11, 1, 7, 0, tzinfo=dt.UTC
    )


def test_a_zone_without_daylight_saving_accepts_the_same_night():
    assert to_aware(dt.datetime(2026, 3, 8, 2, 30), PHOENIX).utcoffset() == dt.timedelta(hours=-7)


def test_half_hour_clock_changes_are_described_exactly():
    with pytest.raises(LocalTimeInvalid) as gap:
        to_aware(dt.datetime(2026, 10, 4, 2, 10), LORD_HOWE)
    with pytest.raises(LocalTimeInvalid) as repeat:
        to_aware(dt.datetime(2026, 4, 5, 1, 45), LORD_HOWE)

    assert "clocks jump from 2:00 to 2:30" in str(gap.value)
    assert "clocks go back from 2:00 to 1:30" in str(repeat.value)


def test_wall_clock_and_back_is_the_same_moment():
    moment = dt.datetime(2026, 7, 4, 16, 45, tzinfo=dt.UTC)

    local = to_wall_clock(moment, NEW_YORK)

    assert local == dt.datetime(2026, 7, 4, 12, 45)
    assert to_aware(local, NEW_YORK) == moment
