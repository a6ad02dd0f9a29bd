"""Anyone looks a certificate up at /verify/; Print on the certificate opens its PDF; staff
correct a certificate and are asked to confirm a revocation."""

import pytest
from playwright.sync_api import expect

from certificates.models import Certificate
from tests.browser.test_certificate_journey import certificate  # noqa: F401
from tests.browser.test_evaluation_journey import attended, log_in  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_board_looks_up_a_certificate_by_number_and_name(page, certificate, screenshot):  # noqa: F811
    page.goto("/verify/")
    expect(page.get_by_role("heading", name="Verify a certificate")).to_be_visible()
    page.get_by_label("Certificate number or verification code").fill(certificate.number)
    page.get_by_label("Holder's last name").fill("Whitfield")
    screenshot("certificate-lookup")
    page.get_by_role("button", name="Verify").click()

    expect(page.get_by_role("heading", name="Certificate verification")).to_be_visible()
    assert page.url.endswith(f"/verify/{certificate.verification_code}/")
    expect(page.get_by_text("Valid.")).to_be_visible()


def test_a_lookup_that_matches_nothing_says_so(page, certificate):  # noqa: F811
    page.goto("/verify/")
    page.get_by_label("Certificate number or verification code").fill(certificate.number)
    page.keyboard.press("Enter")

    expect(page.get_by_text("We found no certificate with that number or code.")).to_be_visible()
    expect(page.get_by_text("Dana")).to_have_count(0)


def test_print_on_the_certificate_loads_its_pdf(page, dana, certificate, screenshot):  # noqa: F811
    log_in(page, dana.email)
    page.goto(f"/wallet/certificates/{certificate.number}/")
    screenshot("certificate-detail-print")
    control = page.get_by_role("link", name="Print")

    href = control.get_attribute("href")
    assert href == f"/wallet/certificates/{certificate.number}/print.pdf"
    response = page.request.get(href)
    assert response.status == 200
    assert response.headers["content-type"] == "application/pdf"
    assert response.headers["content-disposition"].startswith("inline")
    assert response.body().startswith(b"%PDF")


def test_staff_correct_and_revoke_with_confirmation(page, sam_staff, certificate, screenshot):  # noqa: F811
    log_in(page, sam_staff.email)
    page.goto(f"/staff/certificates/{certificate.number}/")
    page.get_by_role("link", name="Correct the name").click()
    page.get_by_label("Name as it should read").fill("Dana Whitfield-Reyes")
    page.get_by_label("Why the name changes").fill("Legal name change; ID seen.")
    screenshot("certificate-staff-correct")
    page.get_by_role("button", name="Correct and re-issue").click()
    expect(page.get_by_text("re-issued as version 2")).to_be_visible()

    page.get_by_label("Why the certificate is revoked").fill("Attendance was false.")
    page.get_by_role("button", name="Revoke…").click()
    expect(
        page.get_by_role("heading", name=f"Revoke certificate {certificate.number}?")
    ).to_be_visible()
    screenshot("certificate-staff-revoke-confirm")
    assert Certificate.objects.get(number=certificate.number, version=2).status == "valid"
    page.get_by_role("button", name="Yes, revoke the certificate").click()
    expect(page.get_by_text(f"Certificate {certificate.number} was revoked.")).to_be_visible()
