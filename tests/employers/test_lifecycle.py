import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.utils import timezone

from employers import services
from employers.models import Company, Vacancy, VacancyEvent
from employers.tasks import vacancies_expire
from jobcenter.models import Notification, Occupation, WageType
from tests.employers.factories import CompanyFactory, VacancyFactory, business_number
from tests.factories import region

pytestmark = pytest.mark.django_db


def complete_fields(**overrides) -> dict:
    fields = {
        "title": "포장 사원",
        "occupation": Occupation.objects.get(code="81"),
        "duties": "완제품 포장 및 검수",
        "openings": 2,
        "wage_amount": 2_300_000,
        "region": region("2826053000"),
    }
    return {**fields, **overrides}


def test_company_create__duplicate_business_number__is_refused_with_a_clear_message(world):
    with pytest.raises(ValidationError) as error:
        services.company_create(
            by=world.users["counselor_x"],
            centre=world.centre_x,
            source=Company.Source.COUNSELOR,
            business_number=world.company_b.business_number,
            name="중복",
        )
    assert "already registered" in str(error.value)


def test_company__duplicate_business_number__is_impossible_in_the_database(world):
    with pytest.raises(IntegrityError):
        Company.objects.create(centre=world.centre_x, name="중복", business_number=world.company_a.business_number)


def test_company_create__by_a_counselor__is_verified_and_by_the_portal_is_not(world):
    recorded = services.company_create(
        by=world.users["counselor_x"],
        centre=world.centre_x,
        source=Company.Source.FIELD_VISIT,
        business_number=business_number(9001),
        name="현장기업",
    )
    assert recorded.is_verified
    signed_up = services.company_create(
        by=world.users["employer_a"],
        centre=world.centre_x,
        source=Company.Source.PORTAL,
        business_number=business_number(9002),
        name="포털기업",
    )
    assert not signed_up.is_verified


def test_vacancy_create__field_visit_draft__may_be_incomplete(world):
    vacancy = services.vacancy_create(
        by=world.users["counselor_x"],
        company=world.company_a,
        source=Vacancy.Source.FIELD_VISIT,
        title="현장 발굴 일자리",
    )
    assert vacancy.status == Vacancy.Status.DRAFT
    assert vacancy.centre == world.centre_x
    assert vacancy.events.get().to_status == Vacancy.Status.DRAFT


def test_vacancy_submit__incomplete_draft__is_refused_with_what_is_missing(world):
    vacancy = VacancyFactory(company=world.company_a, incomplete=True)
    with pytest.raises(ValidationError) as error:
        services.vacancy_submit(vacancy=vacancy, by=world.users["employer_a"])
    assert set(error.value.message_dict) >= {"occupation", "duties", "wage_amount", "region"}
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT


def test_vacancy_create__below_the_minimum_wage__is_refused(world):
    year = timezone.localdate().year
    with pytest.raises(ValidationError) as error:
        services.vacancy_create(
            by=world.users["employer_a"],
            company=world.company_a,
            source=Vacancy.Source.PORTAL,
            **complete_fields(wage_type=WageType.HOURLY, wage_amount=9000),
        )
    assert f"minimum wage for {year}" in error.value.message_dict["wage_amount"][0]
    assert not Vacancy.objects.filter(wage_amount=9000).exists()


def test_vacancy_create__with_an_age_limit__is_refused(world):
    with pytest.raises(ValidationError) as error:
        services.vacancy_create(
            by=world.users["employer_a"],
            company=world.company_a,
            source=Vacancy.Source.PORTAL,
            **complete_fields(certificates_required="만 35세 이하, 지게차 면허"),
        )
    assert "age" in error.value.message_dict["certificates_required"][0]


def test_vacancy__submit_return_fix_publish__writes_a_history_row_per_change(world):
    employer, counselor = world.users["employer_a"], world.users["counselor_x"]
    vacancy = services.vacancy_create(
        by=employer, company=world.company_a, source=Vacancy.Source.PORTAL, **complete_fields()
    )
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_return(vacancy=vacancy, by=counselor, comment="근무 시간을 적어 주세요.")
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.DRAFT
    assert vacancy.review_comment == "근무 시간을 적어 주세요."
    services.vacancy_update(vacancy=vacancy, by=employer, working_hours="09:00–18:00")
    services.vacancy_submit(vacancy=vacancy, by=employer)
    services.vacancy_publish(vacancy=vacancy, by=counselor)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.published_at
    assert list(vacancy.events.order_by("pk").values_list("to_status", flat=True)) == [
        "draft",
        "submitted",
        "draft",
        "submitted",
        "published",
    ]
    returned = vacancy.events.get(to_status="draft", from_status="submitted")
    assert returned.by == counselor and returned.comment == "근무 시간을 적어 주세요."
    subjects = list(Notification.objects.values_list("subject", flat=True))
    assert any(vacancy.title in subject for subject in subjects)


def test_vacancy_return__without_a_comment__is_refused(world):
    vacancy = VacancyFactory(company=world.company_a, submitted=True)
    with pytest.raises(ValidationError):
        services.vacancy_return(vacancy=vacancy, by=world.users["counselor_x"], comment="  ")


def test_vacancy_publish__of_an_unverified_company__is_refused(world):
    company = CompanyFactory(centre=world.centre_x, unverified=True)
    vacancy = VacancyFactory(company=company, submitted=True)
    with pytest.raises(ValidationError) as error:
        services.vacancy_publish(vacancy=vacancy, by=world.users["counselor_x"])
    assert "verified" in str(error.value)
    services.company_verify(company=company, by=world.users["counselor_x"])
    services.vacancy_publish(vacancy=vacancy, by=world.users["counselor_x"])


@pytest.mark.parametrize("status", ["closed", "expired", "published"])
def test_vacancy_submit__outside_the_transition_table__is_refused(world, status):
    vacancy = VacancyFactory(company=world.company_a, status=status)
    with pytest.raises(ValidationError):
        services.vacancy_submit(vacancy=vacancy, by=world.users["employer_a"])
    assert not VacancyEvent.objects.filter(vacancy=vacancy).exists()


def test_expire_task__expires_only_published_vacancies_past_their_deadline_and_is_idempotent(world):
    yesterday = timezone.localdate() - datetime.timedelta(days=1)
    past = VacancyFactory(company=world.company_a, published=True, deadline=yesterday)
    draft_past = VacancyFactory(company=world.company_a, deadline=yesterday)
    today = VacancyFactory(company=world.company_a, published=True, deadline=timezone.localdate())
    assert vacancies_expire.delay().get() == 1
    assert vacancies_expire.delay().get() == 0
    past.refresh_from_db(), draft_past.refresh_from_db(), today.refresh_from_db()
    assert (past.status, draft_past.status, today.status) == ("expired", "draft", "published")
    assert past.events.get().to_status == "expired"


def test_placements__fill_the_vacancy_and_releasing_one_publishes_it_again(world):
    vacancy = world.vacancy_a  # two openings
    services.vacancy_record_placement(vacancy_id=vacancy.pk)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.openings_free == 1
    services.vacancy_record_placement(vacancy_id=vacancy.pk)
    vacancy.refresh_from_db()
    assert vacancy.status == Vacancy.Status.FILLED and vacancy.openings_free == 0
    with pytest.raises(ValidationError):
        services.vacancy_record_placement(vacancy_id=vacancy.pk)
    vacancy = services.vacancy_release_placement(vacancy_id=vacancy.pk)
    assert vacancy.status == Vacancy.Status.PUBLISHED and vacancy.openings_free == 1


def test_vacancy_copy__makes_a_new_draft_without_deadline(world):
    original = VacancyFactory(
        company=world.company_a, closed=True, deadline=datetime.date(2025, 1, 31), suitable_for=["5060"]
    )
    copy = services.vacancy_copy(vacancy=original, by=world.users["employer_a"])
    assert copy.pk != original.pk
    assert (copy.status, copy.deadline, copy.title, copy.suitable_for) == ("draft", None, original.title, ["5060"])


def test_interest__twice__is_one_request_and_handling_takes_it_off_the_worklist(world):
    from employers.selectors import open_interests_for_counselor

    first = services.interest_create(seeker=world.seeker_a, vacancy=world.vacancy_a)
    again = services.interest_create(seeker=world.seeker_a, vacancy=world.vacancy_a)
    assert first.pk == again.pk
    counselor = world.users["counselor_x"]
    assert list(open_interests_for_counselor(counselor)) == [first]
    assert list(open_interests_for_counselor(world.users["counselor_y"])) == []
    services.interest_handle(interest=first, user=counselor)
    assert list(open_interests_for_counselor(counselor)) == []
