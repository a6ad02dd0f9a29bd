"""Imports are reversible and never stack: staff withdraw an import with a reason and every
decision is taken again from what remains; the same files read again another way replace the
earlier reading instead of adding to it (design rule 6)."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import call_command

from attendance.models import AttendanceImport, Connection, Decision
from attendance.services.importing import import_attendance
from attendance.services.withdrawing import withdraw_import
from attendance.tests.test_importing import (
    FIXTURES,
    event_with_three_registrants,
    fixture,
    outcomes,
)
from core.errors import DomainError
from core.models import AuditEntry

FILE = "webinar_2025_custom_questions.csv"


@pytest.fixture
def event(db):
    return event_with_three_registrants()


RIGHT = {
    "dana.whitfield@example.com": ("not_eligible", ["left_early"]),
    "omar@example.com": ("eligible", []),
    "wen.li@example.com": ("not_eligible", ["no_connection"]),
}


def read_in(event, zone: str) -> None:
    call_command(
        "import_attendance", event.slug, str(FIXTURES / FILE), "--timezone", zone, stdout=StringIO()
    )


def dana_missed(event) -> float:
    dana = Decision.objects.get(registration__email="dana.whitfield@example.com", is_current=True)
    return dana.required_seconds - dana.attended_seconds


def test_reading_a_file_in_the_wrong_zone_then_the_right_one_gives_the_right_credit(event):
    """As observed: the second reading's shifted rows were added to the first reading's."""
    read_in(event, "America/Chicago")  # an hour off: the times fall outside the event
    rows = Connection.objects.count()
    assert outcomes(event) != RIGHT

    read_in(event, "America/New_York")

    assert outcomes(event) == RIGHT
    assert dana_missed(event) == 2
    assert Connection.objects.count() == rows  # replaced, not added
    assert Connection.with_withdrawn.count() == 2 * rows  # the first reading is kept, unused
    first = AttendanceImport.objects.get(time_zone="America/Chicago")
    second = AttendanceImport.objects.get(time_zone="America/New_York")
    assert first.is_withdrawn and first.replaced_by == second and not second.is_withdrawn
    assert first.withdrawn_reason == (
        "Replaced by a new reading of the same files (times read in America/New_York)."
    )


def test_reading_the_same_file_the_same_way_again_still_changes_nothing(event):
    read_in(event, "America/New_York")
    read_in(event, "America/New_York")
    assert AttendanceImport.objects.count() == 1
    assert not AttendanceImport.objects.filter(withdrawn_at__isnull=False).exists()


def test_withdrawing_an_import_takes_its_credit_away_and_is_audited(event, sam_staff):
    import_attendance(event, [fixture(FILE)])
    record = AttendanceImport.objects.get()

    withdraw_import(record, actor=sam_staff, reason="This was another event's report")

    assert outcomes(event) == {email: ("not_eligible", ["no_connection"]) for email in RIGHT}
    assert not Connection.objects.exists()
    entry = AuditEntry.objects.get(action="attendance.import_withdrawn")
    assert entry.actor == sam_staff and entry.reason == "This was another event's report"
    assert entry.data["rows_withdrawn"] == Connection.with_withdrawn.count()


def test_a_withdrawal_needs_a_reason_and_happens_once(event, sam_staff):
    import_attendance(event, [fixture(FILE)])
    record = AttendanceImport.objects.get()
    with pytest.raises(DomainError) as refused:
        withdraw_import(record, actor=sam_staff, reason="  ")
    assert refused.value.code == "reason_required"
    withdraw_import(record, actor=sam_staff, reason="Wrong file")
    with pytest.raises(DomainError) as again:
        withdraw_import(record, actor=sam_staff, reason="Wrong file")
    assert again.value.code == "import_withdrawn"


def test_rows_another_import_also_holds_stay_when_the_first_is_withdrawn(event, sam_staff):
    """The second file repeats the first's rows, which were stored once (with the first):
    withdrawing the first hands them to the second instead of losing them."""
    name, content = fixture(FILE)
    import_attendance(event, [(name, content)])
    import_attendance(event, [("copy-" + name, content + b"\n")])
    first, second = AttendanceImport.objects.order_by("pk")
    assert second.rows_added == 0

    withdraw_import(first, actor=sam_staff, reason="Duplicate upload")

    assert outcomes(event) == RIGHT
    assert Connection.objects.filter(attendance_import=second).count() == first.rows_added


def test_importing_a_withdrawn_file_again_brings_it_back(event, sam_staff):
    import_attendance(event, [fixture(FILE)])
    withdraw_import(AttendanceImport.objects.get(), actor=sam_staff, reason="Too early")
    summary = import_attendance(event, [fixture(FILE)])
    assert not summary.already_imported
    assert outcomes(event) == RIGHT


def test_staff_withdraw_an_import_from_the_attendance_page(client, event, sam_staff, dana):
    from django.urls import reverse

    import_attendance(event, [fixture(FILE)])
    record = AttendanceImport.objects.get()
    url = reverse("attendance:staff_withdraw_import", args=[event.slug, record.pk])

    client.force_login(dana)
    assert client.post(url, {"reason": "x"}).status_code == 403
    client.force_login(sam_staff)
    page = client.post(url, {"reason": ""}, follow=True).content.decode()
    assert "Give a reason" in page
    page = client.post(url, {"reason": "Report of the wrong webinar"}, follow=True)
    html = page.content.decode()
    assert "The import was withdrawn" in html
    assert "Withdrawn" in html and "Report of the wrong webinar" in html
    assert AttendanceImport.objects.get().is_withdrawn
