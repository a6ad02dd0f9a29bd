"""Staff: creating, changing, publishing and cancelling events."""

from __future__ import annotations

import datetime as dt

import pytest

from core.models import AuditEntry
from events.models import Event
from tests.factories import EventFactory

START = dt.datetime(2027, 3, 10, 17, 0, tzinfo=dt.UTC)


def event_body(**changes):
    body = {
        "title": "Suicide Risk Assessment",
        "summary": "Screening and safety planning for outpatient clinicians.",
        "time_zone": "America/Chicago",
        "start": START.isoformat(),
        "end": (START + dt.timedelta(hours=3, minutes=15)).isoformat(),
        "advertised_hours": "3",
        "categories": ["general"],
        "breaks": [
            {
                "start": (START + dt.timedelta(minutes=90)).isoformat(),
                "end": (START + dt.timedelta(minutes=105)).isoformat(),
                "label": "Break",
            }
        ],
        "presenters": [{"name": "Maya Chen", "credentials": "PhD"}],
        "approvals": [{"body": "APA", "approval_number": "APA-1"}],
    }
    return {**body, **changes}


def test_staff_create_an_event_with_breaks_approvals_and_categories(staff_api):
    response = staff_api.post("staff/events", event_body())
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft"
    assert len(body["breaks"]) == 1 and body["breaks"][0]["label"] == "Break"
    assert [a["body"] for a in body["approvals"]] == ["APA"]
    assert body["categories"] == ["general"]
    assert body["presenters"] == [{"name": "Maya Chen", "credentials": "PhD"}]
    assert AuditEntry.objects.filter(action="event.created").exists()


def test_a_schedule_that_breaks_the_credit_rules_is_422(staff_api):
    response = staff_api.post("staff/events", event_body(advertised_hours="4"))
    assert response.status_code == 422
    assert response.json()["code"] == "schedule_invalid"
    assert response.json()["details"]


def test_a_naive_time_is_422(staff_api):
    response = staff_api.post("staff/events", event_body(start="2027-03-10T17:00:00"))
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "start"


def test_update_publish_and_cancel(staff_api):
    slug = staff_api.post("staff/events", event_body()).json()["slug"]
    updated = staff_api.put(f"staff/events/{slug}", event_body(title="Suicide Risk, Updated"))
    assert updated.json()["title"] == "Suicide Risk, Updated"
    published = staff_api.post(f"staff/events/{slug}/publish")
    assert published.status_code == 200 and published.json()["status"] == "published"
    refused = staff_api.post(f"staff/events/{slug}/cancel", {"reason": " "})
    assert refused.status_code == 422
    cancelled = staff_api.post(f"staff/events/{slug}/cancel", {"reason": "Presenter is ill."})
    assert cancelled.json()["status"] == "cancelled"
    assert cancelled.json()["cancel_reason"] == "Presenter is ill."


def test_publishing_without_an_approval_is_refused(staff_api):
    slug = staff_api.post("staff/events", event_body(approvals=[])).json()["slug"]
    response = staff_api.post(f"staff/events/{slug}/publish")
    assert response.status_code == 409
    assert response.json()["code"] == "no_approval"


def test_staff_list_drafts_too(staff_api):
    draft = EventFactory(status=Event.DRAFT, published_at=None)
    body = staff_api.get("staff/events", {"status": "draft"}).json()
    assert [e["slug"] for e in body["items"]] == [draft.slug]


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", "staff/events"),
        ("post", "staff/events"),
        ("post", "staff/events/some-event/publish"),
        ("post", "staff/events/some-event/cancel"),
    ],
)
def test_attendees_are_refused_staff_event_endpoints(dana_api, method, path):
    EventFactory(slug="some-event")
    call = getattr(dana_api, method)
    response = call(path, event_body()) if method == "post" else call(path)
    assert response.status_code == 403
