"""A resident, from the front page to "면접 예정": registers online, writes a résumé, applies to a job, and follows
the application while the counselor supports it and the employer proposes an interview. In Korean, on a desktop
and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from employers.models import ApplicationMethod
from matching.models import Referral, ReferralSource, ReferralState
from resumes.models import Application, Resume
from seekers.models import Seeker
from tests.browser.conftest import DESKTOP, PHONE, axe_checked, log_in, next_step
from tests.matching.factories import working_time
from tests.resumes.factories import ResumeFactory

pytestmark = pytest.mark.browser


@pytest.fixture(params=["desktop", "phone"])
def resident_page(request, browser, live_server, transactional_db):
    phone = request.param == "phone"
    context = browser.new_context(
        base_url=live_server.url,
        locale="ko-KR",
        bypass_csp=True,
        viewport=PHONE if phone else DESKTOP,
        is_mobile=phone,
        has_touch=phone,
    )
    with axe_checked(context) as page:
        yield page


def log_out(page) -> None:
    page.context.clear_cookies()


def test_a_resident_registers_writes_a_resume_applies_and_follows_it_to_the_interview(resident_page, world):
    page = resident_page
    vacancy = world.vacancy_a
    vacancy.application_method = ApplicationMethod.BOTH
    vacancy.save(update_fields=["application_method"])

    # The front page leads to online registration (구직신청).
    page.goto("/")
    assert page.url.endswith("/residents/")
    assert "운영시간" in page.content() and world.centre_x.name in page.content()
    page.locator("main a[href='/seekers/signup/']").first.click()
    page.wait_for_url("**/seekers/signup/")
    page.fill("#id_last_name", "정")
    page.fill("#id_first_name", "다은")
    page.fill("#id_username", "jungdaeun")
    page.fill("#id_password", "a-long-passphrase-7")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/seekers/me/register/")
    page.select_option("#id_booth", str(world.seeker_a.booth_id))
    page.fill("#id_birth_date", "1996-08-15")
    page.fill("#id_phone", "010 2468 1357")
    next_step(page)
    page.fill("#id_career-0-company", "서구물산")
    page.fill("#id_career-0-started_on", "2018-03-01")
    page.fill("#id_career-0-ended_on", "2023-06-30")
    page.fill("#id_certificate-0-name", "지게차운전기능사")
    next_step(page)
    page.check("input[name=desired_occupations][value='81']")
    page.fill("#id_desired_wage", "2600000")
    next_step(page)
    page.check("#id_consent_collection")  # not the sharing consent: applying asks for its own
    page.click("main form.registration-form button[type=submit]")
    page.wait_for_url("**/seekers/me/")
    seeker = Seeker.objects.get(user__username="jungdaeun")

    # A résumé from the registration, with a self-introduction.
    page.locator("main a[href='/resumes/new/']").first.click()
    page.wait_for_url("**/resumes/new/")
    assert "서구물산" in page.content()
    page.fill("#id_title", "생산직 지원용")
    page.fill("#id_body_2", "지게차 자격이 있고 5년 동안 물류 현장에서 일했습니다.")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/resumes/\d+/$"))
    assert "지게차운전기능사" in page.content() and "5년 동안" in page.content()
    resume = Resume.objects.get(seeker=seeker)

    # The job page: apply online, with the consent explained before sending.
    page.goto(f"/employers/jobs/{vacancy.pk}/")
    page.locator(f"main a[href='/resumes/jobs/{vacancy.pk}/apply/']").click()
    page.wait_for_url("**/apply/")
    assert "이 채용공고에 한해 가나다(주)에 제공" in page.content()
    page.check(f"input[name=resume][value='{resume.pk}']")
    page.fill("#id_message", "다음 달부터 근무할 수 있습니다.")
    page.click("main form button[type=submit]")  # forgot the consent: refused, nothing sent
    assert "동의하십시오" in page.locator("main form").inner_text()
    assert not Referral.objects.exists()
    page.check("#id_consent")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/resumes/applications/\d+/$"))
    assert "기업 전달" in page.locator(".state").inner_text()
    referral = Referral.objects.get(seeker=seeker)
    assert referral.source == ReferralSource.APPLICATION
    log_out(page)

    # The counselor sees it on the worklist and supports it.
    log_in(page, "counselor_x")
    page.goto("/worklist/")
    item = page.locator("#panel-applications-to-review li[id^='application-']")
    assert "정다은" in item.inner_text()
    item.locator("button", has_text="지원 추천").click()
    page.wait_for_url("**/worklist/")
    assert Application.objects.get().counselor_opinion == "support"
    log_out(page)

    # The employer reads the résumé from the portal list and proposes an interview.
    log_in(page, "employer_a")
    page.goto("/matching/portal/referrals/")
    assert "온라인 입사지원" in page.content()
    page.click(f"main a[href='/matching/referrals/{referral.pk}/']")
    page.wait_for_url(f"**/matching/referrals/{referral.pk}/")  # content() does not wait for the new page
    assert "일자리센터 상담사가 이 지원을 추천합니다." in page.content()
    page.fill("#id_i-date", working_time(days=2).date().isoformat())
    page.fill("#id_i-time", "10:30")
    page.fill("#id_i-place", "가나다(주) 본사 2층")
    page.locator("main form[action$='/interview/'] button[type=submit]").first.click()
    page.wait_for_load_state()
    referral.refresh_from_db()
    assert referral.state == ReferralState.INTERVIEW_SCHEDULED
    log_out(page)

    # The resident follows it on their page: 면접 예정.
    log_in(page, "jungdaeun", "a-long-passphrase-7")
    page.goto("/seekers/me/")
    mine = page.locator("#panel-my-referrals")
    assert "가나다(주) · A사 생산직" in mine.inner_text() and "면접 예정" in mine.inner_text()
    assert "본사 2층" in mine.inner_text()


def test_deleting_a_resume__asks_in_a_modal_first__and_going_back_keeps_it(korean_page, world):
    page = korean_page
    resume = ResumeFactory(seeker=world.seeker_a, title="생산직 지원용")
    log_in(page, "seeker_a")
    page.goto(f"/resumes/{resume.pk}/")
    page.click("button[data-confirm='confirm-delete-resume']")
    dialog = page.locator("dialog#confirm-delete-resume")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("이력서를 삭제할까요?")
    expect(dialog).to_contain_text("이미 보낸 지원에는 기업이 받은 사본이 남습니다.")
    dialog.locator("[data-modal-close]").click()
    expect(dialog).to_be_hidden()
    assert Resume.objects.filter(pk=resume.pk).exists()
    page.click("button[data-confirm='confirm-delete-resume']")
    dialog.locator("[data-modal-accept]").click()
    page.wait_for_url("**/resumes/")
    assert not Resume.objects.filter(pk=resume.pk).exists()
