import datetime as dt
import hashlib

import pytest
import time_machine

from attendance.models import AttendanceImport, Connection, Decision, PhoneClaim
from attendance.services.deciding import decide_event
from attendance.services.resolving import (
    assign_connection,
    claim_phone,
    record_actual_schedule,
    unassign_connection,
)
from attendance.tests.view_helpers import save_phone
from core.errors import DomainError
from core.models import AuditEntry
from tests.factories import EventFactory, RegistrationFactory

START = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)
AFTER = START + dt.timedelta(hours=3)


@pytest.fixture
def event(db):
    return EventFactory(start=START, end=START + dt.timedelta(hours=2))


def row(event, *, name, minutes=(0, 120), registration=None, phone="", role="attendee"):
    record, _ = AttendanceImport.objects.get_or_create(
        event=event, content_sha256="y" * 64, defaults={"format": "test"}
    )
    join = START + dt.timedelta(minutes=minutes[0])
    leave = START + dt.timedelta(minutes=minutes[1])
    return Connection.objects.create(
        event=event,
        attendance_import=record,
        identity_key=hashlib.sha256(f"{name}{join}{leave}".encode()).hexdigest(),
        source="report.csv",
        line=7,
        name=name,
        join=join,
        leave=leave,
        registration=registration,
        is_phone=bool(phone),
        phone_digits=phone,
        role=role,
    )


def outcome(registration):
    return Decision.objects.get(registration=registration, is_current=True).outcome


def test_staff_assign_an_unplaced_connection_with_a_reason(event, sam_staff):
    registration = RegistrationFactory(event=event)
    connection = row(event, name="iPad")
    decide_event(event)
    assert outcome(registration) == "not_eligible"
    assign_connection(connection, registration, actor=sam_staff, reason="Confirmed by email")
    connection.refresh_from_db()
    assert connection.match_method == "staff" and connection.matched_by == sam_staff
    assert outcome(registration) == "eligible"
    entry = AuditEntry.objects.get(action="attendance.connection_assigned")
    assert entry.reason == "Confirmed by email" and entry.actor == sam_staff


def test_assigning_requires_a_reason(event, sam_staff):
    registration = RegistrationFactory(event=event)
    connection = row(event, name="iPad")
    with pytest.raises(DomainError) as error:
        assign_connection(connection, registration, actor=sam_staff, reason="  ")
    assert error.value.code == "reason_required"
    connection.refresh_from_db()
    assert connection.registration is None


def test_a_host_connection_cannot_be_assigned_to_an_attendee(event, sam_staff):
    registration = RegistrationFactory(event=event)
    connection = row(event, name="Host", role="host")
    with pytest.raises(DomainError) as error:
        assign_connection(connection, registration, actor=sam_staff, reason="oops")
    assert error.value.code == "not_an_attendee"


def test_a_registrant_of_another_event_cannot_be_given_the_connection(event, sam_staff):
    connection = row(event, name="iPad")
    with pytest.raises(DomainError) as error:
        assign_connection(connection, RegistrationFactory(), actor=sam_staff, reason="wrong")
    assert error.value.code == "wrong_event"


def test_a_cancelled_registration_cannot_be_given_the_connection(event, sam_staff):
    registration = RegistrationFactory(event=event, status="cancelled")
    connection = row(event, name="iPad")
    with pytest.raises(DomainError) as error:
        assign_connection(connection, registration, actor=sam_staff, reason="Confirmed")
    assert error.value.code == "not_registered"
    connection.refresh_from_db()
    assert connection.registration is None and connection.match_method == ""
    assert not AuditEntry.objects.filter(action="attendance.connection_assigned").exists()


def test_a_connection_nobody_holds_cannot_be_unassigned(event, sam_staff):
    connection = row(event, name="iPad")
    with pytest.raises(DomainError) as error:
        unassign_connection(connection, actor=sam_staff, reason="Wrong person")
    assert error.value.code == "not_assigned"
    connection.refresh_from_db()
    assert connection.registration is None
    assert not AuditEntry.objects.filter(action="attendance.connection_unassigned").exists()


def test_an_assignment_can_be_undone_and_the_decision_follows(event, sam_staff):
    registration = RegistrationFactory(event=event)
    connection = row(event, name="iPad")
    assign_connection(connection, registration, actor=sam_staff, reason="Confirmed")
    unassign_connection(connection, actor=sam_staff, reason="Wrong person")
    connection.refresh_from_db()
    assert connection.registration is None
    assert outcome(registration) == "not_eligible"
    assert Decision.objects.filter(registration=registration).count() == 2
    assert AuditEntry.objects.filter(action="attendance.connection_unassigned").exists()


def test_a_dial_in_claim_matches_the_one_call_ending_in_those_digits(event, dana):
    # The digits are those of Dana's own phone, saved on her profile before the event.
    save_phone(dana, "+16465550199", START - dt.timedelta(days=3))
    registration = RegistrationFactory(event=event, user=dana)
    call = row(event, name="+1 646***0199", phone="16460199")
    row(event, name="+1 212***3344", phone="12123344")
    with time_machine.travel(AFTER):
        claim = claim_phone(registration, "0199", actor=dana)
    call.refresh_from_db()
    assert claim.result == PhoneClaim.MATCHED
    assert call.registration == registration and call.match_method == "phone_self"
    assert outcome(registration) == "eligible"


def test_an_ambiguous_dial_in_claim_goes_to_staff_with_the_digits(event, dana):
    registration = RegistrationFactory(event=event, user=dana)
    row(event, name="Call-in User_1", phone="16460199")
    row(event, name="Call-in User_2", phone="13470199", minutes=(0, 60))
    with time_machine.travel(AFTER):
        claim = claim_phone(registration, "0199", actor=dana)
    assert claim.result == PhoneClaim.AMBIGUOUS and not claim.resolved
    assert not Connection.objects.filter(registration=registration).exists()
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert decision.outcome == "needs_review"
    assert "unmatched_dial_in" in decision.reasons


def test_a_claim_must_be_four_digits(event, dana):
    registration = RegistrationFactory(event=event, user=dana)
    with time_machine.travel(AFTER), pytest.raises(DomainError) as error:
        claim_phone(registration, "19a", actor=dana)
    assert error.value.code == "last4_invalid"


def test_a_claim_waits_for_the_end_of_the_event(event, dana):
    registration = RegistrationFactory(event=event, user=dana)
    with time_machine.travel(START), pytest.raises(DomainError) as error:
        claim_phone(registration, "0199", actor=dana)
    assert error.value.code == "event_not_over"


def test_recording_the_real_schedule_changes_the_required_time(sam_staff):
    event = EventFactory(start=START, end=START + dt.timedelta(minutes=130))
    registration = RegistrationFactory(event=event)
    row(event, name=registration.name, registration=registration, minutes=(10, 130))
    decide_event(event)
    assert outcome(registration) == "not_eligible"
    record_actual_schedule(
        event,
        start=START + dt.timedelta(minutes=10),
        end=START + dt.timedelta(minutes=130),
        breaks=[],
        actor=sam_staff,
        reason="Started 10 minutes late because of a technical problem",
    )
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert decision.outcome == "eligible"
    assert decision.inputs["window_basis"] == "actual"


def test_a_real_schedule_too_short_for_the_advertised_hours_is_refused(event, sam_staff):
    with pytest.raises(DomainError) as error:
        record_actual_schedule(
            event,
            start=START,
            end=START + dt.timedelta(minutes=90),
            breaks=[],
            actor=sam_staff,
            reason="Ended early",
        )
    assert error.value.code == "schedule_invalid"


def test_a_claim_made_before_the_report_arrived_is_matched_on_import(event, dana):
    from attendance.services.resolving import retry_phone_claims

    save_phone(dana, "+16465550199", START - dt.timedelta(days=3))
    registration = RegistrationFactory(event=event, user=dana)
    with time_machine.travel(AFTER):
        claim = claim_phone(registration, "0199", actor=dana)
    assert claim.result == PhoneClaim.NOT_FOUND
    call = row(event, name="+1 646***0199", phone="16460199")
    assert retry_phone_claims(event) == 1
    claim.refresh_from_db()
    call.refresh_from_db()
    assert claim.resolved and claim.connection == call
    assert call.registration == registration and call.match_method == "phone_self"
