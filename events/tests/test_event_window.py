"""An event's window is sane: it starts no earlier than 2000-01-01 and lasts at most 24 hours.

The staff form and the API share the one check (events.window), each showing it its own way:
a field error on the form, a 422 with field details in the API.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from events.tests.test_staff_support import NOW, event_form_data, with_event_permissions
from events.window import EARLIEST_START, LONGEST_EVENT, window_problems

UTC = dt.UTC
NEW = reverse("staff:event_new")


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def staff(client, sam_staff):
    client.force_login(with_event_permissions(sam_staff))
    return client


def test_the_limits_are_the_ones_promised():
    assert dt.datetime(2000, 1, 1, tzinfo=UTC) == EARLIEST_START
    assert dt.timedelta(hours=24) == LONGEST_EVENT


def test_a_window_of_exactly_24_hours_from_2000_is_accepted():
    assert window_problems(EARLIEST_START, EARLIEST_START + LONGEST_EVENT) == []


def test_a_start_before_2000_and_a_window_over_24_hours_are_each_named():
    start = dt.datetime(1970, 1, 1, tzinfo=UTC)
    problems = window_problems(start, start + dt.timedelta(days=90))
    assert [(p.code, p.field) for p in problems] == [
        ("event_start_too_early", "start"),
        ("event_too_long", "end"),
    ]


def test_the_form_refuses_a_start_in_1970_next_to_the_start(staff):
    response = staff.post(NEW, event_form_data(start="1970-01-01T13:00", end="1970-01-01T15:00"))
    assert response.status_code == 200
    errors = response.context["editor"].form.errors["start"]
    assert errors == ["An event can't start before January 1, 2000."]
    assert not Event.objects.exists()


def test_the_form_refuses_an_event_spanning_months_next_to_the_end(staff):
    response = staff.post(NEW, event_form_data(end="2026-06-12T15:00"))
    assert response.status_code == 200
    errors = response.context["editor"].form.errors["end"]
    assert errors == ["An event can last at most 24 hours; this one lasts 92 days."]
    assert not Event.objects.exists()


def _body(**changes):
    start = dt.datetime(2027, 3, 10, 17, 0, tzinfo=UTC)
    body = {
        "title": "Suicide Risk Assessment",
        "summary": "Screening and safety planning.",
        "time_zone": "America/Chicago",
        "start": start.isoformat(),
        "end": (start + dt.timedelta(hours=2)).isoformat(),
        "advertised_hours": "2",
    }
    return {**body, **changes}


def test_the_api_refuses_start_0_with_a_422_naming_the_field(staff_api_client):
    response = staff_api_client("staff/events", _body(start=0, end=7200))
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "schedule_invalid"
    assert ("start", "event_start_too_early") in [(d["field"], d["code"]) for d in body["details"]]
    assert not Event.objects.exists()


def test_the_api_refuses_an_event_spanning_months(staff_api_client):
    response = staff_api_client("staff/events", _body(end="2027-06-10T17:00:00+00:00"))
    assert response.status_code == 422
    details = response.json()["details"]
    assert ("end", "event_too_long") in [(d["field"], d["code"]) for d in details]
    assert not Event.objects.exists()


@pytest.fixture
def staff_api_client(client, sam_staff):
    client.force_login(sam_staff)

    def post(path: str, body: dict):
        return client.post(f"/api/v1/{path}", body, content_type="application/json")

    return post
