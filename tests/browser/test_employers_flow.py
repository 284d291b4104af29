import re

import pytest
from playwright.sync_api import expect

from employers.models import Company, Vacancy
from tests.browser.conftest import log_in, next_step, serious_accessibility_violations

pytestmark = pytest.mark.browser


def logged_in(context, live_server, username: str) -> None:
    """Put a logged-in session (for staff: with its second factor passed) into the browser context.

    The login page itself is tested in tests/browser/test_login.py; these tests are about the employers pages.
    """
    from django.conf import settings
    from django.test import Client

    from jobcenter.models import User

    try:
        from tests.hardening.otp import force_login_verified
    except ImportError:  # before the second factor exists

        def force_login_verified(client, user):
            client.force_login(user)
            return client

    client = force_login_verified(Client(), User.objects.get(username=username))
    cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
    context.add_cookies([{"name": settings.SESSION_COOKIE_NAME, "value": cookie, "url": live_server.url}])


def counselor_page(browser, live_server):
    context = browser.new_context(base_url=live_server.url, locale="en-US", bypass_csp=True)
    logged_in(context, live_server, "counselor_x")
    page = context.new_page()
    page.set_default_timeout(10_000)
    return context, page


def test_employer_signs_up_posts_a_vacancy_has_it_sent_back_fixes_it_and_sees_it_published(
    page, browser, live_server, world
):
    # Sign up: account and company in one form.
    page.goto("/employers/signup/")
    assert serious_accessibility_violations(page) == []
    page.fill("#id_name", "청라식품(주)")
    page.fill("#id_business_number", "220-81-62517")
    page.fill("#id_representative", "배정란")
    page.select_option("#id_industry", "C")
    page.select_option("#id_region", "2826053000")
    page.select_option("#id_centre", str(world.centre_x.pk))
    page.fill("#id_contact_email", "hr@cheongna.example")
    page.fill("#id_last_name", "배")
    page.fill("#id_first_name", "정란")
    page.fill("#id_email", "hr@cheongna.example")
    page.fill("#id_username", "cheongna_hr")
    page.fill("#id_password1", "long-enough-password-9")
    page.fill("#id_password2", "long-enough-password-9")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/employers/portal/")
    assert serious_accessibility_violations(page) == []

    # Post a vacancy: a sub-minimum wage is refused first.
    page.click("a[href$='/portal/vacancies/new/']")
    page.wait_for_url("**/portal/vacancies/new/")
    assert serious_accessibility_violations(page) == []
    page.fill("#id_title", "식품 포장원")
    page.select_option("#id_occupation", "81")
    page.fill("#id_duties", "식품 포장 및 검수")
    next_step(page)
    page.fill("#id_wage_amount", "1500000")
    next_step(page)
    page.select_option("#id_region", "2826053000")
    next_step(page)
    page.click("main form button[type=submit]")
    # Refused: the summary of errors has the focus and the step with the wage shows again, as typed.
    expect(page.locator("#error-summary")).to_be_focused()
    assert page.locator("#id_wage_amount_error").is_visible()
    assert page.input_value("#id_title") == "식품 포장원"
    page.fill("#id_wage_amount", "2400000")
    next_step(page, 2)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/portal/vacancies/*/")
    page.click("form[action$='/submit/'] button")
    vacancy = Vacancy.objects.get(title="식품 포장원")
    assert vacancy.status == "submitted"

    # The counselor verifies the company and sends the vacancy back with a comment.
    context, counselor = counselor_page(browser, live_server)
    company = Company.objects.get(business_number="2208162517")
    counselor.goto(f"/employers/companies/{company.pk}/")
    counselor.click("form[action$='/verify/'] button")
    counselor.goto("/worklist/")
    counselor.click(f"a[href='/employers/vacancies/{vacancy.pk}/']")
    assert serious_accessibility_violations(counselor) == []
    counselor.fill("#id_comment", "근무 시간과 우대사항을 적어 주세요.")
    counselor.click("form[action$='/return/'] button")

    # The employer sees the comment, fixes the vacancy and submits it again.
    page.goto(f"/employers/portal/vacancies/{vacancy.pk}/")
    assert "근무 시간과 우대사항을 적어 주세요." in page.locator(".review-comment").inner_text()
    page.click(f"a[href='/employers/portal/vacancies/{vacancy.pk}/edit/']")
    next_step(page)
    page.fill("#id_working_hours", "09:00–18:00")
    next_step(page)
    page.fill("#id_benefits", "4대 보험, 중식 제공")
    next_step(page)
    page.click("main form button[type=submit]")
    page.click("form[action$='/submit/'] button")

    # The counselor publishes it; the employer sees it published and it is on the public board.
    counselor.goto(f"/employers/vacancies/{vacancy.pk}/")
    counselor.click("form[action$='/publish/'] button")
    context.close()
    page.goto("/employers/portal/")
    row = page.locator("tr", has_text="식품 포장원")
    assert row.locator(".status-published").count() == 1
    page.goto("/employers/jobs/?q=포장")
    assert page.locator(".job h3", has_text="식품 포장원").count() == 1


def test_job_board_filters_with_htmx_and_the_pages_have_no_serious_accessibility_violations(page, world):
    page.goto("/employers/jobs/")
    assert serious_accessibility_violations(page) == []
    page.fill("#id_q", "A사")
    page.press("#id_q", "Enter")
    page.wait_for_url("**q=A*")
    assert page.locator(".job h3", has_text="A사 생산직").count() == 1
    assert page.locator(".job h3", has_text="B사 사무직").count() == 0
    page.click("a:has-text('A사 생산직')")
    page.wait_for_url(re.compile(r"/employers/jobs/\d+/$"))
    assert serious_accessibility_violations(page) == []


@pytest.mark.parametrize(
    ("principal", "path"),
    [
        ("counselor_x", "/employers/companies/"),
        ("counselor_x", "/employers/vacancies/"),
        ("counselor_x", "/employers/companies/new/"),
        ("counselor_x", "/employers/imports/new/"),
        ("counselor_x", "/employers/bulletins/"),
        ("employer_a", "/employers/portal/"),
    ],
)
def test_staff_and_portal_pages_have_no_serious_accessibility_violations(page, live_server, world, principal, path):
    logged_in(page.context, live_server, principal)
    page.goto(path)
    assert serious_accessibility_violations(page) == []


def test_closing_a_vacancy__asks_in_a_modal_first__and_going_back_keeps_it_open(page, world):
    vacancy = world.vacancy_a
    log_in(page, "employer_a")
    page.goto(f"/employers/portal/vacancies/{vacancy.pk}/")
    page.click("button[data-confirm='confirm-close']")
    dialog = page.locator("dialog#confirm-close")
    expect(dialog).to_be_visible()
    dialog.locator("[data-modal-close]").click()
    expect(dialog).to_be_hidden()
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED
    page.click("button[data-confirm='confirm-close']")
    dialog.locator("[data-modal-accept]").click()
    page.wait_for_load_state()
    expect(page.locator("dialog#confirm-close")).to_have_count(0)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.CLOSED
