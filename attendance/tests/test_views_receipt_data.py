"""The receipt's words and timeline, built from a decision (no HTTP involved)."""

import datetime as dt
import zoneinfo

import pytest

from attendance.models import AttendancePolicy, Decision
from attendance.receipt import receipt_for, span_text
from attendance.services.deciding import decide_event
from attendance.tests.view_helpers import START, connect, finished_event, register

pytestmark = pytest.mark.django_db
PACIFIC = zoneinfo.ZoneInfo("America/Los_Angeles")


def test_a_span_across_a_clock_change_names_both_zones():
    start = dt.datetime(2026, 11, 1, 8, 30, tzinfo=dt.UTC)  # 1:30 AM PDT
    end = dt.datetime(2026, 11, 1, 10, 0, tzinfo=dt.UTC)  # 2:00 AM PST
    assert span_text(start, end, PACIFIC) == "1:30:00 AM PDT–2:00:00 AM PST"


def test_ticks_fall_on_round_times_in_the_viewers_zone(dana):
    event = finished_event()
    registration = register(event, dana)
    connect(event, "09:58:00", "13:00:00", registration=registration)
    decide_event(event)

    timeline = receipt_for(registration, zoneinfo.ZoneInfo("Asia/Kolkata")).timeline

    # 10:00 AM PST is 11:30 PM in India: the hours are labelled there, not the event's.
    assert [tick.label for tick in timeline.ticks][:2] == ["11:30 PM", "12:00 AM"]
    assert timeline.zone_label == "IST (Asia/Kolkata)"


def test_a_second_device_gets_its_own_lane(dana):
    event = finished_event()
    registration = register(event, dana)
    connect(event, "09:58:00", "12:00:00", registration=registration, name="Dana laptop")
    connect(event, "11:00:00", "13:00:00", registration=registration, name="Dana phone")
    decide_event(event)

    bars = receipt_for(registration, PACIFIC).timeline.bars

    assert len(bars) == 2 and bars[0].y != bars[1].y
    assert bars[0].x == 48.0  # clipped to the start of the axis
    assert bars[1].x + bars[1].width == 952.0


def test_a_forgiven_shortfall_is_not_called_the_entire_event(dana):
    policy = AttendancePolicy.current()
    policy.tolerance_seconds = 300
    policy.save()
    event = finished_event()
    registration = register(event, dana)
    connect(event, "10:02:00", "13:00:00", registration=registration)
    decide_event(event)

    receipt = receipt_for(registration, PACIFIC)

    assert receipt.outcome == Decision.ELIGIBLE
    assert (
        receipt.headline
        == "You earned 3 CE hours: you missed 2 min, within the 5 min the provider allows."
    )
    assert receipt.tolerance == "5 min"


def test_several_missed_periods_are_summed_in_the_headline(dana):
    event = finished_event()
    registration = register(event, dana)
    connect(event, "10:01:00", "10:30:00", registration=registration)
    connect(event, "10:40:00", "12:55:00", registration=registration)
    decide_event(event)

    receipt = receipt_for(registration, PACIFIC)

    assert receipt.headline == (
        "Not eligible: you were not connected for 16 min of the teaching time, in 3 periods "
        "(listed below)."
    )
    assert [m.text for m in receipt.missed] == [
        "10:00:00 AM–10:01:00 AM PST (1 min)",
        "10:30:00 AM–10:40:00 AM PST (10 min)",
        "12:55:00 PM–1:00:00 PM PST (5 min)",
    ]


def test_the_receipt_draws_the_window_the_decision_used(dana):
    event = finished_event()
    registration = register(event, dana)
    connect(event, "09:58:00", "13:00:00", registration=registration)
    decide_event(event)
    decision = Decision.objects.get(registration=registration)
    event.end = START + dt.timedelta(hours=4)  # moved afterwards: the stored decision stands
    event.save()

    receipt = receipt_for(registration, PACIFIC, decision)

    assert receipt.window == "10:00:00 AM–1:00:00 PM PST"
