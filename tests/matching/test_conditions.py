"""Stated conditions: a broken "must" lists the pair apart and last, a broken "prefer" ranks it below every pair
meeting the conditions with the same occupation fit; the summary names what is broken first."""

import pytest

from jobcenter.models import EmploymentType
from matching.scoring import rank_seekers_for_vacancy, rank_vacancies_for_seeker
from matching.scoring_models import MatchWeights
from matching.scoring_tasks import match_vacancy_refresh
from seekers.models import Seeker
from tests.matching.scoring_factories import matching_seeker, matching_vacancy


@pytest.fixture
def booth_x(world):
    return world.users["counselor_x"].booth


def _weights(**rules) -> dict:
    return MatchWeights().as_dict() | {f"{name}_rule": rule for name, rule in rules.items()}


def test_night_work_refused__a_night_job_ranks_below_a_worse_day_job_and_says_why_first(world, booth_x):
    seeker = matching_seeker(booth=booth_x, shifts=[Seeker.Shift.DAY], desired_wage=2_500_000)
    night = matching_vacancy(shifts="3교대 (야간 포함)", wage_amount=3_000_000, duties="지게차 운전")
    # another 시군구, lower wage, other middle group of the same major group: clearly a worse fit
    day = matching_vacancy(occupation="82", region="28245", wage_amount=2_000_000)

    ranked = rank_vacancies_for_seeker(seeker, vacancies=[night, day])

    assert [match.vacancy_id for match in ranked] == [day.pk, night.pk]
    assert ranked[1].must_broken and not ranked[0].must_broken
    assert ranked[1].summary.startswith("night or rotating shifts not wanted; occupation: same occupation")
    assert ranked[1].score > ranked[0].score  # the shown score is the plain weighted average


def test_missing_certificate__is_named_in_the_summary_by_its_official_name(world, booth_x):
    seeker = matching_seeker(booth=booth_x, certificates=("2종 보통",))
    vacancy = matching_vacancy(certificates_required="지게차 자격증, 1종 보통")

    [match] = rank_seekers_for_vacancy(vacancy, seekers=[seeker])

    assert match.conflicts == ["lacks required certificates: 제1종 보통 운전면허, 지게차운전기능사"]
    assert match.summary.startswith("lacks required certificates: 제1종 보통 운전면허, 지게차운전기능사; occupation")


def test_prefer__ranks_below_every_candidate_meeting_it_with_the_same_occupation_fit(world, booth_x):
    vacancy = matching_vacancy(wage_amount=2_000_000)
    # far better on everything else, but wants more than the vacancy pays
    wants_more = matching_seeker(booth=booth_x, desired_wage=2_400_000, careers=(("81", 10, ""),))
    # another 시도, no career: poor on everything but occupation, and asks for nothing the vacancy breaks
    far_away = matching_seeker(booth=booth_x, region="11", desired_wage=1_000_000)

    prefer = rank_seekers_for_vacancy(vacancy, seekers=[wants_more, far_away], weights=_weights(wage="prefer"))
    must = rank_seekers_for_vacancy(vacancy, seekers=[wants_more, far_away], weights=_weights(wage="must"))
    ignored_before = rank_seekers_for_vacancy(
        vacancy, seekers=[wants_more, far_away], weights=_weights(wage="prefer") | {"wage": 0, "place": 0}
    )

    assert [m.seeker_id for m in prefer] == [far_away.pk, wants_more.pk]
    assert not prefer[1].must_broken and prefer[1].conflicts == ["wage 17% below the minimum wanted"]
    assert [m.seeker_id for m in must] == [far_away.pk, wants_more.pk] and must[1].must_broken
    assert ignored_before[1].seeker_id == wants_more.pk


def test_must_employment_type__breakers_come_after_all_that_meet_it_in_the_stored_list(world, booth_x):
    vacancy = matching_vacancy(employment_type=EmploymentType.PART_TIME, company=world.company_a)
    full_time_only = matching_seeker(booth=booth_x, name="정규직희망", employment_types=[EmploymentType.FULL_TIME])
    any_type = matching_seeker(booth=booth_x, name="아무나", occupations=("82",))
    match_vacancy_refresh(vacancy.pk)

    page = world.client_for("counselor_x").get(f"/matching/vacancies/{vacancy.pk}/candidates/").content.decode()

    assert page.index("아무나") < page.index('class="match-conflict-heading"') < page.index("정규직희망")
    assert any_type.pk != full_time_only.pk


def test_weights_page__saves_a_rule_and_the_preview_uses_it(world, booth_x):
    vacancy = matching_vacancy(company=world.company_a, employment_type=EmploymentType.PART_TIME)
    matching_seeker(booth=booth_x, name="정규직희망", employment_types=[EmploymentType.FULL_TIME])
    matching_seeker(booth=booth_x, name="다른직종", occupations=("82",))
    client = world.client_for("manager_x")
    values = MatchWeights().as_dict()

    must = client.post("/matching/weights/", {**values, "preview": "1", "sample": vacancy.pk}).content.decode()
    assert must.index("다른직종") < must.index('class="match-conflict-heading"') < must.index("정규직희망")
    prefer = client.post(
        "/matching/weights/", {**values, "employment_type_rule": "prefer", "preview": "1", "sample": vacancy.pk}
    ).content.decode()
    assert 'class="match-conflict-heading"' not in prefer.split("<caption>")[1]
    bad = client.post("/matching/weights/", {**values, "employment_type_rule": "maybe", "save": "1"})
    assert bad.status_code == 200 and MatchWeights.objects.get().employment_type_rule == "must"

    saved = client.post("/matching/weights/", {**values, "employment_type_rule": "prefer", "save": "1"})

    assert saved.status_code == 302
    assert MatchWeights.objects.get().employment_type_rule == "prefer"


def test_pre_matching__names_the_broken_conditions_first_and_ranks_must_breakers_last(world, booth_x):
    from events.prematching import ranked_candidates

    vacancy = matching_vacancy(shifts="2교대 (주야간)")
    days_only = matching_seeker(booth=booth_x, name="주간만", shifts=[Seeker.Shift.DAY])
    other_group = matching_seeker(booth=booth_x, name="다른직종", occupations=("82",))

    found, scored = ranked_candidates(vacancy, Seeker.objects.filter(pk__in=[days_only.pk, other_group.pk]))

    assert scored and [candidate.seeker.pk for candidate in found] == [other_group.pk, days_only.pk]
    assert found[1].reason.startswith("night or rotating shifts not wanted; occupation: same occupation")
