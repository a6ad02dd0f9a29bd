"""The staff attendance page: outcomes, the unplaced queue, the actual schedule, each
registrant's receipt and history, the CSV export, and who may use any of it."""

import csv
import html
import io
import re

import pytest
import time_machine
from django.urls import reverse

from attendance.models import ActualSchedule, Connection, Decision, PhoneClaim
from attendance.services.deciding import decide_event
from attendance.services.resolving import assign_connection, claim_phone
from attendance.tests.view_helpers import AFTER, connect, finished_event, page_text, register, url
from core.models import AuditEntry
from tests.factories import UserLicenseFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return finished_event()


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def words(response):
    """What a person reads: tags dropped, entities decoded."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def current(registration):
    return Decision.objects.get(registration=registration, is_current=True)


def test_the_page_counts_outcomes_and_lists_each_registrant(staff, dana, omar, event):
    dana_registration = register(event, dana)
    register(event, omar)
    connect(event, "09:58:00", "13:00:00", registration=dana_registration)
    decide_event(event)

    response = staff.get(url("staff_page", event))

    text = page_text(response)
    assert response.status_code == 200
    assert '<span class="stat-value">1</span><span class="stat-label">eligible</span>' in text
    assert '<span class="stat-value">1</span><span class="stat-label">not eligible</span>' in text
    assert "Dana Whitfield" in text and "No connection found" in text
    assert "no_connection" not in text  # reasons in words, never as codes
    assert url("staff_registrant", event, dana_registration.pk) in text


def test_the_queue_shows_unplaced_connections_with_matching_dial_in_claims(staff, dana, event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    connect(event, "10:05:00", "12:00:00", phone="12125550123")
    decide_event(event)
    claim_phone(registration, "0123", actor=dana)

    text = words(staff.get(url("staff_page", event)))

    assert "Phone call from …0123" in text
    assert "9:59:00 AM–1:00:00 PM PST" in text  # in the event's zone
    assert "report.csv:" in text
    assert "Dial-in claim with these digits: Dana Whitfield" in text


def test_assigning_from_the_queue_changes_the_outcome_and_is_audited(staff, sam_staff, dana, event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    decide_event(event)
    assert current(registration).outcome == Decision.NOT_ELIGIBLE

    response = staff.post(
        url("staff_assign", event, call.pk),
        {
            f"assign-{call.pk}-registration": registration.pk,
            f"assign-{call.pk}-reason": "Dana emailed her phone bill",
        },
        follow=True,
    )

    call.refresh_from_db()
    assert call.registration == registration and call.match_method == Connection.STAFF
    assert current(registration).outcome == Decision.ELIGIBLE
    entry = AuditEntry.objects.get(action="attendance.connection_assigned")
    assert entry.actor == sam_staff and entry.reason == "Dana emailed her phone bill"
    assert "The connection is now Dana Whitfield's. Their outcome: eligible." in words(response)


def test_assigning_needs_a_reason_and_changes_nothing_without_one(staff, dana, event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")

    response = staff.post(
        url("staff_assign", event, call.pk),
        {f"assign-{call.pk}-registration": registration.pk, f"assign-{call.pk}-reason": "  "},
    )

    assert "Give a reason: it is kept in the audit log." in page_text(response)
    call.refresh_from_db()
    assert call.registration is None
    assert not AuditEntry.objects.filter(action="attendance.connection_assigned").exists()


def test_a_connection_cannot_be_assigned_to_someone_from_another_event(staff, dana, event):
    other = register(finished_event(slug="other-event"), dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")

    response = staff.post(
        url("staff_assign", event, call.pk),
        {f"assign-{call.pk}-registration": other.pk, f"assign-{call.pk}-reason": "Sure"},
    )

    assert "Select a valid choice" in page_text(response)
    call.refresh_from_db()
    assert call.registration is None


def test_undo_puts_the_connection_back_in_the_queue(staff, sam_staff, dana, event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    assign_connection(call, registration, actor=sam_staff, reason="Phone bill")
    assert current(registration).outcome == Decision.ELIGIBLE
    assert "Matched by hand" in page_text(staff.get(url("staff_page", event)))

    response = staff.post(
        url("staff_unassign", event, call.pk),
        {f"undo-{call.pk}-reason": "Wrong person: the bill was someone else's"},
        follow=True,
    )

    call.refresh_from_db()
    assert call.registration is None
    assert current(registration).outcome == Decision.NOT_ELIGIBLE
    entry = AuditEntry.objects.get(action="attendance.connection_unassigned")
    assert entry.reason == "Wrong person: the bill was someone else's"
    assert "The connection is back in the queue." in page_text(response)


def test_undo_needs_a_reason(staff, sam_staff, dana, event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    assign_connection(call, registration, actor=sam_staff, reason="Phone bill")

    response = staff.post(url("staff_unassign", event, call.pk), {f"undo-{call.pk}-reason": ""})

    assert "Give a reason" in page_text(response)
    call.refresh_from_db()
    assert call.registration == registration


def test_recording_the_actual_schedule_decides_everyone_again(staff, sam_staff, dana, event):
    registration = register(event, dana)
    connect(event, "10:12:00", "13:10:00", registration=registration)
    decide_event(event)
    assert current(registration).outcome == Decision.NOT_ELIGIBLE

    response = staff.post(
        url("staff_schedule", event),
        {
            "start": "2026-12-08T10:10",
            "end": "2026-12-08T13:10",
            "reason": "The presenter's connection failed; we started ten minutes late.",
            "breaks-TOTAL_FORMS": "2",
            "breaks-INITIAL_FORMS": "0",
            "breaks-0-start": "",
            "breaks-0-end": "",
            "breaks-0-label": "Break",
            "breaks-1-start": "",
            "breaks-1-end": "",
            "breaks-1-label": "Break",
        },
        follow=True,
    )

    actual = ActualSchedule.objects.get(event=event)
    assert actual.recorded_by == sam_staff
    assert actual.start.isoformat() == "2026-12-08T18:10:00+00:00"
    assert "The actual schedule is recorded" in page_text(response)
    decision = current(registration)
    assert decision.inputs["window_basis"] == "actual"
    assert decision.reasons == ["joined_late"]  # 10:10–10:12 still missed, to the second
    assert AuditEntry.objects.filter(action="attendance.actual_schedule_recorded").exists()


def test_an_actual_schedule_that_is_too_short_is_refused_with_the_rules_message(staff, event):
    response = staff.post(
        url("staff_schedule", event),
        {
            "start": "2026-12-08T10:00",
            "end": "2026-12-08T11:00",
            "reason": "Ended early",
            "breaks-TOTAL_FORMS": "0",
            "breaks-INITIAL_FORMS": "0",
        },
    )

    text = page_text(response)
    assert "The actual schedule was not recorded" in text
    assert "Advertised hours (3) exceed the instructional time (1 h)" in text
    assert not ActualSchedule.objects.exists()


def test_the_actual_schedule_needs_a_reason(staff, event):
    response = staff.post(
        url("staff_schedule", event),
        {
            "start": "2026-12-08T10:00",
            "end": "2026-12-08T13:00",
            "reason": "",
            "breaks-TOTAL_FORMS": "0",
            "breaks-INITIAL_FORMS": "0",
        },
    )
    assert "Give a reason: it is kept in the audit log." in page_text(response)
    assert not ActualSchedule.objects.exists()


def test_the_registrant_page_shows_the_receipt_every_version_and_the_audit_log(
    staff, sam_staff, dana, event
):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    decide_event(event)
    assign_connection(call, registration, actor=sam_staff, reason="Phone bill")

    text = page_text(staff.get(url("staff_registrant", event, registration.pk)))

    assert "You attended the entire event: 3 CE hours." in text
    assert "Decision history" in text
    assert text.count('<span class="badge">current</span>') == 1
    assert ">2 <span" in text and ">1</th>" in text  # both versions listed
    assert "Attendance connection assigned" in text and "Phone bill" in text
    assert "attendance.connection_assigned" not in text  # actions in words, never as codes
    assert "report.csv:" in text


def test_the_roster_csv_has_a_row_per_connection_with_licenses_and_the_decision(
    staff, dana, omar, event
):
    UserLicenseFactory(user=dana, license_type__state="NY", license_type__code="LCSW", number="456")
    dana.licenses.filter(license_type__state="CA").update(number="123")
    dana_registration = register(event, dana)
    register(event, omar)
    connect(event, "09:58:00", "10:31:05", registration=dana_registration)
    connect(event, "10:33:40", "13:00:00", registration=dana_registration)
    decide_event(event)

    response = staff.get(url("staff_csv", event))

    assert (
        response["Content-Disposition"]
        == 'attachment; filename="trauma-informed-care-attendance.csv"'
    )
    rows = list(csv.DictReader(io.StringIO(response.content.decode("utf-8-sig"))))
    dana_rows = [r for r in rows if r["email"] == dana.email]
    assert [r["connection_join"] for r in dana_rows] == [
        "2026-12-08T09:58:00-08:00",
        "2026-12-08T10:33:40-08:00",
    ]
    first = dana_rows[0]
    assert first["licenses"] == "CA LCSW 123; NY LCSW 456"
    assert first["connection_leave"] == "2026-12-08T10:31:05-08:00"
    assert first["attended_seconds"] == "10645" and first["required_seconds"] == "10800"
    assert first["outcome"] == "not_eligible" and first["reasons"] == "gap"
    assert first["match_method"] == "email"
    omar_rows = [r for r in rows if r["email"] == omar.email]
    assert len(omar_rows) == 1 and omar_rows[0]["connection_join"] == ""
    assert omar_rows[0]["reasons"] == "no_connection"


def test_the_roster_csv_defuses_spreadsheet_formulas(staff, event):
    registration = register(event, name='=HYPERLINK("http://evil")', email="x@example.com")
    connect(event, "09:58:00", "13:00:00", registration=registration, name="Someone")
    decide_event(event)

    body = staff.get(url("staff_csv", event)).content.decode("utf-8-sig")

    row = next(r for r in csv.DictReader(io.StringIO(body)) if r["email"] == "x@example.com")
    assert row["name"] == '\'=HYPERLINK("http://evil")'


@pytest.mark.parametrize(
    "name,args",
    [
        ("staff_page", ()),
        ("staff_csv", ()),
        ("staff_registrant", (1,)),
    ],
)
def test_attendees_are_refused_and_anonymous_visitors_sent_to_log_in(
    client, dana, event, name, args
):
    target = url(name, event, *args)
    response = client.get(target)
    assert response.status_code == 302 and reverse("account_login") in response["Location"]
    client.force_login(dana)
    assert client.get(target).status_code == 403


@pytest.mark.parametrize(
    "name,args",
    [
        ("staff_schedule", ()),
        ("staff_assign", (1,)),
        ("staff_unassign", (1,)),
        ("staff_upload", ()),
        ("staff_collect", ()),
        ("staff_confirm", ("token",)),
        ("staff_discard", ("token",)),
    ],
)
def test_every_staff_action_only_accepts_posts(staff, event, name, args):
    assert staff.get(url(name, event, *args)).status_code == 405


@pytest.mark.parametrize(
    "name,args",
    [
        ("staff_schedule", ()),
        ("staff_upload", ()),
        ("staff_collect", ()),
    ],
)
def test_attendees_cannot_post_staff_actions(client, dana, event, name, args):
    client.force_login(dana)
    assert client.post(url(name, event, *args)).status_code == 403


def test_an_attendee_cannot_assign_a_connection(client, dana, event):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    client.force_login(dana)

    response = client.post(
        url("staff_assign", event, call.pk),
        {f"assign-{call.pk}-registration": registration.pk, f"assign-{call.pk}-reason": "Mine"},
    )

    assert response.status_code == 403
    call.refresh_from_db()
    assert call.registration is None
    assert not PhoneClaim.objects.exists()


def test_the_event_overview_links_to_the_attendance_page(staff, event):
    text = page_text(staff.get(reverse("staff:event_manage", args=[event.slug])))
    assert url("staff_page", event) in text


def test_every_reason_has_words_for_staff():
    from attendance.receipt import REASON_SENTENCES, STAFF_REASON_LABELS

    assert set(STAFF_REASON_LABELS) >= set(REASON_SENTENCES)
    assert all(label and "_" not in label for label in STAFF_REASON_LABELS.values())


def test_the_registrants_decision_history_names_reasons_in_words(staff, dana, event):
    registration = register(event, dana)
    decide_event(event)

    text = page_text(staff.get(url("staff_registrant", event, registration.pk)))

    assert "No connection found" in text
    assert "no_connection" not in text
