"""Handouts: staff upload and remove files for registrants; only safe formats, at most 20 MB."""

from __future__ import annotations

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from core.errors import DomainError
from core.models import AuditEntry
from events.models import Event, Handout
from events.services.handouts import MAX_HANDOUT_BYTES, add_handout
from events.tests.test_staff_support import NOW, with_event_permissions
from tests.factories import EventFactory

PDF = b"%PDF-1.7\n%fake but harmless\n"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    with time_machine.travel(NOW, tick=False):
        yield tmp_path


@pytest.fixture
def staff(client, sam_staff):
    user = with_event_permissions(sam_staff)
    client.force_login(user)
    return user


@pytest.fixture
def event(db):
    return EventFactory()


def upload(client, event, name, content=PDF, title="Session slides"):
    return client.post(
        reverse("staff:event_handout_add", args=[event.slug]),
        {"title": title, "file": SimpleUploadedFile(name, content)},
    )


def test_a_pdf_is_stored_and_listed_for_the_event(client, staff, event, media):
    response = upload(client, event, "slides.pdf")

    assert response.status_code == 302
    handout = Handout.objects.get()
    assert (handout.event, handout.title) == (event, "Session slides")
    assert (media / handout.file.name).read_bytes() == PDF
    assert handout.file.name.startswith(f"private/handouts/{event.pk}/")
    page = client.get(reverse("staff:event_manage", args=[event.slug])).content.decode()
    assert "Session slides" in page and "slides.pdf" in page
    assert AuditEntry.objects.filter(action="handout.added", actor=staff).exists()


@pytest.mark.parametrize("name", ["notes.DOCX", "deck.pptx", "diagram.png", "photo.jpeg"])
def test_office_documents_and_images_are_accepted(client, staff, event, name):
    assert upload(client, event, name).status_code == 302
    assert Handout.objects.count() == 1


@pytest.mark.parametrize(
    ("name", "found"),
    [
        ("setup.exe", "“setup.exe” was not added: .exe files are not accepted."),
        ("drawing.svg", ".svg files are not accepted."),
        ("archive.ZIP", ".zip files are not accepted."),
        ("README", "files without an extension are not accepted."),
    ],
)
def test_other_file_types_are_refused_next_to_the_file_field(client, staff, event, name, found):
    response = upload(client, event, name)

    assert response.status_code == 200
    [error] = response.context["handout_form"].errors["file"]
    assert found in error
    assert "Upload a PDF, Word (DOCX), PowerPoint (PPTX) or an image" in error
    assert 'id="id_file_errors"' in response.content.decode()
    assert not Handout.objects.exists()


def test_a_file_over_20_mb_is_refused_with_its_size(client, staff, event):
    response = upload(client, event, "recording.pdf", content=b"0" * (MAX_HANDOUT_BYTES + 1))

    [error] = response.context["handout_form"].errors["file"]
    assert "“recording.pdf” is 20.1 MB; handouts may be at most 20 MB" in error
    assert not Handout.objects.exists()


def test_a_file_of_exactly_20_mb_is_accepted(client, staff, event):
    assert upload(client, event, "big.pdf", content=b"0" * MAX_HANDOUT_BYTES).status_code == 302


def test_the_service_refuses_a_wrong_type_too(staff, event):
    with pytest.raises(DomainError) as refused:
        add_handout(event, "Script", SimpleUploadedFile("run.html", b"<script>"), staff)

    assert refused.value.code == "handout_type_refused"
    assert refused.value.field == "file"


def test_the_service_refuses_a_file_over_the_limit_and_stores_nothing(staff, event, media):
    big = SimpleUploadedFile("recording.pdf", b"0" * (MAX_HANDOUT_BYTES + 1))
    with pytest.raises(DomainError) as refused:
        add_handout(event, "Recording", big, staff)

    assert (refused.value.code, refused.value.field) == ("file_too_large", "file")
    assert "handouts may be at most 20 MB" in refused.value.message
    assert not Handout.objects.exists()
    assert not any(media.rglob("*.pdf"))


@pytest.mark.parametrize("title", ["", "   \n "])
def test_the_service_refuses_a_handout_without_a_title(staff, event, media, title):
    with pytest.raises(DomainError) as refused:
        add_handout(event, title, SimpleUploadedFile("slides.pdf", PDF), staff)

    assert (refused.value.code, refused.value.field) == ("handout_title_required", "title")
    assert not Handout.objects.exists()
    assert not AuditEntry.objects.filter(action="handout.added").exists()


def test_a_cancelled_event_gets_no_new_handouts(staff, event):
    event.status = Event.CANCELLED
    event.save()

    with pytest.raises(DomainError) as refused:
        add_handout(event, "Slides", SimpleUploadedFile("s.pdf", PDF), staff)

    assert refused.value.code == "event_cancelled"


def test_removing_a_handout_deletes_it_and_its_file(
    client, staff, event, media, django_capture_on_commit_callbacks
):
    upload(client, event, "slides.pdf")
    handout = Handout.objects.get()
    path = media / handout.file.name

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("staff:event_handout_remove", args=[event.slug, handout.pk]), follow=True
        )

    assert not Handout.objects.exists()
    assert not path.exists()
    assert "Handout “Session slides” removed." in response.content.decode()
    assert AuditEntry.objects.filter(action="handout.removed").exists()


def test_removing_a_duplicates_handout_keeps_the_file_the_original_still_uses(
    client, staff, event, media, django_capture_on_commit_callbacks
):
    upload(client, event, "slides.pdf")
    client.post(reverse("staff:event_duplicate", args=[event.slug]))
    copy = Event.objects.exclude(pk=event.pk).get()
    copied = copy.handouts.get()

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("staff:event_handout_remove", args=[copy.slug, copied.pk]))

    assert (media / event.handouts.get().file.name).exists()


def test_a_handout_of_another_event_cannot_be_removed_through_this_one(client, staff, event):
    upload(client, event, "slides.pdf")
    other = EventFactory()

    response = client.post(
        reverse("staff:event_handout_remove", args=[other.slug, Handout.objects.get().pk])
    )

    assert response.status_code == 404
    assert Handout.objects.exists()


def test_staff_download_a_handout_under_its_original_name(client, staff, event):
    upload(client, event, "slides.pdf")
    handout = Handout.objects.get()

    response = client.get(reverse("staff:event_handout", args=[event.slug, handout.pk]))

    assert response["Content-Disposition"] == 'attachment; filename="slides.pdf"'
    assert b"".join(response.streaming_content) == PDF
