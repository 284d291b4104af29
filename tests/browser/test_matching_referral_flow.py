import datetime
import re

import pytest
from django.utils import timezone

from matching.models import FollowUp, Interview, Referral, ReferralState
from matching.services import follow_ups_create_due
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.matching.factories import give_consent, working_time

pytestmark = pytest.mark.browser


def submit(page, action_suffix: str) -> None:
    page.locator(f"main form[action$='{action_suffix}'] button[type=submit]").first.click()
    page.wait_for_load_state()


def test_one_referral_goes_from_proposal_to_hire_to_its_first_follow_up_across_three_roles(page, world):
    give_consent(world.seeker_a)
    violations = {}

    # The counselor proposes seeker A for vacancy A and sends the referral to the employer.
    log_in(page, "counselor_x")
    page.goto(f"/matching/referrals/new/?seeker={world.seeker_a.pk}&vacancy={world.vacancy_a.pk}")
    violations["referral_new"] = serious_accessibility_violations(page)
    page.fill("#id_note", "성실하고 경력이 맞습니다.")
    # The form's first buttons search for a seeker or vacancy; the chosen ones are already ticked.
    assert page.locator(f"input[name=seeker][value='{world.seeker_a.pk}']").is_checked()
    assert page.locator(f"input[name=vacancy][value='{world.vacancy_a.pk}']").is_checked()
    page.get_by_role("button", name="Propose the referral").click()
    page.wait_for_url(re.compile(r"/matching/referrals/\d+/$"))
    referral = Referral.objects.get()
    assert page.url.endswith(f"/matching/referrals/{referral.pk}/")
    page.select_option("#id_t-to_state", "sent")
    submit(page, "/transition/")
    assert "Sent to employer" in page.locator(".state").first.inner_text() or "sent" in page.content()
    violations["referral"] = serious_accessibility_violations(page)
    page.click("header form[action$='/logout/'] button")

    # The employer sees the candidate, schedules the interview, then records the hire.
    log_in(page, "employer_a")
    page.goto("/matching/portal/referrals/")
    violations["portal_referrals"] = serious_accessibility_violations(page)
    page.click(f"a[href='/matching/referrals/{referral.pk}/']")
    assert "김하나" in page.locator("#candidate-profile").locator("xpath=..").inner_text()
    page.fill("#id_i-date", working_time(days=2).date().isoformat())  # a working day: holidays need a reason
    page.fill("#id_i-time", "10:30")
    page.fill("#id_i-place", "가나다(주) 본사 2층")
    submit(page, "/interview/")
    referral.refresh_from_db()
    assert referral.state == ReferralState.INTERVIEW_SCHEDULED
    # Five weeks pass: the interview took place (a result is refused before it), and work started the day after.
    Interview.objects.filter(referral=referral).update(starts_at=timezone.now() - datetime.timedelta(days=36))
    start = timezone.localdate() - datetime.timedelta(days=35)
    page.fill("#id_p-start_date", start.isoformat())
    page.fill("#id_p-weekly_hours", "40")
    submit(page, "/hire/")
    referral.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    world.seeker_a.refresh_from_db()
    assert referral.state == ReferralState.HIRED
    assert world.vacancy_a.openings_filled == 1
    assert world.seeker_a.status == "placed"
    page.click("header form[action$='/logout/'] button")

    # The seeker sees the outcome on their own page.
    log_in(page, "seeker_a")
    page.goto("/matching/my-referrals/")
    assert "A사 생산직" in page.content() and "Hired" in page.content()
    violations["my_referrals"] = serious_accessibility_violations(page)
    page.click("header form[action$='/logout/'] button")

    # The hire created its 1/3/6-month follow-ups at once; the one-month one is due, on the counselor's worklist,
    # and leaves it when handled (the beat task has nothing left to create).
    assert FollowUp.objects.filter(placement__referral=referral).count() == 3
    assert follow_ups_create_due() == 0
    log_in(page, "counselor_x")
    item = page.locator("#panel-follow-ups-due li[id^='follow-up-']")
    assert item.count() == 1
    violations["worklist"] = serious_accessibility_violations(page)
    item.locator("select").select_option("employed")
    item.locator("button").click()
    page.wait_for_selector("#panel-follow-ups-due li[id^='follow-up-']", state="detached")
    assert FollowUp.objects.get(months=1).outcome == FollowUp.Outcome.EMPLOYED
    assert page.url.endswith("/worklist/")  # no full reload: htmx swapped the item out

    page.goto(f"/matching/seekers/{world.seeker_a.pk}/")
    assert "Still employed" in page.content()
    violations["seeker"] = serious_accessibility_violations(page)
    page.goto("/matching/calendar/")
    violations["calendar"] = serious_accessibility_violations(page)
    page.goto("/matching/retention/")
    violations["retention"] = serious_accessibility_violations(page)
    assert violations == {name: [] for name in violations}
