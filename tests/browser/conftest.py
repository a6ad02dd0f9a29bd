"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, sync_playwright
from playwright.sync_api import Error as PlaywrightError

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"
# Flags a headless root Chromium needs on a closed machine: no sandbox (root), and none of the
# background calls home that would otherwise be refused.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]

# Every page a browser test visits is checked with axe-core at these widths (desktop, phone).
AXE_WIDTHS = (1280, 390)
AXE = Axe()

# Playwright's sync API runs an event loop in this thread; the ORM calls the tests make between
# browser steps are still synchronous and safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.fail(
            f"Chromium is not installed at {CHROMIUM}: install Debian's 'chromium' package "
            "(make test does this when run as root). Browser tests are never skipped."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, settings):
    settings.OUTBOX_PAGE_ENABLED = True
    settings.EMAIL_BACKEND = "core.mail.OutboxBackend"
    context = browser.new_context(base_url=live_server.url, viewport={"width": 1280, "height": 900})
    context.set_default_timeout(10_000)
    page = context.new_page()
    visited: list[str] = []
    page.on("framenavigated", lambda frame: frame == page.main_frame and visited.append(frame.url))
    yield page
    try:
        problems = accessibility_problems(context, visited)
    finally:
        context.close()
    if problems:
        pytest.fail("axe-core found accessibility violations:\n" + "\n".join(problems))


def accessibility_problems(context: BrowserContext, urls: list[str]) -> list[str]:
    """Visit each page the test saw again, in the same session, and run axe-core on it at
    every width. A page reached by a POST is checked as its URL shows it on a GET."""
    problems = []
    seen: set[str] = set()
    checker = context.new_page()
    for url in urls:
        address = url.split("#", 1)[0]
        if address in seen or not address.startswith("http"):
            continue
        seen.add(address)
        for width in AXE_WIDTHS:
            checker.set_viewport_size({"width": width, "height": 900})
            try:
                response = checker.goto(address)
            except PlaywrightError:
                break  # e.g. an action URL that only answers POST, with an empty body
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                break  # a download (PDF, CSV, calendar file): nothing to check
            checker.wait_for_load_state("load")
            results = AXE.run(checker)
            for violation in results.response["violations"]:
                targets = "; ".join(", ".join(node["target"]) for node in violation["nodes"][:5])
                problems.append(
                    f"{checker.url} at {width} px: {violation['id']} ({violation['impact']}): "
                    f"{violation['help']} — {targets}"
                )
    checker.close()
    return problems


@pytest.fixture
def screenshot(page):
    """Save a full-page screenshot under test-artifacts/ for people to look at."""

    def take(name: str, target=None) -> Path:
        ARTIFACTS.mkdir(exist_ok=True)
        path = ARTIFACTS / f"{name}.png"
        (target or page).screenshot(path=str(path), full_page=True)
        return path

    return take
