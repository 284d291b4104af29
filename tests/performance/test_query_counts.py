"""No page's query count grows with the number of rows it lists: every list page rendered with N and 3N rows
makes the same number of queries (an N+1 would add one or more per row)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.matching.factories import ConsentingSeekerFactory, ReferralFactory
from tests.outreach.factories import VisitFactory
from tests.seekers.factories import SeekerFactory

N = 2


@dataclass(frozen=True)
class ListPage:
    url_name: str
    principal: str
    make_row: Callable  # (world) -> the row's text a user sees on the page

    def __str__(self) -> str:
        return self.url_name


def booth_x(world):
    return world.seeker_a.booth


def a_seeker(world) -> str:
    return SeekerFactory(booth=booth_x(world), counselor=world.users["counselor_x"]).name


def a_published_vacancy(world) -> str:
    return VacancyFactory(company=world.company_a, published=True).title


def a_draft_vacancy(world) -> str:
    return VacancyFactory(company=world.company_a).title


def a_company(world) -> str:
    return CompanyFactory(centre=world.centre_x).name


def a_late_referral(world) -> str:
    seeker = ConsentingSeekerFactory(booth=booth_x(world), counselor=world.users["counselor_x"])
    return ReferralFactory(
        late=True, seeker=seeker, vacancy=VacancyFactory(company=world.company_a, published=True)
    ).seeker.name


def a_referral_to_company_a(world) -> str:
    seeker = ConsentingSeekerFactory(booth=booth_x(world))
    referral = ReferralFactory(
        sent=True, seeker=seeker, vacancy=VacancyFactory(company=world.company_a, published=True)
    )
    return referral.vacancy.title


def a_referral_of_seeker_a(world) -> str:
    return ReferralFactory(
        sent=True, seeker=world.seeker_a, vacancy=VacancyFactory(company=world.company_a, published=True)
    ).vacancy.title


def an_event(world) -> str:
    return EventFactory(centre=world.centre_x).title


def a_registration_of_seeker_a(world) -> str:
    return RegistrationFactory(seeker=world.seeker_a, event=EventFactory(centre=world.centre_x)).event.title


def a_visit(world) -> str:
    return VisitFactory(centre=world.centre_x, completed=True).company.name


PAGES = [
    ListPage("seekers:list", "counselor_x", a_seeker),
    ListPage("employers:board", "anonymous", a_published_vacancy),
    ListPage("employers:portal", "employer_a", a_draft_vacancy),
    ListPage("employers:vacancies", "counselor_x", a_published_vacancy),
    ListPage("employers:companies", "counselor_x", a_company),
    ListPage("worklist", "counselor_x", a_late_referral),
    ListPage("matching:portal_referrals", "employer_a", a_referral_to_company_a),
    ListPage("matching:my_referrals", "seeker_a", a_referral_of_seeker_a),
    ListPage("events:calendar", "anonymous", an_event),
    ListPage("events:manage_list", "counselor_x", an_event),
    ListPage("events:my_registrations", "seeker_a", a_registration_of_seeker_a),
    ListPage("outreach:visit_list", "counselor_x", a_visit),
]


def queries_to_render(client, url: str) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return len(captured.captured_queries), response.content.decode()


@pytest.mark.parametrize("page", PAGES, ids=str)
def test_list_page__with_three_times_the_rows__makes_the_same_number_of_queries(page: ListPage, world):
    client = world.client_for(page.principal)
    url = reverse(page.url_name)
    for _ in range(N):
        page.make_row(world)
    queries_to_render(client, url)  # warm-up: caches and lazily loaded code tables are not the page's rows
    with_n, _ = queries_to_render(client, url)

    shown = [page.make_row(world) for _ in range(2 * N)]
    with_3n, html = queries_to_render(client, url)

    assert shown[-1] in html, "the new rows are listed"
    assert with_3n == with_n, f"{page.url_name}: {with_n} queries with {N} rows, {with_3n} with {3 * N}"


def test_public_board__with_its_cache_on__answers_a_repeated_search_without_a_query(world, client, settings):
    from django.core.cache import cache

    settings.PUBLIC_BOARD_CACHE_SECONDS = 30
    cache.clear()
    url = reverse("employers:board") + "?q=생산직"
    first, html = queries_to_render(client, url)
    again, cached_html = queries_to_render(client, url)
    cache.clear()

    assert "A사 생산직" in cached_html
    assert first > 0
    assert again == 0


def test_public_job_page__loads_the_vacancy_with_its_full_region_in_one_query(world, client):
    url = reverse("employers:job", args=[world.vacancy_a.pk])
    count, html = queries_to_render(client, url)

    assert world.vacancy_a.region.full_name in html
    assert count == 1
