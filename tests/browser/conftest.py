"""Browser tests: Playwright drives Debian's Chromium against the live test server."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import BrowserContext, sync_playwright

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
# No single step of the re-visit may wait longer than this (Playwright waits 30 s by default).
AXE_STEP_TIMEOUT_MS = 10_000

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
    every width. A page reached by a POST is checked as its URL shows it on a GET.

    Each address is first asked for with the context's own HTTP client (same cookies): only a
    page that answers 200 with HTML is opened. Navigating a tab to an error with an empty body
    or to a download leaves Chromium on an internal error page whose pending navigations make
    later steps, and closing the tab, wait forever."""
    problems = []
    seen: set[str] = set()
    for url in urls:
        address = url.split("#", 1)[0]
        if address in seen or not address.startswith("http"):
            continue
        seen.add(address)
        probe = context.request.get(address, max_redirects=0, timeout=AXE_STEP_TIMEOUT_MS)
        is_page = probe.status == 200 and "text/html" in probe.headers.get("content-type", "")
        probe.dispose()
        if not is_page:
            continue  # an action URL that only answers POST, a redirect, a PDF, CSV or calendar
        checker = context.new_page()
        try:
            for width in AXE_WIDTHS:
                checker.set_viewport_size({"width": width, "height": 900})
                checker.goto(address, wait_until="load", timeout=AXE_STEP_TIMEOUT_MS)
                for violation in AXE.run(checker).response["violations"]:
                    nodes = violation["nodes"][:5]
                    targets = "; ".join(", ".join(node["target"]) for node in nodes)
                    problems.append(
                        f"{checker.url} at {width} px: {violation['id']} ({violation['impact']}): "
                        f"{violation['help']} — {targets}"
                    )
        finally:
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
