"""On a phone (390 px) and a desktop (1280 px): the header's menus open over the page without
moving it, the certificates table shows every value without sideways scrolling, the catalog shows
an event before its filters, and the license catalog opens only the staff member's own states."""

import pytest
from playwright.sync_api import expect

from tests.browser.test_certificate_journey import certificate  # noqa: F401
from tests.browser.test_evaluation_journey import attended, log_in  # noqa: F401
from tests.factories import EventFactory, UserLicenseFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


def layout(page) -> tuple[float, float]:
    header = page.locator(".site-header").bounding_box()
    main = page.locator("main").bounding_box()
    return header["height"], main["y"]


def no_sideways_scroll(page) -> bool:
    return page.evaluate(
        "document.documentElement.scrollWidth <= document.documentElement.clientWidth"
    )


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_the_wallet_menu_opens_over_the_page_and_closes_with_escape(
    page, dana, viewport, screenshot
):
    page.set_viewport_size(viewport)
    log_in(page, dana.email)
    page.goto("/events/")
    nav = page.get_by_role("navigation", name="Main")
    wallet = nav.locator("summary", has_text="CE Wallet")
    before = layout(page)
    screenshot(f"mobile-menu-{viewport['width']}-closed")

    # The keyboard opens it: Tab to the menu's button, Enter.
    wallet.focus()
    expect(wallet).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("Enter")
    certificates = nav.get_by_role("link", name="Certificates")
    expect(certificates).to_be_visible()
    expect(wallet).to_have_attribute("aria-expanded", "true")
    screenshot(f"mobile-menu-{viewport['width']}-open")

    assert layout(page) == before
    box = certificates.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= viewport["width"]
    assert no_sideways_scroll(page)

    page.keyboard.press("Tab")
    expect(nav.get_by_role("link", name="My Events")).to_be_focused()
    page.keyboard.press("Escape")
    expect(certificates).to_be_hidden()
    expect(wallet).to_be_focused()
    expect(wallet).to_have_attribute("aria-expanded", "false")
    assert layout(page) == before


def test_a_certificate_rows_hours_status_and_actions_fit_on_a_phone(
    page,
    dana,
    certificate,  # noqa: F811
    screenshot,
):
    page.set_viewport_size(PHONE)
    log_in(page, dana.email)
    page.goto("/wallet/certificates/")
    row = page.get_by_role("row", name="Ethics in Telehealth")
    hours = row.locator('td[data-label="CE hours"]')
    status = row.locator('td[data-label="Certificate"]')
    view = row.get_by_role("link", name=f"View certificate {certificate.number}")
    expect(hours).to_contain_text("2")
    screenshot("mobile-certificates-390")

    for part in (hours, status, view):
        expect(part).to_be_visible()
        box = part.bounding_box()
        assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
    assert no_sideways_scroll(page)

    # On a desktop it is still a table with its column headings.
    page.set_viewport_size(DESKTOP)
    expect(page.get_by_role("columnheader", name="CE hours")).to_be_visible()


@pytest.fixture
def upcoming(db):
    return [EventFactory(title=f"Trauma-Informed Care, part {n}") for n in (1, 2, 3)]


def test_the_catalog_shows_an_event_on_the_first_phone_screen_with_filters_one_tap_away(
    page, dana, upcoming, screenshot
):
    page.set_viewport_size(PHONE)
    log_in(page, dana.email)
    page.goto("/events/")
    toggle = page.locator("summary", has_text="Filter events")
    first = page.get_by_role("heading", name="Trauma-Informed Care, part 1")
    expect(first).to_be_visible()
    expect(page.get_by_role("button", name="Show events")).to_be_hidden()
    assert first.bounding_box()["y"] + first.bounding_box()["height"] <= PHONE["height"]
    screenshot("mobile-catalog-390")

    toggle.click()
    expect(page.get_by_label("Counts for my licenses")).to_be_visible()
    page.get_by_label("Counts for my licenses").check()
    page.get_by_role("button", name="Show events").click()
    # With a filter in use, the filters stay open to show what is applied.
    expect(page.get_by_label("Counts for my licenses")).to_be_checked()
    expect(page.get_by_role("button", name="Show events")).to_be_visible()

    page.set_viewport_size(DESKTOP)
    page.goto("/events/")
    expect(page.get_by_role("button", name="Show events")).to_be_visible()
    screenshot("mobile-catalog-1280")


def test_the_license_catalog_opens_the_staff_members_own_states(page, sam_staff, screenshot):
    UserLicenseFactory(user=sam_staff, license_type__state="NY", license_type__code="LCSW")
    page.set_viewport_size(PHONE)
    log_in(page, sam_staff.email)
    page.goto("/staff/license-catalog/")
    new_york = page.locator("details#state-NY")
    california = page.locator("details#state-CA")
    expect(new_york).to_have_attribute("open", "")
    expect(california).not_to_have_attribute("open", "")
    expect(california.locator("summary")).to_contain_text("California Board of Behavioral Sciences")
    screenshot("mobile-license-catalog-390")
    height = "document.documentElement.scrollHeight"
    collapsed = page.evaluate(height)
    everything = page.evaluate(
        "document.querySelectorAll('details').forEach(d => d.open = true); " + height
    )
    assert collapsed < everything / 2, (collapsed, everything)
    page.reload()

    page.get_by_role("navigation", name="States").get_by_role("link", name="CA").click()
    expect(california).to_have_attribute("open", "")
    board = "License types of California Board of Behavioral Sciences"
    expect(page.get_by_role("table", name=board)).to_be_visible()


def test_evaluation_results_open_with_the_summary_and_fold_each_question(
    page, sam_staff, screenshot
):
    from evaluations.tests.view_helpers import ended_event, issue, submitted

    event = ended_event(slug="results-on-a-phone")
    submitted(issue(None, event), {"relevance": 5, "commercial_bias": "Yes"})
    submitted(issue(None, event), {"relevance": 4, "commercial_bias": "No"})
    page.set_viewport_size(PHONE)
    log_in(page, sam_staff.email)
    page.goto(f"/staff/events/{event.slug}/evaluation/results/")
    summary = page.get_by_role("table", name="Average rating per question, out of 5")
    expect(summary).to_contain_text("4.50")
    expect(page.get_by_text("Mean: 4.50 out of 5")).to_be_hidden()
    screenshot("mobile-evaluation-results-390")

    summary.get_by_role("link", name="1. The content was relevant").click()
    expect(page.get_by_text("Mean: 4.50 out of 5")).to_be_visible()
    assert no_sideways_scroll(page)
