import datetime as dt
import hashlib

import pytest

from attendance.models import AttendanceImport, AttendancePolicy, Connection, Decision
from attendance.services.deciding import decide_event
from events.models import Break
from tests.factories import EventFactory, RegistrationFactory

START = dt.datetime(2026, 12, 1, 15, 0, tzinfo=dt.UTC)


@pytest.fixture
def event(db):
    event = EventFactory(start=START, end=START + dt.timedelta(hours=2, minutes=15))
    Break.objects.create(
        event=event,
        start=START + dt.timedelta(hours=1),
        end=START + dt.timedelta(hours=1, minutes=15),
    )
    return event


def connect(event, registration, start_minute, end_minute, name=None, **extra):
    record, _ = AttendanceImport.objects.get_or_create(
        event=event, content_sha256="x" * 64, defaults={"format": "test"}
    )
    join = START + dt.timedelta(minutes=start_minute)
    leave = START + dt.timedelta(minutes=end_minute)
    return Connection.objects.create(
        event=event,
        attendance_import=record,
        identity_key=hashlib.sha256(
            f"{registration and registration.pk}{join}{leave}{name}".encode()
        ).hexdigest(),
        source="test.csv",
        line=1,
        name=name if name is not None else (registration.name if registration else "Guest"),
        join=join,
        leave=leave,
        registration=registration,
        match_method="email" if registration else "",
        **extra,
    )


def current(registration):
    return Decision.objects.get(registration=registration, is_current=True)


def test_full_attendance_with_a_break_away_is_eligible(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, -5, 62)
    connect(event, registration, 74, 140)
    decide_event(event)
    decision = current(registration)
    assert decision.outcome == "eligible"
    assert decision.attended_seconds == decision.required_seconds == 2 * 3600
    assert str(decision.credited_hours) == "2.00"


def test_leaving_one_second_early_is_not_eligible_and_says_when(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 135 - 1 / 60)
    decide_event(event)
    decision = current(registration)
    assert decision.outcome == "not_eligible"
    assert decision.reasons == ["left_early"]
    assert decision.missed == [
        {
            "start": (START + dt.timedelta(minutes=135, seconds=-1)).isoformat(),
            "end": (START + dt.timedelta(minutes=135)).isoformat(),
        }
    ]
    assert str(decision.credited_hours) == "0.00"


def test_the_providers_tolerance_applies(event):
    AttendancePolicy.objects.update_or_create(pk=1, defaults={"tolerance_seconds": 60})
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 135 - 1 / 60)
    decide_event(event)
    assert current(registration).outcome == "eligible"


def test_waiting_room_rows_never_count(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 135, in_waiting_room=True)
    decide_event(event)
    assert current(registration).outcome == "not_eligible"


def test_no_connection_at_all(event):
    registration = RegistrationFactory(event=event)
    decide_event(event)
    assert current(registration).reasons == ["no_connection"]


def test_concurrent_connections_under_different_names_need_review(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 135)
    connect(event, registration, 10, 135, name="Front desk laptop")
    decide_event(event)
    decision = current(registration)
    assert decision.outcome == "needs_review"
    assert "possible_shared_connection" in decision.reasons


def test_deciding_again_with_the_same_inputs_writes_no_new_version(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 135)
    decide_event(event)
    assert decide_event(event) == []
    assert Decision.objects.filter(registration=registration).count() == 1


def test_a_change_of_inputs_keeps_the_earlier_version(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 100)
    decide_event(event)
    connect(event, registration, 99, 135)
    decide_event(event)
    versions = list(Decision.objects.filter(registration=registration).order_by("version"))
    assert [(d.version, d.outcome, d.is_current) for d in versions] == [
        (1, "not_eligible", False),
        (2, "eligible", True),
    ]
    assert len(versions[1].inputs["connections"]) == 2


def test_a_renamed_second_device_of_the_same_person_is_not_a_shared_connection(event):
    registration = RegistrationFactory(event=event)
    connect(event, registration, 0, 70)
    connect(event, registration, 69, 135, name="Dana's iPad", original_name=registration.name)
    decide_event(event)
    assert current(registration).outcome == "eligible"
