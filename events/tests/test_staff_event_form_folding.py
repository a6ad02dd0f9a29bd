"""The event form is short: rows not in use fold behind "Add more …", without being lost."""

from __future__ import annotations

import re

from django.urls import reverse


def _outside_folds(html: str) -> str:
    return re.sub(r'<details class="more-rows">.*?</details>', "", html, flags=re.S)


def test_a_new_event_form_shows_one_empty_row_of_each_list(client, sam_staff):
    client.force_login(sam_staff)

    html = client.get(reverse("staff:event_new")).content.decode()
    visible = _outside_folds(html)

    for legend, more in (
        ("Break", "Add more breaks"),
        ("Presenter", "Add more presenters"),
        ("Approval", "Add more approvals"),
    ):
        assert f"<legend>{legend} 1</legend>" in visible
        assert f"<legend>{legend} 2</legend>" not in visible
        assert f"<legend>{legend} 2</legend>" in html  # folded, still in the form
        assert f"<summary>{more}</summary>" in html


def test_a_row_typed_into_stays_in_view_when_the_form_comes_back_with_errors(client, sam_staff):
    client.force_login(sam_staff)
    page = client.get(reverse("staff:event_new")).content.decode()
    management = dict(re.findall(r'name="(breaks-[A-Z_]+)"[^>]*value="(\d+)"', page))
    data = {**management, "breaks-0-label": "", "breaks-1-label": "Lunch"}

    html = client.post(reverse("staff:event_new"), data).content.decode()

    assert "<legend>Break 2</legend>" in _outside_folds(html)
