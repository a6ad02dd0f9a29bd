import datetime as dt
import json
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from attendance.models import AttendanceImport, Connection, Decision
from attendance.parsing.types import ReportError
from attendance.services.importing import import_attendance, preview_import
from core.models import AuditEntry
from tests.factories import EventFactory, RegistrationFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
START = dt.datetime(2026, 3, 21, 19, 15, tzinfo=NEW_YORK)


def fixture(name):
    return (name, (FIXTURES / name).read_bytes())


def event_with_three_registrants():
    event = EventFactory(
        slug="telehealth-ethics", start=START, end=START + dt.timedelta(hours=3), advertised_hours=3
    )
    for first, last, email in [
        ("Dana", "Whitfield", "dana.whitfield@example.com"),
        ("Omar", "Haddad", "omar@example.com"),
        ("Wen", "Li", "wen.li@example.com"),
    ]:
        user = UserFactory(email=email, legal_first_name=first, legal_last_name=last)
        RegistrationFactory(event=event, user=user)
    return event


@pytest.fixture
def event(db):
    return event_with_three_registrants()


def outcomes(event):
    return {
        d.registration.email: (d.outcome, d.reasons)
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }


def test_a_preview_summarises_the_file_and_stores_nothing(event):
    summary = preview_import(event, [fixture("webinar_2025_custom_questions.csv")])
    assert summary.format == "zoom_webinar_attendee_csv"
    assert summary.time_zone == "America/New_York"
    assert summary.matched_people == 2
    assert summary.unplaced_rows == 3
    assert summary.hosts_and_panelists == 4
    assert not Connection.objects.exists() and not AttendanceImport.objects.exists()


def test_importing_places_people_and_decides_to_the_second(event):
    summary = import_attendance(event, [fixture("webinar_2025_custom_questions.csv")])
    assert summary.new_rows == summary.rows
    assert outcomes(event) == {
        "dana.whitfield@example.com": ("not_eligible", ["left_early"]),
        "omar@example.com": ("eligible", []),
        "wen.li@example.com": ("not_eligible", ["no_connection"]),
    }
    dana = Decision.objects.get(registration__email="dana.whitfield@example.com", is_current=True)
    assert dana.required_seconds - dana.attended_seconds == 2
    assert AuditEntry.objects.filter(action="attendance.imported").count() == 1


def test_hosts_panelists_and_unknown_callers_are_not_credited(event):
    import_attendance(event, [fixture("webinar_2025_custom_questions.csv")])
    unplaced = Connection.objects.filter(event=event, registration__isnull=True, role="attendee")
    assert sorted(c.name for c in unplaced) == ["+1 415***0142", "Call-in User_2", "Jordan Blake"]
    assert Connection.objects.filter(role="panelist", name="Priya Natarajan").exists()


def test_importing_the_same_file_twice_changes_nothing(event):
    import_attendance(event, [fixture("webinar_2025_custom_questions.csv")])
    rows, decisions = Connection.objects.count(), Decision.objects.count()
    again = import_attendance(event, [fixture("webinar_2025_custom_questions.csv")])
    assert again.already_imported and again.new_rows == 0
    assert (Connection.objects.count(), Decision.objects.count()) == (rows, decisions)
    assert AttendanceImport.objects.count() == 1


def test_a_malformed_file_stores_nothing_and_names_the_line(event):
    name, content = fixture("webinar_2025_custom_questions.csv")
    broken = content.replace(b'"Mar 21, 2026 22:15:02"', b'"Mar 21, 2026 18:00:00"')
    with pytest.raises(ReportError) as error:
        import_attendance(event, [(name, broken)])
    assert error.value.line == 17
    assert not Connection.objects.exists() and not Decision.objects.exists()


def test_the_unique_users_export_is_refused_with_the_export_to_use(event):
    with pytest.raises(ReportError) as error:
        import_attendance(event, [fixture("meeting_unique_users.csv")])
    assert error.value.code == "unique_users_export"
    assert "Show unique users" in error.value.message


def test_the_import_records_the_zone_it_read_times_in(event):
    import_attendance(
        event, [fixture("webinar_2025_custom_questions.csv")], time_zone="America/Chicago"
    )
    assert AttendanceImport.objects.get().time_zone == "America/Chicago"


def test_the_command_prints_a_summary_and_the_report_prints_json(event):
    out = StringIO()
    call_command(
        "import_attendance",
        "telehealth-ethics",
        str(FIXTURES / "webinar_2025_custom_questions.csv"),
        stdout=out,
    )
    assert "Format: Zoom webinar Attendee Report (CSV)" in out.getvalue()
    assert "Imported" in out.getvalue()
    out = StringIO()
    call_command("attendance_report", str(event.pk), "--json", stdout=out)
    report = json.loads(out.getvalue())
    omar = next(p for p in report["registrants"] if p["email"] == "omar@example.com")
    assert omar["outcome"] == "eligible"
    assert omar["attended_seconds"] == omar["required_seconds"] == 3 * 3600
    assert set(omar) >= {
        "email",
        "name",
        "attended_seconds",
        "required_seconds",
        "outcome",
        "reasons",
    }
    assert len(report["unplaced"]) == 3


def test_the_command_dry_run_stores_nothing(event):
    out = StringIO()
    call_command(
        "import_attendance",
        "telehealth-ethics",
        str(FIXTURES / "webinar_2025_custom_questions.csv"),
        "--dry-run",
        stdout=out,
    )
    assert "nothing was stored" in out.getvalue()
    assert not Connection.objects.exists()


def test_the_command_fails_with_one_line_on_bad_input(event, tmp_path):
    bad = tmp_path / "notes.csv"
    bad.write_text("hello,world\n1,2\n")
    with pytest.raises(CommandError, match="Nothing was imported"):
        call_command("import_attendance", "telehealth-ethics", str(bad))
    with pytest.raises(CommandError, match="No event with the id or slug"):
        call_command("import_attendance", "nope", str(bad))
    with pytest.raises(CommandError, match="Unknown time zone"):
        call_command("import_attendance", "telehealth-ethics", str(bad), "--timezone", "Mars/Base")
    assert not Connection.objects.exists()
