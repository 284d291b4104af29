"""Vacancies and companies: the law's conditions refused through the pages employers and counselors use."""

import pytest
from django.urls import reverse

from employers.models import Company, Vacancy
from tests.employers.test_pages import vacancy_data


@pytest.mark.parametrize(
    ("field", "text"),
    [
        ("duties", "생산 보조, 남자만"),
        ("certificates_required", "여성 우대"),
        ("hiring_steps", "서류 후 면접 (미혼 여성)"),
        ("title", "여직원 구함"),
        ("benefits", "women only"),
    ],
)
def test_vacancy__restricted_by_sex__is_refused_naming_the_law(world, client_for, korean, field, text):
    response = client_for("employer_a").post(reverse("employers:portal_vacancy_new"), vacancy_data(**{field: text}))
    page = response.content.decode()
    assert response.status_code == 200
    assert "남녀고용평등과 일·가정 양립 지원에 관한 법률" in page and "제7조" in page
    assert not Vacancy.objects.filter(company=world.company_a).exclude(pk=world.vacancy_a.pk).exists()


def test_vacancy__with_a_lawful_minimum_age__is_accepted(world, client_for):
    response = client_for("counselor_x").post(
        reverse("employers:company_vacancy_new", args=[world.company_a.pk]),
        {**vacancy_data(certificates_required="만 18세 이상 (야간 근무)"), "source": "counselor"},
    )
    assert response.status_code == 302
    assert Vacancy.objects.filter(certificates_required="만 18세 이상 (야간 근무)").exists()


def test_vacancy__above_52_hours_a_week__is_refused(world, client_for, korean):
    response = client_for("counselor_x").post(
        reverse("employers:company_vacancy_new", args=[world.company_a.pk]),
        {**vacancy_data(weekly_hours="60", title="야간 경비"), "source": "counselor"},
    )
    assert response.status_code == 200
    assert "52시간" in response.content.decode()
    assert not Vacancy.objects.filter(title="야간 경비").exists()


@pytest.mark.parametrize("number", ["000-00-00000", "000-12-34560"])  # both pass the check digit
def test_company__with_a_number_that_cannot_exist__is_refused(world, client_for, korean, number):
    from employers.validators import business_number_is_valid

    assert business_number_is_valid(number)
    response = client_for("counselor_x").post(
        reverse("employers:company_new"),
        {"name": "없는기업(주)", "business_number": number, "region": "2826058000", "source": "counselor"},
    )
    assert response.status_code == 200
    assert "있을 수 없는 사업자등록번호" in response.content.decode()
    assert not Company.objects.filter(name="없는기업(주)").exists()
