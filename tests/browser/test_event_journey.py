"""An attendee finds an event that counts for their license, registers and joins it."""

import datetime as dt

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from events.models import EventApproval, Registration
from licensing.models import ApprovalBody, Profession
from meetings.models import SimulatedConnection
from tests.factories import PASSWORD, EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def approved_only_by(event, code, profession):
    approval = EventApproval.objects.create(event=event, body=ApprovalBody.objects.get(code=code))
    approval.professions.set(Profession.objects.filter(code=profession))


@pytest.fixture
def events_soon(db):
    soon = (timezone.now() + dt.timedelta(minutes=10)).replace(second=0, microsecond=0)
    counting = EventFactory(
        title="DBT Skills Refresher", start=soon, end=soon + dt.timedelta(hours=2), approvals=[]
    )
    approved_only_by(counting, "ASWB_ACE", "social_work")
    other = EventFactory(title="New York Supervision Update", approvals=[])
    approved_only_by(other, "NY_SED", "social_work")
    return counting


def log_in(page, email):
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()


def test_find_register_and_join_an_event_that_counts_for_my_license(
    page, live_server, settings, dana, events_soon, screenshot
):
    settings.SITE_URL = live_server.url
    log_in(page, dana.email)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="Events").click()
    expect(page.get_by_role("heading", name="New York Supervision Update")).to_be_visible()
    page.get_by_label("Counts for my licenses").check()
    page.get_by_role("button", name="Show events").click()
    expect(page.get_by_role("heading", name="New York Supervision Update")).to_have_count(0)
    expect(page.get_by_text("Counts for your CA LCSW")).to_be_visible()
    screenshot("03-catalog-counts-for-my-licenses")

    page.get_by_role("link", name="DBT Skills Refresher").click()
    expect(page.get_by_text("Counts for your CA LCSW: approved by ASWB ACE")).to_be_visible()
    page.get_by_role("button", name="Register").click()

    expect(page.get_by_role("heading", name="My Events")).to_be_visible()
    expect(page.get_by_text("You are registered for DBT Skills Refresher.")).to_be_visible()
    card = page.locator(".registration-card", has_text="DBT Skills Refresher")
    card.get_by_role("link", name="Access Event").click()

    expect(page.get_by_role("heading", name="Main Hall: DBT Skills Refresher")).to_be_visible()
    screenshot("04-main-hall")
    with page.expect_popup() as popup:
        page.get_by_role("link", name="Join Now").click()
    room = popup.value
    expect(room.get_by_text("You are connected as Dana Whitfield")).to_be_visible()
    screenshot("05-simulated-room", room)

    registration = Registration.objects.get(user=dana, event=events_soon)
    assert registration.status == Registration.REGISTERED
    connection = SimulatedConnection.objects.get(registration=registration)
    assert connection.left_at is None
    assert abs(connection.joined_at - timezone.now()) < dt.timedelta(minutes=1)
