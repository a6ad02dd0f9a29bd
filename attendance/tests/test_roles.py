"""Roles: a registrant's rows count for them whatever section Zoom put them in (an attendee
promoted to panelist keeps their attendance); the event's presenters and hosts are credited
only when they also registered and staff chose so."""

from __future__ import annotations

import pytest
import time_machine

from attendance.models import Decision
from attendance.services.importing import import_attendance
from attendance.tests.view_helpers import AFTER, finished_event, register
from events.models import EventPresenter, Presenter

DAY = "Dec 8, 2026"
HEADER = [
    "Attendee Report,,,,,,,,,,,,",
    f'Report Generated:,"{DAY} 2:10 PM",,,,,,,,,,,',
    "Topic,Webinar ID,Actual Start Time,Actual Duration (minutes),# Registered,"
    "# Cancelled,Unique Viewers,Total Users,Max Concurrent Views,,,,",
    f'Trauma-Informed Care,847 5984 1045,"{DAY} 9:58 AM",182,3,0,2,3,2,,,,',
    "Host Details,,,,,,,,,,,,",
    "Attended,User Name (Original Name),Email,Join Time,Leave Time,"
    "Time in Session (minutes),Is Guest,Country/Region Name,,,,,",
]


def report(hosts=(), panelists=(), attendees=()) -> bytes:
    """A webinar Attendee Report with rows (name, email, join, leave) in each section."""
    lines = list(HEADER)
    for name, address, join, leave in hosts:
        lines.append(f'Yes,{name},{address},"{DAY} {join}","{DAY} {leave}",1,No,United States,,,,,')
    lines += [
        "Panelist Details,,,,,,,,,,,,",
        "Attended,User Name (Original Name),Email,Join Time,Leave Time,"
        "Time in Session (minutes),Is Guest,Country/Region Name,,,,,",
    ]
    for name, address, join, leave in panelists:
        lines.append(f'Yes,{name},{address},"{DAY} {join}","{DAY} {leave}",1,No,United States,,,,,')
    lines += [
        "Attendee Details,,,,,,,,,,,,",
        "Attended,User Name (Original Name),First Name,Last Name,Email,Phone,"
        "Registration Time,Approval Status,Join Time,Leave Time,Time in Session (minutes),"
        "Is Guest,Country/Region Name",
    ]
    for name, address, join, leave in attendees:
        first, _, last = name.partition(" ")
        lines.append(
            f'Yes,{name},{first},{last},{address},,"{DAY} 08:00:00",approved,'
            f'"{DAY} {join}","{DAY} {leave}",1,No,United States'
        )
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture(autouse=True)
def after_the_event():
    with time_machine.travel(AFTER, tick=True):
        yield


@pytest.fixture
def event(db):
    event = finished_event()
    presenter = Presenter.objects.create(name="Maya Chen", credentials="PhD")
    EventPresenter.objects.create(event=event, presenter=presenter)
    return event


def outcome(registration) -> str:
    return Decision.objects.get(registration=registration, is_current=True).outcome


def test_an_attendee_promoted_to_panelist_keeps_their_attendance(event, dana):
    """As observed: the promotion moved all of the attendee's rows to the panelist section,
    and the attendee lost their credit."""
    registration = register(event, dana)
    content = report(
        panelists=[("Dana Whitfield", dana.email, "09:58:00", "11:30:00")],
        attendees=[("Dana Whitfield", dana.email, "11:30:00", "13:01:00")],
    )
    import_attendance(event, [("attendee-report.csv", content)])
    assert outcome(registration) == Decision.ELIGIBLE


def test_a_presenter_who_registered_is_credited_only_when_staff_choose_so(event):
    from tests.factories import UserFactory

    maya = UserFactory(email="maya@example.com", legal_first_name="Maya", legal_last_name="Chen")
    registration = register(event, maya)
    content = report(panelists=[("Maya Chen", "maya@example.com", "09:50:00", "13:05:00")])
    import_attendance(event, [("attendee-report.csv", content)])
    assert outcome(registration) == Decision.NOT_ELIGIBLE

    event.credit_registered_presenters = True
    event.save()
    from attendance.services.deciding import decide_event

    decide_event(event)
    assert outcome(registration) == Decision.ELIGIBLE


def test_a_host_who_registered_is_not_credited_by_default(event, omar):
    registration = register(event, omar)
    content = report(hosts=[("Omar Haddad", omar.email, "09:50:00", "13:05:00")])
    import_attendance(event, [("attendee-report.csv", content)])
    assert outcome(registration) == Decision.NOT_ELIGIBLE


def test_the_report_lists_presenters_and_hosts_with_their_time(event, dana):
    from attendance.report import attendance_report

    register(event, dana)
    content = report(
        hosts=[("Host Person", "host@example.com", "09:50:00", "13:05:00")],
        panelists=[
            ("Maya Chen", "maya@example.com", "09:55:00", "11:00:00"),
            ("Maya Chen", "maya@example.com", "11:10:00", "12:00:00"),
            ("Dana Whitfield", dana.email, "12:00:00", "12:30:00"),
        ],
        attendees=[("Dana Whitfield", dana.email, "09:58:00", "13:01:00")],
    )
    import_attendance(event, [("attendee-report.csv", content)])
    listed = {p["email"]: p for p in attendance_report(event)["presenters_and_hosts"]}
    assert listed["host@example.com"]["roles"] == ["host"]
    assert listed["host@example.com"]["seconds_in_window"] == 3 * 3600
    assert listed["maya@example.com"]["seconds_in_window"] == (60 + 50) * 60
    assert listed["maya@example.com"]["registration_id"] is None
    assert listed[dana.email]["registration_id"] is not None  # promoted for a question


def test_staff_see_hosts_and_presenters_and_choose_to_credit_them(client, event, sam_staff):
    from django.urls import reverse

    from core.models import AuditEntry
    from tests.factories import UserFactory

    maya = UserFactory(email="maya@example.com", legal_first_name="Maya", legal_last_name="Chen")
    registration = register(event, maya)
    content = report(panelists=[("Maya Chen", "maya@example.com", "09:50:00", "13:05:00")])
    import_attendance(event, [("attendee-report.csv", content)])
    client.force_login(sam_staff)
    page = client.get(reverse("attendance:staff_page", args=[event.slug])).content.decode()
    assert "Hosts and presenters" in page and "maya@example.com" in page
    assert "3 h" in page

    client.post(reverse("attendance:staff_credit_presenters", args=[event.slug]), {"credit": "yes"})
    assert outcome(registration) == Decision.ELIGIBLE
    entry = AuditEntry.objects.get(action="attendance.presenters_credit_changed")
    assert entry.actor == sam_staff and entry.data == {"credit": True}
