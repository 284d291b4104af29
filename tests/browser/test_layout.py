"""The KRDS layout: the main menu on a phone, the skip link, and the error pages (axe-checked like every page)."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def test_on_a_phone__the_main_menu_opens_from_its_button(phone_page, world):
    page = phone_page
    log_in(page, "counselor_x")
    page.goto("/employers/jobs/")
    menu = page.locator("#main-menu")
    toggle = page.locator(".menu-toggle")
    expect(menu).to_be_hidden()
    toggle.click()
    expect(toggle).to_have_attribute("aria-expanded", "true")
    menu.get_by_role("link", name="Worklist").click()
    page.wait_for_url("**/worklist/")


def test_on_a_desktop__the_menu_shows_and_the_skip_link_leads_to_the_content(page, world):
    page.goto("/employers/jobs/")
    expect(page.locator(".menu-toggle")).to_be_hidden()
    expect(page.locator("#main-menu").get_by_role("link", name="Job board")).to_be_visible()
    page.keyboard.press("Tab")
    skip = page.locator("#krds-skip-link a")
    expect(skip).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("main#main")).to_be_focused()


def test_error_pages__are_in_the_layout_with_a_way_back(page, world):
    page.goto("/no-such-page/")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    page.get_by_role("link", name="Go to the job board").click()
    page.wait_for_url("**/employers/jobs/")
    log_in(page, "seeker_a")
    page.goto("/seekers/")
    expect(page.get_by_role("heading", name="You may not open this page")).to_be_visible()
    expect(page.locator("#main-menu").get_by_role("link", name="My page")).to_be_visible()
