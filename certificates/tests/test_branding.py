import io

import pytest
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image
from pypdf import PdfReader

from certificates.images import pdf_bytes
from certificates.models import Branding
from certificates.snapshot import _branding
from certificates.tests.test_pdf import snapshot  # noqa: F401  (the sample snapshot fixture)
from core.models import AuditEntry

URL = reverse("certificate_corrections:branding")


def png(color="navy", size=(120, 40)):
    buffer = io.BytesIO()
    Image.new("RGB", size, color).save(buffer, format="PNG")
    return buffer.getvalue()


@pytest.fixture
def staff(client, sam_staff):
    sam_staff.user_permissions.add(Permission.objects.get(codename="manage_certificates"))
    client.force_login(sam_staff)
    return client


def test_staff_upload_a_logo_and_signature_and_name_the_signatory(staff):
    response = staff.post(
        URL,
        {
            "logo": SimpleUploadedFile("logo.png", png(), "image/png"),
            "signature": SimpleUploadedFile("sig.png", png("black", (200, 60)), "image/png"),
            "signatory_name": "Jordan Ellis, PsyD",
            "signatory_title": "Director of Continuing Education",
        },
    )
    assert response.status_code == 302
    branding = Branding.current()
    assert branding.logo and branding.signature
    assert branding.signatory_name == "Jordan Ellis, PsyD"
    assert AuditEntry.objects.filter(action="certificate.branding_updated").exists()
    recorded = _branding()
    assert recorded["signatory"]["name"] == "Jordan Ellis, PsyD"
    assert set(recorded["images"]) == {"logo", "signature"}


def test_a_file_that_is_not_an_image_is_refused(staff):
    response = staff.post(
        URL,
        {
            "logo": SimpleUploadedFile("logo.png", b"<svg></svg>", "image/png"),
            "signatory_name": "",
            "signatory_title": "",
        },
    )
    assert response.status_code == 200
    assert not Branding.current().logo


def test_attendees_cannot_change_the_branding(client, dana):
    client.force_login(dana)
    assert client.get(URL).status_code == 403


def test_the_pdf_embeds_the_images_the_snapshot_names(staff, snapshot):  # noqa: F811
    staff.post(
        URL,
        {
            "logo": SimpleUploadedFile("logo.png", png(), "image/png"),
            "signatory_name": "",
            "signatory_title": "",
        },
    )
    snapshot = {**snapshot, **_branding()}
    reader = PdfReader(io.BytesIO(pdf_bytes(snapshot)))
    resources = reader.pages[0]["/Resources"]
    assert len(resources["/XObject"]) >= 1
    # The same snapshot renders to the same bytes.
    assert pdf_bytes(snapshot) == pdf_bytes(snapshot)


@pytest.mark.parametrize("side", [20_000, 10_000])
def test_an_image_claiming_an_enormous_size_is_refused_on_the_form(staff, side):
    from tests.images import png_claiming

    response = staff.post(
        URL,
        {
            "logo": SimpleUploadedFile("logo.png", png_claiming(side, side), "image/png"),
            "signatory_name": "",
            "signatory_title": "",
        },
    )
    assert response.status_code == 200
    assert "too large" in response.content.decode()
    assert not Branding.current().logo
