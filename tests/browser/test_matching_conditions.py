"""A counselor sees, before anything else, the conditions a candidate's match breaks: on the candidates page
(under "조건 불일치", below every candidate who meets them), on the seeker's case page and on the referral form."""

import pytest
from django.urls import reverse

from matching.scoring_tasks import match_seeker_refresh, match_vacancy_refresh
from seekers.models import Seeker
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

pytestmark = pytest.mark.browser

CONFLICTS = "야간·교대 근무 비희망; 필요 자격증 미보유: 지게차운전기능사"


def test_the_conflicts_come_first_in_the_summary_line_on_every_page(korean_page, world):
    page = korean_page
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(
        company=world.company_a,
        title="지게차 야간조",
        shifts="3교대 (야간 포함)",
        certificates_required="지게차운전기능사",
    )
    days_only = matching_seeker(booth=booth, name="김주간", shifts=[Seeker.Shift.DAY], desired_wage=2_000_000)
    matching_seeker(booth=booth, name="이가능", occupations=("82",), certificates=("지게차 자격증",))
    match_vacancy_refresh(vacancy.pk)
    match_seeker_refresh(days_only.pk)

    log_in(page, "counselor_x")
    page.goto(f"/matching/vacancies/{vacancy.pk}/candidates/")

    rows = page.locator("#candidate-rows > tr")
    assert [rows.nth(i).get_attribute("class") for i in range(3)] == [None, "match-conflict-heading", "match-conflict"]
    assert "이가능" in rows.nth(0).inner_text() and rows.nth(0).locator(".match-conflicts").count() == 0
    assert rows.nth(1).inner_text().strip() == "조건 불일치"
    summary = rows.nth(2).locator("td").nth(2).inner_text()
    assert summary.startswith(CONFLICTS + "; 직종:"), summary
    assert serious_accessibility_violations(page) == []

    page.goto(reverse("seekers:case", args=[days_only.pk]))
    panel = page.locator(".match-panel-list li", has_text="지게차 야간조")
    assert panel.locator(".match-conflicts").inner_text() == CONFLICTS

    page.goto(f"/matching/referrals/new/?seeker={days_only.pk}&vacancy={vacancy.pk}")
    assert page.locator(".match-fit .match-conflicts").inner_text() == CONFLICTS
    assert serious_accessibility_violations(page) == []
