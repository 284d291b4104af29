"""The candidates page reads little (issue 26): its vacancy with the digest of what it shows in one query; a changed
booth or centre shows at once in its booths' select."""

import pytest
from django.core.cache import cache

from matching.scoring_tasks import match_vacancy_refresh
from tests.factories import BoothFactory
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def empty_cache():
    cache.clear()
    yield
    cache.clear()


def candidates_url(vacancy) -> str:
    return f"/matching/vacancies/{vacancy.pk}/candidates/"


def test_candidates__a_renamed_or_new_booth__shows_at_once_in_the_filter(world):
    vacancy = matching_vacancy(company=world.company_a)
    client = world.client_for("counselor_x")
    booth = world.users["counselor_x"].booth
    assert booth.name in client.get(candidates_url(vacancy)).content.decode()

    booth.name = "새이름 창구"
    booth.save(update_fields=["name"])
    added = BoothFactory(centre=world.centre_x, name="새로 연 창구")
    page = client.get(candidates_url(vacancy)).content.decode()

    assert "새이름 창구" in page
    assert f'<option value="{added.pk}">' in page
    assert "새로 연 창구" in page


def test_candidates__a_renamed_centre__shows_at_once_in_the_booths_labels(world):
    vacancy = matching_vacancy(company=world.company_a)
    client = world.client_for("counselor_x")
    client.get(candidates_url(vacancy))

    world.centre_x.name = "바뀐이름 고용센터"
    world.centre_x.save(update_fields=["name"])

    assert "바뀐이름 고용센터 · " in client.get(candidates_url(vacancy)).content.decode()


def test_candidates__the_filter_lists_only_the_centres_booths_and_still_refuses_another_centres(world):
    vacancy = matching_vacancy(company=world.company_a)
    other = BoothFactory(centre=world.centre_y, name="다른센터 창구")
    client = world.client_for("counselor_x")

    page = client.get(candidates_url(vacancy)).content.decode()
    refused = client.get(candidates_url(vacancy), {"booth": other.pk})

    assert "다른센터 창구" not in page
    assert "Choose one of your centre&#x27;s booths." in refused.content.decode()
    assert "다른센터 창구" not in refused.content.decode()


def test_candidates__a_chosen_booth__is_selected_and_filters(world):
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(company=world.company_a)
    matching_seeker(booth=booth, name="창구고객")
    match_vacancy_refresh(vacancy.pk)
    client = world.client_for("counselor_x")

    page = client.get(candidates_url(vacancy), {"booth": booth.pk}).content.decode()

    assert f'<option value="{booth.pk}" selected>' in page
    assert "창구고객" in page


def test_candidates__with_the_cache_warm__three_queries_for_the_page(world, django_assert_max_num_queries, settings):
    settings.CANDIDATES_CACHE_SECONDS = 0  # the rendering's queries, not a kept table's (test_candidates_cache.py)
    booth = world.users["counselor_x"].booth
    vacancy = matching_vacancy(company=world.company_a)
    matching_seeker(booth=booth, name="최우선")
    match_vacancy_refresh(vacancy.pk)
    client = world.client_for("counselor_x")
    client.get(candidates_url(vacancy))
    # The vacancy with the digest of what it shows, the list's page and its status, its seekers, the weights and the
    # parts of the rows, the booths' select (read after the digest, which covers them: a kept table reads none), the
    # access record; the session, its user and device (cached in Redis in production). (A kept table:
    # test_candidates_cache.py.)
    with django_assert_max_num_queries(11):
        page = client.get(candidates_url(vacancy)).content.decode()
    assert "최우선" in page
