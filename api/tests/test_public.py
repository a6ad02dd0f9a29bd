"""Public endpoints: the catalog with its filters, one event, verification, and IP limits."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.cache import cache

from certificates.models import Certificate
from events.models import Event
from tests.factories import EventFactory


@pytest.fixture(autouse=True)
def _fresh_limits():
    cache.clear()


def test_the_catalog_lists_published_upcoming_events_with_offsets(anonymous):
    listed = EventFactory(title="Trauma-Informed Care")
    EventFactory(status=Event.DRAFT, published_at=None)
    response = anonymous.get("events")
    assert response.status_code == 200
    body = response.json()
    assert [e["slug"] for e in body["items"]] == [listed.slug]
    assert body["next_cursor"] is None
    start = dt.datetime.fromisoformat(body["items"][0]["start"])
    assert start.utcoffset() is not None and start == listed.start
    assert body["items"][0]["advertised_hours"] == "2"
    assert {a["body"] for a in body["items"][0]["approvals"]} == {"APA", "ASWB_ACE"}


def test_the_catalog_uses_the_catalog_filters(anonymous):
    EventFactory(title="Ethics in Telehealth")
    EventFactory(title="Motivational Interviewing", approvals=["APA"])
    assert [e["title"] for e in anonymous.get("events", {"q": "telehealth"}).json()["items"]] == [
        "Ethics in Telehealth"
    ]
    by_body = anonymous.get("events", {"body": "ASWB_ACE"}).json()["items"]
    assert [e["title"] for e in by_body] == ["Ethics in Telehealth"]


def test_several_categories_match_any_of_them(anonymous):
    EventFactory(title="Ethics in Telehealth", categories=["law_ethics"])
    EventFactory(title="Suicide Risk Update", categories=["suicide_risk"])
    EventFactory(title="Motivational Interviewing", categories=["general"])
    response = anonymous.get("events", {"category": ["law_ethics", "suicide_risk"]})
    assert sorted(e["title"] for e in response.json()["items"]) == [
        "Ethics in Telehealth",
        "Suicide Risk Update",
    ]


def test_one_of_the_callers_licenses_narrows_the_catalog(dana, dana_api, anonymous):
    EventFactory(title="For social workers", approvals=["ASWB_ACE"])
    # Approved by New York's board alone, which a California LCSW's board does not accept.
    EventFactory(title="For New York only", approvals=["NY_SED"])
    ca = dana.licenses.get()
    response = dana_api.get("events", {"license": ca.pk})
    assert [e["title"] for e in response.json()["items"]] == ["For social workers"]
    # Someone else's license is not a choice; without a caller there are no licenses at all.
    assert dana_api.get("events", {"license": ca.pk + 999}).status_code == 422
    refused = anonymous.get("events", {"license": ca.pk})
    assert refused.status_code == 422
    assert refused.json()["code"] == "license_filter_needs_login"


def test_an_invalid_filter_is_422_with_field_details(anonymous):
    response = anonymous.get("events", {"min_hours": "3", "max_hours": "1"})
    assert response.status_code == 422
    body = response.json()
    assert body["code"] == "validation_error"
    assert [d["field"] for d in body["details"]] == ["max_hours"]


def test_a_malformed_parameter_is_422_naming_the_field(anonymous):
    response = anonymous.get("events", {"date_from": "not-a-date"})
    assert response.status_code == 422
    assert response.json()["details"][0]["field"] == "date_from"


def test_pages_follow_the_cursor_to_the_end(anonymous):
    slugs = {EventFactory().slug for _ in range(5)}
    seen, cursor = [], None
    while True:
        params = {"limit": 2, **({"cursor": cursor} if cursor else {})}
        body = anonymous.get("events", params).json()
        seen += [e["slug"] for e in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert sorted(seen) == sorted(slugs)


def test_a_forged_cursor_is_422(anonymous):
    response = anonymous.get("events", {"cursor": "bm9wZQ"})
    assert response.status_code == 422
    assert response.json()["code"] == "cursor_invalid"


def test_one_event_and_a_draft_that_does_not_exist(anonymous):
    event = EventFactory()
    draft = EventFactory(status=Event.DRAFT, published_at=None)
    assert anonymous.get(f"events/{event.slug}").json()["title"] == event.title
    response = anonymous.get(f"events/{draft.slug}")
    assert response.status_code == 404
    assert response.json() == {"code": "not_found", "message": "Not found."}


def test_the_public_endpoints_are_limited_per_address(anonymous, settings):
    settings.API_PUBLIC_RATE_LIMIT_PER_MINUTE = 2
    assert anonymous.get("events").status_code == 200
    assert anonymous.get("events").status_code == 200
    response = anonymous.get("events")
    assert response.status_code == 429
    assert response.json()["code"] == "rate_limited"
    assert 0 < int(response["Retry-After"]) <= 60


def test_each_token_has_its_own_limit(dana_api, omar_api, settings):
    settings.API_RATE_LIMIT_PER_MINUTE = 1
    assert dana_api.get("me/").status_code == 200
    assert dana_api.get("me/").status_code == 429
    assert omar_api.get("me/").status_code == 200


def test_verification_by_code(anonymous, issued_certificate):
    certificate: Certificate = issued_certificate
    response = anonymous.get(f"verify/{certificate.verification_code}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == certificate.number
    assert body["valid"] is True
    assert "email" not in str(body)


def test_an_unknown_code_is_404(anonymous):
    assert anonymous.get("verify/no-such-code").status_code == 404


def test_verification_is_limited_per_address(anonymous, settings):
    settings.VERIFY_RATE_LIMIT_PER_MINUTE = 1
    assert anonymous.get("verify/abc").status_code == 404
    assert anonymous.get("verify/abc").status_code == 429
