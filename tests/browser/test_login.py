import pytest

from tests.browser.conftest import log_in, serious_accessibility_violations

pytestmark = pytest.mark.browser


def test_a_counselor_logs_in_through_the_login_page_and_sees_the_worklist(page, world):
    log_in(page, "counselor_x")
    assert page.url.endswith("/worklist/")
    assert page.locator("h1").inner_text() in ("Worklist", "업무 목록")


@pytest.mark.parametrize("principal", ["anonymous", "seeker_a", "employer_a", "counselor_x", "manager_x", "admin"])
def test_login_page_and_each_role_home_have_no_serious_accessibility_violations(page, world, principal):
    if principal == "anonymous":
        page.goto("/accounts/login/")
    else:
        log_in(page, principal)
    assert serious_accessibility_violations(page) == []


def test_the_language_switcher_turns_the_login_page_into_english_and_back(korean_page, world):
    page = korean_page
    page.goto("/accounts/login/")
    assert page.locator("html").get_attribute("lang") == "ko"
    assert page.locator("h1").inner_text() == "로그인"
    page.select_option("#language-select", "en")
    page.click(".language-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "Log in"
    page.select_option("#language-select", "ko")
    page.click(".language-form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "로그인"


def test_a_user_who_forgot_the_password_gets_a_mail_and_sets_a_new_one(korean_page, world, mailoutbox):
    import re

    page = korean_page
    page.goto("/accounts/login/")
    page.click("text=비밀번호를 잊으셨나요?")
    page.fill("#id_email", world.users["counselor_x"].email)
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/password/reset/done/")
    assert page.locator("h1").inner_text() == "이메일을 확인해 주세요"
    link = re.search(r"https?://\S+/accounts/reset/\S+/", mailoutbox[0].body).group(0)
    page.goto(link)
    assert serious_accessibility_violations(page) == []
    page.fill("#id_new_password1", "blue-river-morning-42")
    page.fill("#id_new_password2", "blue-river-morning-42")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/reset/done/")
    assert page.locator("h1").inner_text() == "비밀번호 재설정"
    log_in(page, "counselor_x", "blue-river-morning-42")
    assert page.url.endswith("/worklist/")
    assert serious_accessibility_violations(page) == []
