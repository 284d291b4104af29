"""What loads many rows at once schedules the scorer for them: a vacancy published through the import and the
demo data get ranked lists after commit, without waiting for the nightly refresh (02:30)."""

import pytest
from django.core.management import call_command
from django.urls import reverse

from employers.models import Vacancy
from matching.scoring_models import SeekerMatchList, VacancyMatchList
from seekers.models import Seeker
from tests.employers.test_bulletin_import import upload
from tests.matching.scoring_factories import matching_seeker

pytestmark = pytest.mark.django_db


def test_a_vacancy_published_through_the_import__gets_ranked_candidates_without_the_nightly_job(
    world, django_capture_on_commit_callbacks
):
    matching_seeker(booth=world.users["counselor_x"].booth, name="임포트후보", occupations=("81",))
    number = world.company_a.business_number
    rows = (
        "external_ref,business_number,title,occupation,duties,wage_amount,region,publish\n"
        f"V-9,{number},사출 생산직,81,사출기 운전,2500000,2826053000,yes\n"
    )
    client = world.client_for("counselor_x")
    batch, _ = upload(client, "vacancies", "v.csv", rows.encode())
    with django_capture_on_commit_callbacks(execute=True):  # the scorer's task runs after the import's commit
        client.post(reverse("employers:import_preview", kwargs={"pk": batch.pk}))
    vacancy = Vacancy.objects.get(external_ref="V-9")
    assert vacancy.status == Vacancy.Status.PUBLISHED
    assert VacancyMatchList.objects.filter(vacancy=vacancy).exists()

    page = client.get(reverse("matching:vacancy_candidates", kwargs={"pk": vacancy.pk}), HTTP_ACCEPT_LANGUAGE="en")
    assert "임포트후보" in page.content.decode()
    assert "Being recomputed" not in page.content.decode()


def test_seed_demo__schedules_the_scorer__so_the_demo_seeker_has_ranked_vacancies_at_once(
    db, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        call_command("seed_demo", verbosity=0)
    assert any(getattr(callback, "__name__", "") == "schedule_full_refresh" for callback in callbacks)
    seeker = Seeker.objects.get(user__username="seeker")
    assert SeekerMatchList.objects.filter(seeker=seeker).exists()


@pytest.mark.celery_worker
def test_a_vacancy_imported_as_published__is_ranked_by_the_real_worker_within_minutes(
    world, celery_worker, transactional_db
):
    """The import commits, its on-commit hook sends the scorer's task through Redis, and the worker (another
    process) writes the ranked list: no eager task, no nightly refresh."""
    import time

    matching_seeker(booth=world.users["counselor_x"].booth, name="워커후보", occupations=("81",))
    number = world.company_a.business_number
    rows = (
        "external_ref,business_number,title,occupation,duties,wage_amount,region,publish\n"
        f"V-10,{number},사출 생산직,81,사출기 운전,2500000,2826053000,yes\n"
    )
    client = world.client_for("counselor_x")
    batch, _ = upload(client, "vacancies", "v.csv", rows.encode())
    client.post(reverse("employers:import_preview", kwargs={"pk": batch.pk}))
    vacancy = Vacancy.objects.get(external_ref="V-10")
    assert vacancy.status == Vacancy.Status.PUBLISHED

    deadline = time.monotonic() + 120
    while not VacancyMatchList.objects.filter(vacancy=vacancy).exists():
        assert time.monotonic() < deadline, celery_worker.log()
        time.sleep(0.5)
    assert "matching." in celery_worker.log()
    page = client.get(reverse("matching:vacancy_candidates", kwargs={"pk": vacancy.pk}))
    assert "워커후보" in page.content.decode()

