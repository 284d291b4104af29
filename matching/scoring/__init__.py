"""The matching scorer: ranked, explained candidates for vacancies and vacancies for seekers (issue 6).

The public interface for the other apps:
- `schedule_vacancy(vacancy_id)` / `schedule_seeker(seeker_id)`: call at the end of a service that changed
  the row; marks its stored results stale now and recomputes them after commit (Celery). The mark is the
  outbox: `pending_recomputations_enqueue` (beat, every two minutes) enqueues again every mark left for
  longer than a few minutes (the broker was down at commit, or the task was lost).
- `schedule_full_refresh()`: after a load that touched many rows (demo data, code tables), recompute all.
- `rank_seekers_for_vacancy(vacancy, seekers=None, limit=20)` / `rank_vacancies_for_seeker(...)`: scored,
  explained rows computed live, for any given set (events pre-matching).
How it works: docs/matching.md.
"""

import datetime
import logging
from dataclasses import dataclass, field

from django.db import transaction
from django.db.models.functions import Now
from django.utils import timezone

from employers.models import Vacancy
from matching.scoring.explain import (
    PartExplanation,
    conflicts,
    explain,
    must_broken,
    shown_score,
    strengths,
    summary,
)
from matching.scoring.results import current_weights, scored
from matching.scoring_models import MatchList, SeekerMatchProfile, VacancyMatchProfile
from seekers.models import Seeker

logger = logging.getLogger(__name__)

__all__ = [
    "RankedMatch",
    "pending_recomputations_enqueue",
    "ranked_match",
    "rank_seekers_for_vacancy",
    "rank_vacancies_for_seeker",
    "schedule_full_refresh",
    "schedule_seeker",
    "schedule_vacancy",
]


@dataclass
class RankedMatch:
    seeker_id: int
    vacancy_id: int
    score: float  # shown: the weighted average of the parts, 0–100
    parts: dict
    summary: str
    explanation: list[PartExplanation] = field(default_factory=list)
    seeker: object = None
    vacancy: object = None
    rank_score: float | None = None  # the ranking's: the score less the penalties of broken conditions
    conflicts: list[str] = field(default_factory=list)
    must_broken: bool = False  # listed apart, under "conditions not met"
    summary_strengths: str = ""  # the summary without the broken conditions (pages show those apart)


def ranked_match(*, seeker_id: int, vacancy_id: int, rank_score: float, parts: dict, weights: dict, **more):
    """A RankedMatch with its words, from the parts (JSON facts) of the pair."""
    return RankedMatch(
        seeker_id=seeker_id,
        vacancy_id=vacancy_id,
        score=shown_score(parts, weights) if parts else rank_score,
        parts=parts,
        summary=summary(parts),
        explanation=explain(parts, weights),
        rank_score=rank_score,
        conflicts=conflicts(parts),
        must_broken=must_broken(parts),
        summary_strengths=strengths(parts),
        **more,
    )


def _enqueue(task_name: str, pk: int) -> None:
    _enqueue_task(task_name, pk)


def _enqueue_task(task_name: str, *args) -> None:
    from matching import scoring_tasks

    task = getattr(scoring_tasks, task_name)
    pk = ", ".join(map(str, args))
    try:
        task.delay(*args)
    except Exception:  # broker down: the row stays marked stale and pending_recomputations_enqueue retries
        logger.warning("Could not enqueue %s(%s); the sweeper will retry.", task_name, pk, exc_info=True)


def schedule_vacancy(vacancy_id: int) -> None:
    """Mark the vacancy's stored candidates stale and recompute them once the caller's transaction commits."""
    if not VacancyMatchProfile.objects.filter(vacancy_id=vacancy_id).update(pending_since=Now()):
        _mark_new_row(VacancyMatchProfile, Vacancy.objects.filter(pk=vacancy_id), vacancy_id=vacancy_id)
    transaction.on_commit(lambda: _enqueue("match_vacancy_refresh", vacancy_id))


def schedule_seeker(seeker_id: int) -> None:
    """Mark the seeker's stored vacancies stale and recompute them once the caller's transaction commits."""
    if not SeekerMatchProfile.objects.filter(seeker_id=seeker_id).update(pending_since=Now()):
        _mark_new_row(
            SeekerMatchProfile, Seeker.objects.filter(pk=seeker_id), seeker_id=seeker_id, booth_ref="booth_id"
        )
    transaction.on_commit(lambda: _enqueue("match_seeker_refresh", seeker_id))


def schedule_full_refresh() -> None:
    """Recompute every profile and stored list now (the nightly task), for loads that touch many rows at once:
    the demo data, a code-table load. Call it after commit; with the broker down the nightly run catches up."""
    _enqueue_task("match_refresh_all")


def _mark_new_row(model, source, *, booth_ref: str | None = None, **key) -> None:
    """A row seen for the first time has no profile to carry the mark: give it an empty one (never a candidate:
    not active, not open, no keys) marked pending, so a broker outage at commit cannot lose its first scoring."""
    fields = ["centre_id"] + ([booth_ref] if booth_ref else [])
    row = source.values(*fields).first()
    if row is None:
        return
    refs = {"centre_ref": row["centre_id"]} | ({"booth_ref": row[booth_ref]} if booth_ref else {})
    model.objects.bulk_create([model(**key, **refs, pending_since=timezone.now())], ignore_conflicts=True)


# A mark older than this is taken as lost (a recomputation normally ends within seconds of the commit).
PENDING_GRACE = datetime.timedelta(minutes=5)
_PENDING_SIDES = (
    (VacancyMatchProfile, "vacancy_id", "match_vacancy_refresh"),
    (SeekerMatchProfile, "seeker_id", "match_seeker_refresh"),
)


def pending_recomputations_enqueue(*, older_than: datetime.timedelta = PENDING_GRACE, limit: int = 1000) -> int:
    """Enqueue again the recomputation of every profile marked pending for longer than `older_than`.

    Each one taken is marked again with the current time, so a slow queue is not flooded with copies on every
    sweep (the next sweep leaves it alone for another `older_than`), and a task that started before now does
    not clear the new mark (`_mark_done`): the mark goes only when a recomputation that saw the change ends.
    Runs with the broker down too: what fails to enqueue is retried by a later sweep. Returns how many."""
    now = timezone.now()  # not the transaction's start (Now()): the mark must be later than any task running
    cutoff = now - older_than
    taken: list[tuple[str, int]] = []
    with transaction.atomic():
        for model, key, task_name in _PENDING_SIDES:
            ids = list(
                model.objects.filter(pending_since__lt=cutoff)
                .order_by("pending_since")
                .select_for_update(skip_locked=True)  # a change being saved right now keeps its own enqueue
                .values_list(key, flat=True)[:limit]
            )
            model.objects.filter(**{f"{key}__in": ids}).update(pending_since=now)
            taken += [(task_name, pk) for pk in ids]

        def enqueue_taken() -> None:
            for task_name, pk in taken:
                _enqueue(task_name, pk)

        transaction.on_commit(enqueue_taken)
    return len(taken)


def _ranked(rows: list[dict], weights: dict[str, float]) -> list[RankedMatch]:
    return [
        ranked_match(
            seeker_id=row["seeker_id"],
            vacancy_id=row["vacancy_id"],
            rank_score=row["score"],
            parts=row["parts"],
            weights=weights,
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
