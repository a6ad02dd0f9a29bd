"""CE Wallet → Evaluations: the attendee's own evaluations, the ones to do first."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from evaluations.models import Evaluation
from evaluations.tests.view_helpers import ended_event, issue, page_text, submitted

pytestmark = pytest.mark.django_db

LIST_URL = reverse("evaluations:list")


def test_the_wallet_lists_incomplete_evaluations_first_then_complete_closed_and_withdrawn(
    client, dana
):
    now = timezone.now()
    withdrawn = issue(
        dana,
        ended_event(title="Withdrawn Webinar"),
        status=Evaluation.WITHDRAWN,
        withdrawn_reason="Registration cancelled.",
    )
    closed = issue(dana, ended_event(title="Closed Webinar"), deadline=now - dt.timedelta(days=1))
    complete = submitted(issue(dana, ended_event(title="Complete Webinar")), {"relevance": 5})
    later = issue(dana, ended_event(title="Due Later"), deadline=now + dt.timedelta(days=20))
    sooner = issue(dana, ended_event(title="Due Sooner"), deadline=now + dt.timedelta(days=2))
    client.force_login(dana)

    text = page_text(client.get(LIST_URL))

    titles = [e.event.title for e in (sooner, later, complete, closed, withdrawn)]
    positions = [text.index(title) for title in titles]
    assert positions == sorted(positions)
    assert 'Complete evaluation<span class="visually-hidden">: Due Sooner</span>' in text
    assert 'View<span class="visually-hidden"> the evaluation of Complete Webinar</span>' in text


def test_each_row_shows_the_event_date_the_deadline_with_its_zone_and_the_status(client, dana):
    start = dt.datetime(2026, 12, 1, 18, 0, tzinfo=dt.UTC)
    event = ended_event(start=start, end=start + dt.timedelta(hours=2))
    evaluation = issue(dana, event, deadline=dt.datetime(2026, 12, 31, 23, 0, tzinfo=dt.UTC))
    client.force_login(dana)

    text = page_text(client.get(LIST_URL))

    assert "Tuesday, December 1, 2026" in text
    assert "Dec 31, 2026, 3:00 PM PST" in text  # Dana lives in Los Angeles
    assert '<span class="badge badge-warning">Incomplete</span>' in text
    assert reverse("evaluations:detail", args=[evaluation.pk]) in text


def test_other_peoples_evaluations_are_not_listed(client, dana, omar):
    issue(omar, ended_event(title="Omar's Webinar"))
    client.force_login(dana)

    text = page_text(client.get(LIST_URL))

    assert "Omar's Webinar" not in text
    assert "You have no evaluations yet." in text


def test_the_ce_wallet_menu_links_to_evaluations(client, dana):
    client.force_login(dana)

    assert f'href="{LIST_URL}">Evaluations</a>' in client.get(reverse("home")).content.decode()


def test_anonymous_visitors_are_sent_to_log_in(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))
