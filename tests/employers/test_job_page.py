"""The public job page and the board's search (issue 23): what a resident needs to act on a vacancy."""

import datetime

import pytest
from django.core.cache import cache
from django.utils import timezone

from jobcenter.models import Region, TargetGroup
from tests.employers.factories import CompanyFactory, VacancyFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_cached_pages():
    cache.clear()
    yield
    cache.clear()


def test_job_page__shows_target_groups_benefits_days_left_contact_and_how_to_apply(world, client):
    world.centre_x.phone = "032-560-1234"
    world.centre_x.save()
    vacancy = VacancyFactory(
        company=world.company_a,
        published=True,
        title="주방 보조",
        suitable_for=["5060", "career_break_women"],
        benefits="4대 보험, 중식 제공",
        deadline=timezone.localdate() + datetime.timedelta(days=3),
        hiring_steps="서류 → 면접",
    )
    body = client.get(f"/employers/jobs/{vacancy.pk}/").content.decode()
    assert "4대 보험, 중식 제공" in body
    groups = body.split("Suits</dt><dd>")[1].split("</dd>")[0]
    # Both groups by name (it was an empty cell: an ArrayField has no get_suitable_for_display).
    assert groups == f"{TargetGroup('5060').label}, {TargetGroup('career_break_women').label}"
    assert "D-3" in body
    assert "How to apply" in body and "서류 → 면접" in body
    assert "032-560-1234" in body and world.centre_x.name in body


@pytest.mark.parametrize(
    "address",
    ["인천광역시 서구 {dong} 봉오대로 1", "인천 서구 봉오대로 1", "인천광역시 서구", "봉오대로 1", ""],
)
def test_job_page__prints_the_workplace_address_once(world, client, address):
    region = Region.objects.get(code="2826053000")
    vacancy = VacancyFactory(
        company=world.company_a, published=True, region=region, address=address.format(dong=region.name)
    )
    body = client.get(f"/employers/jobs/{vacancy.pk}/").content.decode()
    workplace = body.split("Workplace</dt><dd>")[1].split("</dd>")[0]
    assert workplace.startswith(region.full_name)
    for name in region.full_name.split():
        assert workplace.count(name) == 1, workplace
    assert "서구" not in workplace  # the page is in English: the typed region words are dropped, not repeated
    assert ("봉오대로 1" in workplace) == ("봉오대로" in address)


def test_job_page__closing_today__says_so(world, client):
    vacancy = VacancyFactory(company=world.company_a, published=True, deadline=timezone.localdate())
    assert "closes today" in client.get(f"/employers/jobs/{vacancy.pk}/").content.decode()


def test_board__finds_vacancies_by_company_place_and_occupation_names(world, client):
    from jobcenter.models import Occupation

    company = CompanyFactory(centre=world.centre_x, name="청라정밀(주)")
    by_company = VacancyFactory(company=company, published=True, title="생산직 사원")
    gajwa = Region.objects.get(code="2826053000")  # a 동 of 인천 서구
    by_place = VacancyFactory(company=world.company_a, published=True, title="경비원", region=gajwa)
    occupation = Occupation.objects.filter(code__regex=r"^\d\d$").exclude(name_ko="").first()
    by_occupation = VacancyFactory(company=world.company_a, published=True, title="모집", occupation=occupation)

    def titles(q: str) -> str:
        return client.get("/employers/jobs/", {"q": q}).content.decode()

    assert by_company.title in titles("청라정밀")
    assert by_company.title not in titles("없는회사")
    sigungu = gajwa.parent.name
    assert by_place.title in titles(sigungu)  # the 시군구's name finds a vacancy in one of its 동
    assert by_occupation.title in titles(occupation.name_ko)


def test_board__compares_a_part_time_hourly_job_by_what_its_hours_pay__and_says_so(world, client):
    part_time = VacancyFactory(
        company=world.company_a,
        published=True,
        title="단시간 알바",
        wage_type="hourly",
        wage_amount=12_000,
        weekly_hours=20,
    )  # 12,000 × 209 × 20/40 = 1,254,000 a month
    full_time = VacancyFactory(
        company=world.company_a,
        published=True,
        title="전일제 생산",
        wage_type="hourly",
        wage_amount=12_000,
        weekly_hours=40,
    )  # 12,000 × 209 = 2,508,000 a month
    body = client.get("/employers/jobs/", {"min_wage": 2_000_000}).content.decode()
    assert "209 hours" in body
    assert full_time.title in body and part_time.title not in body
    assert part_time.title in client.get("/employers/jobs/", {"min_wage": 1_200_000}).content.decode()
    page = client.get(f"/employers/jobs/{part_time.pk}/").content.decode()
    assert "1,254,000" in page
