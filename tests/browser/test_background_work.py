"""Staff find failing background work from the staff area, read its errors and retry it."""

import datetime as dt

import pytest
from django.utils import timezone
from django_tasks_db.models import DBTaskResult
from playwright.sync_api import expect

from core.models import OutgoingEmail
from operations.tests.test_background_page import failed_task
from tests.browser.test_evaluation_journey import log_in

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def broken_mail(settings):
    settings.EMAIL_BACKEND = "core.outgoing.QueuedEmailBackend"
    from core.email import send_email

    send_email("account_deleted", ["dana@example.com"], {"name": "Dana"})
    OutgoingEmail.objects.update(
        created_at=timezone.now() - dt.timedelta(hours=1),
        attempts=5,
        last_error="ConnectionRefusedError: [Errno 111] Connection refused",
    )
    DBTaskResult.objects.filter(task_path="core.outgoing.deliver_email").update(
        status="FAILED", worker_ids=["w"] * 25
    )
    # The page's own "Retry now" is the way out; nothing else will deliver it in this test.
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"


def test_staff_see_what_failed_and_retry_an_email(page, sam_staff, broken_mail, screenshot):
    failed_task()
    log_in(page, sam_staff.email)
    page.goto("/staff/")
    expect(page.get_by_text("problems: failed tasks")).to_be_visible()
    page.get_by_role("link", name="Background work").click()

    expect(page.get_by_role("heading", name="Background work", exact=True)).to_be_visible()
    expect(page.get_by_text("ConnectionError: the partner is down")).to_be_visible()
    emails = page.get_by_role("region", name="Emails not delivered")
    expect(emails.get_by_text("Connection refused")).to_be_visible()
    screenshot("background-work")

    emails.get_by_role("button", name="Retry now").click()
    expect(page.get_by_text("The email is queued to be delivered now.")).to_be_visible()
    assert DBTaskResult.objects.filter(
        task_path="core.outgoing.deliver_email", status="READY"
    ).exists()

    page.set_viewport_size({"width": 390, "height": 844})
    page.reload()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390
    screenshot("background-work-390")
