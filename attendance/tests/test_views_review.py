"""Closing reviews from the staff attendance page, and what the attendee reads about it."""

import datetime as dt
import html
import re

import pytest
import time_machine
from django.urls import reverse

from attendance.models import Connection, Decision, PhoneClaim, ReviewResolution
from attendance.services.claims import CLAIMS_PER_DAY, claim_phone
from attendance.services.deciding import decide_event
from attendance.services.resolving import assign_connection
from attendance.tests.view_helpers import AFTER, START, connect, finished_event, register, url
from core.models import AuditEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return finished_event(dial_in_instructions="Call +1 646 555 0199 and enter the webinar ID.")


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=False):
        yield


def words(response):
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", response.content.decode())).split())


def current(registration):
    return Decision.objects.get(registration=registration, is_current=True)


def under_review(event, dana, sam_staff):
    registration = register(event, dana)
    connect(event, "09:58:00", "13:00:00", registration=registration)
    ipad = connect(event, "10:30:00", "11:45:00", name="iPad")
    assign_connection(ipad, registration, actor=sam_staff, reason="Dana's iPad")
    return registration


def resolve(staff, event, registration, resolution, reason):
    prefix = f"review-{registration.pk}"
    return staff.post(
        url("staff_resolve_review", event, registration.pk),
        {
            f"{prefix}-resolution": resolution,
            f"{prefix}-reason": reason,
            f"{prefix}-version": current(registration).version,
        },
        follow=True,
    )


def test_the_page_lists_who_needs_review_and_the_ways_out(staff, sam_staff, dana, event):
    registration = under_review(event, dana, sam_staff)

    text = words(staff.get(url("staff_page", event)))

    assert "Needs review 1" in text
    assert "Their connections look shared" in text
    assert "They attended alone: clear the flag" in text
    assert "Not eligible: no credit for this event" in text
    assert "Reassign a connection that is not theirs" in text
    assert (
        f"review-{registration.pk}-reason" in staff.get(url("staff_page", event)).content.decode()
    )


def test_staff_confirm_attended_alone_from_the_page_and_the_outcome_follows(
    staff, sam_staff, dana, event
):
    registration = under_review(event, dana, sam_staff)

    response = resolve(staff, event, registration, "attended_alone", "Phoned Dana: her iPad")

    assert current(registration).outcome == Decision.ELIGIBLE
    text = words(response)
    assert "The review of Dana Whitfield is closed. Their outcome: eligible." in text
    assert "Review closed: confirmed they attended alone — “Phoned Dana: her iPad”" in text
    assert "Needs review 1" not in text
    entry = AuditEntry.objects.get(action="attendance.review_resolved")
    assert entry.actor == sam_staff and entry.reason == "Phoned Dana: her iPad"


def test_a_resolution_without_a_reason_changes_nothing_and_says_why(staff, sam_staff, dana, event):
    registration = under_review(event, dana, sam_staff)

    response = resolve(staff, event, registration, "not_eligible", "  ")

    assert "Give a reason: it is kept in the audit log." in words(response)
    assert current(registration).outcome == Decision.NEEDS_REVIEW
    assert not ReviewResolution.objects.exists()


def test_a_resolution_on_a_stale_page_is_refused_in_words(staff, sam_staff, dana, event):
    registration = under_review(event, dana, sam_staff)
    seen = current(registration).version
    connect(event, "12:00:00", "12:20:00", name="Phone browser", registration=registration)
    decide_event(event)
    prefix = f"review-{registration.pk}"
    response = staff.post(
        url("staff_resolve_review", event, registration.pk),
        {
            f"{prefix}-resolution": "not_eligible",
            f"{prefix}-reason": "No",
            f"{prefix}-version": seen,
        },
    )
    assert "changed while you were looking at it" in words(response)
    assert current(registration).outcome == Decision.NEEDS_REVIEW


def test_staff_reassign_the_connection_from_the_review(staff, sam_staff, dana, omar, event):
    registration = under_review(event, dana, sam_staff)
    omar_registration = register(event, omar)
    ipad = Connection.objects.get(name="iPad")
    prefix = f"reassign-{registration.pk}"

    response = staff.post(
        url("staff_reassign", event, registration.pk),
        {
            f"{prefix}-connection": ipad.pk,
            f"{prefix}-to": omar_registration.pk,
            f"{prefix}-reason": "Omar's iPad: he confirmed by email",
        },
        follow=True,
    )

    ipad.refresh_from_db()
    assert ipad.registration == omar_registration
    assert current(registration).outcome == Decision.ELIGIBLE
    assert "The connection is now Omar Haddad's. Dana Whitfield's outcome: eligible." in words(
        response
    )


def test_staff_see_a_queued_claim_with_its_evidence_and_place_the_call(
    staff, sam_staff, dana, event
):
    registration = register(event, dana)
    call = connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)

    text = words(staff.get(url("staff_page", event)))
    assert "Dana Whitfield : a call ending in 0188" in text
    assert "There is no phone number on their profile." in text

    response = staff.post(
        url("staff_place_claim", event, claim.pk),
        {f"place-{claim.pk}-call": call.pk, f"place-{claim.pk}-reason": "Her office line"},
        follow=True,
    )

    call.refresh_from_db()
    assert call.registration == registration and call.match_method == Connection.STAFF
    assert "The call is now Dana Whitfield's. Their outcome: eligible." in words(response)
    assert AuditEntry.objects.filter(action="attendance.phone_claim_placed").exists()


def test_staff_decline_a_claim_and_the_attendee_reads_why(client, staff, sam_staff, dana, event):
    registration = register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="12125550188")
    claim = claim_phone(registration, "0188", actor=dana)

    staff.post(
        url("staff_decline_claim", event, claim.pk),
        {f"decline-{claim.pk}-reason": "That call came from another attendee's office."},
    )

    claim.refresh_from_db()
    assert claim.declined
    assert current(registration).outcome == Decision.NOT_ELIGIBLE
    client.force_login(dana)
    text = words(client.get(reverse("attendance:receipt", args=[event.slug])))
    assert "a number ending in 0188 — not matched: That call came from another attendee's" in text


def test_the_attendees_receipt_says_how_staff_closed_the_review(
    client, staff, sam_staff, dana, event
):
    registration = under_review(event, dana, sam_staff)
    resolve(staff, event, registration, "not_eligible", "A colleague watched on her iPad")

    client.force_login(dana)
    text = words(client.get(reverse("attendance:receipt", args=[event.slug])))

    assert "Not eligible: staff reviewed your attendance and decided it cannot be credited." in text
    assert "Staff review" in text
    assert "decided it cannot be credited. Their note: “A colleague watched on her iPad”" in text


def test_attendees_cannot_resolve_reviews(client, sam_staff, dana, event):
    registration = under_review(event, dana, sam_staff)
    client.force_login(dana)
    response = client.post(url("staff_resolve_review", event, registration.pk), {})
    assert response.status_code == 403
    assert current(registration).outcome == Decision.NEEDS_REVIEW


def test_the_printed_dial_in_digits_are_refused_on_the_receipt_in_words(client, dana, event):
    register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="16465550199")
    client.force_login(dana)

    response = client.post(reverse("attendance:claim_phone", args=[event.slug]), {"last4": "0199"})

    assert response.status_code == 200
    assert "0199 are the last digits of a number in the event's dial-in instructions" in words(
        response
    )
    assert not PhoneClaim.objects.exists()


def test_too_many_claims_are_refused_on_the_receipt_in_words(client, dana, event):
    registration = register(event, dana)
    for number in range(CLAIMS_PER_DAY):
        claim_phone(registration, f"100{number}", actor=dana)
    client.force_login(dana)

    response = client.post(
        reverse("attendance:claim_phone", args=[event.slug]), {"last4": "2000"}, follow=True
    )

    assert response.status_code == 200
    assert "the most we accept" in words(response)
    assert PhoneClaim.objects.count() == CLAIMS_PER_DAY


def test_a_claim_of_digits_not_on_the_profile_tells_the_attendee_staff_will_check(
    client, dana, event
):
    dana.phone = "+14155550142"
    with time_machine.travel(START - dt.timedelta(days=1), tick=False):
        dana.save()
    register(event, dana)
    connect(event, "09:59:00", "13:00:00", phone="12125550188")
    client.force_login(dana)

    response = client.post(
        reverse("attendance:claim_phone", args=[event.slug]), {"last4": "0188"}, follow=True
    )

    text = words(response)
    assert "so staff check that the call is yours before it counts" in text
    assert "staff are checking that the call is yours." in text
    assert not Connection.objects.filter(registration__isnull=False).exists()
