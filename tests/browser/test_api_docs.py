"""The browsable API docs render under the site's Content-Security-Policy."""

from __future__ import annotations

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_api_docs_render_the_operations_without_csp_violations(page, screenshot) -> None:
    refused: list[str] = []
    page.on(
        "console",
        lambda message: (
            refused.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )

    page.goto("/api/docs")

    page.get_by_text("/api/v1/me/licenses", exact=True).first.wait_for()
    assert page.get_by_text("/api/v1/events", exact=True).first.is_visible()
    screenshot("api-docs")
    assert refused == []
