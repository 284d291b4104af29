"""The sweeper of lost recomputations: a mark left pending past the grace period is enqueued again, once.

The same with a real Redis stopped and started again: tests/hardening/test_faults.py.
"""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from matching import scoring_tasks
from matching.scoring import PENDING_GRACE, pending_recomputations_enqueue, schedule_seeker, schedule_vacancy
from matching.scoring.results import _mark_done
from matching.scoring.sql import SIDES
from matching.scoring_models import MatchList, SeekerMatchProfile, VacancyMatchList, VacancyMatchProfile
from matching.scoring_tasks import match_pending_sweep, match_vacancy_refresh
from tests.matching.scoring_factories import matching_seeker, matching_vacancy


@pytest.fixture
def pair(world):
    booth = world.users["counselor_x"].booth
    seeker = matching_seeker(booth=booth, occupations=("81",))
    vacancy = matching_vacancy(occupation="81", company=world.company_a)
    return seeker, vacancy


def marked(model, key: str, pk: int) -> datetime.datetime | None:
    return model.objects.filter(**{key: pk}).values_list("pending_since", flat=True).get()


def age(model, key: str, pk: int, by: datetime.timedelta) -> None:
    model.objects.filter(**{key: pk}).update(pending_since=timezone.now() - by)


def test_sweep__recomputes_a_mark_left_past_the_grace_period_and_leaves_a_fresh_one(
    pair, django_capture_on_commit_callbacks
):
    seeker, vacancy = pair
    schedule_vacancy(vacancy.pk)  # its enqueue after commit never happens: the broker was down
    schedule_seeker(seeker.pk)
    age(VacancyMatchProfile, "vacancy_id", vacancy.pk, PENDING_GRACE + datetime.timedelta(minutes=1))
    assert not VacancyMatchList.objects.filter(vacancy=vacancy).exists()

    with django_capture_on_commit_callbacks(execute=True):  # tasks run eagerly without REDIS_URL
        assert match_pending_sweep() == 1

    assert marked(VacancyMatchProfile, "vacancy_id", vacancy.pk) is None
    assert VacancyMatchList.objects.get(vacancy=vacancy).ranked_ids == [seeker.pk]
    assert marked(SeekerMatchProfile, "seeker_id", seeker.pk) is not None  # a change of a minute ago: its own task
    with django_capture_on_commit_callbacks(execute=True):
        assert match_pending_sweep() == 0


def test_sweep__with_the_broker_still_down__raises_nothing_and_tries_again_after_the_grace_period(
    pair, monkeypatch, django_capture_on_commit_callbacks
):
    _, vacancy = pair
    calls = []

    def broker_down(*args, **kwargs):
        calls.append(args)
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(scoring_tasks.match_vacancy_refresh, "delay", broker_down)
    schedule_vacancy(vacancy.pk)
    age(VacancyMatchProfile, "vacancy_id", vacancy.pk, PENDING_GRACE * 2)

    with django_capture_on_commit_callbacks(execute=True):
        assert pending_recomputations_enqueue() == 1
    assert calls == [(vacancy.pk,)]
    pending = marked(VacancyMatchProfile, "vacancy_id", vacancy.pk)
    assert pending is not None and timezone.now() - pending < datetime.timedelta(minutes=1)  # marked again
    with django_capture_on_commit_callbacks(execute=True):
        assert pending_recomputations_enqueue() == 0  # not every two minutes while the queue may still hold it

    age(VacancyMatchProfile, "vacancy_id", vacancy.pk, PENDING_GRACE * 2)
    monkeypatch.undo()
    with django_capture_on_commit_callbacks(execute=True):
        assert pending_recomputations_enqueue() == 1
    assert marked(VacancyMatchProfile, "vacancy_id", vacancy.pk) is None
    assert VacancyMatchList.objects.filter(vacancy=vacancy).exists()


def test_sweep__a_task_that_started_before_the_sweep_does_not_clear_the_new_mark(pair):
    _, vacancy = pair
    schedule_vacancy(vacancy.pk)
    started = timezone.now()
    age(VacancyMatchProfile, "vacancy_id", vacancy.pk, PENDING_GRACE * 2)
    pending_recomputations_enqueue()  # marks it again at the current time

    with connection.cursor() as cursor:  # what a recomputation that started before the sweep ends with
        _mark_done(cursor, SIDES[MatchList.FOR_VACANCY], [vacancy.pk], started)
    assert marked(VacancyMatchProfile, "vacancy_id", vacancy.pk) is not None
    match_vacancy_refresh(vacancy.pk)  # the one the sweep enqueued
    assert marked(VacancyMatchProfile, "vacancy_id", vacancy.pk) is None


def test_sweep__is_on_the_beat_schedule_every_two_minutes():
    from matching.tasks import beat_schedule

    entry = beat_schedule["matching-pending-sweep"]
    assert entry["task"] == "matching.scoring_tasks.match_pending_sweep"
    assert entry["schedule"] <= 300


def test_new_rows__scheduled_while_the_broker_is_down__are_marked_and_scored_by_the_sweep(
    pair, monkeypatch, django_capture_on_commit_callbacks
):
    seeker, vacancy = pair
    SeekerMatchProfile.objects.filter(seeker=seeker).delete()  # as if registered just now: no profile yet
    VacancyMatchProfile.objects.filter(vacancy=vacancy).delete()

    def broker_down(*args, **kwargs):
        raise ConnectionRefusedError("redis is down")

    monkeypatch.setattr(scoring_tasks.match_seeker_refresh, "delay", broker_down)
    monkeypatch.setattr(scoring_tasks.match_vacancy_refresh, "delay", broker_down)
    with django_capture_on_commit_callbacks(execute=True):
        schedule_seeker(seeker.pk)
        schedule_vacancy(vacancy.pk)
    assert marked(SeekerMatchProfile, "seeker_id", seeker.pk) is not None
    assert marked(VacancyMatchProfile, "vacancy_id", vacancy.pk) is not None
    assert not VacancyMatchList.objects.filter(vacancy=vacancy).exists()

    monkeypatch.undo()
    age(SeekerMatchProfile, "seeker_id", seeker.pk, PENDING_GRACE * 2)
    age(VacancyMatchProfile, "vacancy_id", vacancy.pk, PENDING_GRACE * 2)
    with django_capture_on_commit_callbacks(execute=True):
        assert match_pending_sweep() == 2

    assert VacancyMatchList.objects.get(vacancy=vacancy).ranked_ids == [seeker.pk]
    assert SeekerMatchProfile.objects.get(seeker=seeker).is_active
