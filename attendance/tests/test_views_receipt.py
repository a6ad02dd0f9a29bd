"""The attendee's attendance receipt and dial-in claim (My Events / Main Hall)."""

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from attendance.models import Connection, PhoneClaim
from attendance.services.deciding import decide_event
from attendance.tests.view_helpers import (
    AFTER,
    START,
    connect,
    finished_event,
    page_text,
    register,
    save_phone,
)
from events.models import Break, Registration

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return finished_event()


@pytest.fixture
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def receipt_url(event):
    return reverse("attendance:receipt", args=[event.slug])


def claim_url(event):
    return reverse("attendance:claim_phone", args=[event.slug])


def test_an_attendee_who_attended_in_full_reads_that_they_earned_the_hours(
    client, dana, event, after_the_event
):
    registration = register(event, dana)
    connect(event, "09:55:00", "13:02:00", registration=registration)
    decide_event(event)
    client.force_login(dana)

    response = client.get(receipt_url(event))

    text = page_text(response)
    assert response.status_code == 200
    assert "You attended the entire event: 3 CE hours." in text
    assert "3 h" in text  # attended and required
    assert "within 24 hours" in text
    assert 'role="img"' in text and '<title id="timeline-title">' in text
    assert "9:55:00 AM PST" in text  # the connections table, in the viewer's zone


def test_leaving_early_shows_the_exact_missed_time_with_its_zone(
    client, dana, event, after_the_event
):
    registration = register(event, dana)
    connect(event, "09:58:00", "12:31:05", registration=registration)
    decide_event(event)
    client.force_login(dana)

    text = page_text(client.get(receipt_url(event)))

    assert "Not eligible: you were not connected 12:31:05 PM–1:00:00 PM PST (28 min 55 s)." in text
    assert "You left before the teaching time ended." in text
    assert "no partial credit" in text.lower() or "cannot give partial credit" in text


def test_a_gap_is_shown_to_the_second(client, dana, event, after_the_event):
    registration = register(event, dana)
    connect(event, "09:58:00", "10:31:05", registration=registration)
    connect(event, "10:33:40", "13:00:00", registration=registration, name="Dana (iPad)")
    decide_event(event)
    client.force_login(dana)

    text = page_text(client.get(receipt_url(event)))

    assert "you were not connected 10:31:05 AM–10:33:40 AM PST (2 min 35 s)" in text
    assert "You were disconnected for part of the teaching time." in text


def test_the_receipt_shows_times_in_the_viewers_own_zone(client, omar, event, after_the_event):
    omar.time_zone = "America/New_York"
    omar.save()
    registration = register(event, omar)
    connect(event, "09:58:00", "12:31:05", registration=registration)
    decide_event(event)
    client.force_login(omar)

    text = page_text(client.get(receipt_url(event)))

    assert "you were not connected 3:31:05 PM–4:00:00 PM EST (28 min 55 s)" in text


def test_breaks_are_drawn_and_named_on_the_timeline(client, dana, after_the_event):
    event = finished_event(advertised_hours="2.75")
    Break.objects.create(
        event=event,
        start=START + dt.timedelta(minutes=90),
        end=START + dt.timedelta(minutes=105),
        label="Lunch",
    )
    registration = register(event, dana)
    connect(event, "09:58:00", "13:00:00", registration=registration)
    decide_event(event)
    client.force_login(dana)

    text = page_text(client.get(receipt_url(event)))

    assert 'class="tl-break"' in text
    assert "Lunch 11:30:00 AM–11:45:00 AM PST" in text
    assert "You attended the entire event: 2.75 CE hours." in text


def test_before_any_report_is_imported_the_receipt_says_attendance_is_being_checked(
    client, dana, event, after_the_event
):
    register(event, dana)
    client.force_login(dana)

    text = page_text(client.get(receipt_url(event)))

    assert (
        "We are checking attendance; your receipt appears here once the report is in, "
        "usually within a few hours of the end." in text
    )
    assert "Joined by phone?" in text


def test_before_the_event_ends_there_is_no_receipt_yet(client, dana, event):
    register(event, dana)
    client.force_login(dana)
    with time_machine.travel(START + dt.timedelta(minutes=30), tick=False):
        text = page_text(client.get(receipt_url(event)))
    assert "The event has not ended yet" in text
    assert "Identify my call" not in text


def test_someone_elses_receipt_is_refused(client, dana, omar, event, after_the_event):
    register(event, dana)
    client.force_login(omar)
    response = client.get(receipt_url(event))
    assert response.status_code == 403
    assert "Attendance receipts are personal" in response.content.decode()


def test_a_cancelled_registration_has_no_receipt(client, dana, event, after_the_event):
    register(event, dana, status=Registration.CANCELLED)
    client.force_login(dana)
    assert client.get(receipt_url(event)).status_code == 403


def test_anonymous_visitors_are_asked_to_log_in(client, event):
    response = client.get(receipt_url(event))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_a_dial_in_claim_that_fits_exactly_one_call_matches_it(
    client, dana, event, after_the_event
):
    # The digits are those of Dana's own phone, saved on her profile before the event.
    save_phone(dana, "+14155550123", START - dt.timedelta(days=2))
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    decide_event(event)
    client.force_login(dana)

    response = client.post(claim_url(event), {"last4": "0123"}, follow=True)

    call.refresh_from_db()
    assert call.registration == registration
    assert call.match_method == Connection.PHONE_SELF
    text = page_text(response)
    assert "your call from the number ending in 0123" in text
    assert "You attended the entire event: 3 CE hours." in text
    assert "Self-identified by phone" in text


def test_a_dial_in_claim_that_fits_two_calls_goes_to_staff(client, dana, event, after_the_event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="14155550123")
    connect(event, "10:05:00", "12:00:00", phone="12125550123")
    decide_event(event)
    client.force_login(dana)

    response = client.post(claim_url(event), {"last4": "0123"}, follow=True)

    claim = PhoneClaim.objects.get(registration=registration)
    assert claim.result == PhoneClaim.AMBIGUOUS and not claim.resolved
    assert not Connection.objects.filter(registration=registration).exists()
    text = page_text(response)
    assert "More than one call ends in 0123, so staff will match yours by hand." in text
    assert (
        "Under review: staff are matching the phone call you told us about (ending in 0123)."
        in (text)
    )


def test_a_dial_in_claim_needs_four_digits(client, dana, event, after_the_event):
    register(event, dana)
    client.force_login(dana)

    response = client.post(claim_url(event), {"last4": "12a"})

    assert response.status_code == 200
    assert "Enter exactly 4 digits." in page_text(response)
    assert not PhoneClaim.objects.exists()


def test_a_dial_in_claim_before_the_event_ends_is_refused_in_words(client, dana, event):
    register(event, dana)
    client.force_login(dana)
    with time_machine.travel(START + dt.timedelta(minutes=30), tick=False):
        response = client.post(claim_url(event), {"last4": "0123"}, follow=True)
    assert "You can identify your call once the event has ended." in page_text(response)
    assert not PhoneClaim.objects.exists()


def test_the_dial_in_claim_only_accepts_posts(client, dana, event, after_the_event):
    register(event, dana)
    client.force_login(dana)
    assert client.get(claim_url(event)).status_code == 405


def test_nobody_can_claim_a_call_for_an_event_they_are_not_registered_for(
    client, dana, omar, event, after_the_event
):
    register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="14155550123")
    client.force_login(omar)

    assert client.post(claim_url(event), {"last4": "0123"}).status_code == 403
    call.refresh_from_db()
    assert call.registration is None


def test_main_hall_and_my_events_link_to_the_receipt_after_the_event(
    client, dana, event, after_the_event
):
    registration = register(event, dana)
    connect(event, "09:58:00", "12:31:05", registration=registration)
    decide_event(event)
    client.force_login(dana)

    hall = page_text(client.get(reverse("events:hall", args=[event.slug])))
    mine = page_text(client.get(reverse("events:my_events")))

    assert receipt_url(event) in hall and receipt_url(event) in mine
    assert "Not eligible for credit" in hall
    assert "What happens next" in hall  # the Main Hall keeps its own text
    assert 'name="last4"' in hall  # and offers the dial-in form
    assert "Not eligible" in mine
