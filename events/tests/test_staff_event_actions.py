"""The events list, each event's overview, and publishing, cancelling and duplicating."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import NoReverseMatch, reverse

from core.models import AuditEntry
from events.models import Break, Event, EventApproval, Registration
from events.staff import views
from events.tests.test_staff_support import NOW, with_event_permissions
from licensing.models import ApprovalBody
from tests.factories import EventFactory, RegistrationFactory

UTC = dt.UTC
START = dt.datetime(2026, 3, 12, 17, 0, tzinfo=UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def staff(client, sam_staff):
    user = with_event_permissions(sam_staff)
    client.force_login(user)
    return user


def draft(**kwargs):
    kwargs.setdefault("start", START)
    kwargs.setdefault("end", START + dt.timedelta(hours=2))
    return EventFactory(status=Event.DRAFT, published_at=None, meeting_provider="", **kwargs)


CONFIRMED = {"confirm": "yes", "commercial_support": "none", "conflicts": "none"}


def manage_url(event):
    return reverse("staff:event_manage", args=[event.slug])


def test_the_list_shows_every_status_latest_start_first_with_counts(client, staff):
    early = EventFactory(title="Early", start=START, end=START + dt.timedelta(hours=2))
    week, day = START + dt.timedelta(days=7), START + dt.timedelta(days=1)
    late = draft(title="Late", start=week, end=week + dt.timedelta(hours=2))
    gone = EventFactory(
        title="Gone", status=Event.CANCELLED, start=day, end=day + dt.timedelta(hours=2)
    )
    RegistrationFactory.create_batch(2, event=early)
    RegistrationFactory(event=early, status=Registration.WAITLISTED)
    RegistrationFactory(event=early, status=Registration.CANCELLED)

    response = client.get(reverse("staff:events"))

    listed = list(response.context["page"].object_list)
    assert listed == [late, gone, early]
    assert (listed[2].registered_count, listed[2].waitlisted_count) == (2, 1)
    html = response.content.decode()
    assert "Mar 12, 2026, 1:00 PM EDT" in html  # the viewer's (New York) zone, abbreviated
    assert "Draft" in html and "Cancelled" in html and "Published" in html


def test_the_list_filters_by_status_and_searches_titles(client, staff):
    EventFactory(title="Ethics for Supervisors")
    draft(title="Ethics in Telehealth")
    EventFactory(title="Motivational Interviewing")

    by_status = client.get(reverse("staff:events"), {"status": "draft"})
    by_title = client.get(reverse("staff:events"), {"q": "ethics"})

    assert [e.title for e in by_status.context["page"]] == ["Ethics in Telehealth"]
    assert sorted(e.title for e in by_title.context["page"]) == [
        "Ethics for Supervisors",
        "Ethics in Telehealth",
    ]


def test_the_list_takes_the_same_number_of_queries_for_more_events(client, staff):
    RegistrationFactory(event=EventFactory())

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("staff:events")).status_code == 200
        return len(captured)

    few = queries()
    for _ in range(4):
        RegistrationFactory(event=EventFactory())
    assert queries() == few


def test_the_overview_shows_the_schedule_in_the_events_zone_and_the_viewers(client, staff):
    staff.time_zone = "America/Los_Angeles"
    staff.save()
    event = EventFactory(start=START, end=START + dt.timedelta(hours=2))
    Break.objects.create(
        event=event, start=START + dt.timedelta(hours=1),
        end=START + dt.timedelta(hours=1, minutes=10), label="Stretch",
    )  # fmt: skip

    html = client.get(manage_url(event)).content.decode()

    assert "Mar 12, 2026, 1:00 PM EDT – Mar 12, 2026, 3:00 PM EDT" in html
    assert "Mar 12, 2026, 10:00 AM PDT – Mar 12, 2026, 12:00 PM PDT" in html
    assert "Mar 12, 2026, 2:00 PM EDT – Mar 12, 2026, 2:10 PM EDT" in html
    assert "Mar 12, 2026, 11:00 AM PDT – Mar 12, 2026, 11:10 AM PDT" in html
    assert "1 h 50 min" in html  # instructional time


def test_the_overview_lists_approved_and_not_approved_bodies_plainly(client, staff):
    event = EventFactory(approvals=["APA"])
    EventApproval.objects.create(
        event=event,
        body=ApprovalBody.objects.get(code="NBCC"),
        approved=False,
        statement="Counselors: this program is not NBCC approved.",
    )
    RegistrationFactory.create_batch(3, event=event)
    RegistrationFactory(event=event, status=Registration.WAITLISTED)

    response = client.get(manage_url(event))

    html = response.content.decode()
    assert "American Psychological Association" in html
    assert "Not approved" in html
    assert "Counselors: this program is not NBCC approved." in html
    assert response.context["counts"] == {"registered": 3, "waitlisted": 1, "cancelled": 0}


def test_publishing_a_draft_with_an_approval_publishes_it(client, staff):
    event = draft()

    response = client.post(
        reverse("staff:event_publish", args=[event.slug]), CONFIRMED, follow=True
    )

    event.refresh_from_db()
    assert event.status == Event.PUBLISHED
    assert event.published_at == NOW
    assert "is published" in response.content.decode()
    assert AuditEntry.objects.filter(action="event.published").exists()


def test_publishing_without_an_approval_is_refused_with_the_reason(client, staff):
    event = draft(approvals=[])

    response = client.post(
        reverse("staff:event_publish", args=[event.slug]), CONFIRMED, follow=True
    )

    event.refresh_from_db()
    assert event.status == Event.DRAFT
    assert (
        "Record at least one accrediting body&#x27;s approval before publishing"
        in response.content.decode()
    )


def test_publishing_with_only_a_not_approved_row_is_refused(client, staff):
    event = draft(approvals=[])
    EventApproval.objects.create(
        event=event, body=ApprovalBody.objects.get(code="APA"), approved=False
    )

    client.post(reverse("staff:event_publish", args=[event.slug]), CONFIRMED)

    event.refresh_from_db()
    assert event.status == Event.DRAFT


def test_cancelling_requires_a_reason(client, staff):
    event = EventFactory()

    response = client.post(reverse("staff:event_cancel", args=[event.slug]), {"reason": "  "})

    event.refresh_from_db()
    assert event.status == Event.PUBLISHED
    assert response.context["cancel_form"].errors["reason"] == [
        "Say why the event is cancelled: attendees are told."
    ]
    assert 'id="id_reason_errors"' in response.content.decode()


def test_cancelling_with_a_reason_cancels_and_says_registrants_are_emailed(client, staff):
    event = EventFactory()
    RegistrationFactory(event=event)

    response = client.post(
        reverse("staff:event_cancel", args=[event.slug]),
        {"reason": "The presenter is ill."},
        follow=True,
    )

    event.refresh_from_db()
    assert event.status == Event.CANCELLED
    assert event.cancel_reason == "The presenter is ill."
    html = response.content.decode()
    assert "being emailed your reason" in html
    assert "Cancel the event" not in html  # the form is gone once cancelled


def test_duplicating_makes_a_draft_copy_and_opens_its_edit_page(client, staff):
    event = EventFactory(title="Ethics Refresher", categories=["law_ethics"])
    Break.objects.create(
        event=event, start=event.start + dt.timedelta(hours=1),
        end=event.start + dt.timedelta(hours=1, minutes=10),
    )  # fmt: skip

    response = client.post(reverse("staff:event_duplicate", args=[event.slug]))

    copy = Event.objects.exclude(pk=event.pk).get()
    assert response.status_code == 302
    assert response["Location"] == reverse("staff:event_edit", args=[copy.slug])
    assert copy.status == Event.DRAFT
    assert copy.title == "Ethics Refresher (copy)"
    assert copy.program == event.program
    assert [c.code for c in copy.categories.all()] == ["law_ethics"]
    assert copy.breaks.count() == 1
    assert sorted(a.body.code for a in copy.approvals.all()) == ["APA", "ASWB_ACE"]


def test_the_overview_links_the_public_page_once_it_exists(client, staff, monkeypatch):
    event = EventFactory()
    monkeypatch.setattr(views, "reverse", lambda name, args: f"/events/{args[0]}/")

    html = client.get(manage_url(event)).content.decode()

    assert f'href="/events/{event.slug}/"' in html


def test_the_overview_says_so_while_there_is_no_public_page(client, staff, monkeypatch):
    def no_route(name, args):
        raise NoReverseMatch(name)

    event = EventFactory()
    monkeypatch.setattr(views, "reverse", no_route)

    assert "Not available yet." in client.get(manage_url(event)).content.decode()
