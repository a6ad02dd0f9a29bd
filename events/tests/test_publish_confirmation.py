"""Publishing asks for confirmation and the disclosures; the public page states the policies."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.urls import reverse

from events.models import Event
from events.tests.test_staff_support import NOW, with_event_permissions
from tests.factories import EventFactory

START = dt.datetime(2026, 3, 12, 17, 0, tzinfo=dt.UTC)


@pytest.fixture(autouse=True)
def frozen_now():
    with time_machine.travel(NOW, tick=False):
        yield


@pytest.fixture
def staff(client, sam_staff):
    client.force_login(with_event_permissions(sam_staff))
    return sam_staff


@pytest.fixture
def draft(db):
    return EventFactory(
        status=Event.DRAFT, published_at=None, start=START, end=START + dt.timedelta(hours=2)
    )


def publish_url(event):
    return reverse("staff:event_publish", args=[event.slug])


def test_opening_publish_shows_a_summary_and_does_not_publish(client, staff, draft):
    response = client.get(publish_url(draft))

    html = response.content.decode()
    assert response.status_code == 200
    assert "appears in the public catalog" in html
    assert "Nobody is emailed now" in html
    assert Event.NO_COMMERCIAL_SUPPORT in html
    draft.refresh_from_db()
    assert draft.status == Event.DRAFT


def test_a_post_without_confirming_does_not_publish(client, staff, draft):
    response = client.post(publish_url(draft), {"commercial_support": "none", "conflicts": "none"})

    assert response.status_code == 200
    draft.refresh_from_db()
    assert draft.status == Event.DRAFT


def test_confirming_without_stating_the_disclosures_is_refused_plainly(client, staff, draft):
    response = client.post(publish_url(draft), {"confirm": "yes"})

    assert response.status_code == 200
    assert "Say whether this program received commercial support." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Event.DRAFT


def test_stated_support_needs_a_description(client, staff, draft):
    data = {"confirm": "yes", "commercial_support": "stated", "conflicts": "none"}
    response = client.post(publish_url(draft), data)

    assert "Describe it: attendees must be told." in response.content.decode()
    draft.refresh_from_db()
    assert draft.status == Event.DRAFT


def test_the_confirmed_post_publishes_with_the_stated_disclosures(client, staff, draft):
    data = {
        "confirm": "yes",
        "commercial_support": "none",
        "conflicts": "stated",
        "conflicts_text": "Dr. Ruiz receives royalties from the workbook used.",
    }
    response = client.post(publish_url(draft), data)

    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == Event.PUBLISHED
    assert draft.commercial_support == Event.NO_COMMERCIAL_SUPPORT
    assert draft.conflicts_of_interest == "Dr. Ruiz receives royalties from the workbook used."
    page = client.get(draft.get_absolute_url()).content.decode()
    assert "Before you register" in page
    assert "royalties from the workbook" in page


def test_the_public_page_states_cost_level_policies_and_never_invents_disclosures(client, db):
    event = EventFactory(
        instructional_level=Event.INTERMEDIATE,
        accommodations_contact="access@example.org",
        grievance_policy="Write to complaints@example.org.",
    )

    html = client.get(event.get_absolute_url()).content.decode()

    assert "Before you register" in html
    assert "Free" in html
    assert "Intermediate" in html
    assert "access@example.org" in html
    assert "complaints@example.org" in html
    assert Event.STANDARD_CANCELLATION_POLICY in html
    assert Event.NO_COMMERCIAL_SUPPORT not in html
    assert Event.NO_CONFLICTS not in html


def test_staff_set_the_level_and_policies_in_the_event_form(client, staff):
    event = EventFactory(start=START, end=START + dt.timedelta(hours=2))
    form = client.get(reverse("staff:event_edit", args=[event.slug])).content.decode()
    assert "Instructional level" in form and "Accessibility requests contact" in form


def test_the_event_form_opens_with_a_summary_of_its_sections(client, staff):
    html = client.get(reverse("staff:event_new")).content.decode()
    summary = html[html.index("Sections of this form") : html.index('id="event-form"')]
    assert 'href="#presenters-heading"' in summary and 'href="#policies-heading"' in summary
