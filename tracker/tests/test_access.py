"""Who can reach what: a person's tracker records answer 404 to everyone else, staff may
download outside-credit files, anonymous visitors are sent to log in."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tracker.services import outside
from tracker.tests.conftest import make_certificate, pdf_upload
from tracker.tests.test_outside import fields


@pytest.fixture
def record(dana):
    return outside.add_outside_credit(dana, fields(), pdf_upload("my-cert.pdf"))


@pytest.fixture
def pages(dana, record, ca_license):
    certificate = make_certificate(dana)
    return [
        reverse("tracker:assign_certificate", args=[certificate.number]),
        reverse("tracker:assign_outside", args=[record.pk]),
        reverse("tracker:outside_edit", args=[record.pk]),
        reverse("tracker:outside_delete", args=[record.pk]),
        reverse("tracker:outside_file", args=[record.pk]),
        reverse("tracker:audit_pack", args=[ca_license.pk]),
    ]


def test_another_attendee_gets_404_for_every_personal_page(client, omar, pages, record):
    client.force_login(omar)
    for url in pages:
        assert client.get(url).status_code == 404, url
    assert client.post(reverse("tracker:outside_delete", args=[record.pk])).status_code == 404
    assert client.post(reverse("tracker:outside_edit", args=[record.pk])).status_code == 404
    record.refresh_from_db()


def test_anonymous_visitors_are_sent_to_log_in(client, pages):
    for url in [reverse("tracker:index"), reverse("tracker:outside_list"), *pages]:
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("account_login")), url


def test_the_owner_downloads_their_file_under_its_original_name(client, dana, record):
    client.force_login(dana)
    response = client.get(reverse("tracker:outside_file", args=[record.pk]))
    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert 'filename="my-cert.pdf"' in response["Content-Disposition"]
    assert response["Content-Type"] == "application/pdf"


def test_clinical_staff_can_download_an_attendees_file(client, sam_staff, record):
    client.force_login(sam_staff)
    assert client.get(reverse("tracker:outside_file", args=[record.pk])).status_code == 200


def test_a_post_to_someone_elses_assignment_changes_nothing(client, omar, dana, ca_license):
    certificate = make_certificate(dana)
    before = list(certificate.credit_assignments.values_list("pk", "hours"))
    client.force_login(omar)
    url = reverse("tracker:assign_certificate", args=[certificate.number])
    assert client.post(url, {f"hours-{ca_license.pk}-general": "1"}).status_code == 404
    assert list(certificate.credit_assignments.values_list("pk", "hours")) == before
