"""A decision under review is closed, and the loop continues: staff resolve the review on the
event's attendance page with a reason, the evaluation is issued, the attendee submits it and
gets the certificate."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from attendance.models import Decision
from attendance.services.resolving import assign_connection
from attendance.tests.view_helpers import connect
from certificates.models import Certificate
from evaluations.models import Evaluation
from tests.factories import PASSWORD, EventFactory, RegistrationFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

REASON = "Called Dana: the iPad is her own and she watched alone"


def log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def log_out(page):
    page.context.clear_cookies()


@pytest.fixture
def under_review(dana, sam_staff):
    """A 2-hour webinar that ended an hour ago; staff gave Dana her second device."""
    start = (timezone.now() - dt.timedelta(hours=3)).replace(second=0, microsecond=0)
    event = EventFactory(
        title="Ethics of Telehealth Across State Lines",
        time_zone="America/Los_Angeles",
        start=start,
        end=start + dt.timedelta(hours=2),
        advertised_hours=Decimal("2"),
    )
    registration = RegistrationFactory(event=event, user=dana)
    connect(
        event,
        start - dt.timedelta(minutes=2),
        start + dt.timedelta(hours=2, minutes=1),
        registration=registration,
    )
    ipad = connect(
        event, start + dt.timedelta(minutes=40), start + dt.timedelta(minutes=75), name="iPad"
    )
    assign_connection(ipad, registration, actor=sam_staff, reason="Dana says it is her iPad")
    decision = Decision.objects.get(registration=registration, is_current=True)
    assert decision.outcome == Decision.NEEDS_REVIEW
    return registration


def test_staff_close_a_review_and_the_attendee_gets_the_certificate(
    page, dana, sam_staff, under_review, run_tasks, screenshot
):
    event = under_review.event
    log_in(page, sam_staff.email)
    page.goto(f"/staff/events/{event.slug}/")
    page.get_by_role("link", name="Attendance: import, outcomes and unplaced connections").click()

    review = page.locator(f"#review-{under_review.pk}")
    expect(review.get_by_text("Their connections look shared")).to_be_visible()
    expect(
        page.locator(f"#registrant-{under_review.pk}").get_by_text("Under review")
    ).to_be_visible()
    screenshot("review-01-staff-needs-review")

    review.get_by_label("They attended alone: clear the flag").check()
    review.get_by_role("button", name="Resolve the review").click()
    expect(page.get_by_text("The review was not resolved: see the form below.")).to_be_visible()
    expect(
        page.locator(f"#review-{under_review.pk}").get_by_text(
            "Give a reason: it is kept in the audit log."
        )
    ).to_be_visible()

    review = page.locator(f"#review-{under_review.pk}")
    review.get_by_label("They attended alone: clear the flag").check()
    review.get_by_label("Reason for the resolution").fill(REASON)
    review.get_by_role("button", name="Resolve the review").click()

    expect(
        page.get_by_text("The review of Dana Whitfield is closed. Their outcome: eligible.")
    ).to_be_visible()
    row = page.locator(f"#registrant-{under_review.pk}")
    expect(row.get_by_text("Eligible")).to_be_visible()
    expect(
        row.get_by_text(f"Review closed: confirmed they attended alone — “{REASON}”")
    ).to_be_visible()
    screenshot("review-02-staff-review-closed")

    run_tasks()
    evaluation = Evaluation.objects.get(registration=under_review)
    assert evaluation.status == Evaluation.ISSUED

    log_out(page)
    log_in(page, dana.email)
    page.goto(f"/events/{event.slug}/attendance/")
    expect(page.get_by_text("You attended the entire event: 2 CE hours.")).to_be_visible()
    expect(page.get_by_text("confirmed they were yours alone")).to_be_visible()
    screenshot("review-03-receipt-after-review")

    page.get_by_role("link", name="Complete your evaluation").click()
    expect(page.get_by_role("heading", name=f"Evaluation: {event.title}")).to_be_visible()
    for choice in page.get_by_label("5 Strongly agree").all():
        choice.check()
    page.get_by_role("group", name="free of commercial bias").get_by_label("Yes").check()
    page.get_by_label(
        "I attended this event in its entirety, under my own name, and did not view it as a group"
    ).check()
    page.get_by_role("button", name="Submit evaluation").click()
    expect(page.get_by_text(f"your evaluation of “{event.title}” is submitted")).to_be_visible()

    run_tasks()
    certificate = Certificate.objects.get(evaluation=evaluation)
    assert certificate.snapshot["holder_name"] == "Dana Whitfield"

    page.get_by_role("navigation", name="Main").get_by_text("CE Wallet").click()
    page.get_by_role("link", name="Certificates", exact=True).click()
    page.get_by_role("row", name=event.title).get_by_role("link", name="View").click()
    expect(page.get_by_text(certificate.number, exact=True)).to_be_visible()
    screenshot("review-04-certificate")
