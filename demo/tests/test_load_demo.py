from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from attendance.models import Connection, Decision, PhoneClaim
from attendance.services.claims import claim_phone, event_number_endings
from certificates.models import Certificate
from core.errors import DomainError
from events.models import Event, Registration
from tracker.models import CreditAssignment, OutsideCredit


def load():
    out = StringIO()
    call_command("load_demo", allow_production=True, stdout=out)
    return out.getvalue()


def test_the_demo_loads_people_events_attendance_and_a_certificate(db):
    output = load()
    assert "attendee@example.com" in output and "staff@example.com" in output
    assert Event.objects.count() == 14
    assert Event.objects.filter(status=Event.DRAFT).count() == 1
    certificate = Certificate.objects.get()
    assert certificate.snapshot["holder_name"] == "Dana Whitfield-Núñez"


def test_the_demo_attendee_has_outside_credit_and_assigned_hours(db):
    load()
    records = OutsideCredit.objects.filter(user__email="attendee@example.com")
    assert records.count() == 2
    for record in records:
        with record.file.open("rb") as handle:
            assert handle.read(5) == b"%PDF-"
        assert record.assignments.exists()
    certificate = Certificate.objects.get()
    assigned = certificate.credit_assignments.get()
    assert (assigned.user_license.license_type.state, assigned.category.code) == (
        "CA",
        "law_ethics",
    )


def counts() -> tuple[int, ...]:
    return (
        Event.objects.count(),
        Registration.objects.count(),
        Certificate.objects.count(),
        OutsideCredit.objects.count(),
        CreditAssignment.objects.count(),
    )


def test_loading_the_demo_again_changes_nothing(db):
    load()
    before = counts()
    load()
    assert counts() == before


def test_the_demo_refuses_production_without_the_flag(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())


def test_the_printed_dial_in_number_is_no_valid_claim_in_the_demo(db):
    load()
    event = Event.objects.get(slug="boundaries-and-dual-relationships")
    printed = event_number_endings(event)
    assert "0199" in printed  # the number on every Main Hall
    calls = Connection.objects.filter(event=event, is_phone=True)
    assert calls.exists()
    assert not any(call.phone_last4 in printed for call in calls)
    registration = event.registrations.get(email="attendee@example.com")

    with pytest.raises(DomainError) as error:
        claim_phone(registration, "0199", actor=registration.user)

    assert error.value.code == "event_dial_in_number"
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert decision.outcome == Decision.NOT_ELIGIBLE


def test_the_demo_attendees_office_call_waits_for_staff(db):
    load()
    event = Event.objects.get(slug="boundaries-and-dual-relationships")
    registration = event.registrations.get(email="attendee@example.com")
    claim = claim_phone(registration, "7730", actor=registration.user)
    assert claim.result == PhoneClaim.NOT_PROFILE_PHONE and not claim.resolved


def test_the_demo_has_a_review_for_staff_to_close(db):
    load()
    priya = Decision.objects.get(
        registration__event__slug="boundaries-and-dual-relationships",
        registration__email="priya.nair@example.com",
        is_current=True,
    )
    assert priya.outcome == Decision.NEEDS_REVIEW
    assert priya.reasons == ["possible_shared_connection"]


def test_each_demo_presenter_is_one_record_shared_by_their_events(db):
    from django.db.models import Count

    from events.models import Presenter

    load()

    names = Presenter.objects.values("name").annotate(n=Count("pk")).filter(n__gt=1)
    assert list(names) == []
    assert Presenter.objects.filter(name="Ana Ruiz").get().appearances.count() > 1
