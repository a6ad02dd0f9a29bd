"""The one rule for when a connection ended, tested without a database."""

import datetime as dt
from types import SimpleNamespace

from meetings.simulated.presence import (
    HEARTBEAT_INTERVAL,
    SILENCE_LIMIT,
    counted_until,
    is_live,
    left_how,
)

SEEN = dt.datetime(2026, 1, 15, 18, 30, tzinfo=dt.UTC)


def connection(left_at=None):
    return SimpleNamespace(last_seen_at=SEEN, left_at=left_at)


def test_a_connection_that_left_counts_until_it_left():
    left = SEEN + dt.timedelta(seconds=3)
    assert counted_until(connection(left), now=SEEN + dt.timedelta(hours=1)) == left


def test_a_silent_connection_counts_until_one_interval_after_its_last_heartbeat():
    later = SEEN + dt.timedelta(hours=1)
    assert counted_until(connection(), now=later) == SEEN + HEARTBEAT_INTERVAL


def test_a_connection_heard_from_moments_ago_counts_until_now_and_no_further():
    now = SEEN + dt.timedelta(seconds=4)
    assert counted_until(connection(), now=now) == now


def test_a_connection_stays_live_through_a_late_heartbeat():
    assert is_live(connection(), now=SEEN + SILENCE_LIMIT)
    assert left_how(connection(), now=SEEN + SILENCE_LIMIT) == ""


def test_a_connection_silent_beyond_the_limit_has_timed_out():
    now = SEEN + SILENCE_LIMIT + dt.timedelta(microseconds=1)
    assert not is_live(connection(), now=now)
    assert left_how(connection(), now=now) == "timeout"


def test_a_connection_that_left_is_over_whatever_its_last_heartbeat():
    gone = connection(SEEN)
    assert not is_live(gone, now=SEEN)
    assert left_how(gone, now=SEEN) == "left"
