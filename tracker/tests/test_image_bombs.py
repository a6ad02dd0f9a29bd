"""An image whose header claims an enormous size is refused as a form error, never a 500."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from core.errors import DomainError
from tests.images import png_claiming
from tracker.models import OutsideCredit
from tracker.services import outside

TOO_LARGE = "too large"
SIZES = [(20_000, 20_000), (10_000, 10_000)]  # past Pillow's error, and past its warning only


def bomb(width: int, height: int) -> SimpleUploadedFile:
    return SimpleUploadedFile("scan.png", png_claiming(width, height), content_type="image/png")


def test_the_crafted_file_is_small_and_pillow_limit_is_in_force():
    assert len(png_claiming(20_000, 20_000)) < 100
    assert Image.MAX_IMAGE_PIXELS is not None


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_upload_check_refuses_it_with_a_code(width, height):
    with pytest.raises(DomainError) as caught:
        outside.check_upload(bomb(width, height))
    assert caught.value.code == "image_too_large"
    assert caught.value.field == "file"
    assert TOO_LARGE in caught.value.message


def test_an_ordinary_scan_size_is_still_accepted():
    upload = SimpleUploadedFile("scan.png", png_claiming(2_550, 3_300), content_type="image/png")
    assert outside.check_upload(upload).content_type == "image/png"


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_an_attendee_uploading_it_sees_a_plain_form_error(client, dana, width, height):
    client.force_login(dana)
    response = client.post(
        reverse("tracker:outside_add"),
        {
            "title": "Grief Work",
            "provider": "Another Provider",
            "approval_body_other": "Some State Board",
            "completed_on": "2026-10-01",
            "hours": "1.5",
            "format": "other",
            "file": bomb(width, height),
        },
    )
    assert response.status_code == 400
    assert TOO_LARGE in response.content.decode()
    assert not OutsideCredit.objects.exists()
