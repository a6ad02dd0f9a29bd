"""A new clinician's first visit, as a person does it: mouse and keyboard in a real browser."""

import pytest
from playwright.sync_api import expect

from accounts.models import User
from licensing.models import UserLicense

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "a long and unusual passphrase"


def sign_up(page):
    page.goto("/")
    page.get_by_role("link", name="Create account").click()
    page.get_by_label("Email").fill("renee@example.com")
    page.get_by_label("Legal first name").fill("Renée")
    page.get_by_label("Legal last name").fill("O'Brien")
    page.get_by_label("Time zone").select_option("America/Chicago")
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password (again)").fill(PASSWORD)
    page.get_by_role("button", name="Sign Up").click()
    expect(page.get_by_role("heading", name="Verify Your Email Address")).to_be_visible()


def verify_from_outbox(page):
    page.goto("/dev/outbox/")
    page.get_by_role("link", name="Please Confirm Your Email Address").first.click()
    page.get_by_role("link", name="/accounts/confirm-email/").click()
    page.get_by_role("button", name="Confirm").click()


def log_out_and_in(page):
    page.locator("summary", has_text="Renée").click()
    page.get_by_role("button", name="Log out").click()
    nav = page.get_by_role("navigation", name="Main")
    expect(nav.get_by_role("link", name="Log in")).to_be_visible()
    nav.get_by_role("link", name="Log in").click()
    page.get_by_label("Email").fill("renee@example.com")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign In").click()
    expect(page.get_by_role("heading", name="Welcome, Renée")).to_be_visible()


def add_license(page):
    page.locator("summary", has_text="CE Wallet").click()
    page.get_by_role("link", name="My licenses", exact=True).click()
    page.get_by_role("link", name="Add a license").click()
    page.get_by_label("Issuing state").select_option(label="California")
    page.get_by_label("License type").select_option(
        label="LMFT — Licensed Marriage and Family Therapist"
    )
    page.get_by_label("License number").fill("LMFT 123456")
    page.get_by_label("Expiration or renewal date").fill("2027-06-30")
    page.get_by_role("button", name="Add license").click()
    expect(page.get_by_text("Your CA LMFT license was added.")).to_be_visible()
    expect(page.get_by_role("heading", name="CA LMFT")).to_be_visible()


def open_wallet_menu_with_keyboard(page):
    page.goto("/")
    summary = page.locator("summary", has_text="CE Wallet")
    for _ in range(15):
        page.keyboard.press("Tab")
        if summary.evaluate("element => element === document.activeElement"):
            break
    else:
        pytest.fail("The CE Wallet menu cannot be reached with the Tab key.")
    first_item = page.get_by_role("link", name="My Events", exact=True)
    menu_link = page.get_by_role("link", name="My licenses", exact=True)
    expect(menu_link).to_be_hidden()
    page.keyboard.press("Enter")
    expect(menu_link).to_be_visible()
    page.keyboard.press("Tab")
    expect(first_item).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu_link).to_be_hidden()
    expect(summary).to_be_focused()
    page.keyboard.press("Enter")
    for _ in range(5):  # My Events, CE Tracker, Evaluations, Certificates, My licenses
        page.keyboard.press("Tab")
    expect(menu_link).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", name="My licenses")).to_be_visible()


def test_sign_up_verify_log_in_add_a_license_and_use_the_wallet_menu(page, screenshot):
    sign_up(page)
    screenshot("01-verification-sent")
    verify_from_outbox(page)
    expect(page.get_by_role("heading", name="Welcome, Renée")).to_be_visible()
    log_out_and_in(page)
    add_license(page)
    screenshot("02-my-licenses")
    open_wallet_menu_with_keyboard(page)

    user = User.objects.get(email="renee@example.com")
    assert user.legal_name == "Renée O'Brien"
    assert user.time_zone == "America/Chicago"
    license = UserLicense.objects.get(user=user)
    assert (license.license_type.state, license.license_type.code) == ("CA", "LMFT")
    assert license.number == "LMFT 123456"


def test_sign_up_starts_with_the_browsers_own_time_zone(browser, live_server):
    context = browser.new_context(base_url=live_server.url, timezone_id="America/Denver")
    page = context.new_page()
    page.goto("/accounts/signup/")
    expect(page.get_by_label("Time zone")).to_have_value("America/Denver")
    context.close()
