"""Refused layouts travel as a code and a plain message to the command, the service and the page."""

from __future__ import annotations

from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command

from attendance.models import AttendanceImport, Connection, StagedUpload
from attendance.parsing import ReportError, codes
from attendance.services.importing import import_attendance
from attendance.tests.view_helpers import AFTER, finished_event, page_text, url

FIXTURES = Path(__file__).parent / "fixtures"
REFUSED = [
    ("dashboard_participants.csv", codes.DASHBOARD_EXPORT, "Reports → Usage → Participants"),
    ("past_meetings_participants.json", codes.PAST_PARTICIPANTS_JSON, "/report/meetings/"),
    ("report_api_rows.csv", codes.API_ROWS_CSV, "JSON pages"),
    ("meeting_unique_users_lowercase.csv", codes.UNIQUE_USERS_EXPORT, "Show unique users"),
]
FRENCH = (
    "Nom (nom d'origine),E-mail de l'utilisateur,Heure d'arrivée,Heure de départ\n"
    "Dana,dana@example.com,21/03/2026 19:12:01,21/03/2026 22:15:30\n"
).encode()

pytestmark = pytest.mark.django_db


@pytest.fixture
def event(db):
    return finished_event()


@pytest.mark.parametrize(("name", "code", "instead"), REFUSED)
def test_the_service_refuses_with_the_code_and_stores_nothing(event, name, code, instead):
    with pytest.raises(ReportError) as caught:
        import_attendance(event, [(name, (FIXTURES / name).read_bytes())])
    assert caught.value.code == code
    assert instead in caught.value.message
    assert not Connection.objects.exists() and not AttendanceImport.objects.exists()


@pytest.mark.parametrize(("name", "code", "instead"), REFUSED)
def test_the_command_exits_with_the_plain_message(event, name, code, instead):
    with pytest.raises(CommandError) as caught:
        call_command("import_attendance", event.slug, str(FIXTURES / name))
    assert str(caught.value).startswith("Nothing was imported.")
    assert instead in str(caught.value)


def test_the_command_asks_for_an_english_export_of_a_language_not_read(event, tmp_path):
    path = tmp_path / "participants.csv"
    path.write_bytes(FRENCH)
    with pytest.raises(CommandError) as caught:
        call_command("import_attendance", event.slug, str(path))
    assert "switch the Zoom web portal to English and export again" in str(caught.value)


def test_the_staff_page_shows_the_refusal_next_to_the_file_field(staff, event):
    upload = SimpleUploadedFile(
        "dashboard.csv", (FIXTURES / "dashboard_participants.csv").read_bytes()
    )
    with time_machine.travel(AFTER, tick=True):
        response = staff.post(
            url("staff_upload", event), {"files": [upload], "time_zone": "America/New_York"}
        )
    assert "Dashboard → Meetings → Participants" in page_text(response)
    assert not StagedUpload.objects.exists()
