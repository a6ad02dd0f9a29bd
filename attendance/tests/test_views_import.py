"""Importing from the staff attendance page: upload → preview → confirm or discard."""

import datetime as dt

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from attendance.models import AttendanceImport, Connection, Decision, StagedUpload
from attendance.staff.staging import LIFETIME
from attendance.tests.view_helpers import (
    AFTER,
    finished_event,
    page_text,
    register,
    url,
    webinar_csv,
)
from meetings.models import SimulatedConnection
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return finished_event()


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=True):
        yield


def report(name="attendee-report.csv"):
    rows = [
        ("Dana Whitfield", "dana@example.com", "09:58:00", "13:00:00"),
        ("Guest Person", "guest@elsewhere.org", "10:00:00", "11:00:00"),
    ]
    return SimpleUploadedFile(name, webinar_csv(rows), content_type="text/csv")


def upload(client, event, *files, zone="America/Los_Angeles"):
    return client.post(url("staff_upload", event), {"files": list(files), "time_zone": zone})


def test_the_import_form_defaults_to_the_events_time_zone(staff, event):
    text = page_text(staff.get(url("staff_page", event)))
    assert '<option value="America/Los_Angeles" selected>' in text
    assert 'type="file" name="files"' in text and "multiple" in text


def test_uploading_shows_the_files_summary_and_stores_nothing_yet(staff, dana, event):
    register(event, dana)

    response = upload(staff, event, report())

    staged = StagedUpload.objects.get()
    assert response.status_code == 302
    assert response["Location"] == url("staff_preview", event, staged.token)
    preview = page_text(staff.get(response["Location"]))
    assert "Zoom webinar Attendee Report (CSV)" in preview
    assert "<dt>Rows</dt><dd>3</dd>" in preview
    assert "<dt>People</dt><dd>2</dd>" in preview
    assert "<dt>Matched to registrants</dt><dd>1 person (1 row)</dd>" in preview
    assert "<dt>Unplaced rows</dt><dd>1 " in preview
    assert "<dt>Hosts and panelists</dt><dd>1 row " in preview
    assert not Connection.objects.exists() and not AttendanceImport.objects.exists()


def test_confirming_the_preview_imports_and_decides(staff, dana, event):
    registration = register(event, dana)
    upload(staff, event, report())
    token = StagedUpload.objects.get().token

    response = staff.post(url("staff_confirm", event, token), follow=True)

    assert Connection.objects.filter(event=event).count() == 3
    assert Decision.objects.get(registration=registration, is_current=True).outcome == "eligible"
    assert not StagedUpload.objects.exists()
    text = page_text(response)
    assert "Imported 3 new connection rows from attendee-report.csv" in text
    assert "Guest Person" in text  # now in the unplaced queue
    record = AttendanceImport.objects.get()
    assert (
        record.time_zone == "America/Los_Angeles" and record.created_by.email == "sam@example.com"
    )


def test_importing_the_same_file_again_changes_nothing(staff, dana, event):
    register(event, dana)
    upload(staff, event, report())
    staff.post(url("staff_confirm", event, StagedUpload.objects.get().token))

    preview = page_text(staff.get(upload(staff, event, report())["Location"]))
    assert "These files were already imported for this event." in preview
    response = staff.post(
        url("staff_confirm", event, StagedUpload.objects.get().token), follow=True
    )

    assert "Nothing changed: everything in attendee-report.csv was already imported." in page_text(
        response
    )
    assert AttendanceImport.objects.count() == 1 and Connection.objects.count() == 3


def test_a_file_the_importer_cannot_read_is_refused_next_to_the_field(staff, event):
    bad = SimpleUploadedFile("notes.csv", b"Name,Favourite colour\nDana,blue\n")

    response = upload(staff, event, bad)

    text = page_text(response)
    assert response.status_code == 200
    assert 'id="id_files_errors"' in text
    assert "Nothing was imported" in text
    assert not StagedUpload.objects.exists()
    assert not AttendanceImport.objects.exists() and not Connection.objects.exists()


def test_uploading_without_a_file_asks_for_one(staff, event):
    response = staff.post(url("staff_upload", event), {"time_zone": "America/Los_Angeles"})
    assert "Choose at least one report file to import." in page_text(response)
    assert not StagedUpload.objects.exists()


def test_discarding_the_preview_stores_nothing(staff, event):
    upload(staff, event, report())
    token = StagedUpload.objects.get().token

    response = staff.post(url("staff_discard", event, token), follow=True)

    assert "Discarded: nothing was imported." in page_text(response)
    assert not StagedUpload.objects.exists() and not Connection.objects.exists()


def test_only_the_uploader_can_confirm(client, sam_staff, event):
    client.force_login(sam_staff)
    upload(client, event, report())
    token = StagedUpload.objects.get().token
    colleague = UserFactory(email="kim@example.com")
    colleague.groups.set(sam_staff.groups.all())
    client.force_login(colleague)

    assert client.get(url("staff_preview", event, token)).status_code == 403
    assert client.post(url("staff_confirm", event, token)).status_code == 403
    assert not Connection.objects.exists() and StagedUpload.objects.exists()


def test_an_upload_older_than_a_day_cannot_be_confirmed(staff, event):
    upload(staff, event, report())
    staged = StagedUpload.objects.get()
    StagedUpload.objects.filter(pk=staged.pk).update(
        created_at=timezone.now() - LIFETIME - dt.timedelta(minutes=1)
    )

    response = staff.post(url("staff_confirm", event, staged.token), follow=True)

    assert "That upload has expired" in page_text(response)
    assert not Connection.objects.exists()


def test_expired_uploads_are_cleared_when_someone_uploads_again(staff, event):
    upload(staff, event, report())
    StagedUpload.objects.update(created_at=timezone.now() - LIFETIME - dt.timedelta(hours=1))

    upload(staff, event, report("second.csv"))

    assert list(StagedUpload.objects.values_list("files__name", flat=True)) == ["second.csv"]


def test_the_simulated_room_can_be_imported_directly(staff, dana, event):
    registration = register(event, dana)
    SimulatedConnection.objects.create(
        registration=registration,
        joined_at=event.start - dt.timedelta(minutes=2),
        left_at=event.end,
        last_seen_at=event.end,
    )

    response = staff.post(url("staff_collect", event), follow=True)

    assert "from the simulated room" in page_text(response)
    assert Decision.objects.get(registration=registration, is_current=True).outcome == "eligible"


def test_events_outside_the_simulated_room_have_no_simulated_import(staff, event):
    event.meeting_provider = ""
    event.save()
    assert "Import from the simulated room" not in page_text(staff.get(url("staff_page", event)))
    assert staff.post(url("staff_collect", event)).status_code == 404
