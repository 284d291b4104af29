import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import EmploymentType, Occupation, WageType
from tests.employers.factories import VacancyFactory
from tests.factories import region

pytestmark = pytest.mark.django_db


@pytest.fixture
def jobs(world):
    today = timezone.localdate()
    return {
        "cook": VacancyFactory(
            company=world.company_a,
            published=True,
            title="단체급식 조리원",
            duties="조리 및 위생 관리",
            occupation=Occupation.objects.get(code="53"),
            employment_type=EmploymentType.PART_TIME,
            wage_type=WageType.HOURLY,
            wage_amount=11_000,
            deadline=today + datetime.timedelta(days=3),
        ),
        "forklift": VacancyFactory(
            company=world.company_b,
            published=True,
            title="지게차 운전원",
            duties="물류센터 입출고",
            occupation=Occupation.objects.get(code="62"),
            wage_amount=3_100_000,
            region=region("2826058000"),
        ),
        "expired_deadline": VacancyFactory(
            company=world.company_a,
            published=True,
            title="마감 지난 조리원",
            deadline=today - datetime.timedelta(days=1),
        ),
        "draft": VacancyFactory(company=world.company_a, title="비공개 초안 조리원"),
    }


def titles(response) -> str:
    return response.content.decode()


def test_board__shows_only_published_open_vacancies(jobs, client):
    body = titles(client.get(reverse("employers:board")))
    assert "단체급식 조리원" in body and "지게차 운전원" in body
    assert "마감 지난 조리원" not in body and "비공개 초안 조리원" not in body


@pytest.mark.parametrize(
    ("query", "expected", "absent"),
    [
        ({"q": "조리"}, "단체급식 조리원", "지게차 운전원"),
        ({"q": "입출고"}, "지게차 운전원", "단체급식 조리원"),
        ({"occupation": "5"}, "단체급식 조리원", "지게차 운전원"),
        ({"region": "2826058000"}, "지게차 운전원", "단체급식 조리원"),
        ({"employment_type": "part_time"}, "단체급식 조리원", "지게차 운전원"),
        ({"min_wage": "3000000"}, "지게차 운전원", "단체급식 조리원"),
    ],
)
def test_board__filters(jobs, client, query, expected, absent):
    body = titles(client.get(reverse("employers:board"), query))
    assert expected in body and absent not in body


def test_board__hourly_wage_counts_as_209_hours_for_the_wage_filter(jobs, client):
    body = titles(client.get(reverse("employers:board"), {"min_wage": "2290000"}))  # 11,000 × 209 = 2,299,000
    assert "단체급식 조리원" in body


def test_board__bad_filter_value__is_a_form_error_not_a_500(jobs, client):
    response = client.get(reverse("employers:board"), {"min_wage": "lots", "deadline_after": "tomorrow"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_board__htmx_request__gets_only_the_results_partial(jobs, client):
    response = client.get(reverse("employers:board"), {"q": "조리"}, HTTP_HX_REQUEST="true")
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="board-results"') and "<html" not in body


def test_board__sorts_by_wage(jobs, client):
    body = titles(client.get(reverse("employers:board"), {"sort": "wage"}))
    assert body.index("지게차 운전원") < body.index("단체급식 조리원")


def test_board__list_query_count_does_not_grow_with_vacancies(world, client, django_assert_max_num_queries):
    for _ in range(25):
        VacancyFactory(company=world.company_a, published=True)
    with django_assert_max_num_queries(8):
        response = client.get(reverse("employers:board"), {"page": "2"})
    assert response.status_code == 200


def test_job_detail__of_a_draft__is_404(jobs, client):
    assert client.get(reverse("employers:job", kwargs={"pk": jobs["draft"].pk})).status_code == 404


def test_api__lists_published_vacancies_with_only_public_fields(jobs, client):
    data = client.get(reverse("employers:api_vacancies")).json()
    assert data["count"] == 4  # the world's two and the fixture's two open ones
    item = next(item for item in data["results"] if item["title"] == "지게차 운전원")
    assert item["company"] == "라마바(주)" and item["region_code"] == "2826058000"
    for private in ("review_comment", "external_ref", "created_by", "status", "centre"):
        assert private not in item


def test_api__filters_and_paginates(jobs, client):
    data = client.get(reverse("employers:api_vacancies"), {"occupation": "53", "page_size": 1}).json()
    assert [item["title"] for item in data["results"]] == ["단체급식 조리원"]
    page = client.get(reverse("employers:api_vacancies"), {"page_size": 2, "page": 2}).json()
    assert len(page["results"]) == 2 and page["previous"]


@pytest.mark.parametrize(
    "query",
    [{"min_wage": "abc"}, {"employment_type": "forever"}, {"colour": "red"}, {"deadline_after": ""}],
)
def test_api__bad_parameters__are_400_with_a_message(jobs, client, query):
    response = client.get(reverse("employers:api_vacancies"), query)
    assert response.status_code == 400
    assert list(response.json().values())[0][0]


@pytest.mark.parametrize("query", [{"occupation": "999"}, {"region": "99999"}, {"page": "99"}])
def test_api__well_formed_but_nothing_there__is_404_with_a_message(jobs, client, query):
    """What the schema allows is not a bad request (schemathesis' positive-data check): nothing there is a 404."""
    response = client.get(reverse("employers:api_vacancies"), query)
    assert response.status_code == 404
    assert list(response.json()) == list(query) and list(response.json().values())[0][0]


def test_api__draft_detail__is_404(jobs, client):
    assert client.get(reverse("employers:api_vacancy", kwargs={"pk": jobs["draft"].pk})).status_code == 404


def test_api__is_rate_limited(jobs, client, monkeypatch):
    from django.core.cache import cache

    from employers.api import PublicAPIThrottle

    cache.clear()
    monkeypatch.setattr(PublicAPIThrottle, "rate", "3/min")
    statuses = [client.get(reverse("employers:api_vacancies")).status_code for _ in range(4)]
    cache.clear()
    assert statuses == [200, 200, 200, 429]


def test_api_schema__is_openapi_3_and_documents_the_filters(client):
    schema = client.get(reverse("employers:api_schema"), {"format": "json"}).json()
    assert schema["openapi"].startswith("3.")
    parameters = {p["name"] for p in schema["paths"]["/employers/api/v1/vacancies/"]["get"]["parameters"]}
    assert {"q", "occupation", "region", "employment_type", "min_wage", "deadline_after", "sort", "page"} <= parameters
