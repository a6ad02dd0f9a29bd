"""Print prints the certificate itself (its PDF, shown inline), and the pages give the event's
times in the viewer's zone, with the event's zone in brackets where its clock differs."""

from __future__ import annotations

import zoneinfo

import pytest

from certificates.models import Certificate
from certificates.templatetags.certificate_times import viewer_when
from licensing.models import UserLicense

# The fixture event: December 1, 2026, 15:00–17:00 UTC, in America/New_York.
DANA_SEES = "December 1, 2026, 7:00 AM – 9:00 AM PST (10:00 AM – 12:00 PM EST)"
EVENT_ZONE = "December 1, 2026, 10:00 AM – 12:00 PM EST"


@pytest.fixture
def certificate(event, dana, submit, run_tasks) -> Certificate:
    submit(event, dana, license=UserLicense.objects.get(user=dana))
    run_tasks()
    return Certificate.objects.get()


def test_print_on_the_detail_page_opens_the_certificate_pdf(certificate, dana, client):
    client.force_login(dana)
    page = client.get(f"/wallet/certificates/{certificate.number}/").content.decode()
    print_url = f"/wallet/certificates/{certificate.number}/print.pdf"
    assert f'href="{print_url}"' in page

    response = client.get(print_url)

    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"] == f'inline; filename="{certificate.number}.pdf"'
    assert response.content.startswith(b"%PDF")


def test_print_on_the_list_opens_the_certificate_pdf(certificate, dana, client):
    client.force_login(dana)

    page = client.get("/wallet/certificates/").content.decode()

    assert f"/wallet/certificates/{certificate.number}/print.pdf" in page


def test_nobody_else_can_print_the_certificate(certificate, omar, client):
    url = f"/wallet/certificates/{certificate.number}/print.pdf"
    assert client.get(url).status_code == 302
    client.force_login(omar)
    assert client.get(url).status_code == 404


def test_list_and_detail_show_the_viewers_zone_with_the_events_in_brackets(
    certificate, dana, client
):
    client.force_login(dana)

    listed = client.get("/wallet/certificates/").content.decode()
    detail = client.get(f"/wallet/certificates/{certificate.number}/").content.decode()

    assert DANA_SEES in listed
    assert DANA_SEES in detail


def test_verification_shows_a_logged_in_viewers_zone(certificate, dana, client):
    client.force_login(dana)

    page = client.get(certificate.verification_path).content.decode()

    assert DANA_SEES in page


def test_anonymous_verification_reads_in_the_events_zone(certificate, client):
    client.cookies["tz"] = "America/Los_Angeles"

    page = client.get(certificate.verification_path).content.decode()

    assert EVENT_ZONE in page and "PST" not in page


def test_a_viewer_in_the_events_zone_sees_it_once(certificate):
    text = viewer_when(certificate.snapshot["event"], zoneinfo.ZoneInfo("America/Detroit"))

    assert text == EVENT_ZONE


def test_the_bracket_repeats_the_day_when_the_day_differs(certificate):
    text = viewer_when(certificate.snapshot["event"], zoneinfo.ZoneInfo("Pacific/Kiritimati"))

    assert text == (
        "December 2, 2026, 5:00 AM – 7:00 AM +14 (December 1, 2026, 10:00 AM – 12:00 PM EST)"
    )
