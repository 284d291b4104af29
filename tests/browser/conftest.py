"""Playwright (Python) driving the machine's Chromium against a live server.

Never `playwright install`: it downloads a browser, which this network refuses. Outside CI a missing
Chromium skips these tests with a reason; under CI=true it fails them.
"""

import os
import pprint
from contextlib import contextmanager
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


DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}


class AxeCheckedPage:
    """A Playwright page whose every loaded document is checked with axe-core, at desktop and phone width.

    A new document only marks the page as due (Playwright's event handlers may not call the page); the check
    runs before the test's next call on the page, so on the document the test is looking at, and once more
    when the test ends. Serious and critical violations are collected by URL and fail the test at teardown.
    """

    def __init__(self, page):
        self.__dict__.update(_page=page, _due=False, violations={})
        page.on("domcontentloaded", lambda _: self.__dict__.update(_due=True))

    def __getattr__(self, name):
        attribute = getattr(self._page, name)
        if not callable(attribute) or name in ("on", "once", "remove_listener", "close", "is_closed"):
            return attribute

        def call(*args, **kwargs):
            self.check_if_due()
            return attribute(*args, **kwargs)

        return call

    def check_if_due(self) -> None:
        if not self._due or self._page.is_closed():
            return
        self.__dict__["_due"] = False
        page = self._page
        try:
            page.wait_for_load_state()
            url = page.url
            size = page.viewport_size
            for viewport in (size, PHONE if size and size["width"] > PHONE["width"] else DESKTOP):
                page.set_viewport_size(viewport)
                found = serious_accessibility_violations(page)
                if found:
                    self.violations.setdefault(f"{url} at {viewport['width']} px", found)
            page.set_viewport_size(size)
        except Exception as error:  # the test navigated on meanwhile: that page is checked next
            if "context was destroyed" not in str(error) and "navigation" not in str(error):
                raise


@contextmanager
def axe_checked(context):
    page = AxeCheckedPage(context.new_page())
    page.set_default_timeout(10_000)
    yield page
    page.check_if_due()
    context.close()
    if page.violations:
        pytest.fail(f"axe-core: serious or critical violations on {pprint.pformat(page.violations)}")


@pytest.fixture
def page(browser, live_server, transactional_db):
    context = browser.new_context(base_url=live_server.url, locale="en-US", bypass_csp=True, viewport=DESKTOP)
    with axe_checked(context) as page:
        yield page


@pytest.fixture
def korean_page(browser, live_server, transactional_db):
    """A browser that asks for Korean, as a resident's does: the product's default language."""
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", bypass_csp=True, viewport=DESKTOP)
    with axe_checked(context) as page:
        yield page


@pytest.fixture
def phone_page(browser, live_server, transactional_db):
    """A phone-sized screen (field visits, check-in)."""
    context = browser.new_context(
        base_url=live_server.url,
        locale="en-US",
        bypass_csp=True,
        viewport=PHONE,
        is_mobile=True,
        has_touch=True,
    )
    with axe_checked(context) as page:
        yield page


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
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {"id": v["id"], "impact": v["impact"], "nodes": [n["target"] for n in v["nodes"]][:5]}
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


def next_step(page, times: int = 1) -> None:
    """Move a form in steps (form[data-steps], static/js/ui.js) on by `times` steps, as a user would."""
    for _ in range(times):
        page.click("main form [data-step-next]")
