"""Celery tasks of the matching scorer: thin, by id, idempotent (each writes one row's lists in one
transaction, replacing the old set), acknowledged late so a killed worker's task runs again."""

from celery import shared_task
from celery.schedules import crontab
from django.db import OperationalError

from matching.scoring import pending_recomputations_enqueue
from matching.scoring.results import (
    LIST_SIZE,
    batch_matches_refresh,
    list_ids,
    profiles_refresh_all,
    row_matches_refresh,
)
from matching.scoring_models import MatchList

__all__ = [
    "match_batch_refresh",
    "match_pending_sweep",
    "match_refresh_all",
    "match_seeker_refresh",
    "match_vacancy_refresh",
    "scoring_beat_schedule",
]

# Lists per batch task: a vacancy ranks ~10 times more candidates than a seeker (ten times more seekers).
FULL_REFRESH_BATCH = {MatchList.FOR_VACANCY: 500, MatchList.FOR_SEEKER: 5000}

_RETRY = {"autoretry_for": (OperationalError,), "retry_backoff": True, "max_retries": 5, "acks_late": True}


@shared_task(**_RETRY)
def match_vacancy_refresh(vacancy_id: int) -> int:
    return row_matches_refresh(list_kind=MatchList.FOR_VACANCY, pk=vacancy_id)


@shared_task(**_RETRY)
def match_seeker_refresh(seeker_id: int) -> int:
    return row_matches_refresh(list_kind=MatchList.FOR_SEEKER, pk=seeker_id)


@shared_task(**_RETRY)
def match_batch_refresh(list_kind: str, ids: list[int]) -> int:
    return batch_matches_refresh(list_kind=list_kind, ids=ids)


@shared_task(acks_late=True)
def match_refresh_all() -> dict:
    """Nightly: rebuild every profile, then recompute every list in batches (one task per batch)."""
    counts = profiles_refresh_all()
    batches = 0
    for list_kind, size in FULL_REFRESH_BATCH.items():
        for ids in list_ids(list_kind, batch_size=size):
            match_batch_refresh.delay(list_kind, ids)
            batches += 1
    return {**counts, "batches": batches, "list_size": LIST_SIZE}


@shared_task
def match_pending_sweep() -> int:
    """Enqueue again the recomputations whose enqueue was lost (the broker was down at commit)."""
    return pending_recomputations_enqueue()


scoring_beat_schedule = {
    "matching-pending-sweep": {"task": "matching.scoring_tasks.match_pending_sweep", "schedule": 120.0},
    "matching-refresh-all": {
        "task": "matching.scoring_tasks.match_refresh_all",
        "schedule": crontab(hour=2, minute=30),  # 02:30 Asia/Seoul, before the centres open
    },
}
