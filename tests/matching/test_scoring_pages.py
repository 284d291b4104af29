"""The scorer's pages: ranked, explained candidates with filters and "more"; a seeker's vacancies; weights."""

from jobcenter.models import TargetGroup
from matching.scoring_models import MatchWeights
from matching.scoring_tasks import match_seeker_refresh, match_vacancy_refresh
from tests.factories import BoothFactory
from tests.matching.scoring_factories import matching_seeker, matching_vacancy


def test_candidates_page__shows_ranked_explained_candidates_with_a_referral_button(
    world, django_assert_max_num_queries
):
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(company=world.company_a)
    best = matching_seeker(booth=booth, name="최우선")
    matching_seeker(booth=booth, name="차순위", occupations=("82",))
    matching_seeker(booth=world.seeker_b.booth, name="다른센터")  # centre Y: never shown to centre X
    match_vacancy_refresh(vacancy.pk)
    client = world.client_for("counselor_x")

    with django_assert_max_num_queries(15):
        page = client.get(f"/matching/vacancies/{vacancy.pk}/candidates/").content.decode()

    assert page.index("최우선") < page.index("차순위")
    assert "다른센터" not in page
    assert page.count('class="match-parts"') == 2  # each row explains its parts
    assert f'name="seeker" value="{best.pk}"' in page
    assert 'action="/matching/referrals/new/"' in page


def test_candidates_page__filters_by_booth_and_target_group_and_loads_more(world):
    booth = world.users["counselor_x"].booth
    other_booth = BoothFactory(centre=world.centre_x, name="신중년 창구")
    vacancy = matching_vacancy(company=world.company_a)
    for number in range(22):
        matching_seeker(booth=booth, name=f"구직자{number:02d}")
    matching_seeker(booth=other_booth, name="신중년구직자", target_groups=[TargetGroup.AGE_5060])
    match_vacancy_refresh(vacancy.pk)
    client = world.client_for("counselor_x")
    url = f"/matching/vacancies/{vacancy.pk}/candidates/"

    by_booth = client.get(url, {"booth": other_booth.pk}).content.decode()
    by_group = client.get(url, {"target_group": TargetGroup.AGE_5060}).content.decode()
    first = client.get(url).content.decode()
    more = client.get(url, {"offset": 20}, headers={"HX-Request": "true"}).content.decode()

    assert "신중년구직자" in by_booth and "구직자00" not in by_booth
    assert "신중년구직자" in by_group and "구직자00" not in by_group
    assert first.count('name="seeker"') == 20 and "offset=20" in first
    assert more.count('name="seeker"') == 3 and "<html" not in more


def test_candidates_page__bad_filter_input_is_a_form_error_not_a_500(world):
    vacancy = matching_vacancy(company=world.company_a)
    page = world.client_for("counselor_x").get(
        f"/matching/vacancies/{vacancy.pk}/candidates/", {"booth": "abc", "target_group": "nobody", "offset": "-3"}
    )
    assert page.status_code == 200
    assert 'class="error"' in page.content.decode()


def test_seeker_vacancies_page__lists_open_vacancies_for_the_seeker(world):
    seeker = matching_seeker(booth=world.users["counselor_x"].booth)
    vacancy = matching_vacancy(company=world.company_a, title="지게차 기사")
    matching_vacancy(company=world.company_a, title="마감된 공고", status="closed")
    match_seeker_refresh(seeker.pk)

    page = world.client_for("counselor_x").get(f"/matching/seekers/{seeker.pk}/vacancies/").content.decode()

    assert "지게차 기사" in page and "마감된 공고" not in page
    assert f'name="vacancy" value="{vacancy.pk}"' in page


def test_weights__preview_shows_the_changed_ranking_and_save_stores_the_weights(world):
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(company=world.company_a, suitable_for=[TargetGroup.AGE_5060])
    matching_seeker(booth=booth, name="가까운사람")
    matching_seeker(booth=booth, name="신중년", target_groups=[TargetGroup.AGE_5060], region="2826058000")
    client = world.client_for("manager_x")
    values = dict.fromkeys(MatchWeights.PARTS, 0)

    preview = client.post("/matching/weights/", {**values, "place": 10, "preview": "1", "sample": vacancy.pk})
    page = preview.content.decode()
    assert page.index("가까운사람") < page.index("신중년")
    preview = client.post("/matching/weights/", {**values, "target_group": 10, "preview": "1"}).content.decode()
    assert preview.index("신중년") < preview.index("가까운사람")
    assert MatchWeights.objects.get().target_group == 5  # nothing saved by a preview

    saved = client.post("/matching/weights/", {**values, "target_group": 10, "occupation": 30, "save": "1"})
    assert saved.status_code == 302
    weights = MatchWeights.objects.get()
    assert (weights.target_group, weights.occupation, weights.place) == (10, 30, 0)
    assert weights.updated_by == world.users["manager_x"]


def test_weights__negative_or_all_zero_weights_are_refused(world):
    client = world.client_for("manager_x")
    values = dict.fromkeys(MatchWeights.PARTS, 0)
    all_zero = client.post("/matching/weights/", {**values, "save": "1"})
    negative = client.post("/matching/weights/", {**values, "wage": -1, "occupation": 5, "save": "1"})
    assert all_zero.status_code == negative.status_code == 200
    assert MatchWeights.objects.get().occupation == 30


def test_weights_preview__compares_with_the_stored_ranking_and_says_who_moved(world):
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(company=world.company_a, suitable_for=[TargetGroup.AGE_5060])
    matching_seeker(booth=booth, name="가까운사람")
    matching_seeker(booth=booth, name="신중년", target_groups=[TargetGroup.AGE_5060], region="28245")
    match_vacancy_refresh(vacancy.pk)  # stored with the saved weights: 가까운사람 first
    values = dict.fromkeys(MatchWeights.PARTS, 0)

    page = (
        world.client_for("manager_x")
        .post(
            "/matching/weights/",
            {**values, "target_group": 10, "preview": "1", "sample": vacancy.pk},
            HTTP_ACCEPT_LANGUAGE="en",
        )
        .content.decode()
    )

    assert "“Now” is the stored ranking" in page
    assert "2 of the top candidates moved." in page
    new_rows = page.split("<tbody>")[1]
    assert new_rows.index("신중년") < new_rows.index("가까운사람")
    assert "rank 2 (score" in new_rows and "up 1" in new_rows and "down 1" in new_rows
