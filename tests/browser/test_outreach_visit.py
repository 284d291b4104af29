import pytest

from employers.models import Company, Vacancy
from outreach.models import Visit
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.employers.factories import business_number

pytestmark = pytest.mark.browser


def test_a_counselor_logs_a_visit_on_a_phone_with_a_new_company_and_two_discovered_vacancies(phone_page, world):
    page = phone_page
    log_in(page, "counselor_x")
    page.goto("/outreach/visits/new/")
    assert serious_accessibility_violations(page) == []

    number = business_number(9100)
    page.fill("#id_new_name", "청라스마트팩토리(주)")
    page.fill("#id_new_business_number", number)
    page.locator("#id_new_business_number").blur()
    page.locator("#business-number-check .ok-note").wait_for()
    page.fill("#id_new_address", "인천 서구 청라대로 100")
    page.fill("#id_person_met", "한대표")
    page.fill("#id_employee_count", "42")
    page.check("#id_difficulty_hiring")
    page.fill("#id_difficulty_hiring_notes", "야간 생산직 구인난")
    page.fill("#id_vacancies-0-title", "생산직 사원")
    page.select_option("#id_vacancies-0-occupation", "81")
    page.fill("#id_vacancies-0-openings", "3")
    page.fill("#id_vacancies-1-title", "품질관리원")
    page.select_option("#id_vacancies-1-occupation", "81")
    page.fill("#id_followups-0-description", "고용장려금 안내문 발송")
    page.fill("#id_followups-0-due_on", "2026-12-01")
    page.click("button[value=complete]")
    page.wait_for_url("**/outreach/visits/*/")

    assert "청라스마트팩토리(주)" in page.locator("h1").inner_text()
    company = Company.objects.get(business_number=number)
    assert Visit.objects.get(company=company).status == Visit.Status.COMPLETED
    assert sorted(Vacancy.objects.filter(company=company, status="draft").values_list("title", "openings")) == [
        ("생산직 사원", 3),
        ("품질관리원", 1),
    ]
    # The follow-up reaches the worklist and is marked done there without a page load.
    page.goto("/worklist/")
    item = page.locator("#panel-outreach-follow-ups li", has_text="고용장려금 안내문 발송")
    item.get_by_role("button").click()
    page.locator("#panel-outreach-follow-ups .badge-done").wait_for()
    assert serious_accessibility_violations(page) == []


def test_a_second_vacancy_row_is_added_on_the_phone_with_javascript(phone_page, world):
    log_in(phone_page, "counselor_x")
    phone_page.goto("/outreach/visits/new/")
    phone_page.click("button[data-prefix=vacancies]")
    assert phone_page.locator("#id_vacancies-2-title").is_visible()
    assert phone_page.locator("#id_vacancies-TOTAL_FORMS").input_value() == "3"


@pytest.mark.parametrize("path", ["/outreach/", "/outreach/report/", "/outreach/plans/new/", "/outreach/desks/"])
def test_outreach_pages_have_no_serious_accessibility_violations(page, world, path):
    log_in(page, "manager_x")
    page.goto(path)
    assert serious_accessibility_violations(page) == []
