"""`import_attendance` of a localised export decides exactly as for its English twin.

Two events with the same schedule and the same four registrants; one imports the English
export, the other the same connections exported in another portal language.
"""

from __future__ import annotations

import datetime as dt
import zoneinfo
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command

from attendance.models import AttendanceImport, Connection, Decision
from tests.factories import EventFactory, RegistrationFactory, UserFactory

FIXTURES = Path(__file__).parent / "fixtures"
NEW_YORK = zoneinfo.ZoneInfo("America/New_York")
START = dt.datetime(2026, 3, 21, 19, 15, tzinfo=NEW_YORK)
PEOPLE = [
    ("Dana", "Whitfield", "dana.whitfield@example.com"),
    ("Omar", "Haddad", "omar@example.com"),
    ("Wen", "Li", "wen.li@example.com"),
    ("Cho", "Chang", "cho.chang@example.com"),
]
TWINS = [
    ("meeting_es_older.csv", "meeting_twin_en.csv"),
    ("meeting_es_newer.csv", "meeting_twin_en.csv"),
    ("meeting_de.csv", "meeting_twin_en.csv"),
    ("meeting_ja.csv", "meeting_twin_en.csv"),
    ("meeting_ko.csv", "meeting_twin_en_no_email.csv"),
    ("usage_it.csv", "usage_twin_en.csv"),
    ("webinar_ko.csv", "webinar_twin_en.csv"),
    ("usage_2025_account.csv", "usage_twin_en.csv"),
]


@pytest.fixture
def people(db):
    return [
        UserFactory(email=email, legal_first_name=first, legal_last_name=last)
        for first, last, email in PEOPLE
    ]


def event_for(people, slug: str):
    event = EventFactory(
        slug=slug, start=START, end=START + dt.timedelta(hours=3), advertised_hours=3
    )
    for user in people:
        RegistrationFactory(event=event, user=user)
    return event


def run_import(event, fixture: str) -> str:
    out = StringIO()
    call_command("import_attendance", event.slug, str(FIXTURES / fixture), stdout=out)
    return out.getvalue()


def decisions(event) -> dict[str, tuple[str, list[str], float]]:
    return {
        d.registration.email: (d.outcome, d.reasons, d.attended_seconds)
        for d in Decision.objects.filter(registration__event=event, is_current=True)
    }


@pytest.mark.parametrize(("localised", "english"), TWINS)
def test_a_localised_export_gives_the_decisions_of_its_english_twin(people, localised, english):
    english_event = event_for(people, "english-twin")
    localised_event = event_for(people, "localised")
    run_import(english_event, english)
    run_import(localised_event, localised)
    assert decisions(localised_event) == decisions(english_event)


@pytest.mark.parametrize("localised", [name for name, _ in TWINS])
def test_the_localised_imports_decide_what_the_connections_show(people, localised):
    event = event_for(people, "localised")
    run_import(event, localised)
    outcomes = {
        email: (outcome, reasons) for email, (outcome, reasons, _) in decisions(event).items()
    }
    assert outcomes == {
        "dana.whitfield@example.com": ("eligible", []),
        "omar@example.com": ("not_eligible", ["left_early"]),
        "wen.li@example.com": ("not_eligible", ["no_connection"]),
        "cho.chang@example.com": ("eligible", []),
    }
    # Omar left at 22:14:58, two seconds before the end.
    assert decisions(event)["omar@example.com"][2] == 3 * 3600 - 2


def test_the_host_of_a_localised_export_is_never_credited(people):
    event = event_for(people, "localised")
    run_import(event, "meeting_ko.csv")
    host = Connection.objects.get(event=event, name="Sam Okafor")
    assert (host.role, host.registration) == ("host", None)


def test_the_account_wide_export_imports_the_events_meeting_and_reports_the_rest(people):
    event = event_for(people, "account-wide")
    out = run_import(event, "usage_2025_account.csv")
    assert "This file holds 3 meetings" in out and "“Morning huddle”" in out
    summary = AttendanceImport.objects.get(event=event).summary
    assert [m["meeting_id"] for m in summary["skipped_meetings"]] == ["81122223333", "89900001111"]
    assert not Connection.objects.filter(event=event, name__in=["Riley Chen", "Lee Park"]).exists()


def test_connections_identical_only_to_the_minute_are_both_stored(people):
    event = event_for(people, "resaved")
    out = run_import(event, "meeting_excel_resaved.csv")
    assert "have no seconds" in out
    assert Connection.objects.filter(event=event, name="Omar Haddad").count() == 2


def test_the_same_minute_rows_saved_again_differently_add_nothing(people, tmp_path):
    event = event_for(people, "resaved")
    run_import(event, "meeting_excel_resaved.csv")
    # Other bytes (Windows line endings), so not recognised as the same file: the rows are.
    again = tmp_path / "resaved-again.csv"
    again.write_bytes((FIXTURES / "meeting_excel_resaved.csv").read_bytes().replace(b"\n", b"\r\n"))
    out = StringIO()
    call_command("import_attendance", event.slug, str(again), stdout=out)
    assert "Imported 0 new rows" in out.getvalue()
    assert Connection.objects.filter(event=event).count() == 4
