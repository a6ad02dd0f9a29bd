"""Pulling Zoom's participant reports after an event, retrying while they are not ready."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from attendance.models import Connection, Decision, StaffAlert
from attendance.tasks import collect_now
from meetings.tests.conftest import END, START
from meetings.zoom.models import ZoomReportPull
from meetings.zoom.reports import GIVE_UP_AFTER_END
from tests.factories import EventFactory, RegistrationFactory

WEBINAR = "81200000001"


def collect(event) -> str:
    """One collection through the provider port, as the task runs it; its log line."""
    return collect_now(event).outcome


def row(registration, join: str, leave: str, **extra) -> dict:
    return {
        "id": "",
        "user_id": extra.pop("user_id", "16778240"),
        "name": registration.name,
        "user_email": registration.email,
        "join_time": join,
        "leave_time": leave,
        "duration": 0,
        "registrant_id": registration.provider_registrant_id,
        "status": "in_meeting",
        **extra,
    }


@pytest.fixture
def event(db, zoom):
    return EventFactory(
        start=START,
        end=END,
        meeting_provider="zoom",
        provider_meeting_id=WEBINAR,
        advertised_hours=2,
    )


@pytest.fixture
def dana_registration(event, dana):
    return RegistrationFactory(event=event, user=dana, provider_registrant_id="regdana")


@pytest.fixture
def omar_registration(event, omar):
    return RegistrationFactory(event=event, user=omar, provider_registrant_id="regomar")


def test_every_instance_in_the_window_is_imported_and_decided(
    event, zoom, dana_registration, omar_registration
):
    # The host restarted the webinar at 19:00: two instances, Dana in both.
    zoom.add_instance(
        WEBINAR,
        "/first+instance==",
        "2026-01-15T17:55:00Z",
        [
            row(dana_registration, "2026-01-15T17:58:00Z", "2026-01-15T19:00:00Z"),
            row(omar_registration, "2026-01-15T18:30:00Z", "2026-01-15T19:00:00Z"),
        ],
    )
    zoom.add_instance(
        WEBINAR,
        "second//instance==",
        "2026-01-15T19:00:00Z",
        [row(dana_registration, "2026-01-15T19:00:00Z", "2026-01-15T20:05:00Z")],
    )
    # A test run the day before belongs to no one's attendance.
    zoom.add_instance(WEBINAR, "rehearsal==", "2026-01-14T18:00:00Z", [])
    with time_machine.travel(END + dt.timedelta(minutes=40), tick=False):
        outcome = collect(event)
    assert outcome.startswith("imported")
    assert Connection.objects.filter(event=event).count() == 3
    dana_decision = Decision.objects.get(registration=dana_registration, is_current=True)
    omar_decision = Decision.objects.get(registration=omar_registration, is_current=True)
    assert dana_decision.outcome == Decision.ELIGIBLE
    assert omar_decision.outcome == Decision.NOT_ELIGIBLE
    pull = ZoomReportPull.objects.get(event=event)
    assert pull.status == ZoomReportPull.IMPORTED
    assert [i["uuid"] for i in pull.instances] == ["/first+instance==", "second//instance=="]


def test_pulling_the_same_reports_again_changes_nothing(event, zoom, dana_registration):
    zoom.add_instance(
        WEBINAR,
        "only==",
        "2026-01-15T18:00:00Z",
        [row(dana_registration, "2026-01-15T18:00:00Z", "2026-01-15T20:00:00Z")],
    )
    with time_machine.travel(END + dt.timedelta(minutes=40), tick=False):
        collect(event)
        collect(event)
    assert Connection.objects.filter(event=event).count() == 1
    assert event.attendance_imports.count() == 1


def test_a_report_that_is_not_ready_is_tried_again_later(event, zoom, dana_registration, run_tasks):
    zoom.add_instance(
        WEBINAR,
        "late==",
        "2026-01-15T18:00:00Z",
        [row(dana_registration, "2026-01-15T18:00:00Z", "2026-01-15T20:00:00Z")],
    )
    zoom.not_ready.add("late==")
    with time_machine.travel(END + dt.timedelta(minutes=5), tick=False):
        outcome = collect(event)
    assert outcome.startswith("Zoom's report is not ready yet")
    pull = ZoomReportPull.objects.get(event=event)
    assert pull.status == ZoomReportPull.NOT_READY
    assert pull.next_attempt_at == END + dt.timedelta(minutes=10)
    zoom.not_ready.clear()
    with time_machine.travel(pull.next_attempt_at + dt.timedelta(seconds=1), tick=False):
        run_tasks()
    pull.refresh_from_db()
    assert pull.status == ZoomReportPull.IMPORTED
    assert Decision.objects.get(registration=dana_registration).outcome == Decision.ELIGIBLE


def test_no_instance_yet_counts_as_not_ready(event, zoom, dana_registration):
    with time_machine.travel(END + dt.timedelta(minutes=5), tick=False):
        collect(event)
    assert ZoomReportPull.objects.get(event=event).status == ZoomReportPull.NOT_READY


def test_staff_are_alerted_when_the_report_never_arrives(
    event, zoom, dana_registration, sam_staff, mailoutbox
):
    zoom.add_instance(WEBINAR, "never==", "2026-01-15T18:00:00Z", [])
    zoom.not_ready.add("never==")
    with time_machine.travel(END + GIVE_UP_AFTER_END + dt.timedelta(minutes=1), tick=False):
        outcome = collect(event)
        collect(event)  # a straggling retry alerts nobody twice
    assert "alerted 1 staff" in outcome
    assert ZoomReportPull.objects.get(event=event).status == ZoomReportPull.GAVE_UP
    assert StaffAlert.objects.filter(event=event, kind=StaffAlert.NO_ATTENDANCE_DATA).count() == 1
    assert [m.to for m in mailoutbox] == [[sam_staff.email]]


def test_staff_can_pull_again_from_the_attendance_page(
    event, zoom, dana_registration, sam_staff, client
):
    zoom.add_instance(
        WEBINAR,
        "repull==",
        "2026-01-15T18:00:00Z",
        [row(dana_registration, "2026-01-15T18:00:00Z", "2026-01-15T20:00:00Z")],
    )
    client.force_login(sam_staff)
    with time_machine.travel(END + dt.timedelta(hours=6), tick=False):
        response = client.post(reverse("attendance:staff_collect", args=[event.slug]), follow=True)
    assert "new connection row from Zoom&#x27;s participant reports" in response.content.decode()
    assert Decision.objects.get(registration=dana_registration).outcome == Decision.ELIGIBLE
    page = client.get(reverse("attendance:staff_page", args=[event.slug])).content.decode()
    assert "Pull the reports from Zoom now" in page


def test_attendees_cannot_pull_reports(event, dana, client):
    client.force_login(dana)
    response = client.post(reverse("attendance:staff_collect", args=[event.slug]))
    assert response.status_code in (302, 403)
    assert not ZoomReportPull.objects.filter(event=event).exists()
