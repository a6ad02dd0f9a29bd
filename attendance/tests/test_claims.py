"""Dial-in claims are evidence, not proof: four digits place a call by themselves only when they
end the attendee's own profile phone, saved before the event, and exactly one unplaced call
ends in them. Everything else waits for staff, who place the call or decline the claim."""

import datetime as dt

import pytest
import time_machine

from attendance.claim_text import claim_message
from attendance.models import Connection, Decision, PhoneClaim
from attendance.services.claims import (
    CLAIMS_PER_DAY,
    claim_phone,
    decline_claim,
    event_number_endings,
    place_claim,
    printed_numbers,
    retry_phone_claims,
)
from attendance.tests.view_helpers import (
    AFTER,
    START,
    connect,
    finished_event,
    register,
    save_phone,
)
from core.errors import DomainError
from core.models import AuditEntry

pytestmark = pytest.mark.django_db

DIAL_IN = (
    "Call +1 646 555 0199 (US toll) and enter webinar ID 812 4455 0190 followed by #.\n"
    "Or call (312) 555-0177."
)
ZONE = dt.UTC


@pytest.fixture
def event(db):
    return finished_event(dial_in_instructions=DIAL_IN)


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def before_the_event(dana):
    save_phone(dana, "+1 415 555 0123", START - dt.timedelta(days=5))


def outcome(registration):
    return Decision.objects.get(registration=registration, is_current=True)


def test_the_digits_of_the_profile_phone_saved_before_the_event_place_the_call(dana, event):
    before_the_event(dana)
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")

    claim = claim_phone(registration, "0123", actor=dana)

    call.refresh_from_db()
    assert claim.result == PhoneClaim.MATCHED and claim.resolved
    assert call.registration == registration and call.match_method == Connection.PHONE_SELF
    assert outcome(registration).outcome == Decision.ELIGIBLE


def test_a_profile_phone_changed_after_the_event_started_sends_the_claim_to_staff(dana, event):
    save_phone(dana, "+1 415 555 0123", START + dt.timedelta(minutes=30))
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")

    claim = claim_phone(registration, "0123", actor=dana)

    call.refresh_from_db()
    assert claim.result == PhoneClaim.PHONE_CHANGED and not claim.resolved
    assert call.registration is None
    decision = outcome(registration)
    assert decision.outcome == Decision.NEEDS_REVIEW
    assert "unmatched_dial_in" in decision.reasons
    assert "changed after the event started, so staff check" in claim_message(claim, ZONE)


def test_digits_that_are_not_the_profile_phone_go_to_staff(dana, event):
    before_the_event(dana)
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")

    claim = claim_phone(registration, "0188", actor=dana)

    call.refresh_from_db()
    assert claim.result == PhoneClaim.NOT_PROFILE_PHONE and not claim.resolved
    assert call.registration is None
    assert outcome(registration).outcome == Decision.NEEDS_REVIEW
    assert "not the last digits of the phone number on your profile" in claim_message(claim, ZONE)


def test_an_attendee_without_a_profile_phone_goes_to_staff(dana, event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    claim = claim_phone(registration, "0123", actor=dana)
    assert claim.result == PhoneClaim.NOT_PROFILE_PHONE and not claim.resolved


def test_two_unplaced_calls_ending_in_the_profile_digits_go_to_staff(dana, event):
    before_the_event(dana)
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    connect(event, "10:05:00", "12:00:00", phone="12125550123")

    claim = claim_phone(registration, "0123", actor=dana)

    assert claim.result == PhoneClaim.AMBIGUOUS and not claim.resolved
    assert not Connection.objects.filter(registration=registration).exists()


@pytest.mark.parametrize("digits", ["0199", "0190", "0177"])
def test_the_digits_of_the_events_own_numbers_are_refused(dana, event, digits):
    save_phone(dana, f"+1 415 555 {digits}", START - dt.timedelta(days=5))
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone=f"1646555{digits}")

    with pytest.raises(DomainError) as error:
        claim_phone(registration, digits, actor=dana)

    assert error.value.code == "event_dial_in_number" and error.value.field == "last4"
    assert "number in the event's dial-in instructions" in error.value.message
    assert not PhoneClaim.objects.exists()
    assert not Connection.objects.filter(registration=registration).exists()


def test_the_dial_in_numbers_the_provider_returned_are_refused_too(dana):
    event = finished_event(provider_data={"global_dial_in_numbers": [{"number": "+1 3017158592"}]})
    registration = register(event, dana)
    with pytest.raises(DomainError) as error:
        claim_phone(registration, "8592", actor=dana)
    assert error.value.code == "event_dial_in_number"


def test_printed_numbers_are_read_line_by_line_with_their_separators():
    assert printed_numbers(DIAL_IN) == ["16465550199", "81244550190", "3125550177"]
    assert printed_numbers("Webinar ID 123 456, passcode 42") == []
    assert event_number_endings(finished_event(dial_in_instructions="")) == set()


def test_claims_are_limited_per_person_and_event_and_refused_in_words(dana, omar, event):
    registration = register(event, dana)
    for number in range(CLAIMS_PER_DAY):
        claim_phone(registration, f"100{number}", actor=dana)

    with pytest.raises(DomainError) as error:
        claim_phone(registration, "2000", actor=dana)

    assert error.value.code == "claim_limit_reached"
    assert error.value.retry_after == 24 * 3600
    assert "5 times for this event in the last 24 hours" in error.value.message
    assert "try again in 24 hours" in error.value.message
    assert PhoneClaim.objects.count() == CLAIMS_PER_DAY
    # Someone else, or another day, is not limited by these.
    claim_phone(register(event, omar), "2000", actor=omar)
    with time_machine.travel(AFTER + dt.timedelta(hours=24, seconds=1), tick=False):
        claim_phone(registration, "2000", actor=dana)


def test_staff_place_a_queued_claim_with_a_reason_and_the_decision_follows(dana, sam_staff, event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)

    placed = place_claim(claim, call, actor=sam_staff, reason="Her office line; she sent the bill")

    call.refresh_from_db()
    assert placed.resolved and placed.connection == call and placed.resolved_by == sam_staff
    assert call.registration == registration and call.match_method == Connection.STAFF
    assert outcome(registration).outcome == Decision.ELIGIBLE
    entry = AuditEntry.objects.get(action="attendance.phone_claim_placed")
    assert entry.actor == sam_staff and entry.reason == "Her office line; she sent the bill"
    assert entry.data["registration"] == registration.pk and entry.data["last4"] == "0188"
    assert "was matched to you by staff" in claim_message(placed, ZONE)


def test_staff_decline_a_queued_claim_with_a_reason_the_attendee_reads(dana, sam_staff, event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)
    assert outcome(registration).outcome == Decision.NEEDS_REVIEW

    declined = decline_claim(claim, actor=sam_staff, reason="That call was Omar's, from his car.")

    assert declined.declined and declined.resolved_by == sam_staff
    decision = outcome(registration)
    assert decision.outcome == Decision.NOT_ELIGIBLE
    assert "unmatched_dial_in" not in decision.reasons
    entry = AuditEntry.objects.get(action="attendance.phone_claim_declined")
    assert entry.actor == sam_staff and entry.target_id == str(registration.pk)
    assert claim_message(declined, ZONE) == (
        "Staff looked into your call from a number ending in 0188 and could not match it to "
        "you: That call was Omar's, from his car."
    )


@pytest.mark.parametrize("action", ["place", "decline"])
def test_placing_or_declining_needs_a_reason(dana, sam_staff, event, action):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)

    with pytest.raises(DomainError) as error:
        if action == "place":
            place_claim(claim, call, actor=sam_staff, reason=" ")
        else:
            decline_claim(claim, actor=sam_staff, reason="")

    assert error.value.code == "reason_required"
    claim.refresh_from_db()
    assert not claim.resolved


def test_a_settled_claim_cannot_be_settled_again(dana, sam_staff, event):
    registration = register(event, dana)
    claim = claim_phone(registration, "0188", actor=dana)
    decline_claim(claim, actor=sam_staff, reason="No such call")
    with pytest.raises(DomainError) as error:
        decline_claim(claim, actor=sam_staff, reason="Again")
    assert error.value.code == "claim_closed"


def test_a_call_already_matched_to_someone_else_is_not_placed_again(dana, omar, sam_staff, event):
    omar_registration = register(event, omar)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")
    Connection.objects.filter(pk=call.pk).update(registration=omar_registration)
    claim = claim_phone(register(event, dana), "0188", actor=dana)

    with pytest.raises(DomainError) as error:
        place_claim(claim, call, actor=sam_staff, reason="Looks like hers")

    assert error.value.code == "already_placed"


def test_a_claim_made_before_the_report_stays_with_staff_when_it_is_not_the_profile_phone(
    dana, event
):
    before_the_event(dana)
    registration = register(event, dana)
    claim = claim_phone(registration, "0188", actor=dana)
    assert claim.result == PhoneClaim.NOT_FOUND
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")

    assert retry_phone_claims(event) == 0

    claim.refresh_from_db()
    call.refresh_from_db()
    assert claim.result == PhoneClaim.NOT_PROFILE_PHONE and not claim.resolved
    assert call.registration is None


def test_only_an_attendees_call_from_this_event_answers_a_claim(dana, sam_staff, event):
    claim = claim_phone(register(event, dana), "0188", actor=dana)
    video = connect(event, "09:59:00", "13:00:00", name="Guest laptop")
    elsewhere = connect(finished_event(slug="elsewhere"), "09:59:00", "13:00:00", phone="1212")

    with pytest.raises(DomainError) as not_a_call:
        place_claim(claim, video, actor=sam_staff, reason="Looks right")
    with pytest.raises(DomainError) as wrong_event:
        place_claim(claim, elsewhere, actor=sam_staff, reason="Looks right")

    assert not_a_call.value.code == "not_a_call"
    assert wrong_event.value.code == "wrong_event"


def test_a_claim_of_a_registration_no_longer_active_is_not_placed(dana, sam_staff, event):
    registration = register(event, dana)
    claim = claim_phone(registration, "0188", actor=dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")
    registration.status = registration.CANCELLED
    registration.save(update_fields=["status"])

    with pytest.raises(DomainError) as refused:
        place_claim(claim, call, actor=sam_staff, reason="Looks right")

    assert refused.value.code == "not_registered"
    call.refresh_from_db()
    claim.refresh_from_db()
    assert call.registration is None and not claim.resolved
    assert not AuditEntry.objects.filter(action="attendance.phone_claim_placed").exists()
