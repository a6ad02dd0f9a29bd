"""After the event: an attendee reads their attendance receipt and identifies their phone call;
a staff member places a connection from the unplaced queue and sees the outcome change."""

import datetime as dt
import zoneinfo
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import AttendanceImport, Connection, Decision
from attendance.receipt import span_text
from attendance.services.deciding import decide_event
from attendance.tests.view_helpers import connect as _connect
from attendance.tests.view_helpers import save_phone, webinar_csv
from events.models import Break
from tests.factories import PASSWORD, EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


@pytest.fixture
def finished(db):
    """A 2-hour webinar with a 15-minute break that ended an hour ago, on whole minutes."""
    start = (timezone.now() - dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    event = EventFactory(
        title="Motivational Interviewing in Practice",
        time_zone="America/Los_Angeles",
        start=start,
        end=start + dt.timedelta(hours=2),
        advertised_hours=Decimal("1.75"),
    )
    Break.objects.create(
        event=event, start=start + minutes(60), end=start + minutes(75), label="Stretch break"
    )
    return event


def connect(event, start_offset, end_offset, **kwargs):
    """A connection from `start_offset` to `end_offset` (timedeltas from the event's start)."""
    return _connect(event, event.start + start_offset, event.start + end_offset, **kwargs)


def minutes(value, seconds=0):
    return dt.timedelta(minutes=value, seconds=seconds)


def test_an_attendee_reads_their_receipt_and_identifies_their_phone_call(
    page, dana, finished, screenshot
):
    registration = RegistrationFactory(event=finished, user=dana)
    connect(finished, minutes(-2), minutes(31, 5), registration=registration)
    connect(finished, minutes(33, 40), minutes(120), registration=registration)
    # Dana's laptop dropped; she called in to bridge the gap, from the phone on her profile.
    save_phone(dana, "+1 415 555 0123", finished.start - dt.timedelta(days=7))
    connect(finished, minutes(30), minutes(35), phone="14155550123")
    decide_event(finished)
    zone = zoneinfo.ZoneInfo(dana.time_zone)
    missed = span_text(finished.start + minutes(31, 5), finished.start + minutes(33, 40), zone)

    log_in(page, dana.email)
    page.goto("/wallet/events/")
    card = page.locator(".registration-card", has_text="Motivational Interviewing in Practice")
    card.get_by_role("link", name="Attendance receipt").click()

    expect(page.get_by_role("heading", name="Attendance receipt:")).to_be_visible()
    expect(
        page.get_by_text(f"Not eligible: you were not connected {missed} (2 min 35 s).")
    ).to_be_visible()
    timeline = page.get_by_role("img", name="Timeline of your connections")
    expect(timeline).to_be_visible()
    expect(page.locator(".tl-missed")).to_have_count(1)
    expect(timeline.locator(".tl-break-label")).to_have_text("Stretch break")
    screenshot("attendance-01-receipt-not-eligible")

    page.get_by_label("Last 4 digits of the phone you called from").fill("0123")
    page.get_by_role("button", name="Identify my call").click()

    expect(page.get_by_text("your call from the number ending in 0123")).to_be_visible()
    expect(page.get_by_text("You attended the entire event: 1.75 CE hours.")).to_be_visible()
    expect(page.locator(".tl-missed")).to_have_count(0)
    screenshot("attendance-02-receipt-after-dial-in")
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert decision.outcome == Decision.ELIGIBLE

    page.get_by_role("link", name="Main Hall").click()
    expect(
        page.get_by_text("Attendance confirmed: your evaluation arrives by email")
    ).to_be_visible()
    expect(page.get_by_role("link", name="See your attendance receipt")).to_be_visible()
    screenshot("attendance-08-main-hall-after-the-event")


def test_staff_place_an_unplaced_connection_and_see_the_outcome_change(
    page, sam_staff, omar, finished, screenshot
):
    registration = RegistrationFactory(event=finished, user=omar)
    connect(finished, minutes(-5), minutes(121), name="iPad", email="family@example.net")
    decide_event(finished)

    log_in(page, sam_staff.email)
    page.goto(f"/staff/events/{finished.slug}/")
    page.get_by_role("link", name="Attendance: import, outcomes and unplaced connections").click()

    expect(
        page.get_by_role("heading", name="Attendance: Motivational Interviewing")
    ).to_be_visible()
    row = page.locator(f"#registrant-{registration.pk}")
    expect(row.get_by_text("Not eligible")).to_be_visible()
    item = page.locator(".queue-item", has_text="iPad")
    expect(item.get_by_text("family@example.net")).to_be_visible()
    screenshot("attendance-03-staff-page-queue")

    item.get_by_label("Assign to").select_option(label=f"{omar.legal_name} <{omar.email}>")
    item.get_by_label("Reason").fill("Omar confirmed by email that he joined from the family iPad")
    item.get_by_role("button", name="Assign").click()

    expect(
        page.get_by_text(f"The connection is now {omar.legal_name}'s. Their outcome: eligible.")
    ).to_be_visible()
    expect(page.locator(f"#registrant-{registration.pk}").get_by_text("Eligible")).to_be_visible()
    expect(page.get_by_role("heading", name="Matched by hand")).to_be_visible()
    screenshot("attendance-04-staff-page-after-assign")

    page.locator(f"#registrant-{registration.pk}").get_by_role("link", name="Receipt").click()
    expect(page.get_by_text("You attended the entire event: 1.75 CE hours.")).to_be_visible()
    expect(page.get_by_role("cell", name="Attendance connection assigned")).to_be_visible()
    screenshot("attendance-05-staff-registrant-receipt")


def test_staff_set_aside_a_co_host_with_the_keyboard_and_put_it_back(
    page, sam_staff, finished, screenshot
):
    connect(finished, minutes(-10), minutes(122), name="Lee Personal", email="lee@home.example")
    decide_event(finished)

    log_in(page, sam_staff.email)
    page.goto(f"/staff/events/{finished.slug}/attendance/")
    item = page.locator(".queue-item", has_text="Lee Personal")
    disclosure = item.locator("summary", has_text="Not an attendee")
    disclosure.focus()
    page.keyboard.press("Enter")
    item.get_by_label("Who it is").select_option(label="A host or co-host")
    item.get_by_label("How you know").fill("Co-host Dr. Lee joined under her personal account")
    item.get_by_role("button", name="Set aside").focus()
    page.keyboard.press("Enter")

    expect(page.get_by_text("“Lee Personal” is set aside as not an attendee")).to_be_visible()
    expect(page.get_by_text("Nothing to place.")).to_be_visible()
    aside = page.locator(".queue-item", has_text="Lee Personal")
    expect(aside.get_by_role("heading", name="Lee Personal: a host or co-host")).to_be_visible()
    expect(aside.get_by_text(f"set aside by {sam_staff.email}")).to_be_visible()
    screenshot("attendance-06-staff-page-set-aside")

    aside.get_by_role("button", name="Put back in the queue").click()

    expect(page.get_by_text("“Lee Personal” is back in the unplaced queue")).to_be_visible()
    expect(page.get_by_role("heading", name="Set aside")).to_have_count(0)
    queued = page.locator(".queue-item", has_text="Lee Personal")
    expect(queued.get_by_text("lee@home.example")).to_be_visible()


def test_staff_upload_a_report_see_its_summary_and_confirm_it(
    page, sam_staff, dana, screenshot, tmp_path
):
    event = EventFactory(
        title="Ethics Update",
        time_zone="America/Los_Angeles",
        start=dt.datetime(2025, 12, 8, 18, 0, tzinfo=dt.UTC),  # 10:00 AM PST
        end=dt.datetime(2025, 12, 8, 21, 0, tzinfo=dt.UTC),
        advertised_hours=Decimal("3"),
    )
    registration = RegistrationFactory(event=event, user=dana)
    bad = tmp_path / "notes.csv"
    bad.write_text("Name,Favourite colour\nDana,blue\n")
    good = tmp_path / "attendee-report.csv"
    rows = [
        ("Dana Whitfield", "dana@example.com", "09:58:00", "13:00:00"),
        ("Guest Person", "guest@elsewhere.org", "10:00:00", "11:00:00"),
    ]
    good.write_bytes(webinar_csv(rows, day="Dec 8, 2025"))

    log_in(page, sam_staff.email)
    page.goto(f"/staff/events/{event.slug}/attendance/")
    files = page.get_by_label("Attendance report files")
    files.set_input_files(str(bad))
    page.get_by_role("button", name="Check the file").click()

    expect(page.locator("#id_files_errors")).to_contain_text("notes.csv: FullCredit does not")
    # The page itself never left: the upload went through the progress script.
    assert page.url.endswith(f"/staff/events/{event.slug}/attendance/")
    assert not AttendanceImport.objects.exists()
    screenshot("attendance-06-staff-upload-refused")

    page.get_by_label("Attendance report files").set_input_files(str(good))
    page.get_by_role("button", name="Check the file").click()

    expect(page.get_by_role("heading", name="Check before importing")).to_be_visible()
    expect(page.get_by_text("Zoom webinar Attendee Report (CSV)")).to_be_visible()
    assert not Connection.objects.exists()
    screenshot("attendance-07-staff-import-preview")

    page.get_by_role("button", name="Import 3 rows").click()

    expect(
        page.get_by_text("Imported 3 new connection rows from attendee-report.csv")
    ).to_be_visible()
    expect(page.locator(".queue-item", has_text="Guest Person")).to_be_visible()
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert decision.outcome == Decision.ELIGIBLE
