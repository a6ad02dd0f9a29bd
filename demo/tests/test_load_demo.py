from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
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
