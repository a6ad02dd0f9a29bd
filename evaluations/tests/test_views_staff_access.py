"""Who may reach the staff evaluation pages, and which ones accept only POST."""

from __future__ import annotations

import pytest
from django.urls import reverse

from evaluations.defaults import ensure_default_template
from evaluations.tests.view_helpers import ended_event, issue, with_evaluation_permission

SLUG = "ethics-in-telehealth"
PAGES = [
    ("evaluations:staff_templates", []),
    ("evaluations:staff_template_new", []),
    ("evaluations:staff_template_edit", ["template"]),
    ("evaluations:staff_results", []),
    ("evaluations:staff_event", [SLUG]),
    ("evaluations:staff_event_results", [SLUG]),
    ("evaluations:staff_event_results_csv", [SLUG]),
]
POST_ONLY = [
    ("evaluations:staff_template_default", ["template"]),
    ("evaluations:staff_event_setup", [SLUG]),
    ("evaluations:staff_reopen", [SLUG, "evaluation"]),
]


@pytest.fixture
def urls(db, omar):
    template = ensure_default_template()
    evaluation = issue(omar, ended_event(slug=SLUG))
    ids = {"template": template.pk, "evaluation": evaluation.pk}

    def url(name, args):
        return reverse(name, args=[ids.get(a, a) for a in args])

    return url


@pytest.mark.parametrize(("name", "args"), PAGES + POST_ONLY)
def test_anonymous_visitors_are_sent_to_log_in(client, urls, name, args):
    response = client.get(urls(name, args))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


@pytest.mark.parametrize(("name", "args"), PAGES + POST_ONLY)
def test_attendees_are_refused_every_staff_evaluation_page(client, urls, dana, name, args):
    client.force_login(dana)

    assert client.get(urls(name, args)).status_code == 403
    assert client.post(urls(name, args)).status_code == 403


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_staff_with_the_permission_read_every_page(client, urls, sam_staff, name, args):
    client.force_login(with_evaluation_permission(sam_staff))

    assert client.get(urls(name, args)).status_code == 200


@pytest.mark.parametrize(("name", "args"), POST_ONLY)
def test_actions_refuse_get(client, urls, sam_staff, name, args):
    client.force_login(with_evaluation_permission(sam_staff))

    assert client.get(urls(name, args)).status_code == 405


def test_the_event_overview_links_to_its_evaluation_pages(client, urls, sam_staff):
    client.force_login(with_evaluation_permission(sam_staff))

    text = client.get(reverse("staff:event_manage", args=[SLUG])).content.decode()

    assert reverse("evaluations:staff_event", args=[SLUG]) in text
    assert reverse("evaluations:staff_event_results", args=[SLUG]) in text
