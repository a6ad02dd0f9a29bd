import pytest
from django.urls import reverse

from core.models import AuditEntry
from licensing.models import LicenseType, UserLicense
from tests.factories import UserLicenseFactory


@pytest.fixture
def ny_lcsw(db):
    return LicenseType.objects.get(state="NY", code="LCSW")


def _form(license_type, **overrides):
    return {
        "state": license_type.state,
        "license_type": license_type.pk,
        "number": "R-094512",
        "expires_on": "2028-02-29",
        **overrides,
    }


def test_an_attendee_adds_a_license(client, dana, ny_lcsw):
    client.force_login(dana)
    response = client.post(reverse("licensing:add"), _form(ny_lcsw))
    assert response.status_code == 302
    license = UserLicense.objects.get(user=dana, license_type=ny_lcsw)
    assert license.number == "R-094512"
    assert license.expires_on.isoformat() == "2028-02-29"
    assert AuditEntry.objects.filter(action="license.added", target_id=str(license.pk)).exists()


def test_the_license_type_must_belong_to_the_chosen_state(client, dana, ny_lcsw):
    client.force_login(dana)
    response = client.post(reverse("licensing:add"), _form(ny_lcsw, state="TX"))
    assert response.status_code == 200
    assert "is a New York license, not a Texas one" in response.content.decode()
    assert not UserLicense.objects.filter(license_type=ny_lcsw).exists()


def test_the_same_license_type_cannot_be_added_twice(client, dana):
    client.force_login(dana)
    ca_lcsw = LicenseType.objects.get(state="CA", code="LCSW")
    response = client.post(reverse("licensing:add"), _form(ca_lcsw))
    assert response.status_code == 200
    assert "You already have a CA LCSW license on file" in response.content.decode()
    assert UserLicense.objects.filter(user=dana).count() == 1


def test_a_license_number_with_odd_characters_is_refused(client, dana, ny_lcsw):
    client.force_login(dana)
    response = client.post(reverse("licensing:add"), _form(ny_lcsw, number="<script>"))
    assert "Enter the number as printed on your license" in response.content.decode()


def test_the_list_shows_accepted_approvals_and_marks_unverified_ones(client, dana, ny_lcsw):
    UserLicenseFactory(user=dana, license_type=ny_lcsw)
    client.force_login(dana)
    html = client.get(reverse("licensing:list")).content.decode()
    assert "CA LCSW" in html and "NY LCSW" in html
    assert 'title="American Psychological Association">APA<' in html
    if ny_lcsw.acceptance_status != "verified":
        assert "unverified — check with your board" in html


def test_an_attendee_edits_their_license(client, dana):
    license = dana.licenses.get()
    client.force_login(dana)
    response = client.post(
        reverse("licensing:edit", args=[license.pk]),
        _form(license.license_type, number="LCS 99999"),
    )
    assert response.status_code == 302
    license.refresh_from_db()
    assert license.number == "LCS 99999"


def test_an_attendee_removes_their_license_after_confirming(client, dana):
    license = dana.licenses.get()
    client.force_login(dana)
    assert (
        b"Remove your CA LCSW license?"
        in client.get(reverse("licensing:delete", args=[license.pk])).content
    )
    assert UserLicense.objects.filter(pk=license.pk).exists()
    client.post(reverse("licensing:delete", args=[license.pk]))
    assert not UserLicense.objects.filter(pk=license.pk).exists()


@pytest.mark.parametrize("view", ["licensing:edit", "licensing:delete"])
def test_someone_elses_license_is_not_found(client, dana, omar, view):
    license = dana.licenses.get()
    client.force_login(omar)
    assert client.get(reverse(view, args=[license.pk])).status_code == 404
    assert (
        client.post(reverse(view, args=[license.pk]), _form(license.license_type)).status_code
        == 404
    )
    assert UserLicense.objects.filter(pk=license.pk, number=license.number).exists()


def test_licenses_require_logging_in(client, db):
    assert client.get(reverse("licensing:list")).status_code == 302
