"""Playwright (Python) driving the machine's Chromium against a live server.

Never `playwright install`: it downloads a browser, which this network refuses. Outside CI a missing
Chromium skips these tests with a reason; under CI=true it fails them.
"""

import os
from pathlib import Path

import pytest

CHROMIUM = os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
AXE = Path(__file__).parent / "vendor" / "axe-4.14.1.min.js"
# Playwright's sync API runs an event loop in this thread; the ORM calls of the test itself are safe.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")


@pytest.fixture(scope="session")
def browser():
    if not Path(CHROMIUM).exists():
        message = f"Chromium not found at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="en-US", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def korean_page(browser, live_server, transactional_db):
    """A browser that asks for Korean, as a resident's does: the product's default language."""
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    """A phone-sized screen (field visits, check-in)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        bypass_csp=True,
        viewport={"width": 390, "height": 844},
        is_mobile=True,
        has_touch=True,
    )
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def log_in(page, username: str, password: str = "correct-horse-battery") -> None:
    """Log in through the real login page (the factories' password is the default); staff then enter the
    current TOTP code of their device (created for them if they have none), as they would from their phone."""
    from jobcenter.models import STAFF_ROLES, User
    from tests.hardening.otp import current_code, totp_device

    user = User.objects.filter(username=username).first()
    device = totp_device(user) if user is not None and user.role in STAFF_ROLES else None
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    if device is not None and "/accounts/2fa/verify/" in page.url:
        page.fill("#id_token", current_code(device))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def serious_accessibility_violations(page) -> list[dict]:
    """Run axe-core (served from the test folder, not a CDN) and return serious and critical violations."""
    page.wait_for_load_state()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]
