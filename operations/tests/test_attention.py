"""Staff see what waits for them: one queue on the dashboard, its count in the header, and they
land on it after signing in."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from attendance.models import AttendanceImport, Connection, Decision, PhoneClaim, StaffAlert
from certificates.models import NameCorrectionRequest
from operations.attention import attention_count, needs_attention
from tests.factories import PASSWORD, EventFactory, RegistrationFactory, UserFactory
from tracker.tests.conftest import make_certificate

pytestmark = pytest.mark.django_db


def _ended_event(title: str, hours_ago: int = 5):
    start = timezone.now().replace(microsecond=0) - dt.timedelta(hours=hours_ago)
    return EventFactory(title=title, start=start, end=start + dt.timedelta(hours=2))


def _connection(event, line: int, **fields) -> Connection:
    report = AttendanceImport.objects.filter(event=event).first() or (
        AttendanceImport.objects.create(event=event, format="test", content_sha256="x" * 64)
    )
    return Connection.objects.create(
        event=event,
        attendance_import=report,
        identity_key=f"row-{line}",
        source="report.csv",
        line=line,
        name=fields.pop("name", "Unknown Person"),
        join=event.start,
        leave=event.end,
        **fields,
    )


def _review(registration) -> Decision:
    return Decision.objects.create(
        registration=registration,
        version=1,
        outcome=Decision.NEEDS_REVIEW,
        attended_seconds=0,
        required_seconds=7200,
        tolerance_seconds=0,
        credited_hours=0,
        inputs={},
        rule_version="test",
    )


def test_nothing_waiting_is_said_plainly(client, sam_staff):
    client.force_login(sam_staff)

    page = client.get(reverse("staff:dashboard")).content.decode()

    assert needs_attention() == []
    assert "Nothing is waiting" in page


def test_each_kind_of_waiting_work_is_listed_with_its_count_and_page(client, sam_staff):
    event = _ended_event("Ethics in Telehealth")
    _connection(event, 2)
    _connection(event, 3, name="Another")
    _connection(event, 4, role="host", name="The host")  # hosts are not attendance
    _review(RegistrationFactory(event=event))
    claimant = RegistrationFactory(event=event)
    PhoneClaim.objects.create(
        registration=claimant, last4="1234", result=PhoneClaim.NOT_FOUND, resolved=False
    )
    quiet = _ended_event("No data yet", hours_ago=30)
    StaffAlert.objects.create(event=quiet, kind=StaffAlert.NO_ATTENDANCE_DATA)
    holder = UserFactory()
    certificate = make_certificate(holder, title="Corrected")
    NameCorrectionRequest.objects.create(
        certificate=certificate,
        requested_by=holder,
        requested_name=f"Patricia {holder.legal_last_name}",
        explanation="My license says Patricia.",
    )

    items = needs_attention()
    titles = [item.title for item in items]

    assert titles == [
        "No attendance data yet",
        "1 attendance decision to review",
        "1 dial-in claim to check",
        "2 unplaced connections",
        "1 name correction request",
    ]
    page = reverse("attendance:staff_page", args=[event.slug])
    assert [item.url for item in items[1:4]] == [
        page + "#reviews-heading",
        page + "#claims-heading",
        page + "#queue-heading",
    ]
    assert attention_count() == 6

    client.force_login(sam_staff)
    html = client.get(reverse("staff:dashboard")).content.decode()
    assert "2 unplaced connections" in html
    assert page + "#queue-heading" in html
    assert re.search(r"Staff area <span class=\"badge badge-warning\">6<", html)


def test_an_unplaced_connection_of_an_event_still_running_is_not_yet_work():
    start = timezone.now() - dt.timedelta(minutes=30)
    event = EventFactory(start=start, end=start + dt.timedelta(hours=2))
    _connection(event, 2)

    assert needs_attention() == []


def test_attendees_see_no_staff_count(client):
    event = _ended_event("Ethics in Telehealth")
    _connection(event, 2)
    attendee = UserFactory()
    client.force_login(attendee)

    html = client.get(reverse("home")).content.decode()

    assert "Staff area" not in html
    assert "waiting for staff" not in html


def test_staff_land_on_the_staff_dashboard_and_attendees_on_their_home(client, sam_staff):
    response = client.post(
        reverse("account_login"), {"login": sam_staff.email, "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:dashboard")

    client.logout()
    attendee = UserFactory()
    response = client.post(
        reverse("account_login"), {"login": attendee.email, "password": PASSWORD}
    )
    assert response["Location"] == reverse("home")


def test_a_next_address_still_wins_for_staff(client, sam_staff):
    target = reverse("staff:events")

    response = client.post(
        reverse("account_login") + f"?next={target}",
        {"login": sam_staff.email, "password": PASSWORD},
    )

    assert response["Location"] == target
