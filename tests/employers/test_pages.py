import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from employers.models import Company, CompanyInvitation, CompanyMember, Interest, Vacancy, VacancyEvent
from jobcenter.models import Notification, User
from tests.employers.factories import CompanyFactory, VacancyFactory, business_number

pytestmark = pytest.mark.django_db


def signup_data(world, **overrides) -> dict:
    data = {
        "name": "청라식품(주)",
        "business_number": "220-81-62517",
        "representative": "배정란",
        "industry": "C",
        "size": "5-49",
        "region": "2826053000",
        "address": "청라대로 100",
        "centre": world.centre_x.pk,
        "contact_name": "배정란",
        "contact_phone": "032-111-2222",
        "contact_email": "hr@cheongna.example",
        "last_name": "배",
        "first_name": "정란",
        "email": "hr@cheongna.example",
        "username": "cheongna_hr",
        "password1": "long-enough-password-9",
        "password2": "long-enough-password-9",
    }
    return {**data, **overrides}


def vacancy_data(**overrides) -> dict:
    data = {
        "title": "식품 포장원",
        "occupation": "81",
        "duties": "식품 포장 및 검수",
        "openings": "2",
        "employment_type": "full_time",
        "wage_type": "monthly",
        "wage_amount": "2400000",
        "working_days": "월–금",
        "working_hours": "09:00–18:00",
        "weekly_hours": "40",
        "region": "2826053000",
        "education_required": "none",
        "experience_years": "0",
        "accepts_accompanied_interview": "on",
    }
    return {**data, **overrides}


def test_signup__creates_account_company_and_membership_waiting_for_verification(world, client):
    response = client.post(reverse("employers:signup"), signup_data(world))
    assert response.status_code == 302
    user = User.objects.get(username="cheongna_hr")
    company = Company.objects.get(business_number="2208162517")
    assert user.role == "employer" and company.members.get().user == user
    assert company.centre == world.centre_x and not company.is_verified
    assert client.get(reverse("employers:portal")).status_code == 200


def test_signup__bad_business_number__is_refused_and_nothing_saved(world, client):
    response = client.post(reverse("employers:signup"), signup_data(world, business_number="220-81-62518"))
    assert response.status_code == 200
    assert "check digit" in response.content.decode()
    assert not User.objects.filter(username="cheongna_hr").exists()


def test_signup__already_registered_business_number__is_refused(world, client):
    response = client.post(
        reverse("employers:signup"), signup_data(world, business_number=world.company_a.business_number)
    )
    assert "already registered" in response.content.decode()
    assert not User.objects.filter(username="cheongna_hr").exists()


def test_invitation__a_colleague_joins_the_same_company(world, client):
    employer = world.client_for("employer_a")
    employer.post(reverse("employers:portal_invite"), {"email": "colleague@example.kr"})
    invitation = CompanyInvitation.objects.get(email="colleague@example.kr")
    assert Notification.objects.filter(recipient="colleague@example.kr").exists()
    response = client.post(
        reverse("employers:invitation_accept", kwargs={"token": invitation.token}),
        {
            "last_name": "박",
            "first_name": "동료",
            "username": "colleague",
            "password1": "another-long-pass-7",
            "password2": "another-long-pass-7",
        },
    )
    assert response.status_code == 302
    assert CompanyMember.objects.get(user__username="colleague").company == world.company_a
    again = client.get(reverse("employers:invitation_accept", kwargs={"token": invitation.token}))
    assert again.status_code == 302


def test_portal__lists_own_vacancies_with_state_and_not_others(world, django_assert_max_num_queries):
    for _ in range(5):
        VacancyFactory(company=world.company_a)
    client = world.client_for("employer_a")
    with django_assert_max_num_queries(12):
        response = client.get(reverse("employers:portal"))
    body = response.content.decode()
    assert "A사 생산직" in body and "B사 사무직" not in body
    assert "Published" in body or "게시" in body


def test_portal_vacancy_new__sub_minimum_wage_and_age_limit__are_form_errors_and_nothing_saved(world):
    client = world.client_for("employer_a")
    response = client.post(
        reverse("employers:portal_vacancy_new"),
        vacancy_data(wage_amount="1500000", certificates_required="40세 미만"),
        HTTP_ACCEPT_LANGUAGE="en",
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "legal minimum wage" in body and "age discrimination" in body
    assert not Vacancy.objects.filter(title="식품 포장원").exists()


def test_portal__employer_posts_submits_and_counselor_publishes_to_the_board_and_api(world):
    employer, counselor = world.client_for("employer_a"), world.client_for("counselor_x")
    response = employer.post(reverse("employers:portal_vacancy_new"), vacancy_data())
    vacancy = Vacancy.objects.get(title="식품 포장원")
    assert response.status_code == 302 and vacancy.source == "portal" and vacancy.status == "draft"
    employer.post(reverse("employers:portal_vacancy_submit", kwargs={"pk": vacancy.pk}))
    worklist = counselor.get(reverse("worklist")).content.decode()
    assert "식품 포장원" in worklist
    counselor.post(
        reverse("employers:vacancy_return", kwargs={"pk": vacancy.pk}), {"comment": "우대사항을 적어 주세요."}
    )
    page = employer.get(reverse("employers:portal_vacancy", kwargs={"pk": vacancy.pk})).content.decode()
    assert "우대사항을 적어 주세요." in page
    employer.post(
        reverse("employers:portal_vacancy_edit", kwargs={"pk": vacancy.pk}),
        vacancy_data(benefits="4대 보험, 중식 제공"),
    )
    employer.post(reverse("employers:portal_vacancy_submit", kwargs={"pk": vacancy.pk}))
    counselor.post(reverse("employers:vacancy_publish", kwargs={"pk": vacancy.pk}))
    vacancy.refresh_from_db()
    assert vacancy.status == "published"
    assert "식품 포장원" in world.client_for("anonymous").get(reverse("employers:board")).content.decode()
    api = world.client_for("anonymous").get(reverse("employers:api_vacancies"), {"q": "포장"}).json()
    assert [item["title"] for item in api["results"]] == ["식품 포장원"]


def test_portal_vacancy_copy__opens_the_new_draft_for_editing(world):
    client = world.client_for("employer_a")
    response = client.post(reverse("employers:portal_vacancy_copy", kwargs={"pk": world.vacancy_a.pk}))
    copy = Vacancy.objects.exclude(pk=world.vacancy_a.pk).get(company=world.company_a)
    assert response["Location"] == reverse("employers:portal_vacancy_edit", kwargs={"pk": copy.pk})


def test_counselor__records_a_company_without_account_and_invites_it(world):
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("employers:company_new"),
        {
            "name": "검단물류(주)",
            "business_number": business_number(7777),
            "region": "2826058000",
            "source": "field_visit",
            "contact_email": "boss@geomdan.example",
        },
    )
    company = Company.objects.get(name="검단물류(주)")
    assert response.status_code == 302 and company.is_verified and company.source == "field_visit"
    assert not company.members.exists()
    client.post(reverse("employers:company_invite", kwargs={"pk": company.pk}), {"email": "boss@geomdan.example"})
    assert CompanyInvitation.objects.filter(company=company, email="boss@geomdan.example").exists()


def test_counselor__verifies_a_company_signed_up_on_the_portal(world):
    company = CompanyFactory(centre=world.centre_x, unverified=True)
    client = world.client_for("counselor_x")
    assert company.name in client.get(reverse("worklist")).content.decode()
    client.post(reverse("employers:company_verify", kwargs={"pk": company.pk}))
    company.refresh_from_db()
    assert company.is_verified and company.verified_by == world.users["counselor_x"]


def test_seeker__marks_interest_and_it_lands_on_the_counselors_worklist(world):
    seeker = world.client_for("seeker_a")
    seeker.post(reverse("employers:interest", kwargs={"pk": world.vacancy_a.pk}))
    interest = Interest.objects.get(seeker=world.seeker_a, vacancy=world.vacancy_a)
    worklist = world.client_for("counselor_x").get(reverse("worklist")).content.decode()
    assert "김하나" in worklist and "A사 생산직" in worklist
    assert "김하나" not in world.client_for("counselor_y").get(reverse("worklist")).content.decode()
    world.client_for("counselor_x").post(reverse("employers:interest_handle", kwargs={"pk": interest.pk}))
    interest.refresh_from_db()
    assert interest.handled_at is not None


def test_vacancy_page__renders_other_apps_panels_and_history(world):
    response = world.client_for("counselor_x").get(reverse("employers:vacancy", kwargs={"pk": world.vacancy_a.pk}))
    assert response.status_code == 200
    assert "A사 생산직" in response.content.decode()


def test_portal_company__employer_edits_own_company_only(world):
    client = world.client_for("employer_a")
    response = client.post(
        reverse("employers:portal_company"), {"name": "가나다(주) 청라공장", "region": "2826053000", "size": "5-49"}
    )
    assert response.status_code == 302
    world.company_a.refresh_from_db()
    world.company_b.refresh_from_db()
    assert world.company_a.name == "가나다(주) 청라공장" and world.company_b.name == "라마바(주)"


def test_job_detail__public_page_hides_the_contact(world, client):
    world.vacancy_a.contact = "인사팀 010-9999-8888"
    world.vacancy_a.save()
    body = client.get(reverse("employers:job", kwargs={"pk": world.vacancy_a.pk})).content.decode()
    assert "A사 생산직" in body and "010-9999-8888" not in body


def test_the_vacancy_history__writes_when_the_korean_way__for_the_counselor_and_the_employer(
    world, client_for, settings
):
    settings.LANGUAGE_CODE = "ko"
    VacancyEvent.objects.create(
        vacancy=world.vacancy_a, from_status="submitted", to_status="published", by=world.users["counselor_x"]
    )
    world.vacancy_a.events.update(at=timezone.make_aware(datetime.datetime(2026, 12, 7, 9, 5)))
    for principal, url in (
        ("counselor_x", reverse("employers:vacancy", args=[world.vacancy_a.pk])),
        ("employer_a", reverse("employers:portal_vacancy", args=[world.vacancy_a.pk])),
    ):
        page = client_for(principal).get(url).content.decode()
        assert "2026. 12. 7. 오전 9:05" in page and "2026-12-07 09:05" not in page, principal
