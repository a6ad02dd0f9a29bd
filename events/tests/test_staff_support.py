"""Helpers shared by the staff event tests (this module holds no tests of its own)."""

from __future__ import annotations

import datetime as dt
from html.parser import HTMLParser

from django.contrib.auth.models import Permission

from accounts.models import User

# A Thursday in spring, well after clocks sprang forward in the US (March 8, 2026), and "now"
# for these tests: three weeks before it.
EVENT_DAY = "2026-03-12"
NOW = dt.datetime(2026, 2, 20, 15, 0, tzinfo=dt.UTC)
EVENT_PERMISSIONS = ["manage_events", "view_registration"]


def with_event_permissions(user: User) -> User:
    """The clinical staff group gets these through accounts/roles.py; grant them directly so the
    tests do not depend on the group's list."""
    user.user_permissions.add(
        *Permission.objects.filter(content_type__app_label="events", codename__in=EVENT_PERMISSIONS)
    )
    return User.objects.get(pk=user.pk)  # a fresh instance: permissions are cached per object


def _rows(prefix: str, rows: list[dict], initial: int) -> dict[str, object]:
    data: dict[str, object] = {
        f"{prefix}-TOTAL_FORMS": str(len(rows)),
        f"{prefix}-INITIAL_FORMS": str(initial),
        f"{prefix}-MIN_NUM_FORMS": "0",
        f"{prefix}-MAX_NUM_FORMS": "1000",
    }
    for index, row in enumerate(rows):
        for key, value in row.items():
            data[f"{prefix}-{index}-{key}"] = value
    return data


def event_form_data(
    *,
    breaks: list[dict] | None = None,
    presenters: list[dict] | None = None,
    approvals: list[dict] | None = None,
    initial_rows: dict[str, int] | None = None,
    **fields: object,
) -> dict[str, object]:
    """A valid two-hour event on EVENT_DAY, 1–3 PM in New York, worth 2 hours."""
    data: dict[str, object] = {
        "title": "Trauma-Informed Care in Telehealth",
        "summary": "Practical skills for trauma-informed telehealth sessions.",
        "description": "",
        "learning_objectives": "",
        "format": "live_webinar",
        "time_zone": "America/New_York",
        "start": f"{EVENT_DAY}T13:00",
        "end": f"{EVENT_DAY}T15:00",
        "advertised_hours": "2",
        "capacity": "",
        "dial_in_instructions": "",
        "program": "",
    }
    data.update(fields)
    initial_rows = initial_rows or {}
    data.update(_rows("breaks", breaks or [], initial_rows.get("breaks", 0)))
    data.update(_rows("presenters", presenters or [], initial_rows.get("presenters", 0)))
    data.update(_rows("approvals", approvals or [], initial_rows.get("approvals", 0)))
    return data


class _FormValues(HTMLParser):
    """What a browser would submit, unchanged, for the form with the given id."""

    def __init__(self, form_id: str) -> None:
        super().__init__()
        self.form_id = form_id
        self.data: dict[str, list[str]] = {}
        self._in_form = self._done = False
        self._textarea: str | None = None
        self._select: str | None = None
        self._option: str | None = None
        self._text: list[str] = []

    def _add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attr = {key: value or "" for key, value in attrs}
        if tag == "form" and attr.get("id") == self.form_id and not self._done:
            self._in_form = True
        if not self._in_form:
            return
        name = attr.get("name")
        if tag == "input" and name:
            kind = attr.get("type", "text")
            if kind in {"checkbox", "radio"}:
                if "checked" in attr:
                    self._add(name, attr.get("value", "on"))
            elif kind not in {"submit", "file"}:
                self._add(name, attr.get("value", ""))
        elif tag == "textarea" and name:
            self._textarea, self._text = name, []
        elif tag == "select" and name:
            self._select = name
        elif tag == "option" and self._select and "selected" in attr:
            self._add(self._select, attr.get("value", ""))

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "textarea" and self._textarea is not None:
            # Browsers drop the newline that follows <textarea>; Django writes one.
            self._add(self._textarea, "".join(self._text).removeprefix("\n"))
            self._textarea = None
        elif tag == "select":
            self._select = None
        elif tag == "form" and self._in_form:
            self._in_form, self._done = False, True


def submitted_values(html: str, form_id: str = "event-form") -> dict[str, list[str]]:
    parser = _FormValues(form_id)
    parser.feed(html)
    return parser.data
