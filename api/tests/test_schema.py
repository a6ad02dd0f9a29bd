"""The served OpenAPI schema: valid, and honoured by every operation under generated requests.

Schemathesis generates requests from the schema and sends them through the WSGI application
(inside the test's transaction, so it runs the same on SQLite and PostgreSQL). Each operation
gets a bounded number of examples, as an attendee and as staff; path parameters are sometimes
replaced by ones that exist, so the fuzzing reaches past "not found".
"""

from __future__ import annotations

from typing import Any

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from api.tests.conftest import ApiClient
from api.tokens import create_token
from tests.factories import EventFactory, RegistrationFactory, UserLicenseFactory

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
]
EXAMPLES_PER_OPERATION = 6


def test_the_served_schema_is_valid_openapi(anonymous):
    response = anonymous.get("openapi.json")
    assert response.status_code == 200
    schema = response.json()
    # Checked against the OpenAPI specification's own JSON Schema.
    schemathesis.openapi.from_dict(schema).validate()
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/staff/events/{slug}/registrations/bulk" in schema["paths"]


def test_the_validation_does_reject_a_broken_schema(anonymous):
    schema = anonymous.get("openapi.json").json()
    schema["paths"]["/api/v1/events"]["get"]["responses"] = "none"
    with pytest.raises(Exception, match="responses"):
        schemathesis.openapi.from_dict(schema).validate()


def test_every_operation_documents_the_common_errors(anonymous):
    schema = anonymous.get("openapi.json").json()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            documented = set(operation["responses"])
            assert {"401", "403", "404", "422", "429"} <= documented, (method, path)


def _known_values(issued_certificate: Any, sam_staff: Any) -> dict[str, list[Any]]:
    """Path parameters that exist, for the staff and the attendee persona alike."""
    certificate = issued_certificate
    evaluation = certificate.evaluation
    registration = evaluation.registration
    upcoming = EventFactory(slug="upcoming-webinar")
    RegistrationFactory(event=upcoming)
    license = UserLicenseFactory(user=registration.user, license_type__code="LMFT")
    return {
        "slug": [upcoming.slug, certificate.event.slug],
        "code": [certificate.verification_code],
        "number": [certificate.number],
        "license_id": [license.pk],
        "registration_id": [registration.pk],
        "evaluation_id": [evaluation.pk],
        "connection_id": list(certificate.event.connections.values_list("pk", flat=True)),
        "correction_id": [1],
    }


@pytest.fixture
def wsgi_app_in_the_test_transaction():
    """The WSGI application, kept from closing the test's database connection.

    Each request normally ends by closing connections left outside autocommit, which on
    PostgreSQL would close the one holding the test's transaction; Django's test client
    disconnects the same handlers for the same reason.
    """
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield get_wsgi_application()
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


@pytest.mark.django_db
def test_generated_requests_find_no_server_error_and_no_schema_break(
    issued_certificate, dana, sam_staff, wsgi_app_in_the_test_transaction
):
    known = _known_values(issued_certificate, sam_staff)
    secrets = {
        "attendee": create_token(dana, name="fuzz")[1],
        "staff": create_token(sam_staff, name="fuzz")[1],
    }
    schema = schemathesis.openapi.from_wsgi(
        "/api/v1/openapi.json", wsgi_app_in_the_test_transaction
    )
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 25

    for operation in operations:

        @given(case=operation.as_strategy(), who=st.sampled_from(sorted(secrets)), data=st.data())
        @settings(
            max_examples=EXAMPLES_PER_OPERATION,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )
        def run(case: Any, who: str, data: Any) -> None:
            for name in list(case.path_parameters or {}):
                if known.get(name) and data.draw(st.booleans()):
                    case.path_parameters[name] = data.draw(st.sampled_from(known[name]))
            case.call_and_validate(
                headers={"Authorization": f"Bearer {secrets[who]}"}, checks=CHECKS
            )

        run()


def test_the_docs_page_loads_only_same_origin_assets(anonymous):
    response = ApiClient(None).client.get("/api/docs")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy and "unsafe-inline" not in policy
    html = response.content.decode()
    assert "/static/ninja/swagger-ui-bundle.js" in html
    assert "cdn." not in html
    assert "/api/v1/openapi.json" in html
    assert 'data-api-csrf="true"' in html
