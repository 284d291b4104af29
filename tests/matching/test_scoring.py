"""The scorer: scores and their parts for hand-made pairs, hard filters, stored lists, staleness, tasks."""

import datetime

import pytest

from employers.models import Vacancy
from jobcenter.models import EducationLevel, EmploymentType, TargetGroup, WageType
from matching.scoring import rank_seekers_for_vacancy, rank_vacancies_for_seeker, schedule_seeker, schedule_vacancy, sql
from matching.scoring.results import row_matches_refresh
from matching.scoring_models import (
    MatchList,
    SeekerMatchList,
    SeekerMatchProfile,
    VacancyMatchList,
    VacancyMatchProfile,
)
from matching.scoring_tasks import match_refresh_all, match_seeker_refresh, match_vacancy_refresh
from seekers.models import Seeker
from tests.matching.factories import ReferralFactory
from tests.matching.scoring_factories import matching_seeker, matching_vacancy


@pytest.fixture
def booth_x(world):
    return world.users["counselor_x"].booth


def stored(vacancy) -> list[tuple[int, float]]:
    """The vacancy's stored candidates: (seeker id, score), best first."""
    found = VacancyMatchList.objects.filter(vacancy=vacancy).values_list("ranked_ids", "scores").first()
    return list(zip(*found, strict=True)) if found else []


def stored_for_seeker(seeker) -> list[int]:
    found = SeekerMatchList.objects.filter(seeker=seeker).values_list("ranked_ids", flat=True).first()
    return found or []


def all_lists() -> list[tuple]:
    vacancy_lists = VacancyMatchList.objects.values_list("vacancy_id", "ranked_ids", "scores")
    seeker_lists = SeekerMatchList.objects.values_list("seeker_id", "ranked_ids", "scores")
    return sorted(("v", *row) for row in vacancy_lists) + sorted(("s", *row) for row in seeker_lists)


def test_score__same_occupation_nearby_and_wage_fits__is_high_and_explained(world, booth_x):
    vacancy = matching_vacancy(wage_amount=2_600_000, duties="지게차 운전 및 자재 상하차")
    seeker = matching_seeker(
        booth=booth_x,
        desired_wage=2_500_000,
        careers=(("81", 3, "지게차 운전, 자재 상하차 및 재고 관리"),),
        certificates=("지게차운전기능사",),
    )

    [match] = rank_seekers_for_vacancy(vacancy, seekers=[seeker])

    assert match.score > 85
    assert match.parts["occupation"]["occ_level"] == "code"
    assert match.parts["place"]["place_level"] == "eupmyeondong"
    assert match.parts["place"]["km"] == 0
    assert match.parts["wage"]["s"] == 1
    assert match.parts["duties_text"]["text_similarity"] > 0.2
    assert match.summary == "occupation: same occupation; same 읍면동, 0 km; wage fits"
    texts = {part.part: part.text for part in match.explanation}
    assert texts["experience"] == "no experience required"
    assert texts["certificates"] == "none required"


def test_score__wage_below_wish_other_district_and_missing_certificate__is_explained(world, booth_x):
    vacancy = matching_vacancy(
        wage_amount=10_000, wage_type=WageType.HOURLY, certificates_required="지게차운전기능사", region="28245"
    )
    seeker = matching_seeker(booth=booth_x, desired_wage=2_600_000)

    [match] = rank_seekers_for_vacancy(vacancy, seekers=[seeker])

    assert match.parts["wage"]["wage_offered"] == 10_000 * 209
    assert match.parts["place"]["place_level"] == "sido"
    texts = {part.part: part.text for part in match.explanation}
    assert texts["wage"] == "wage 20% below the wish"
    assert texts["certificates"] == "lacks the required certificates"
    assert match.parts["place"]["km"] > 0


def test_ranking__orders_same_code_over_career_history_over_same_major_group(world, booth_x):
    vacancy = matching_vacancy(occupation="81")
    same_code = matching_seeker(booth=booth_x, occupations=("81",))
    via_career = matching_seeker(booth=booth_x, occupations=("53",), careers=(("81", 2, ""),))
    same_major = matching_seeker(booth=booth_x, occupations=("82",))

    ranked = rank_seekers_for_vacancy(vacancy)

    assert [match.seeker_id for match in ranked] == [same_code.pk, via_career.pk, same_major.pk]
    assert [match.parts["occupation"]["occ_level"] for match in ranked] == ["code", "career", "major"]


def test_ranking__a_vacancy_suitable_for_5060_ranks_5060_seekers_up(world, booth_x):
    vacancy = matching_vacancy(suitable_for=[TargetGroup.AGE_5060])
    other = matching_seeker(booth=booth_x)
    shinjungnyeon = matching_seeker(booth=booth_x, target_groups=[TargetGroup.AGE_5060])

    ranked = rank_seekers_for_vacancy(vacancy)

    assert [match.seeker_id for match in ranked] == [shinjungnyeon.pk, other.pk]
    assert ranked[0].parts["target_group"]["target_fit"] == "fits"


def test_ranking__requirements_education_experience_employment_type_and_start_count(world, booth_x):
    vacancy = matching_vacancy(
        education_required=EducationLevel.COLLEGE,
        experience_years=3,
        employment_type=EmploymentType.FULL_TIME,
        deadline=datetime.date.today() + datetime.timedelta(days=10),
    )
    fits = matching_seeker(
        booth=booth_x,
        education_level=EducationLevel.UNIVERSITY,
        careers=(("81", 4, ""),),
        employment_types=[EmploymentType.FULL_TIME],
    )
    short = matching_seeker(
        booth=booth_x,
        education_level=EducationLevel.MIDDLE,
        careers=(("81", 1, ""),),
        employment_types=[EmploymentType.PART_TIME],
        earliest_start=datetime.date.today() + datetime.timedelta(days=60),
    )

    by_seeker = {match.seeker_id: match for match in rank_seekers_for_vacancy(vacancy)}

    assert by_seeker[fits.pk].score > by_seeker[short.pk].score
    parts = by_seeker[short.pk].parts
    assert parts["education"]["s"] == 0
    assert parts["employment_type"]["s"] == 0
    assert parts["start_date"]["s"] < 1
    assert 0.3 < parts["experience"]["s"] < 0.4


def test_hard_filters__only_active_sharing_seekers_without_an_open_referral(world, booth_x):
    vacancy = matching_vacancy()
    kept = matching_seeker(booth=booth_x)
    no_consent = matching_seeker(booth=booth_x, sharing=False)
    placed = matching_seeker(booth=booth_x, status=Seeker.Status.PLACED)
    referred = matching_seeker(booth=booth_x)
    ReferralFactory(seeker=referred, vacancy=vacancy)
    closed_referral = matching_seeker(booth=booth_x)
    ReferralFactory(seeker=closed_referral, vacancy=vacancy, not_hired=True)

    ranked = {match.seeker_id for match in rank_seekers_for_vacancy(vacancy)}

    assert ranked == {kept.pk, closed_referral.pk}
    assert no_consent.pk not in ranked and placed.pk not in ranked


def test_hard_filters__draft_and_full_vacancies_get_no_candidates_and_no_place_in_lists(world, booth_x):
    seeker = matching_seeker(booth=booth_x)
    draft = matching_vacancy(status="draft", published_at=None)
    full = matching_vacancy(openings=1, openings_filled=1)
    open_one = matching_vacancy()

    assert rank_seekers_for_vacancy(draft) == []
    assert rank_seekers_for_vacancy(full) == []
    assert [match.vacancy_id for match in rank_vacancies_for_seeker(seeker)] == [open_one.pk]


def test_candidates__come_from_keys_of_the_same_province_or_desired_regions(world, booth_x):
    vacancy = matching_vacancy(region="11650")  # 서울 서초구
    incheon = matching_seeker(booth=booth_x)
    wants_seocho = matching_seeker(booth=booth_x, desired_regions=("11650",))

    ranked = rank_seekers_for_vacancy(vacancy)

    assert [match.seeker_id for match in ranked] == [wants_seocho.pk]
    assert ranked[0].parts["place"]["place_level"] == "desired"
    # A given set (an event's invitees) is scored whole, keys or not.
    given = rank_seekers_for_vacancy(vacancy, seekers=[incheon, wants_seocho])
    assert {match.seeker_id for match in given} == {incheon.pk, wants_seocho.pk}
    assert next(m for m in given if m.seeker_id == incheon.pk).parts["place"]["outside_desired"] is False


def test_stored_list__changes_when_a_seeker_profile_changes(world, booth_x, django_capture_on_commit_callbacks):
    vacancy = matching_vacancy(occupation="81")
    first = matching_seeker(booth=booth_x, occupations=("81",))
    second = matching_seeker(booth=booth_x, occupations=("53",))
    with django_capture_on_commit_callbacks(execute=True):
        schedule_vacancy(vacancy.pk)
        schedule_seeker(second.pk)
    assert [seeker_id for seeker_id, _ in stored(vacancy)] == [first.pk]

    second.desired_occupations.set(["81"])
    second.careers.create(
        company="공장", occupation_id="81", started_on=datetime.date(2015, 1, 1), duties="기계 조작 및 조립"
    )
    with django_capture_on_commit_callbacks(execute=True):
        schedule_seeker(second.pk)

    assert [seeker_id for seeker_id, _ in stored(vacancy)] == [second.pk, first.pk]
    assert vacancy.pk in stored_for_seeker(second)


def test_stale__is_marked_while_a_recomputation_is_pending(world, booth_x, django_capture_on_commit_callbacks):
    vacancy = matching_vacancy(company=world.company_a)
    matching_seeker(booth=booth_x)
    match_vacancy_refresh(vacancy.pk)
    assert VacancyMatchProfile.objects.get(vacancy=vacancy).pending_since is None

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        schedule_vacancy(vacancy.pk)
    assert VacancyMatchProfile.objects.get(vacancy=vacancy).pending_since is not None
    page = world.client_for("counselor_x").get(f"/matching/vacancies/{vacancy.pk}/candidates/")
    assert page.status_code == 200
    assert 'class="match-stale"' in page.content.decode()

    for callback in callbacks:
        callback()
    assert VacancyMatchProfile.objects.get(vacancy=vacancy).pending_since is None
    page = world.client_for("counselor_x").get(f"/matching/vacancies/{vacancy.pk}/candidates/")
    assert 'class="match-stale"' not in page.content.decode()


def test_task__run_twice_leaves_the_same_stored_rows(world, booth_x):
    vacancy = matching_vacancy()
    for _ in range(3):
        matching_seeker(booth=booth_x)
    seeker = matching_seeker(booth=booth_x, occupations=("81", "82"))

    match_vacancy_refresh(vacancy.pk)
    match_seeker_refresh(seeker.pk)
    first = all_lists()
    match_vacancy_refresh(vacancy.pk)
    match_seeker_refresh(seeker.pk)
    second = all_lists()

    assert first == second
    assert len(stored(vacancy)) == 4


def test_full_refresh__builds_every_profile_and_both_lists(world, booth_x):
    vacancy = matching_vacancy()
    seeker = matching_seeker(booth=booth_x)

    result = match_refresh_all()

    assert result["seekers"] == Seeker.objects.count()
    assert SeekerMatchProfile.objects.get(seeker=seeker).is_active
    assert seeker.pk in [seeker_id for seeker_id, _ in stored(vacancy)]
    assert vacancy.pk in stored_for_seeker(seeker)


def test_stored_list__keeps_at_most_fifty_per_row(world, booth_x):
    vacancy = matching_vacancy()
    for _ in range(53):
        matching_seeker(booth=booth_x)

    assert row_matches_refresh(list_kind=MatchList.FOR_VACANCY, pk=vacancy.pk) == 50
    assert len(stored(vacancy)) == 50


def test_candidates__near_keys_first_and_the_province_only_when_too_few_are_near(world, booth_x, monkeypatch):
    monkeypatch.setattr(sql, "MIN_NEAR", 2)
    vacancy = matching_vacancy(region="2826053000")  # 인천 서구
    near = matching_seeker(booth=booth_x, region="2826051000")  # 서구, another 읍면동
    bupyeong = matching_seeker(booth=booth_x, region="28237")  # 부평구: same 시도, another 시군구

    # One near candidate is too few: the 시도-wide keys count too.
    assert {m.seeker_id for m in rank_seekers_for_vacancy(vacancy)} == {near.pk, bupyeong.pk}

    second_near = matching_seeker(booth=booth_x, region="2826052000")
    assert {m.seeker_id for m in rank_seekers_for_vacancy(vacancy)} == {near.pk, second_near.pk}
    assert row_matches_refresh(list_kind=MatchList.FOR_VACANCY, pk=vacancy.pk) == 2
    assert VacancyMatchList.objects.get(vacancy=vacancy).wide is False


def test_stored_lists__a_vacancy_that_closes_or_changes_leaves_the_seekers_lists(world, booth_x):
    seeker = matching_seeker(booth=booth_x, occupations=("81",))
    closing = matching_vacancy(occupation="81")
    changing = matching_vacancy(occupation="81")
    match_seeker_refresh(seeker.pk)
    assert set(stored_for_seeker(seeker)) == {closing.pk, changing.pk}

    Vacancy.objects.filter(pk=closing.pk).update(status="closed")
    match_vacancy_refresh(closing.pk)
    Vacancy.objects.filter(pk=changing.pk).update(occupation_id="53")  # another major group: no key in common
    match_vacancy_refresh(changing.pk)

    assert stored_for_seeker(seeker) == []
    assert not VacancyMatchList.objects.filter(vacancy=closing).exists()
    assert stored(changing) == []


@pytest.mark.parametrize(
    ("career_duties", "vacancy_duties", "low", "high"),
    [
        ("CNC 선반 가공, 품질검사", "CNC 선반 가공 … 품질검사", 0.99, 1.0),  # issue 24's pair (pg_trgm, LC_CTYPE C: 0)
        ("품질검사 및 CNC선반가공", "CNC 선반 가공 … 품질검사", 0.7, 0.9),  # other order, spacing, punctuation
        ("자재 상하차·지게차운전", "지게차 운전 및 자재 상하차", 0.8, 1.0),
        ("식당 주방 조리 보조", "CNC 선반 가공 … 품질검사", 0.0, 0.0),
        ("주방 보조 및 조리", "건물 청소 및 미화", 0.0, 0.0),  # "및" alone makes nothing alike
    ],
)
def test_text_part__same_key_words_are_similar_whatever_order_and_punctuation(
    world, booth_x, career_duties, vacancy_duties, low, high
):
    vacancy = matching_vacancy(duties=vacancy_duties)
    seeker = matching_seeker(booth=booth_x, careers=(("81", 2, career_duties),))

    [match] = rank_seekers_for_vacancy(vacancy, seekers=[seeker])

    assert low <= match.parts["duties_text"]["text_similarity"] <= high


def test_full_refresh__writes_only_the_profiles_that_changed(world, booth_x):
    matching_vacancy()
    unchanged = matching_seeker(booth=booth_x)
    changed = matching_seeker(booth=booth_x)
    match_refresh_all()  # every seeker of the world has a profile now
    before = SeekerMatchProfile.objects.get(seeker=unchanged).refreshed_at
    Seeker.objects.filter(pk=changed.pk).update(desired_wage=3_000_000)

    result = match_refresh_all()

    assert result["seekers_changed"] == 1
    assert SeekerMatchProfile.objects.get(seeker=unchanged).refreshed_at == before
    assert SeekerMatchProfile.objects.get(seeker=changed).wage_monthly == 3_000_000
