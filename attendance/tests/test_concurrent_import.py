"""Two imports of the same files at once: the data is stored once and the loser is told plainly
that another import of the file is running (409 in the API, a message on the staff page, a
non-zero exit for the command), never a 500.

The race is reproduced on every database by letting the loser's "already imported?" check
answer as it would have a moment before the winner committed; on PostgreSQL it is also run for
real, with two threads.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.db import connection, connections

from attendance.models import AttendanceImport, Connection
from attendance.services import importing
from attendance.services.importing import import_attendance
from attendance.staff.staging import stage
from attendance.tests.view_helpers import (
    AFTER,
    finished_event,
    page_text,
    register,
    url,
    webinar_csv,
)
from core.errors import DomainError

ROWS = [
    ("Dana Whitfield", "dana@example.com", "09:58:00", "13:00:00"),
    ("Guest Person", "guest@elsewhere.org", "10:00:00", "11:00:00"),
]
FILES = [("attendee-report.csv", webinar_csv(ROWS))]
RUNNING = "Another import of this file is running"


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=True):
        yield


@pytest.fixture
def event(db, dana):
    event = finished_event()
    register(event, dana)
    return event


@pytest.fixture
def lost_the_race(event, monkeypatch):
    """Someone else's import of the files committed just after this one's "already imported?"
    check had answered no."""
    import_attendance(event, FILES)
    real = importing._already_imported
    calls: list[object] = []

    def check(*args: object, **kwargs: object) -> bool:
        calls.append(args)
        return False if len(calls) == 1 else real(*args, **kwargs)

    monkeypatch.setattr(importing, "_already_imported", check)


def test_the_loser_gets_import_in_progress_and_nothing_is_stored_twice(event, lost_the_race):
    rows = Connection.objects.count()

    with pytest.raises(DomainError) as caught:
        import_attendance(event, FILES)

    assert caught.value.code == "import_in_progress"
    assert RUNNING in caught.value.message
    assert AttendanceImport.objects.count() == 1
    assert Connection.objects.count() == rows
    # Nothing is left broken: the same files import (as "already imported") afterwards.
    assert import_attendance(event, FILES).already_imported


def test_the_api_answers_409(event, client, sam_staff, lost_the_race):
    client.force_login(sam_staff)
    upload = SimpleUploadedFile("attendee-report.csv", FILES[0][1], content_type="text/csv")
    response = client.post(
        f"/api/v1/staff/events/{event.slug}/attendance/imports", {"files": [upload]}
    )
    assert response.status_code == 409
    assert response.json()["code"] == "import_in_progress"
    assert AttendanceImport.objects.count() == 1


def test_the_staff_page_says_so(event, staff, sam_staff, lost_the_race):
    summary = importing.preview_import(event, FILES)
    staged = stage(event, sam_staff, FILES, time_zone="", summary=summary)
    response = staff.post(url("staff_confirm", event, staged.token), follow=True)
    assert response.status_code == 200
    assert RUNNING in page_text(response)
    assert AttendanceImport.objects.count() == 1


def test_the_command_exits_non_zero_with_the_message(event, tmp_path: Path, lost_the_race):
    report = tmp_path / "attendee-report.csv"
    report.write_bytes(FILES[0][1])
    with pytest.raises(CommandError, match=RUNNING):
        call_command("import_attendance", event.slug, str(report))
    assert AttendanceImport.objects.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite serialises writers")
@pytest.mark.django_db(transaction=True)
def test_two_real_imports_at_once_on_postgresql(dana, monkeypatch):
    event = finished_event()
    register(event, dana)
    both_checked = threading.Barrier(2, timeout=20)
    real = importing._already_imported

    def check_then_wait(*args, **kwargs):
        answer = real(*args, **kwargs)
        both_checked.wait()  # both have looked before either has stored anything
        return answer

    monkeypatch.setattr(importing, "_already_imported", check_then_wait)
    outcomes: list[object] = []

    def run() -> None:
        try:
            outcomes.append(import_attendance(event, FILES))
        except DomainError as exc:
            outcomes.append(exc.code)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=run) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert len(outcomes) == 2
    assert outcomes.count("import_in_progress") == 1
    stored = AttendanceImport.objects.get(event=event)
    assert Connection.objects.filter(event=event).count() == stored.rows_added > 0
