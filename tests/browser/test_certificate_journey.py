"""After submitting an evaluation: the attendee finds the certificate in CE Wallet →
Certificates, downloads the PDF, and anyone can verify it from the printed address."""

import datetime as dt
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect
from pypdf import PdfReader

from certificates.models import Certificate
from certificates.services import issue_certificate
from evaluations.models import Evaluation
from tests.browser.test_evaluation_journey import attended, issue, log_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certificate(dana, attended, live_server, settings) -> Certificate:  # noqa: F811
    # The verification address printed on the certificate points at this test server.
    settings.SITE_URL = live_server.url
    evaluation = issue(attended, dana)
    Evaluation.objects.filter(pk=evaluation.pk).update(
        status=Evaluation.SUBMITTED,
        submitted_at=timezone.now() - dt.timedelta(minutes=5),
        attested=True,
    )
    return issue_certificate(Evaluation.objects.get(pk=evaluation.pk))


def test_an_attendee_downloads_their_certificate_and_a_board_verifies_it(
    page, dana, certificate, screenshot
):
    log_in(page, dana.email)

    page.get_by_role("navigation", name="Main").get_by_text("CE Wallet").click()
    page.get_by_role("link", name="Certificates").click()
    expect(page.get_by_role("heading", name="Certificates", exact=True)).to_be_visible()
    page.get_by_role("row", name="Ethics in Telehealth").get_by_role("link", name="View").click()
    expect(page.get_by_text("Dana Whitfield")).to_be_visible()
    screenshot("certificate-wallet-detail")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download PDF").click()
    assert download.value.suggested_filename == f"{certificate.number}.pdf"
    text = "".join(page_.extract_text() for page_ in PdfReader(download.value.path()).pages)
    printed = re.search(r"(http://\S+/verify/\S+/)", text).group(1)
    assert printed.endswith(f"/verify/{certificate.verification_code}/")

    page.context.clear_cookies()
    page.goto(printed)
    expect(page.get_by_role("heading", name="Certificate verification")).to_be_visible()
    expect(page.get_by_text("Valid.")).to_be_visible()
    expect(page.get_by_text("Ethics in Telehealth")).to_be_visible()
    expect(page.get_by_text("dana@example.com")).to_have_count(0)
    screenshot("certificate-verification")
