"""An attendee claims their dial-in by the last 4 digits, as on the receipt page."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from attendance.models import Connection, PhoneClaim
from attendance.services.deciding import decide_event
from attendance.tests.view_helpers import AFTER, START, connect, finished_event, register
from core.models import AuditEntry
from events.models import Registration


@pytest.fixture
def event(db):
    return finished_event()


@pytest.fixture
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def claim_path(registration: Registration) -> str:
    return f"me/registrations/{registration.pk}/dial-in-claim"


def test_a_claim_that_fits_one_call_matches_it(dana, dana_api, event, after_the_event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    decide_event(event)

    response = dana_api.post(claim_path(registration), {"last4": "0123"})

    assert response.status_code == 200
    body = response.json()
    assert body["result"] == "matched"
    assert "your call from the number ending in 0123" in body["message"]
    assert "9:59:00 AM–1:00:00 PM PST" in body["message"]  # in Dana's zone
    assert dt.datetime.fromisoformat(body["connection_join"]) == START - dt.timedelta(minutes=1)
    call.refresh_from_db()
    assert call.registration == registration
    assert call.match_method == Connection.PHONE_SELF
    assert AuditEntry.objects.filter(
        action="attendance.phone_claimed", target_id=str(registration.pk)
    ).exists()


def test_a_claim_that_fits_two_calls_goes_to_staff(dana, dana_api, event, after_the_event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    connect(event, "10:05:00", "12:00:00", phone="12125550123")

    body = dana_api.post(claim_path(registration), {"last4": "0123"}).json()

    assert body["result"] == PhoneClaim.AMBIGUOUS
    assert "staff will match yours by hand" in body["message"]
    assert body["connection_join"] is None
    assert not Connection.objects.filter(registration=registration).exists()


def test_a_claim_without_a_call_is_recorded_for_staff(dana, dana_api, event, after_the_event):
    registration = register(event, dana)
    body = dana_api.post(claim_path(registration), {"last4": "9999"}).json()
    assert body["result"] == PhoneClaim.NOT_FOUND
    assert PhoneClaim.objects.get(registration=registration).last4 == "9999"


def test_digits_that_are_not_four_are_422(dana, dana_api, event, after_the_event):
    registration = register(event, dana)
    response = dana_api.post(claim_path(registration), {"last4": "12a4"})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "last4"
    assert not PhoneClaim.objects.exists()


def test_before_the_event_ends_the_claim_is_409(dana, dana_api, event):
    registration = register(event, dana)
    with time_machine.travel(START, tick=False):
        response = dana_api.post(claim_path(registration), {"last4": "0123"})
    assert response.status_code == 409
    assert response.json()["code"] == "event_not_over"


def test_a_cancelled_registration_cannot_claim(dana, dana_api, event, after_the_event):
    registration = register(event, dana, status=Registration.CANCELLED)
    response = dana_api.post(claim_path(registration), {"last4": "0123"})
    assert response.status_code == 409
    assert not PhoneClaim.objects.exists()


def test_someone_elses_registration_is_404(dana, omar_api, event, after_the_event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    response = omar_api.post(claim_path(registration), {"last4": "0123"})
    assert response.status_code == 404
    assert not PhoneClaim.objects.exists()
    assert not Connection.objects.filter(registration__isnull=False).exists()
