from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from certificates.models import Certificate
from events.models import Event, Registration


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


def test_loading_the_demo_again_changes_nothing(db):
    load()
    counts = (Event.objects.count(), Registration.objects.count(), Certificate.objects.count())
    load()
    assert (
        Event.objects.count(),
        Registration.objects.count(),
        Certificate.objects.count(),
    ) == counts


def test_the_demo_refuses_production_without_the_flag(db, settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG is off"):
        call_command("load_demo", stdout=StringIO())
