"""A counselor opens a vacancy's candidates, reads why each ranks where it does, and refers one in one click."""

import re

import pytest

from matching.models import Referral
from matching.scoring_tasks import match_vacancy_refresh
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

pytestmark = pytest.mark.browser


def test_a_counselor_sees_ranked_explained_candidates_and_refers_one_in_one_click(page, world):
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(company=world.company_a, title="사출 생산직")
    best = matching_seeker(booth=booth, name="박최고", desired_wage=2_400_000)
    matching_seeker(booth=booth, name="정다음", occupations=("82",))
    match_vacancy_refresh(vacancy.pk)

    log_in(page, "counselor_x")
    page.goto(f"/matching/vacancies/{vacancy.pk}/candidates/")

    rows = page.locator("#candidate-rows > tr")
    assert rows.count() == 2
    assert "박최고" in rows.nth(0).inner_text() and "정다음" in rows.nth(1).inner_text()
    rows.nth(0).locator("details summary").click()
    assert rows.nth(0).locator(".match-parts-table tbody tr").count() == 11
    assert serious_accessibility_violations(page) == []

    rows.nth(0).locator("button.button-refer").click()
    page.wait_for_url(re.compile(r"/matching/referrals/\d+/$"))

    referral = Referral.objects.get(vacancy=vacancy)
    assert referral.seeker_id == best.pk
    assert page.url.endswith(f"/matching/referrals/{referral.pk}/")
