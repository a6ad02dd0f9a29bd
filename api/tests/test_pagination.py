"""Keyset pages stay stable while rows come and go; odd cursors are refused."""

from __future__ import annotations

import base64
import datetime as dt
import json
from decimal import Decimal

import pytest
from django.utils import timezone

from api.pagination import paginate
from core.errors import DomainError
from events.models import Event, EventApproval
from tests.factories import EventFactory, RegistrationFactory


def _pages(client, path: str, limit: int = 2) -> list[list[str]]:
    pages, cursor = [], None
    while True:
        params = {"limit": limit, **({"cursor": cursor} if cursor else {})}
        body = client.get(path, params).json()
        pages.append([e["slug"] for e in body["items"]])
        cursor = body["next_cursor"]
        if cursor is None:
            return pages


def _events(count: int, start: dt.datetime) -> list[str]:
    # Equal starts, so only the primary key separates them.
    return [EventFactory(start=start).slug for _ in range(count)]


def _cursor(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def _all_pages(qs, limit: int = 2) -> list:
    rows, cursor = [], None
    while True:
        page, cursor = paginate(qs, limit, cursor)
        rows += page
        if cursor is None:
            return rows


NEXT_WEEK = timezone.now() + dt.timedelta(days=7)


def test_paging_through_returns_each_item_once_in_order(anonymous):
    slugs = _events(3, NEXT_WEEK) + _events(2, NEXT_WEEK + dt.timedelta(hours=3))
    pages = _pages(anonymous, "events")
    assert [len(page) for page in pages] == [2, 2, 1]
    assert [slug for page in pages for slug in page] == slugs


def test_a_row_inserted_before_the_position_neither_repeats_nor_skips(anonymous):
    slugs = _events(4, NEXT_WEEK + dt.timedelta(hours=1))
    first = anonymous.get("events", {"limit": 2}).json()
    EventFactory(start=NEXT_WEEK)  # sorts before everything already seen
    rest = anonymous.get("events", {"limit": 10, "cursor": first["next_cursor"]}).json()
    seen = [e["slug"] for e in first["items"] + rest["items"]]
    assert seen == slugs


def test_a_row_deleted_on_the_previous_page_skips_nothing(anonymous):
    slugs = _events(5, NEXT_WEEK)
    first = anonymous.get("events", {"limit": 2}).json()
    Event.objects.filter(slug=first["items"][0]["slug"]).delete()
    second = anonymous.get("events", {"limit": 2, "cursor": first["next_cursor"]}).json()
    assert [e["slug"] for e in second["items"]] == slugs[2:4]


def test_a_descending_list_pages_newest_first(dana, dana_api):
    starts = [NEXT_WEEK + dt.timedelta(days=n) for n in (0, 2, 1, 2)]
    registrations = [RegistrationFactory(user=dana, event__start=s) for s in starts]
    expected = sorted(registrations, key=lambda r: (r.event.start, r.pk), reverse=True)
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        body = dana_api.get("me/registrations", params).json()
        seen += [item["id"] for item in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert seen == [r.pk for r in expected]


@pytest.mark.parametrize("descending", [False, True])
def test_a_nullable_date_pages_with_nulls_as_the_greatest_value(db, descending):
    EventFactory.create_batch(4)
    days = [None, dt.date(2026, 3, 1), None, dt.date(2026, 1, 1), dt.date(2026, 3, 1)]
    approvals = list(EventApproval.objects.order_by("pk"))
    for approval, day in zip(approvals, days * 2, strict=False):
        approval.period_start = day
        approval.save(update_fields=["period_start"])
    order = "-period_start" if descending else "period_start"
    rows = _all_pages(EventApproval.objects.order_by(order))

    def rank(a: EventApproval) -> tuple:
        return (a.period_start is None, a.period_start or dt.date.min, a.pk)

    expected = sorted(approvals, key=rank, reverse=descending)
    assert [a.pk for a in rows] == [a.pk for a in expected]


def test_decimals_and_the_model_ordering_page_without_loss(db):
    for hours in ["1.25", "2", "1.25", "0.75", "2"]:
        EventFactory(advertised_hours=Decimal(hours))
    rows = _all_pages(Event.objects.order_by("-advertised_hours"))
    assert [(e.advertised_hours, e.pk) for e in rows] == sorted(
        ((e.advertised_hours, e.pk) for e in Event.objects.all()), reverse=True
    )
    # No order_by: the model's Meta.ordering (start, title), then the primary key.
    assert [e.pk for e in _all_pages(Event.objects.all())] == list(
        Event.objects.order_by("start", "title", "pk").values_list("pk", flat=True)
    )


def test_a_plain_list_pages_by_offset():
    first, cursor = paginate(list(range(5)), 2, None)
    second, cursor = paginate(list(range(5)), 2, cursor)
    third, cursor = paginate(list(range(5)), 2, cursor)
    assert (first, second, third, cursor) == ([0, 1], [2, 3], [4], None)


@pytest.mark.parametrize(
    "payload",
    [
        ["k1", "00000000", [None, 1]],  # another list's ordering
        ["o1", 2],  # an offset cursor for a keyset list
        ["k9", "x", []],  # an unknown version
        {"k1": 1},
    ],
)
def test_a_cursor_of_the_wrong_shape_is_refused(db, payload):
    with pytest.raises(DomainError) as refused:
        paginate(Event.objects.order_by("start"), 2, _cursor(payload))
    assert refused.value.code == "cursor_invalid"


def test_a_tampered_cursor_is_422(anonymous):
    _events(3, NEXT_WEEK)
    cursor = anonymous.get("events", {"limit": 1}).json()["next_cursor"]
    payload = json.loads(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    for values in (["not a time", 1], [payload[2][0], "x"], [None, 1], [payload[2][0]]):
        response = anonymous.get("events", {"cursor": _cursor([*payload[:2], values])})
        assert response.status_code == 422
        assert response.json()["code"] == "cursor_invalid"
        assert response.json()["details"][0]["field"] == "cursor"
    response = anonymous.get("events", {"cursor": cursor[:-3] + "!!!"})
    assert response.status_code == 422
