import datetime
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from employers.models import Vacancy
from outreach.campaign_docs import merge_letter
from outreach.models import Campaign
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.outreach.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_campaign__companies_with_50_employees_or_more__are_chosen_and_saved(world):
    big = [CompanyFactory(centre=world.centre_x, employee_count=n) for n in (50, 120, 714)]
    CompanyFactory(centre=world.centre_x, employee_count=49)
    CompanyFactory(centre=world.centre_y, employee_count=500)
    client = world.client_for("counselor_x")
    preview = client.get(reverse("outreach:campaign_create"), {"min_employees": "50"})
    assert preview.context["company_count"] == 3
    response = client.post(
        reverse("outreach:campaign_create"),
        {
            "min_employees": "50",
            "name": "50인 이상 기업 구인 안내",
            "sent_on": "2026-03-02",
            "letter": "{contact}님께, {company}의 채용을 돕겠습니다.",
        },
    )
    campaign = Campaign.objects.get()
    assert response["Location"] == reverse("outreach:campaign_detail", kwargs={"pk": campaign.pk})
    assert set(campaign.companies.all()) == set(big)
    assert campaign.criteria == {"min_employees": 50}


def test_campaign__no_company_matches__is_a_form_error_and_nothing_saved(world):
    response = world.client_for("counselor_x").post(
        reverse("outreach:campaign_create"),
        {"min_employees": "100000", "name": "없음", "sent_on": "2026-03-02", "letter": "안내"},
    )
    assert response.status_code == 200
    assert response.context["form"].non_field_errors()
    assert Campaign.objects.count() == 0


def test_campaign__counts_only_vacancies_registered_on_or_after_the_letters(world):
    company = CompanyFactory(centre=world.centre_x)
    campaign = CampaignFactory(centre=world.centre_x, companies=[company], sent_on=datetime.date(2026, 3, 2))
    before, after = VacancyFactory(company=company), VacancyFactory(company=company)
    Vacancy.objects.filter(pk=before.pk).update(created_at=datetime.datetime(2026, 2, 20, tzinfo=datetime.UTC))
    Vacancy.objects.filter(pk=after.pk).update(created_at=datetime.datetime(2026, 3, 10, tzinfo=datetime.UTC))
    VacancyFactory(company=CompanyFactory(centre=world.centre_x))  # not in the campaign
    client = world.client_for("manager_x")
    detail = client.get(reverse("outreach:campaign_detail", kwargs={"pk": campaign.pk}))
    assert detail.context["vacancy_count"] == 1
    listing = client.get(reverse("outreach:campaign_list"))
    assert listing.context["campaigns"][0].vacancies_after == 1


def test_campaign_letters__are_a_pdf_with_one_merged_page_per_company(world):
    companies = [
        CompanyFactory(centre=world.centre_x, name="서구물산(주)", contact_name="김담당"),
        CompanyFactory(centre=world.centre_x, name="청라식품(주)", contact_name=""),
    ]
    campaign = CampaignFactory(centre=world.centre_x, companies=companies)
    response = world.client_for("counselor_x").get(reverse("outreach:campaign_letters", kwargs={"pk": campaign.pk}))
    assert response["Content-Type"] == "application/pdf"
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(response.content))
    assert len(reader.pages) == 2
    assert "김담당" in reader.pages[0].extract_text() or "김담당" in reader.pages[1].extract_text()
    assert merge_letter("{contact}님께 {company} {other}", companies[0]) == "김담당님께 서구물산(주) {other}"


def test_campaign_contacts__are_an_excel_list_of_the_companies(world):
    company = CompanyFactory(centre=world.centre_x, name="서구물산(주)", contact_phone="032-555-0101")
    campaign = CampaignFactory(centre=world.centre_x, companies=[company])
    response = world.client_for("counselor_x").get(reverse("outreach:campaign_contacts", kwargs={"pk": campaign.pk}))
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2
    assert rows[1][0] == "서구물산(주)"
    assert "032-555-0101" in rows[1]


def test_campaign_list__loads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(8):
        CampaignFactory(centre=world.centre_x, companies=[CompanyFactory(centre=world.centre_x)])
    client = world.client_for("counselor_x")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("outreach:campaign_list"))
    assert response.content.decode().count('<th scope="row">') == 8
