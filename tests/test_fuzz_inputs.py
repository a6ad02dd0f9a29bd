"""Hostile input everywhere: every page's POST and every JSON API body, as an attendee and as
staff, with oversized strings, deep JSON, control and bidi characters, huge integers and a
decompression-bomb image. Whatever a view refuses, it refuses with a 4xx or a form, never a 5xx.

The targets are enumerated, not listed by hand: every URL pattern of the site, and every
POST/PUT/PATCH operation of the OpenAPI schema. A new URL whose parameters this module cannot
fill makes the coverage test fail, so it cannot slip past unfuzzed.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Iterator
from html.parser import HTMLParser
from typing import Any

import pytest
import time_machine
from django.contrib.auth.models import Permission
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from api.api import api
from api.tests.conftest import (  # noqa: F401  (fixtures)
    SOON,
    attended_event,
    issued_certificate,
    open_evaluation,
)
from api.tokens import create_token
from attendance.models import AttendanceImport, Connection
from attendance.services.importing import ImportSummary
from attendance.staff.staging import stage
from certificates.corrections.services import request_name_correction
from evaluations.models import EvaluationTemplate
from events.models import Handout
from tests.factories import EventFactory
from tests.images import png_claiming
from tracker.services.outside import add_outside_credit
from tracker.tests.conftest import pdf_upload
from tracker.tests.test_outside import fields

LONG = "A\u202e" + "x" * 100_000
INVISIBLE = "Dana\u202e\u2066\u200b\x00\x1b[31m\u2028"
HUGE = "9" * 5_000
DEEP = "[" * 2_000 + "]" * 2_000
VALUES = [LONG, INVISIBLE, HUGE, DEEP]
# Pages that are not forms people send (the mail outbox only exists in development) or that
# end the session the rest of the run needs.
SKIPPED = {"outbox", "outbox_message", "account_logout"}


def _walk(patterns: list[Any], prefix: str = "", namespace: str = "") -> Iterator[tuple]:
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace + (f"{entry.namespace}:" if entry.namespace else "")
            yield from _walk(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            yield prefix + str(entry.pattern), namespace + (entry.name or "")


def site_routes() -> list[tuple[str, str]]:
    """(route, name) of every page outside the Django admin and the JSON API."""
    return [
        (route, name)
        for route, name in _walk(get_resolver().url_patterns)
        if not route.startswith(("admin/", "api/v1/")) and name not in SKIPPED
    ]


PARAMETER = re.compile(r"<(?:(\w+):)?(\w+)>|\(\?P<(\w+)>[^)]*\)")


def fill(route: str, values: dict[str, str], name: str) -> str:
    def one(match: re.Match) -> str:
        key = match.group(2) or match.group(3)
        scoped = values.get(f"{name}.{key}")
        if scoped is None and key not in values:
            raise KeyError(f"{name}: no value for <{key}>")
        return scoped if scoped is not None else values[key]

    path = PARAMETER.sub(one, route)
    return "/" + path.replace("^", "").replace("$", "")


class _FieldNames(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.names: dict[str, str] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        found = dict(attrs)
        if tag in {"input", "select", "textarea"} and found.get("name"):
            self.names[found["name"] or ""] = (found.get("type") or tag).lower()


def form_fields(client: Client, path: str) -> dict[str, str]:
    response = client.get(path)
    if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
        return {}
    parser = _FieldNames()
    parser.feed(response.content.decode(errors="replace"))
    parser.names.pop("csrfmiddlewaretoken", None)
    return parser.names


FALLBACK_FIELDS = {
    "name": "text",
    "email": "email",
    "reason": "textarea",
    "note": "textarea",
    "q": "text",
    "files": "file",
    "file": "file",
}


def hostile_payloads(names: dict[str, str]) -> list[dict[str, Any]]:
    """Two submissions: every field the 100k string, then each a different hostile value."""
    payloads = []
    for offset in range(2):
        data: dict[str, Any] = {}
        for index, (name, kind) in enumerate(sorted(names.items())):
            if kind == "file":
                content = png_claiming(20_000, 20_000) if index % 2 else DEEP.encode()
                data[name] = SimpleUploadedFile("report.json", content)
            else:
                data[name] = LONG if offset == 0 else VALUES[(index + offset) % len(VALUES)]
        payloads.append(data)
    return payloads


def api_operations() -> list[tuple[str, str, dict[str, Any]]]:
    schema = api.get_openapi_schema()
    return [
        (method, path, operation)
        for path, operations in schema["paths"].items()
        for method, operation in operations.items()
        if method in {"post", "put", "patch"}
    ]


def _properties(schema: dict[str, Any], components: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        schema = components[schema["$ref"].rsplit("/", 1)[-1]]
    return schema.get("properties", {})


def api_bodies(operation: dict[str, Any]) -> list[str]:
    """Raw JSON bodies: nested 2,000 deep, a 5,000-digit number, and every property of the
    operation's schema set to a hostile value."""
    components = api.get_openapi_schema()["components"]["schemas"]
    content = operation.get("requestBody", {}).get("content", {})
    schema = content.get("application/json", {}).get("schema", {})
    names = list(_properties(schema, components)) or ["value"]
    strings = [LONG, INVISIBLE, "\u202e" * 50]
    hostile = ", ".join(
        f'"{name}": ' + (HUGE if i % 3 == 2 else '"' + strings[i % 3].replace("\x00", "") + '"')
        for i, name in enumerate(names)
    )
    nested = ", ".join(f'"{name}": {DEEP[:200]}{DEEP[-200:]}' for name in names)
    return [DEEP, '{"n": ' + HUGE + "}", "{" + hostile + "}", "{" + nested + "}"]


@pytest.fixture
def world(issued_certificate, dana, sam_staff, run_tasks, settings):  # noqa: F811
    """One of everything a URL can name, owned by Dana (attendee) where it is personal."""
    # Configured, so the webhook judges the (unsigned) requests instead of answering 503.
    settings.ZOOM_WEBHOOK_SECRET_TOKEN = "fuzz-secret"
    certificate = issued_certificate
    event = certificate.evaluation.registration.event
    registration = certificate.evaluation.registration
    with time_machine.travel(SOON, tick=False):
        correction = request_name_correction(
            certificate, user=dana, requested_name="Dana W.", explanation="Typo."
        )
    credit = add_outside_credit(dana, fields(), pdf_upload())
    token_row, _ = create_token(sam_staff, name="fuzz")
    summary = ImportSummary("webinar_attendee_csv", "UTC", "", 1, 1, 1, 1, 0, 0, 0, 1)
    staged = stage(event, sam_staff, [("r.csv", b"x")], time_zone="", summary=summary)
    handout = Handout.objects.filter(event=event).first()
    upcoming = EventFactory(slug="upcoming-webinar")
    values = {
        "slug": event.slug,
        "events:register.slug": upcoming.slug,
        "events:cancel.slug": upcoming.slug,
        "pk": str(certificate.evaluation.pk),
        "licensing:edit.pk": str(dana.licenses.get().pk),
        "licensing:delete.pk": str(dana.licenses.get().pk),
        "tracker:outside_edit.pk": str(credit.pk),
        "tracker:outside_delete.pk": str(credit.pk),
        "tracker:assign_outside.pk": str(credit.pk),
        "tracker:outside_file.pk": str(credit.pk),
        "tracker:audit_pack.pk": str(dana.licenses.get().pk),
        "events:handout.pk": str(handout.pk if handout else 1),
        "staff:event_handout.pk": str(handout.pk if handout else 1),
        "staff:event_handout_remove.pk": str(handout.pk if handout else 1),
        "attendance:staff_assign.pk": str(Connection.objects.filter(event=event).first().pk),
        "attendance:staff_unassign.pk": str(Connection.objects.filter(event=event).first().pk),
        "evaluations:staff_template_edit.pk": str(EvaluationTemplate.objects.first().pk),
        "evaluations:staff_template_default.pk": str(EvaluationTemplate.objects.first().pk),
        "certificate_corrections:approve.pk": str(correction.pk),
        "certificate_corrections:decline.pk": str(correction.pk),
        "api_token_revoke.pk": str(token_row.pk),
        "number": certificate.number,
        "code": certificate.verification_code,
        "token": registration.join_token,
        "attendance:staff_preview.token": staged.token,
        "attendance:staff_confirm.token": staged.token,
        "attendance:staff_discard.token": staged.token,
        "participant": str(uuid.uuid4()),
        "registration_id": str(registration.pk),
        "task_id": str(uuid.uuid4()),
        "email_id": "1",
        "key": "x" * 40,
        "uidb36": "1",
        "license_id": str(dana.licenses.get().pk),
        "evaluation_id": str(certificate.evaluation.pk),
        "connection_id": str(Connection.objects.filter(event=event).first().pk),
        "correction_id": str(correction.pk),
        "import_id": str(AttendanceImport.objects.filter(event=event).first().pk),
        "attendance:staff_withdraw_import.pk": str(
            AttendanceImport.objects.filter(event=event).first().pk
        ),
    }
    sam_staff.user_permissions.set(Permission.objects.all())
    return values


def _as(user: Any) -> Client:
    client = Client(raise_request_exception=False)
    client.force_login(user)
    return client


def test_every_url_and_api_operation_can_be_targeted(world):
    for route, name in site_routes():
        fill(route, world, name)  # raises for a parameter the world cannot fill
    operations = api_operations()
    assert len(operations) >= 19
    for _, path, _ in operations:
        fill(path.removeprefix("/").replace("{", "<").replace("}", ">"), world, path)


@pytest.mark.parametrize("who", ["attendee", "staff"])
def test_no_page_answers_hostile_form_input_with_a_server_error(world, dana, sam_staff, who):
    user = dana if who == "attendee" else sam_staff
    failures = []
    for route, name in site_routes():
        path = fill(route, world, name)
        client = _as(user)
        names = form_fields(client, path) or FALLBACK_FIELDS
        for data in hostile_payloads(names):
            client = _as(user)
            response = client.post(path, data)
            if response.status_code >= 500:
                failures.append(f"POST {path} ({name}) → {response.status_code}")
    assert failures == []


@pytest.mark.parametrize("who", ["attendee", "staff"])
def test_no_api_operation_answers_a_hostile_body_with_a_server_error(world, dana, sam_staff, who):
    user = dana if who == "attendee" else sam_staff
    client = _as(user)
    failures = []
    for method, path, operation in api_operations():
        url = fill(path.removeprefix("/").replace("{", "<").replace("}", ">"), world, path)
        if "multipart/form-data" in operation.get("requestBody", {}).get("content", {}):
            bodies = [
                {"files": [SimpleUploadedFile("r.json", DEEP.encode())], "time_zone": LONG},
                {"files": [SimpleUploadedFile("r.json", b'{"p": ' + HUGE.encode() + b"}")]},
            ]
            responses = [client.post(url, body) for body in bodies]
        else:
            call = getattr(client, method)
            responses = [
                call(url, body, content_type="application/json") for body in api_bodies(operation)
            ]
        failures += [
            f"{method.upper()} {path} → {r.status_code}" for r in responses if r.status_code >= 500
        ]
    assert failures == []
