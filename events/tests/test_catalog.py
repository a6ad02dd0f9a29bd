import datetime as dt
import zoneinfo
from decimal import Decimal

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from events.models import Event, EventApproval, EventPresenter, Presenter
from licensing.models import ApprovalBody, Profession
from tests.factories import EventFactory

CATALOG = reverse("events:catalog")


def titles(response):
    return [event.title for event, _fits in response.context["listings"]]


def approve(event, code, professions, approved=True):
    approval = EventApproval.objects.create(
        event=event, body=ApprovalBody.objects.get(code=code), approved=approved
    )
    approval.professions.set(Profession.objects.filter(code__in=professions))
    return approval


def test_the_catalog_lists_upcoming_published_events_only(client, db):
    EventFactory(title="Upcoming")
    EventFactory(title="Draft", status=Event.DRAFT)
    EventFactory(title="Cancelled", status=Event.CANCELLED)
    past = dt.datetime(2020, 1, 1, 15, tzinfo=dt.UTC)
    EventFactory(title="Past", start=past, end=past + dt.timedelta(hours=2))
    assert titles(client.get(CATALOG)) == ["Upcoming"]


def test_an_event_in_progress_is_listed_as_live(client, db):
    now = dt.datetime.now(dt.UTC)
    EventFactory(
        title="Live", start=now - dt.timedelta(minutes=30), end=now + dt.timedelta(hours=1)
    )
    response = client.get(CATALOG)
    assert titles(response) == ["Live"]
    assert "live now" in response.content.decode()


def test_search_matches_title_summary_and_presenter(client, db):
    EventFactory(title="Motivational Interviewing")
    other = EventFactory(title="Grief Work")
    EventPresenter.objects.create(event=other, presenter=Presenter.objects.create(name="Ana Ruiz"))
    assert titles(client.get(CATALOG, {"q": "motivational"})) == ["Motivational Interviewing"]
    assert titles(client.get(CATALOG, {"q": "ruiz"})) == ["Grief Work"]


def test_filter_by_category_body_profession_and_hours(client, db):
    ethics = EventFactory(
        title="Ethics", categories=["law_ethics"], approvals=[], advertised_hours=Decimal("3")
    )
    approve(ethics, "NBCC", ["counseling"])
    general = EventFactory(
        title="General", categories=["general"], approvals=[], advertised_hours=Decimal("1.5")
    )
    approve(general, "APA", ["psychology"])
    assert titles(client.get(CATALOG, {"category": "law_ethics"})) == ["Ethics"]
    assert titles(client.get(CATALOG, {"body": "APA"})) == ["General"]
    assert titles(client.get(CATALOG, {"profession": "counseling"})) == ["Ethics"]
    assert titles(client.get(CATALOG, {"min_hours": "2"})) == ["Ethics"]
    assert titles(client.get(CATALOG, {"max_hours": "2"})) == ["General"]


def test_a_not_approved_row_never_counts_as_an_approval_in_filters(client, db):
    event = EventFactory(title="Only APA", approvals=[])
    approve(event, "APA", ["psychology"])
    approve(event, "NBCC", ["counseling"], approved=False)
    assert titles(client.get(CATALOG, {"profession": "counseling"})) == []
    html = client.get(CATALOG).content.decode()
    assert "Not approved by NBCC" in html


def test_filter_by_date_range_uses_the_viewers_calendar_days(client, dana):
    client.force_login(dana)
    la = zoneinfo.ZoneInfo("America/Los_Angeles")
    # 11 PM in Los Angeles on Dec 10 is already Dec 11 in UTC.
    late = dt.datetime(2030, 12, 10, 23, 0, tzinfo=la)
    EventFactory(title="Late evening", start=late, end=late + dt.timedelta(hours=2))
    assert titles(client.get(CATALOG, {"date_from": "2030-12-10", "date_to": "2030-12-10"})) == [
        "Late evening"
    ]
    assert titles(client.get(CATALOG, {"date_from": "2030-12-11"})) == []


def test_an_inverted_range_is_explained_and_not_applied(client, db):
    EventFactory(title="Any")
    response = client.get(CATALOG, {"min_hours": "3", "max_hours": "1"})
    assert "The maximum must not be less than the minimum." in response.content.decode()


def test_counts_for_my_licenses_uses_the_boards_accepted_bodies(client, dana):
    # Dana holds a California LCSW: the BBS accepts ASWB ACE and NBCC, but not NY SED. The
    # board's list decides, not the professions the accreditor approved the event for.
    social_work = EventFactory(title="ACE for social workers", approvals=[])
    approve(social_work, "ASWB_ACE", ["social_work"])
    counselors = EventFactory(title="NBCC for counselors", approvals=[])
    approve(counselors, "NBCC", ["counseling"])
    new_york = EventFactory(title="NY SED only", approvals=[])
    approve(new_york, "NY_SED", ["social_work"])
    client.force_login(dana)
    response = client.get(CATALOG, {"mine": "on"})
    assert titles(response) == ["ACE for social workers", "NBCC for counselors"]
    assert "Counts for your CA LCSW" in response.content.decode()


def test_each_listing_shows_the_time_in_the_viewers_zone(client, dana):
    start = dt.datetime(2030, 1, 15, 18, 0, tzinfo=dt.UTC)
    EventFactory(start=start, end=start + dt.timedelta(hours=2))
    client.force_login(dana)
    assert "Tuesday, January 15, 2030, 10:00 AM PST" in client.get(CATALOG).content.decode()


def test_the_catalog_is_paginated(client, db):
    EventFactory.create_batch(23)
    first = client.get(CATALOG)
    assert len(first.context["listings"]) == 20
    assert len(client.get(CATALOG, {"page": "2"}).context["listings"]) == 3


def _queries_for_catalog(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(CATALOG, {"mine": "on"})
    return len(response.context["listings"]), len(queries)


def test_listing_queries_do_not_grow_with_the_number_of_events(client, dana):
    client.force_login(dana)
    EventFactory.create_batch(3, categories=["general", "law_ethics"])
    shown, few = _queries_for_catalog(client)
    assert shown == 3
    EventFactory.create_batch(17, categories=["general", "law_ethics"])
    shown, many = _queries_for_catalog(client)
    assert shown == 20
    assert many == few


def test_an_event_in_progress_is_marked_registration_closed_and_an_open_one_is_not(client, db):
    now = dt.datetime.now(dt.UTC)
    EventFactory(
        title="Live", start=now - dt.timedelta(minutes=30), end=now + dt.timedelta(hours=1)
    )
    EventFactory(title="Later")

    html = client.get(CATALOG).content.decode()

    live_card = html[html.index(">Live<") : html.index(">Later<")]
    assert "Registration closed" in live_card
    assert "Registration closed" not in html[html.index(">Later<") :]
