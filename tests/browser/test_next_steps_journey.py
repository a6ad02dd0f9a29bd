"""The home page always says what to do next, through the whole loop: join the live event,
complete the evaluation, download the certificate, add a license so the hours count. Staff
land on their queue and go from it to the work."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import AttendanceImport, Connection
from certificates.models import Certificate
from certificates.services import issue_certificate
from evaluations.defaults import ensure_default_template
from evaluations.models import Evaluation
from evaluations.snapshot import build_questions
from events.models import Registration
from tests.browser.test_evaluation_journey import log_in
from tests.factories import EventFactory, UserFactory, decided_eligible
from tracker.models import CreditAssignment

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def next_steps(page):
    return page.get_by_role("region", name="What to do next")


def test_the_home_page_leads_an_attendee_through_the_whole_loop(page, screenshot):
    lee = UserFactory(
        email="lee@example.com",
        legal_first_name="Lee",
        legal_last_name="Park",
        time_zone="America/Los_Angeles",
    )
    # Registration closes at the start; the Main Hall opens a few minutes before it.
    start = (timezone.now() + dt.timedelta(minutes=6)).replace(second=0, microsecond=0)
    event = EventFactory(
        title="Trauma-Informed Care",
        slug="trauma-informed-care",
        start=start,
        end=start + dt.timedelta(hours=2),
        advertised_hours=Decimal("2"),
    )
    log_in(page, lee.email)
    expect(next_steps(page).get_by_text("Nothing is waiting for you")).to_be_visible()

    # Register: the event about to start is the first thing to do; Join now opens the hall.
    page.goto(f"/events/{event.slug}/")
    page.get_by_role("button", name="Register").click()
    page.goto("/")
    steps = next_steps(page)
    expect(steps.get_by_text("“Trauma-Informed Care” is about to start")).to_be_visible()
    screenshot("next-steps-01-live")
    steps.get_by_role("link", name="Join now").click()
    expect(page.get_by_role("heading", name=re.compile("Main Hall"))).to_be_visible()

    # The event ends, attendance is decided and the evaluation issued.
    registration = Registration.objects.get(event=event, user=lee)
    ended = start - dt.timedelta(days=1)
    type(event).objects.filter(pk=event.pk).update(start=ended, end=ended + dt.timedelta(hours=2))
    registration.refresh_from_db()
    decided_eligible(registration)
    evaluation = Evaluation.objects.create(
        registration=registration,
        event=registration.event,
        template=ensure_default_template(),
        questions=build_questions(ensure_default_template(), registration.event),
        deadline=timezone.now() + dt.timedelta(days=30),
    )
    page.goto("/")
    steps = next_steps(page)
    expect(steps.get_by_text("Complete your evaluation of “Trauma-Informed Care”")).to_be_visible()
    expect(steps.get_by_text(re.compile(r"by \w{3} \d+, \d{4}, .* P[SD]T"))).to_be_visible()
    expect(steps.get_by_role("link", name="Join now")).to_have_count(0)
    screenshot("next-steps-02-evaluation")
    steps.get_by_role("link", name="Complete the evaluation").click()
    expect(page.get_by_role("heading", name="Evaluation: Trauma-Informed Care")).to_be_visible()

    # Submitted (as the form stores it) and the certificate issued (as the worker does).
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=Evaluation.SUBMITTED, submitted_at=timezone.now(), attested=True
    )
    certificate = issue_certificate(Evaluation.objects.get(pk=evaluation.pk))
    page.reload()
    expect(page.get_by_text("Your certificate is ready")).to_be_visible()
    expect(page.get_by_role("link", name=f"Certificate {certificate.number}")).to_be_visible()

    page.goto("/")
    steps = next_steps(page)
    expect(steps.get_by_text("Complete your evaluation")).to_have_count(0)
    expect(
        steps.get_by_text("Your certificate for “Trauma-Informed Care” is ready")
    ).to_be_visible()
    expect(
        steps.get_by_text("Add your license so your CE Tracker can count your hours")
    ).to_be_visible()
    screenshot("next-steps-03-certificate")
    steps.get_by_role("link", name="Download the certificate").click()
    expect(page.get_by_text("Lee Park")).to_be_visible()

    # Adding the license places the hours; nothing is left to assign.
    page.goto("/")
    next_steps(page).get_by_role("link", name="Add a license").click()
    page.get_by_label("Issuing state").select_option(label="California")
    page.get_by_label("License type").select_option(label="LCSW — Licensed Clinical Social Worker")
    page.get_by_label("License number").fill("LCSW 98765")
    page.get_by_role("button", name="Add license").click()
    assert CreditAssignment.objects.filter(certificate=certificate).exists()
    page.goto("/")
    steps = next_steps(page)
    expect(steps.get_by_text("Add your license")).to_have_count(0)
    expect(steps.get_by_text("Choose where the hours")).to_have_count(0)
    expect(
        steps.get_by_text("Your certificate for “Trauma-Informed Care” is ready")
    ).to_be_visible()

    # My Events' past entry links the certificate.
    page.get_by_role("navigation", name="Main").get_by_text("CE Wallet").click()
    page.get_by_role("link", name="My Events").click()
    expect(
        page.get_by_role("link", name=re.compile(f"Certificate {certificate.number}"))
    ).to_be_visible()
    assert Certificate.objects.filter(user=lee).count() == 1


def test_staff_land_on_their_queue_and_go_from_it_to_the_work(page, sam_staff, screenshot):
    start = (timezone.now() - dt.timedelta(hours=4)).replace(second=0, microsecond=0)
    event = EventFactory(
        title="Ethics in Telehealth", start=start, end=start + dt.timedelta(hours=2)
    )
    report = AttendanceImport.objects.create(event=event, format="test", content_sha256="x" * 64)
    Connection.objects.create(
        event=event,
        attendance_import=report,
        identity_key="row-2",
        source="report.csv",
        line=2,
        name="J. Unknown",
        join=start,
        leave=start + dt.timedelta(hours=2),
    )

    log_in(page, sam_staff.email)

    expect(page).to_have_url(re.compile(r"/staff/$"))
    expect(
        page.get_by_role("link", name=re.compile(r"Staff area 1 waiting for staff"))
    ).to_be_visible()
    queue = page.get_by_role("region", name=re.compile("Needs your attention"))
    expect(queue.get_by_text("1 unplaced connection", exact=True)).to_be_visible()
    screenshot("staff-queue")
    queue.get_by_role("link", name=re.compile("Place the connections")).click()
    expect(page.get_by_role("heading", name=re.compile("Unplaced connections"))).to_be_in_viewport()
    expect(page.get_by_role("heading", name="J. Unknown")).to_be_visible()
