"""The meeting-provider port: a provider FullCredit has never heard of works end to end once
its adapter is listed in `meetings.providers.PROVIDERS` — events, attendance and evaluations
only talk to the port."""

from __future__ import annotations

import datetime as dt
from typing import ClassVar

import pytest
import time_machine
from django_tasks_db.models import DBTaskResult

from attendance.models import Connection, Decision, StaffAlert
from attendance.tasks import collect_now
from events.services.publishing import publish_event
from events.services.registration import cancel_registration, register_attendee
from meetings import providers
from meetings.providers import (
    CollectedAttendance,
    ImportedCounts,
    NotCollected,
    ProviderMeeting,
    ProviderRegistrant,
    RowShape,
    StaffPanel,
)
from tests.factories import EventFactory

START = dt.datetime(2026, 3, 2, 17, 0, tzinfo=dt.UTC)
END = START + dt.timedelta(hours=1)


class NotebookProvider:
    """A provider that keeps everything in memory and answers at once."""

    name = "notebook"
    registers_instantly = True
    calls: ClassVar[list[str]] = []
    answer: ClassVar[CollectedAttendance | NotCollected | None] = None
    imported: ClassVar[list[ImportedCounts]] = []

    def create_webinar(self, event):
        self.calls.append(f"create {event.slug}")
        return ProviderMeeting(meeting_id="nb-1", data={})

    def update_webinar(self, event):
        self.calls.append(f"update {event.slug}")

    def cancel_webinar(self, event):
        self.calls.append(f"cancel {event.slug}")

    def register(self, registration):
        self.calls.append(f"register {registration.email}")
        return ProviderRegistrant(registrant_id="nb-r1", join_url="https://notebook.test/j/1")

    def cancel_registration(self, registration):
        self.calls.append(f"unregister {registration.email}")

    def collect_attendance(self, event):
        return self.answer

    def attendance_imported(self, event, counts):
        self.imported.append(counts)
        return f"{counts.new_rows} new"

    def attendance_not_imported(self, event, reason):
        return NotCollected(reason)

    def staff_panel(self, event):
        return StaffPanel(heading="From the notebook", button="Read the notebook now")


@pytest.fixture
def notebook(monkeypatch, settings):
    monkeypatch.setitem(providers.PROVIDERS, "notebook", f"{__name__}.NotebookProvider")
    settings.MEETING_PROVIDER = "notebook"
    NotebookProvider.calls = []
    NotebookProvider.imported = []
    NotebookProvider.answer = None
    return NotebookProvider


@pytest.fixture
def event(db, sam_staff):
    with time_machine.travel(START - dt.timedelta(days=3), tick=False):
        draft = EventFactory(
            start=START, end=END, advertised_hours=1, status="draft", meeting_provider=""
        )
        return publish_event(draft, actor=sam_staff)


def row(registration, join: dt.datetime, leave: dt.datetime) -> dict:
    stamp = "%Y-%m-%dT%H:%M:%SZ"
    return {
        "id": "",
        "user_id": "1",
        "name": registration.name,
        "user_email": registration.email,
        "join_time": join.strftime(stamp),
        "leave_time": leave.strftime(stamp),
        "duration": int((leave - join).total_seconds()),
        "registrant_id": registration.provider_registrant_id,
        "status": "in_meeting",
    }


def test_events_reach_the_provider_only_through_the_port(notebook, event, dana, sam_staff):
    assert event.meeting_provider == "notebook"
    assert event.provider_meeting_id == "nb-1"
    with time_machine.travel(START - dt.timedelta(days=2), tick=False):
        registration = register_attendee(event, dana)
        assert registration.join_url == "https://notebook.test/j/1"
        cancel_registration(registration, actor=dana)
    assert notebook.calls == [f"create {event.slug}", "register dana@example.com"]
    # Cancelling tells the provider from a retried task, once the link was given.
    assert DBTaskResult.objects.filter(task_path="meetings.tasks.cancel_with_provider").count() == 1


def test_what_the_provider_recorded_is_imported_and_decided(notebook, event, dana):
    with time_machine.travel(START - dt.timedelta(days=2), tick=False):
        registration = register_attendee(event, dana)
    notebook.answer = CollectedAttendance(
        source="the notebook",
        rows=(row(registration, START - dt.timedelta(minutes=2), END + dt.timedelta(minutes=1)),),
        row_shape=RowShape.REPORT_API,
    )
    with time_machine.travel(END + dt.timedelta(minutes=10), tick=False):
        first = collect_now(event)
        again = collect_now(event)
    assert first.outcome == "imported: 1 new"
    assert again.outcome == "imported: 0 new"
    assert Connection.objects.filter(event=event).count() == 1
    assert Decision.objects.get(registration=registration, is_current=True).outcome == "eligible"
    assert [c.matched_people for c in notebook.imported] == [1, 1]


def test_not_ready_yet_asks_again_when_the_provider_says(notebook, event):
    later = END + dt.timedelta(minutes=45)
    notebook.answer = NotCollected("still writing it", retry_at=later)
    with time_machine.travel(END + dt.timedelta(minutes=10), tick=False):
        collection = collect_now(event)
    assert collection.outcome == "still writing it"
    queued = DBTaskResult.objects.filter(
        task_path="attendance.tasks.collect_attendance", run_after=later
    )
    assert queued.count() == 1


def test_a_provider_that_stops_trying_has_staff_alerted(notebook, event, dana, sam_staff):
    with time_machine.travel(START - dt.timedelta(days=2), tick=False):
        register_attendee(event, dana)
    notebook.answer = NotCollected("lost the notebook", alert_staff=True)
    with time_machine.travel(END + dt.timedelta(hours=5), tick=False):
        collection = collect_now(event)
    assert collection.outcome == "lost the notebook; alerted 1 staff"
    assert StaffAlert.objects.filter(event=event).count() == 1


def test_the_staff_page_shows_the_providers_panel_and_collects(notebook, event, sam_staff, client):
    from django.urls import reverse

    notebook.answer = NotCollected("nothing written yet")
    client.force_login(sam_staff)
    page = client.get(reverse("attendance:staff_page", args=[event.slug])).content.decode()
    assert "From the notebook" in page and "Read the notebook now" in page
    response = client.post(reverse("attendance:staff_collect", args=[event.slug]), follow=True)
    assert "Nothing was imported. Nothing written yet." in response.content.decode()
