"""No token and no Authorization header value ever reaches the log, however it is sent."""

from __future__ import annotations

import logging

import pytest

from api.tokens import create_token

HEADERS = ["{token}", "Token {token}", "Basic {token}", "Bearer {token}", "bearer  {token} x"]


@pytest.mark.parametrize("shape", HEADERS)
@pytest.mark.parametrize("debug", [True, False], ids=["debug", "production"])
def test_the_token_text_never_appears_in_a_log_record(client, dana, settings, caplog, shape, debug):
    settings.DEBUG = debug
    _, secret = create_token(dana, name="Spreadsheet")
    caplog.set_level(logging.DEBUG)

    response = client.get("/api/v1/me/", headers={"Authorization": shape.format(token=secret)})

    assert response.status_code in {200, 401}
    logged = "\n".join(
        f"{record.getMessage()} {record.args!r} {record.exc_text or ''}"
        for record in caplog.records
    )
    assert secret not in logged
    assert secret[8:] not in logged  # not even most of it
