"""The KRDS components as people use them: tables on a phone, the date input, confirmations with and without
JavaScript, the step indicator's names on a phone (axe-checked like every page)."""

import pytest
from playwright.sync_api import expect

from employers.models import Vacancy
from tests.browser.conftest import PHONE, axe_checked, log_in

pytestmark = pytest.mark.browser

# For every word of every table cell: the line boxes it lies on. A word broken inside (mid-syllable) lies on two.
WORDS_BROKEN_ACROSS_LINES = """() => {
  const broken = [];
  for (const cell of document.querySelectorAll('.krds-table-wrap td, .krds-table-wrap th')) {
    const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const re = /\\S+/g;
      let match;
      while ((match = re.exec(node.data))) {
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const tops = new Set(Array.from(range.getClientRects()).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(match[0]);
      }
    }
  }
  return broken;
}"""


@pytest.fixture
def korean_phone(browser, live_server, transactional_db):
    context = browser.new_context(
        base_url=live_server.url, locale="ko-KR", bypass_csp=True, viewport=PHONE, is_mobile=True, has_touch=True
    )
    with axe_checked(context) as page:
        yield page


@pytest.fixture
def without_javascript(browser, live_server, transactional_db):
    """No JavaScript, so no axe-core either: the same pages are axe-checked by the tests with JavaScript."""
    context = browser.new_context(base_url=live_server.url, locale="ko-KR", java_script_enabled=False)
    page = context.new_page()
    page.set_default_timeout(10_000)
    yield page
    context.close()


def test_tables_on_a_phone__scroll_sideways_and_break_no_word(korean_phone, world):
    from tests.employers.factories import VacancyFactory

    VacancyFactory(company=world.company_a, published=True, title="하이브리드자동차정비및품질검사보조원모집")
    page = korean_phone
    log_in(page, "employer_a")
    page.goto("/employers/portal/")
    table = page.locator(".krds-table-wrap[role=region]").first
    expect(table).to_be_visible()
    assert table.get_attribute("aria-label")
    assert page.evaluate(WORDS_BROKEN_ACROSS_LINES) == []
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]  # the table scrolls, not the page


def test_closing_a_vacancy_without_javascript__asks_on_a_page_then_closes(without_javascript, world):
    page = without_javascript
    log_in(page, "employer_a")
    page.goto(f"/employers/portal/vacancies/{world.vacancy_a.pk}/")
    page.click("button[data-confirm='confirm-close']")
    expect(page.get_by_role("heading", name="이 구인표를 마감할까요?")).to_be_visible()
    world.vacancy_a.refresh_from_db()
    assert world.vacancy_a.status == Vacancy.Status.PUBLISHED
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    world.vacancy_a.refresh_from_db()
    assert world.vacancy_a.status == Vacancy.Status.CLOSED


def test_date_input__takes_a_korean_date_and_offers_a_calendar(korean_page, world):
    page = korean_page
    page.goto("/employers/jobs/")
    date = page.locator("#id_deadline_after")
    expect(page.locator("#id_deadline_after_format")).to_contain_text("2027-01-05")
    expect(page.get_by_role("button", name="달력에서 선택")).to_be_visible()
    date.fill("2027. 1. 5.")
    page.locator("#id_deadline_after").press("Enter")
    page.wait_for_url("**deadline_after=*")
    page.reload()  # the filter's page as its address gives it: the date taken, written the machine-readable way
    expect(page.locator("#id_deadline_after")).to_have_value("2027-01-05")
    expect(page.locator(".field-error")).to_have_count(0)


def test_step_indicator_on_a_phone__shows_every_step_by_name(korean_phone, world):
    page = korean_phone
    log_in(page, "counselor_x")
    page.goto("/seekers/register/")
    names = page.locator(".krds-step-wrap .step-tit")
    assert names.count() >= 3
    for index in range(names.count()):
        expect(names.nth(index)).to_be_visible()
        assert names.nth(index).bounding_box()["width"] > 20
