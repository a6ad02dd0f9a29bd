"""JSON bodies that would crash a parser get a 400 in the API's error shape, never a 500."""

import pytest

from tests.factories import EventFactory

DEEP = '{"event": ' + "[" * 2_000 + "]" * 2_000 + "}"
HUGE = '{"event": ' + "9" * 5_000 + "}"


def _post(api, body: str):
    return api.client.post(
        "/api/v1/me/registrations", body, content_type="application/json", headers=api.headers
    )


@pytest.mark.parametrize(
    ("body", "code"),
    [(DEEP, "json_too_deep"), (HUGE, "json_number_too_long"), ("{nope", "invalid_json")],
    ids=["deep", "huge-number", "malformed"],
)
def test_a_body_that_cannot_be_read_is_a_400_with_a_code(dana_api, body, code):
    response = _post(dana_api, body)
    assert response.status_code == 400
    payload = response.json()
    assert payload["code"] == code
    assert payload["message"]
    assert set(payload) <= {"code", "message", "details"}


def test_an_ordinary_body_still_works(dana_api):
    event = EventFactory()
    response = _post(dana_api, f'{{"event": "{event.slug}"}}')
    assert response.status_code == 201
