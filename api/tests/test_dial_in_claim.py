"""An attendee claims their dial-in by the last 4 digits, as on the receipt page, and reads how
staff closed a review."""

from __future__ import annotations

import datetime as dt
import zoneinfo

import pytest
import time_machine

from attendance.claim_text import claim_message
from attendance.models import Connection, PhoneClaim
from attendance.services.claims import CLAIMS_PER_DAY
from attendance.services.deciding import decide_event
from attendance.services.resolving import assign_connection
from attendance.services.reviewing import confirm_attended_alone
from attendance.tests.view_helpers import (
    AFTER,
    START,
    connect,
    finished_event,
    register,
    save_phone,
)
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
    # The digits are those of Dana's own phone, saved on her profile before the event.
    save_phone(dana, "+14155550123", START - dt.timedelta(days=2))
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


def test_a_claim_with_digits_not_on_the_profile_waits_for_staff(
    dana, dana_api, event, after_the_event
):
    save_phone(dana, "+14155550142", START - dt.timedelta(days=2))
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")

    response = dana_api.post(claim_path(registration), {"last4": "0188"})

    assert response.status_code == 200
    body = response.json()
    assert body["result"] == PhoneClaim.NOT_PROFILE_PHONE and body["queued"] is True
    claim = PhoneClaim.objects.get(registration=registration)
    assert body["message"] == claim_message(claim, zoneinfo.ZoneInfo(dana.time_zone))
    assert "staff check that the call is yours" in body["message"]
    call.refresh_from_db()
    assert call.registration is None


def test_a_claim_after_changing_the_profile_phone_during_the_event_waits_for_staff(
    dana, dana_api, event, after_the_event
):
    save_phone(dana, "+14155550123", START + dt.timedelta(minutes=5))
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")

    body = dana_api.post(claim_path(registration), {"last4": "0123"}).json()

    assert body["result"] == PhoneClaim.PHONE_CHANGED and body["queued"] is True
    assert "changed after the event started" in body["message"]


def test_a_matched_claim_is_not_queued(dana, dana_api, event, after_the_event):
    save_phone(dana, "+14155550123", START - dt.timedelta(days=2))
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    body = dana_api.post(claim_path(registration), {"last4": "0123"}).json()
    assert body["result"] == PhoneClaim.MATCHED and body["queued"] is False


def test_the_digits_of_the_events_dial_in_number_are_422(dana, dana_api, after_the_event):
    event = finished_event(dial_in_instructions="Call +1 646 555 0199, webinar ID 812 4455 0190.")
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="16465550199")

    response = dana_api.post(claim_path(registration), {"last4": "0199"})

    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "event_dial_in_number"
    assert body["message"].startswith("0199 are the last digits of a number in the event's")
    assert body["details"] == [
        {"field": "last4", "code": "event_dial_in_number", "message": body["message"]}
    ]
    assert not PhoneClaim.objects.exists()


def test_too_many_claims_are_429_with_a_plain_message(dana, dana_api, event, after_the_event):
    registration = register(event, dana)
    for number in range(CLAIMS_PER_DAY):
        response = dana_api.post(claim_path(registration), {"last4": f"100{number}"})
        assert response.status_code == 200

    response = dana_api.post(claim_path(registration), {"last4": "2000"})

    assert response.status_code == 429
    assert response["Retry-After"] == str(24 * 3600)
    body = response.json()
    assert body["code"] == "claim_limit_reached"
    assert "5 times for this event in the last 24 hours" in body["message"]
    assert PhoneClaim.objects.count() == CLAIMS_PER_DAY


def test_the_receipt_says_how_staff_closed_a_review(
    dana, dana_api, sam_staff, event, after_the_event
):
    registration = register(event, dana)
    connect(event, "09:58:00", "13:00:00", registration=registration)
    ipad = connect(event, "10:30:00", "11:45:00", name="iPad")
    assign_connection(ipad, registration, actor=sam_staff, reason="Dana's iPad")
    confirm_attended_alone(registration, actor=sam_staff, reason="The iPad is her own")

    body = dana_api.get(f"me/registrations/{registration.pk}/receipt").json()

    assert body["outcome"] == "eligible"
    assert body["review"].endswith(
        "confirmed they were yours alone; your time then counted as everyone's does: only the "
        "time you were connected. Their note: “The iPad is her own”"
    )
