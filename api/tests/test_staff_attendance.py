"""Staff: importing attendance, reading decisions, and placing unplaced connections."""

from __future__ import annotations

import datetime as dt
import json
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from attendance.forms import MAX_FILES, MAX_UPLOAD_MB
from attendance.models import AttendanceImport, Connection
from attendance.parsing.codes import ReportCode
from core.models import AuditEntry
from tests.factories import EventFactory, RegistrationFactory, UserFactory

FIXTURES = Path(__file__).resolve().parents[2] / "attendance" / "tests" / "fixtures"
REPORT = "webinar_2025_custom_questions.csv"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
START = dt.datetime(2026, 3, 21, 19, 15, tzinfo=NEW_YORK)


@pytest.fixture
def event(db):
    # The event the fixture report was exported from, with its three registrants.
    event = EventFactory(
        slug="telehealth-ethics", start=START, end=START + dt.timedelta(hours=3), advertised_hours=3
    )
    for first, last, email in [
        ("Dana", "Whitfield", "dana.whitfield@example.com"),
        ("Omar", "Haddad", "omar.h@example.com"),
        ("Wen", "Li", "wen.li@example.com"),
    ]:
        user = UserFactory(email=email, legal_first_name=first, legal_last_name=last)
        RegistrationFactory(event=event, user=user)
    return event


def upload(api, event, **fields):
    report = SimpleUploadedFile(REPORT, (FIXTURES / REPORT).read_bytes(), "text/csv")
    return api.upload(f"staff/events/{event.slug}/attendance/imports", {"files": report, **fields})


def test_an_import_stores_rows_and_a_repeat_changes_nothing(staff_api, event):
    first = upload(staff_api, event, time_zone="America/New_York")
    assert first.status_code == 200
    assert first.json()["new_rows"] > 0 and first.json()["already_imported"] is False
    rows = Connection.objects.filter(event=event).count()
    again = upload(staff_api, event, time_zone="America/New_York")
    assert again.json()["already_imported"] is True
    assert Connection.objects.filter(event=event).count() == rows
    assert AttendanceImport.objects.filter(event=event).count() == 1
    assert AuditEntry.objects.filter(action="attendance.imported").count() == 1


def test_a_dry_run_stores_nothing(staff_api, event):
    response = upload(staff_api, event, dry_run="true")
    assert response.status_code == 200 and response.json()["dry_run"] is True
    assert not Connection.objects.filter(event=event).exists()


def test_an_unknown_time_zone_is_422(staff_api, event):
    response = upload(staff_api, event, time_zone="Mars/Olympus")
    assert response.status_code == 422
    assert response.json()["code"] == "time_zone_unknown"


def test_an_unreadable_file_is_422(staff_api, event):
    junk = SimpleUploadedFile("notes.csv", b"hello,world\n1,2\n", "text/csv")
    response = staff_api.upload(f"staff/events/{event.slug}/attendance/imports", {"files": junk})
    assert response.status_code == 422
    assert response.json()["code"] == "unknown_format"


def test_a_refused_export_keeps_the_parsers_code_and_advice(staff_api, event):
    fixtures = Path(__file__).resolve().parents[2] / "attendance" / "tests" / "fixtures"
    dashboard = (fixtures / "dashboard_participants.csv").read_bytes()
    junk = SimpleUploadedFile("participants.csv", dashboard, "text/csv")
    response = staff_api.upload(f"staff/events/{event.slug}/attendance/imports", {"files": junk})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "dashboard_export"
    assert "Reports" in body["message"]


def imports_url(event):
    return f"staff/events/{event.slug}/attendance/imports"


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        ("unique.csv", (FIXTURES / "meeting_unique_users.csv").read_bytes(), "unique_users_export"),
        (
            "participants.json",
            (FIXTURES / "past_meetings_participants.json").read_bytes(),
            "past_participants_json",
        ),
        ("rows.csv", (FIXTURES / "report_api_rows.csv").read_bytes(), "api_rows_csv"),
        ("report.xlsx", b"PK\x03\x04" + bytes(range(256)) * 4, "not_a_report"),
        ("empty.csv", b"", "not_a_report"),
    ],
    ids=["unique-users", "past-participants", "api-rows-csv", "workbook", "empty"],
)
def test_each_refused_file_keeps_its_parsers_code_and_stores_nothing(
    staff_api, event, name, content, code
):
    report = SimpleUploadedFile(name, content, "application/octet-stream")
    response = staff_api.upload(imports_url(event), {"files": report})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == code
    assert body["message"].startswith(name)  # the file (and line) it is about
    assert body["details"] == [{"field": "files", "code": code, "message": body["message"]}]
    assert not Connection.objects.filter(event=event).exists()
    assert not AttendanceImport.objects.filter(event=event).exists()


def test_the_schema_documents_the_import_refusal_codes(staff_api, anonymous):
    schema = anonymous.get("openapi.json").json()
    operation = schema["paths"]["/api/v1/staff/events/{slug}/attendance/imports"]["post"]
    for code in ReportCode:
        assert f"`{code}`: {code.message}" in operation["description"]


def test_more_files_than_one_import_takes_are_refused(staff_api, event):
    content = (FIXTURES / REPORT).read_bytes()
    files = [SimpleUploadedFile(f"part{n}.csv", content, "text/csv") for n in range(MAX_FILES + 1)]
    response = staff_api.upload(imports_url(event), {"files": files})
    assert response.status_code == 422
    assert response.json()["code"] == "too_many_files"
    assert response.json()["message"] == f"Import at most {MAX_FILES} files at a time."
    assert not Connection.objects.filter(event=event).exists()
    assert not AttendanceImport.objects.filter(event=event).exists()


def test_files_larger_than_one_import_takes_are_refused(staff_api, event):
    big = SimpleUploadedFile("huge.csv", b"0" * (MAX_UPLOAD_MB * 1024 * 1024 + 1), "text/csv")
    response = staff_api.upload(imports_url(event), {"files": big})
    assert response.status_code == 422
    assert response.json()["code"] == "files_too_large"
    assert response.json()["details"][0]["field"] == "files"
    assert not AttendanceImport.objects.filter(event=event).exists()


def test_the_decisions_have_the_shape_of_the_report_command(staff_api, event):
    upload(staff_api, event)
    out = StringIO()
    call_command("attendance_report", str(event.pk), "--json", stdout=out)
    assert staff_api.get(f"staff/events/{event.slug}/attendance").json() == json.loads(
        out.getvalue()
    )


def test_unplaced_connections_are_listed_and_can_be_assigned(staff_api, event, sam_staff):
    upload(staff_api, event)
    unplaced = staff_api.get(f"staff/events/{event.slug}/attendance/unplaced").json()
    jordan = next(c for c in unplaced if c["name"] == "Jordan Blake")
    wen = event.registrations.get(email="wen.li@example.com")
    path = f"staff/events/{event.slug}/attendance/connections/{jordan['id']}"
    refused = staff_api.post(f"{path}/assign", {"registration_id": wen.pk, "reason": " "})
    assert refused.status_code == 422 and refused.json()["code"] == "reason_required"
    response = staff_api.post(
        f"{path}/assign", {"registration_id": wen.pk, "reason": "Wen joined from a shared laptop."}
    )
    assert response.status_code == 200 and response.json()["match_method"] == "staff"
    assert Connection.objects.get(pk=jordan["id"]).registration == wen
    remaining = staff_api.get(f"staff/events/{event.slug}/attendance/unplaced").json()
    assert jordan["id"] not in {c["id"] for c in remaining}
    undone = staff_api.post(f"{path}/unassign", {"reason": "Wrong person."})
    assert undone.status_code == 200
    assert Connection.objects.get(pk=jordan["id"]).registration is None


def test_a_connection_of_another_event_is_404(staff_api, event):
    upload(staff_api, event)
    other = EventFactory()
    connection = Connection.objects.filter(event=event).first()
    response = staff_api.post(
        f"staff/events/{other.slug}/attendance/connections/{connection.pk}/unassign",
        {"reason": "x"},
    )
    assert response.status_code == 404


def test_attendees_cannot_import_or_read_decisions(dana_api, event):
    assert upload(dana_api, event).status_code == 403
    assert dana_api.get(f"staff/events/{event.slug}/attendance").status_code == 403


def test_staff_list_and_withdraw_imports(staff_api, event):
    upload(staff_api, event)
    records = staff_api.get(f"staff/events/{event.slug}/attendance/import-records").json()
    assert len(records) == 1 and records[0]["withdrawn_at"] is None
    url = f"staff/events/{event.slug}/attendance/import-records/{records[0]['id']}/withdraw"
    assert staff_api.post(url, {"reason": ""}).status_code == 422
    response = staff_api.post(url, {"reason": "The wrong webinar's report"})
    assert response.status_code == 200
    assert response.json()["withdrawn_reason"] == "The wrong webinar's report"
    assert staff_api.post(url, {"reason": "again"}).json()["code"] == "import_withdrawn"
    report = staff_api.get(f"staff/events/{event.slug}/attendance").json()
    assert all(p["connections"] == [] for p in report["registrants"])
