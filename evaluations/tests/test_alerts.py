"""If no attendance data has been imported 20 hours after an event's end, staff are alerted by
email and on the staff dashboard, once; an import clears the alert."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core import mail
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from attendance.models import StaffAlert
from attendance.services.deciding import decide_event
from evaluations.models import Evaluation
from evaluations.tasks import check_attendance_arrived
from evaluations.tests.attendance_helpers import (
    END,
    START,
    connect,
    ended_event,
    register,
    run_at,
    sent_to,
)
from tests.factories import UserFactory
from tests.lifecycle import schedule_after_end

DUE = END + dt.timedelta(hours=20)


@pytest.fixture
def event(db, dana):
    """A webinar whose report staff upload by hand, with a registrant, scheduled before it ran."""
    with time_machine.travel(START - dt.timedelta(days=1), tick=False):
        event = ended_event(title="Motivational Interviewing")
        register(event, dana)
        schedule_after_end(event)
    return event


@pytest.fixture
def admin_user(db):
    return UserFactory(email="admin@example.com", is_superuser=True, is_staff=True)


def alerts_to(email: str) -> list:
    return sent_to(email, "no attendance data")


def test_no_data_20_hours_after_the_end_alerts_every_staff_member_once(
    event, sam_staff, admin_user, dana, run_tasks
):
    run_at(DUE, run_tasks)
    run_at(DUE + dt.timedelta(hours=1), run_tasks)
    with time_machine.travel(DUE + dt.timedelta(hours=2), tick=False):
        check_attendance_arrived.call(event.pk)

    assert StaffAlert.objects.get().event == event
    assert len(alerts_to("sam@example.com")) == 1
    assert len(alerts_to("admin@example.com")) == 1
    assert alerts_to("dana@example.com") == []
    [email] = alerts_to("sam@example.com")
    assert email.subject == "Action needed: no attendance data for Motivational Interviewing"
    assert reverse("attendance:staff_page", args=[event.slug]) in email.body


def test_nothing_is_raised_before_20_hours_have_passed(event, sam_staff, run_tasks):
    run_at(DUE - dt.timedelta(minutes=1), run_tasks)
    with time_machine.travel(DUE - dt.timedelta(minutes=1), tick=False):
        check_attendance_arrived.call(event.pk)

    assert not StaffAlert.objects.exists()
    assert mail.outbox == []


def test_with_an_import_there_is_no_alert(event, dana, sam_staff, run_tasks):
    connect(event, event.registrations.get())

    run_at(DUE, run_tasks)

    assert not StaffAlert.objects.exists()
    assert alerts_to("sam@example.com") == []


def test_an_event_nobody_registered_for_raises_no_alert(sam_staff, run_tasks):
    with time_machine.travel(START - dt.timedelta(days=1), tick=False):
        event = ended_event()
        schedule_after_end(event)

    run_at(DUE, run_tasks)

    assert not StaffAlert.objects.exists()


def test_the_alert_shows_on_the_staff_dashboard_with_a_link_to_the_attendance_page(
    event, sam_staff, client, run_tasks
):
    run_at(DUE, run_tasks)
    client.force_login(sam_staff)

    page = client.get(reverse("staff:dashboard")).content.decode()

    assert "No attendance data yet" in page
    assert f'href="{reverse("attendance:staff_page", args=[event.slug])}#import-heading"' in page


def test_an_import_after_the_alert_resolves_it_and_issues_the_evaluations(
    event, sam_staff, client, run_tasks
):
    run_at(DUE, run_tasks)
    imported = DUE + dt.timedelta(hours=1)
    with time_machine.travel(imported, tick=False):
        connect(event, event.registrations.get())
        decide_event(event)
        run_tasks()

    assert StaffAlert.objects.get().resolved_at == imported
    assert Evaluation.objects.get().issued_at - END < dt.timedelta(hours=24)
    client.force_login(sam_staff)
    assert "No attendance data yet" not in client.get(reverse("staff:dashboard")).content.decode()


def test_the_check_issues_evaluations_a_failed_sync_missed(event, dana):
    connect(event, event.registrations.get())
    with time_machine.travel(END + dt.timedelta(minutes=5), tick=False):
        decide_event(event)
    DBTaskResult.objects.filter(task_path__endswith="sync_evaluations").delete()

    with time_machine.travel(DUE, tick=False):
        check_attendance_arrived.call(event.pk)

    assert Evaluation.objects.get().registration.user == dana


def test_a_moved_event_is_checked_20_hours_after_its_new_end(event, sam_staff, run_tasks):
    with time_machine.travel(START - dt.timedelta(hours=12), tick=False):
        event.start += dt.timedelta(days=1)
        event.end += dt.timedelta(days=1)
        event.save()
        schedule_after_end(event)

    run_at(DUE, run_tasks)
    assert not StaffAlert.objects.exists()

    run_at(DUE + dt.timedelta(days=1), run_tasks)
    assert StaffAlert.objects.count() == 1
