import pytest
from django.urls import reverse

from employers.models import Company, Vacancy
from jobcenter.models import Occupation
from outreach.models import DiscoveredVacancy, FollowUpAction, Visit, VisitHistory
from tests.employers.factories import CompanyFactory, business_number
from tests.outreach.factories import FollowUpActionFactory, VisitFactory, VisitPlanTargetFactory

pytestmark = pytest.mark.django_db


def visit_post(*, action="complete", vacancies=(), follow_ups=(), **fields) -> dict:
    data = {
        "visited_on": "2026-03-03",
        "action": action,
        "vacancies-TOTAL_FORMS": str(max(2, len(vacancies))),
        "vacancies-INITIAL_FORMS": "0",
        "followups-TOTAL_FORMS": str(max(2, len(follow_ups))),
        "followups-INITIAL_FORMS": "0",
    }
    for i in range(max(2, len(vacancies))):
        data |= {f"vacancies-{i}-openings": "1", f"vacancies-{i}-employment_type": "full_time"}
        data |= {f"vacancies-{i}-wage_type": "monthly"}
    for i, vacancy in enumerate(vacancies):
        data |= {f"vacancies-{i}-{key}": value for key, value in vacancy.items()}
    for i, follow_up in enumerate(follow_ups):
        data |= {f"followups-{i}-{key}": value for key, value in follow_up.items()}
    return data | fields


def occupation(code="81") -> str:
    return Occupation.objects.get(code=code).pk


def test_visit__with_a_new_company_and_two_vacancies__creates_the_company_and_two_draft_vacancies(world):
    client = world.client_for("counselor_x")
    data = visit_post(
        new_name="청라식품(주)",
        new_business_number=business_number(7001),
        new_address="인천 서구 청라대로 1",
        person_met="오대표",
        employee_count="35",
        difficulty_hiring="on",
        difficulty_hiring_notes="생산직 인력 부족",
        vacancies=[
            {"title": "식품 포장원", "occupation": occupation("81"), "openings": "4"},
            {"title": "지게차 운전원", "occupation": occupation("81"), "openings": "2", "wage_amount": "2600000"},
        ],
    )
    response = client.post(reverse("outreach:visit_create"), data)

    assert response.status_code == 302, response.context and [
        response.context[k].errors for k in ("form", "vacancies", "follow_ups")
    ]
    company = Company.objects.get(business_number=business_number(7001))
    assert company.centre == world.centre_x
    assert company.source == Company.Source.FIELD_VISIT
    visit = Visit.objects.get(company=company)
    assert visit.status == Visit.Status.COMPLETED
    vacancies = Vacancy.objects.filter(company=company).order_by("title")
    assert [(v.title, v.openings, v.status, v.source) for v in vacancies] == [
        ("식품 포장원", 4, "draft", "field_visit"),
        ("지게차 운전원", 2, "draft", "field_visit"),
    ]
    assert set(DiscoveredVacancy.objects.filter(visit=visit).values_list("vacancy__title", flat=True)) == {
        "식품 포장원",
        "지게차 운전원",
    }
    assert list(visit.difficulties.values_list("category", "notes")) == [("hiring", "생산직 인력 부족")]
    assert list(visit.members.all()) == [world.users["counselor_x"]]


def test_visit__new_company_with_a_registered_business_number__is_refused_and_nothing_is_saved(world):
    client = world.client_for("counselor_x")
    data = visit_post(new_name="가나다 중복", new_business_number=world.company_a.business_number)

    response = client.post(reverse("outreach:visit_create"), data)

    assert response.status_code == 200
    assert "가나다(주)" in " ".join(response.context["form"].errors["new_business_number"])
    assert Visit.objects.count() == 0
    assert Company.objects.filter(name="가나다 중복").count() == 0


def test_visit__with_a_bad_business_number__shows_a_form_error(world):
    response = world.client_for("counselor_x").post(
        reverse("outreach:visit_create"), visit_post(new_name="새회사", new_business_number="1234567890")
    )
    assert response.status_code == 200
    assert response.context["form"].errors["new_business_number"]
    assert Visit.objects.count() == 0


def test_visit__a_vacancy_row_below_the_minimum_wage__is_refused_and_nothing_is_saved(world):
    data = visit_post(
        company=world.company_a.pk,
        vacancies=[{"title": "포장원", "occupation": occupation(), "openings": "1", "wage_amount": "500000"}],
    )
    response = world.client_for("counselor_x").post(reverse("outreach:visit_create"), data)
    assert response.status_code == 200
    assert Visit.objects.count() == 0
    assert not Vacancy.objects.filter(title="포장원").exists()


def test_visit__saved_as_draft__can_be_finished_later(world):
    client = world.client_for("counselor_x")
    response = client.post(reverse("outreach:visit_create"), visit_post(action="draft", company=world.company_a.pk))
    visit = Visit.objects.get()
    assert visit.status == Visit.Status.DRAFT
    assert response["Location"] == reverse("outreach:visit_detail", kwargs={"pk": visit.pk})

    data = visit_post(
        company=world.company_a.pk,
        person_met="최과장",
        vacancies=[{"title": "사무보조", "occupation": occupation("02"), "openings": "1"}],
    )
    client.post(reverse("outreach:visit_edit", kwargs={"pk": visit.pk}), data)

    visit.refresh_from_db()
    assert visit.status == Visit.Status.COMPLETED
    assert visit.person_met == "최과장"
    assert visit.discovered_vacancies.count() == 1
    assert list(visit.history.values_list("action", flat=True)) == ["created", "updated", "completed"]


def test_visit__completed__cannot_be_edited_until_reopened(world):
    visit = VisitFactory(centre=world.centre_x, company=world.company_a, completed=True)
    client = world.client_for("counselor_x")

    response = client.post(
        reverse("outreach:visit_edit", kwargs={"pk": visit.pk}), visit_post(company=world.company_a.pk)
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert visit.history.count() == 0

    client.post(reverse("outreach:visit_reopen", kwargs={"pk": visit.pk}))
    visit.refresh_from_db()
    assert visit.status == Visit.Status.DRAFT
    assert visit.history.get().action == VisitHistory.Action.REOPENED


def test_visit__from_a_planned_target__is_linked_to_the_plan(world):
    target = VisitPlanTargetFactory(plan__team__centre=world.centre_x)
    client = world.client_for("counselor_x")
    page = client.get(reverse("outreach:visit_create") + f"?target={target.pk}")
    assert page.context["form"].initial["company"] == target.company
    # The page's own `target` (the planned visit) is not where the skip link leads: it goes to the content.
    assert '<div id="krds-skip-link"><a href="#main">' in page.content.decode()

    client.post(
        reverse("outreach:visit_create") + f"?target={target.pk}",
        visit_post(company=target.company.pk, target=target.pk),
    )
    assert Visit.objects.get().plan_target == target
    # The target now opens the logged visit instead of a second log.
    assert client.get(reverse("outreach:visit_create") + f"?target={target.pk}").status_code == 302


def test_visit__another_centres_target__is_not_found(world):
    target = VisitPlanTargetFactory(plan__team__centre=world.centre_y)
    response = world.client_for("counselor_x").get(reverse("outreach:visit_create") + f"?target={target.pk}")
    assert response.status_code == 404


def test_visit__a_company_of_another_centre__cannot_be_chosen(world):
    response = world.client_for("counselor_x").post(
        reverse("outreach:visit_create"), visit_post(company=world.company_b.pk)
    )
    assert response.status_code == 200
    assert response.context["form"].errors["company"]
    assert Visit.objects.count() == 0


def test_follow_ups__entered_on_a_visit__reach_the_owners_worklist(world):
    client = world.client_for("counselor_x")
    owner = world.users["counselor_x"]
    client.post(
        reverse("outreach:visit_create"),
        visit_post(
            company=world.company_a.pk,
            follow_ups=[{"description": "채용장려금 신청 안내", "owner": owner.pk, "due_on": "2026-03-10"}],
        ),
    )
    assert FollowUpAction.objects.get().owner == owner

    worklist = client.get(reverse("worklist")).content.decode()
    assert "채용장려금 신청 안내" in worklist


def test_follow_up__marked_done_with_htmx__leaves_the_worklist_and_writes_history(world):
    follow_up = FollowUpActionFactory(
        visit__centre=world.centre_x, visit__company=world.company_a, owner=world.users["counselor_x"]
    )
    client = world.client_for("counselor_x")

    response = client.post(reverse("outreach:follow_up_done", kwargs={"pk": follow_up.pk}), HTTP_HX_REQUEST="true")

    assert response.status_code == 200
    assert f'id="follow-up-{follow_up.pk}"' in response.content.decode()
    assert "<html" not in response.content.decode()
    follow_up.refresh_from_db()
    assert follow_up.done_by == world.users["counselor_x"]
    assert follow_up.visit.history.get().action == VisitHistory.Action.FOLLOW_UP_DONE
    assert follow_up.description not in client.get(reverse("worklist")).content.decode()


def test_follow_up__marked_done_twice__keeps_the_first_time_and_one_history_row(world):
    follow_up = FollowUpActionFactory(visit__centre=world.centre_x, visit__company=world.company_a)
    client = world.client_for("counselor_x")
    url = reverse("outreach:follow_up_done", kwargs={"pk": follow_up.pk})
    client.post(url, {"next": reverse("worklist")})
    follow_up.refresh_from_db()
    first = follow_up.done_at
    response = client.post(url, {"next": "https://evil.example/"})
    follow_up.refresh_from_db()
    assert follow_up.done_at == first
    assert follow_up.visit.history.count() == 1
    assert response["Location"] == reverse("outreach:visit_detail", kwargs={"pk": follow_up.visit_id})


def test_follow_up__of_another_centre__is_not_found(world):
    follow_up = FollowUpActionFactory(visit__centre=world.centre_y, visit__company=world.company_b)
    response = world.client_for("counselor_x").post(reverse("outreach:follow_up_done", kwargs={"pk": follow_up.pk}))
    assert response.status_code == 404
    follow_up.refresh_from_db()
    assert follow_up.done_at is None


def test_visit__of_another_centre__is_not_found_and_employers_are_refused(world):
    visit = VisitFactory(centre=world.centre_x, company=world.company_a)
    url = reverse("outreach:visit_detail", kwargs={"pk": visit.pk})
    assert world.client_for("counselor_x").get(url).status_code == 200
    assert world.client_for("counselor_y").get(url).status_code == 404
    assert world.client_for("employer_a").get(url).status_code == 403


def test_business_number_check__tells_whether_the_company_is_registered(world):
    client = world.client_for("counselor_x")
    url = reverse("outreach:business_number_check")
    taken = client.get(url, {"new_business_number": world.company_a.business_number}, HTTP_HX_REQUEST="true")
    assert "가나다(주)" in taken.content.decode()
    free = client.get(url, {"new_business_number": business_number(8123)}, HTTP_HX_REQUEST="true")
    assert 'class="ok-note"' in free.content.decode()
    other = client.get(url, {"new_business_number": world.company_b.business_number})
    assert "라마바" not in other.content.decode()


def test_visit_list__loads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(15):
        VisitFactory(centre=world.centre_x, company=CompanyFactory(centre=world.centre_x), completed=True)
    client = world.client_for("counselor_x")
    # Session, user, the staff second-factor device, the visits, the session save: none per visit.
    with django_assert_max_num_queries(7):
        response = client.get(reverse("outreach:visit_list"))
    assert response.content.decode().count("<tr>") == 16


def test_visit__new_company__keeps_its_industry_contact_phone_and_head_count(world):
    from jobcenter.models import Industry

    industry = Industry.objects.order_by("code").first()
    data = visit_post(
        new_name="청라정밀(주)",
        new_business_number=business_number(7002),
        new_industry=industry.pk,
        person_met="유대표",
        contact_phone="032-560-7777",
        employee_count="64",
    )
    response = world.client_for("counselor_x").post(reverse("outreach:visit_create"), data)
    assert response.status_code == 302
    company = Company.objects.get(business_number=business_number(7002))
    assert (company.industry, company.contact_phone, company.contact_name) == (industry, "032-560-7777", "유대표")
    assert (company.employee_count, company.size) == (64, Company.Size.MEDIUM)


def test_visit__employees_counted_at_an_existing_company__update_the_company(world):
    company = CompanyFactory(centre=world.centre_x, employee_count=12, size=Company.Size.SMALL)
    response = world.client_for("counselor_x").post(
        reverse("outreach:visit_create"), visit_post(company=company.pk, employee_count="55")
    )
    assert response.status_code == 302
    company.refresh_from_db()
    assert (company.employee_count, company.size) == (55, Company.Size.MEDIUM)
