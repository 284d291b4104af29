"""Reads of the stored top lists for the counselor pages, scoped to what the acting user may see.

The hard filters are applied again at read time (seeker still active and sharing, vacancy still open, no
open referral), so a list computed an hour ago never offers a pair that is no longer allowed.
"""

import datetime
from dataclasses import dataclass, field

from django.db.models import Exists, OuterRef, QuerySet

from jobcenter.models import User
from matching.models import Referral
from matching.scoring import RankedMatch
from matching.scoring.explain import explain, summary
from matching.scoring.results import current_weights
from matching.scoring_models import MatchList, MatchResult, SeekerMatchProfile, VacancyMatchProfile

PAGE_SIZE = 20


@dataclass
class StoredList:
    rows: list[RankedMatch] = field(default_factory=list)
    has_more: bool = False
    offset: int = 0
    is_stale: bool = False
    computed_at: datetime.datetime | None = None

    @property
    def next_offset(self) -> int:
        return self.offset + len(self.rows)


def _without_open_referral(results: QuerySet[MatchResult]) -> QuerySet[MatchResult]:
    open_referral = Referral.objects.open().filter(seeker=OuterRef("seeker"), vacancy=OuterRef("vacancy"))
    return results.filter(~Exists(open_referral))


def _status(profile: dict | None) -> tuple[bool, datetime.datetime | None]:
    if profile is None:
        return True, None
    return profile["pending_since"] is not None or profile["results_at"] is None, profile["results_at"]


def _page(results: QuerySet[MatchResult], *, offset: int, limit: int) -> tuple[list[RankedMatch], bool]:
    weights = current_weights().as_dict()
    found = list(results[offset : offset + limit + 1])
    rows = [
        RankedMatch(
            seeker_id=result.seeker_id,
            vacancy_id=result.vacancy_id,
            score=result.score,
            parts=result.parts,
            summary=summary(result.parts),
            explanation=explain(result.parts, weights),
            seeker=result.seeker,
            vacancy=result.vacancy,
        )
        for result in found[:limit]
    ]
    return rows, len(found) > limit


def stored_candidates(
    *,
    user: User,
    vacancy,
    booth_id: int | None = None,
    target_group: str = "",
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> StoredList:
    """The stored best candidates of `vacancy` that `user` may see (their centre's seekers), best first."""
    results = _without_open_referral(
        MatchResult.objects.filter(
            list_kind=MatchList.FOR_VACANCY,
            vacancy=vacancy,
            seeker__match_profile__is_active=True,
        )
    )
    if not user.is_administrator:
        # seekers.selectors.seekers_for_user's rule for staff (their centre's seekers), as a plain join
        results = results.filter(seeker__centre_id=user.centre_id)
    if booth_id:
        results = results.filter(seeker__booth_id=booth_id)
    if target_group:
        results = results.filter(seeker__target_groups__contains=[target_group])
    results = results.select_related("seeker", "seeker__booth", "vacancy").order_by("-score", "seeker_id")
    rows, has_more = _page(results, offset=offset, limit=limit)
    is_stale, computed_at = _status(
        VacancyMatchProfile.objects.filter(vacancy=vacancy).values("pending_since", "results_at").first()
    )
    return StoredList(rows, has_more, offset, is_stale, computed_at)


def stored_vacancies(*, user: User, seeker, offset: int = 0, limit: int = PAGE_SIZE) -> StoredList:
    """The stored best open vacancies for `seeker` (the caller has checked the seeker is within reach)."""
    results = _without_open_referral(
        MatchResult.objects.filter(list_kind=MatchList.FOR_SEEKER, seeker=seeker, vacancy__match_profile__is_open=True)
    )
    results = results.select_related("seeker", "vacancy", "vacancy__company", "vacancy__region").order_by(
        "-score", "vacancy_id"
    )
    rows, has_more = _page(results, offset=offset, limit=limit)
    is_stale, computed_at = _status(
        SeekerMatchProfile.objects.filter(seeker=seeker).values("pending_since", "results_at").first()
    )
    return StoredList(rows, has_more, offset, is_stale, computed_at)
