"""CE Wallet → CE Tracker: the attendee assigns a certificate's hours to the law and ethics
requirement of their license, and the requirement's progress bar moves."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from certificates.services import issue_certificate
from evaluations.models import Evaluation
from tests.browser.test_evaluation_journey import attended, issue, log_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(dana, attended, settings, tmp_path):  # noqa: F811
    settings.PRIVATE_ROOT = tmp_path / "private"
    license = dana.licenses.get()
    license.expires_on = timezone.localdate() + dt.timedelta(days=300)
    license.save()
    evaluation = issue(attended, dana)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=Evaluation.SUBMITTED, submitted_at=timezone.now(), attested=True
    )
    # Two categories and no choice in the evaluation: the hours start as general hours.
    return issue_certificate(Evaluation.objects.get(pk=evaluation.pk))


def ethics_bar(page):
    return page.locator('[data-category="law_ethics"]').get_by_role("progressbar")


def test_assigning_hours_to_a_category_moves_its_progress_bar(page, dana, certificate, screenshot):
    log_in(page, dana.email)
    page.get_by_role("navigation", name="Main").get_by_text("CE Wallet").click()
    page.get_by_role("link", name="CE Tracker").click()
    expect(page.get_by_role("heading", name="CE Tracker", exact=True)).to_be_visible()
    card = page.get_by_role("region", name="CA LCSW")
    expect(card.get_by_text("days to renewal")).to_be_visible()
    expect(ethics_bar(page)).to_have_attribute("value", "0")
    expect(card.get_by_text("unverified — check with your board").first).to_be_visible()

    page.get_by_role("row", name="Ethics in Telehealth").get_by_role(
        "link", name="Assign hours"
    ).click()
    expect(page.get_by_role("heading", name="Where the hours count")).to_be_visible()
    page.get_by_label("CA LCSW: general hours").fill("")
    page.get_by_label("CA LCSW: Law and ethics").fill("3")
    page.get_by_role("button", name="Save").click()
    expect(page.get_by_role("heading", name="Where the hours count")).to_be_visible()
    expect(page.get_by_text("you assigned 3 hours, but this credit is worth 2")).to_be_visible()
    screenshot("tracker-assign-error")

    page.get_by_label("CA LCSW: Law and ethics").fill("2")
    page.get_by_role("button", name="Save").click()
    expect(
        page.get_by_text("2 hours now count toward your CA LCSW (Law and ethics).")
    ).to_be_visible()
    expect(ethics_bar(page)).to_have_attribute("value", "33")
    expect(page.get_by_text("Law and ethics: 2 of 6 h")).to_be_visible()
    screenshot("tracker-desktop")
    page.set_viewport_size({"width": 390, "height": 844})
    screenshot("tracker-mobile")
