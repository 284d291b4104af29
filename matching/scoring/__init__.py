"""The matching scorer: ranked, explained candidates for vacancies and vacancies for seekers (issue 6).

The public interface for the other apps:
- `schedule_vacancy(vacancy_id)` / `schedule_seeker(seeker_id)`: call at the end of a service that changed
  the row; marks its stored results stale now and recomputes them after commit (Celery).
- `rank_seekers_for_vacancy(vacancy, seekers=None, limit=20)` / `rank_vacancies_for_seeker(...)`: scored,
  explained rows computed live, for any given set (events pre-matching).
How it works: docs/matching.md.
"""

import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Now

from matching.scoring.explain import PartExplanation, explain, summary
from matching.scoring.results import current_weights, scored
from matching.scoring_models import MatchList, SeekerMatchProfile, VacancyMatchProfile

logger = logging.getLogger(__name__)

__all__ = [
    "RankedMatch",
    "rank_seekers_for_vacancy",
    "rank_vacancies_for_seeker",
    "schedule_seeker",
    "schedule_vacancy",
]


@dataclass
class RankedMatch:
    seeker_id: int
    vacancy_id: int
    score: float
    parts: dict
    summary: str
    explanation: list[PartExplanation] = field(default_factory=list)
    seeker: object = None
    vacancy: object = None


def _enqueue(task_name: str, pk: int) -> None:
    from matching import scoring_tasks

    task = getattr(scoring_tasks, task_name)
    try:
        task.delay(pk)
    except Exception:  # broker down: the row stays marked stale and the nightly refresh recomputes it
        logger.warning("Could not enqueue %s(%s); the nightly refresh will recompute it.", task_name, pk)


def schedule_vacancy(vacancy_id: int) -> None:
    """Mark the vacancy's stored candidates stale and recompute them once the caller's transaction commits."""
    VacancyMatchProfile.objects.filter(vacancy_id=vacancy_id).update(pending_since=Now())
    transaction.on_commit(lambda: _enqueue("match_vacancy_refresh", vacancy_id))


def schedule_seeker(seeker_id: int) -> None:
    """Mark the seeker's stored vacancies stale and recompute them once the caller's transaction commits."""
    SeekerMatchProfile.objects.filter(seeker_id=seeker_id).update(pending_since=Now())
    transaction.on_commit(lambda: _enqueue("match_seeker_refresh", seeker_id))


def _ranked(rows: list[dict], weights: dict[str, float]) -> list[RankedMatch]:
    return [
        RankedMatch(
            seeker_id=row["seeker_id"],
            vacancy_id=row["vacancy_id"],
            score=row["score"],
            parts=row["parts"],
            summary=summary(row["parts"]),
            explanation=explain(row["parts"], weights),
        )
        for row in rows
    ]


def rank_seekers_for_vacancy(
    vacancy, seekers=None, limit: int = 20, *, weights: dict[str, float] | None = None
) -> list[RankedMatch]:
    """The best candidates for `vacancy` (among `seekers` when given), scored live and explained."""
    from seekers.models import Seeker

    weights = weights or current_weights().as_dict()
    only = None if seekers is None else [getattr(seeker, "pk", seeker) for seeker in seekers]
    rows = scored(list_kind=MatchList.FOR_VACANCY, pk=vacancy.pk, only=only, limit=limit, weights=weights)
    ranked = _ranked(rows, weights)
    by_id = Seeker.objects.select_related("booth").in_bulk([match.seeker_id for match in ranked])
    for match in ranked:
        match.seeker, match.vacancy = by_id.get(match.seeker_id), vacancy
    return ranked


def rank_vacancies_for_seeker(
    seeker, vacancies=None, limit: int = 20, *, weights: dict[str, float] | None = None
) -> list[RankedMatch]:
    """The best open vacancies for `seeker` (among `vacancies` when given), scored live and explained."""
    from employers.models import Vacancy

    weights = weights or current_weights().as_dict()
    only = None if vacancies is None else [getattr(vacancy, "pk", vacancy) for vacancy in vacancies]
    rows = scored(list_kind=MatchList.FOR_SEEKER, pk=seeker.pk, only=only, limit=limit, weights=weights)
    ranked = _ranked(rows, weights)
    by_id = Vacancy.objects.select_related("company").in_bulk([match.vacancy_id for match in ranked])
    for match in ranked:
        match.seeker, match.vacancy = seeker, by_id.get(match.vacancy_id)
    return ranked
