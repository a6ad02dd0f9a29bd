"""CE Tracker → Outside credit: the attendee records a course taken elsewhere with its
certificate scan, assigns its hours, sees them on the license card, and follows "Fill my gaps"
to the catalog narrowed to their license and the categories still short."""

import datetime as dt
import io

import pytest
from django.utils import timezone
from PIL import Image
from playwright.sync_api import expect

from tests.browser.test_evaluation_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def scan(tmp_path, settings):
    settings.PRIVATE_ROOT = tmp_path / "private"
    path = tmp_path / "suicide-prevention-certificate.png"
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), "white").save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return path


def test_an_outside_course_is_recorded_assigned_and_counted(page, dana, scan, screenshot):
    license = dana.licenses.get()
    license.expires_on = timezone.localdate() + dt.timedelta(days=120)
    license.save()
    log_in(page, dana.email)
    page.goto("/wallet/tracker/")
    page.get_by_role("link", name="add a course with its certificate").click()

    page.get_by_label("Course title").fill("Suicide Prevention in Practice")
    page.get_by_label("Provider").fill("Pacific Behavioral Health Institute")
    page.get_by_label("Approved by (optional)", exact=True).select_option(
        label="Association of Social Work Boards Approved Continuing Education (ACE) program"
    )
    page.get_by_label("Date completed").fill(
        (timezone.localdate() - dt.timedelta(days=30)).isoformat()
    )
    page.get_by_label("CE hours").fill("6")
    page.get_by_label("Format").select_option(label="Live online (interactive)")
    page.get_by_label("Suicide risk assessment and prevention").check()
    page.get_by_label("Certificate file").set_input_files(str(scan))
    screenshot("tracker-outside-form")
    page.get_by_role("button", name="Save").click()

    expect(page.get_by_text("Now choose the licenses and categories")).to_be_visible()
    page.get_by_label("CA LCSW: Suicide risk assessment and prevention").fill("6")
    page.get_by_role("button", name="Save").click()

    card = page.get_by_role("region", name="CA LCSW")
    expect(card.get_by_text("6 of 36 hours")).to_be_visible()
    expect(card.get_by_text("Met").first).to_be_visible()
    page.get_by_role("link", name="See and assign them").click()
    expect(page.get_by_role("row", name="Suicide Prevention in Practice")).to_contain_text(
        "CA LCSW: 6 h"
    )
    screenshot("tracker-outside-list")

    page.goto("/wallet/tracker/")
    page.get_by_role("link", name="Fill my gaps").click()
    expect(page.get_by_role("heading", name="Upcoming events")).to_be_visible()
    expect(page.get_by_label("Counts for license")).to_have_value(str(license.pk))
    screenshot("tracker-fill-gaps-catalog")
