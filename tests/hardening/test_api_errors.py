"""The public API's refusals: JSON everywhere (a negative id too), Korean by default and English on request, an empty
deadline_after refused, and the schema declaring the minimums it enforces (issue 25)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


@pytest.fixture
def korean(settings):
    settings.LANGUAGE_CODE = "ko"  # the product's default (tests run in English otherwise)


def test_a_refused_parameter__is_answered_in_korean_by_default(client, korean):
    response = client.get(reverse("employers:api_vacancies"), {"page": "0"})
    assert response.status_code == 400
    assert response.json() == {"page": ["1 이상의 수를 넣으십시오."]}


def test_a_refused_parameter__is_answered_in_english_on_request(client, korean):
    response = client.get(reverse("employers:api_vacancies"), {"page_size": "0"}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.json() == {"page_size": ["Give a number of at least 1."]}


def test_an_empty_deadline_after__is_refused(client):
    response = client.get(reverse("employers:api_vacancies") + "?deadline_after=")
    assert response.status_code == 400
    assert list(response.json()) == ["deadline_after"]


@pytest.mark.parametrize(
    "path", ["/employers/api/v1/vacancies/-1/", "/employers/api/v1/vacancies/abc/", "/employers/api/v1/nothing"]
)
def test_an_address_under_the_api_that_is_no_url__is_a_json_404(client, korean, path):
    response = client.get(path)
    assert response.status_code == 404 and response["Content-Type"] == "application/json"
    assert response.json() == {"detail": "API에 없는 주소입니다."}


def test_a_vacancy_that_is_not_published__is_a_korean_json_404(client, korean, world):
    response = client.get(reverse("employers:api_vacancy", kwargs={"pk": 10**9}))
    assert response.status_code == 404 and response.json() == {"detail": "이 번호의 게시된 구인공고가 없습니다."}


def test_throttled__says_when_in_korean(client, korean, settings):
    from employers.api import PublicAPIThrottle

    for _n in range(120):
        client.get(reverse("employers:api_vacancies"))
    response = client.get(reverse("employers:api_vacancies"))
    assert response.status_code == 429 and PublicAPIThrottle.rate == "120/min"
    assert response.json()["detail"].startswith("요청이 너무 많습니다.")


def test_the_schema__declares_the_minimums_the_api_enforces(client):
    schema = client.get(reverse("employers:api_schema"), {"format": "json"}).json()
    parameters = {p["name"]: p["schema"] for p in schema["paths"]["/employers/api/v1/vacancies/"]["get"]["parameters"]}
    assert parameters["page"]["minimum"] == 1
    assert (parameters["page_size"]["minimum"], parameters["page_size"]["maximum"]) == (1, 100)
    assert parameters["min_wage"]["minimum"] == 0 and parameters["q"]["maxLength"] == 100
    assert parameters["occupation"]["minLength"] == 1
