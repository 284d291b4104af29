"""Pre-matching for interview days: ranked candidates for each participating vacancy.

`ranked_candidates(vacancy, seekers)` asks the matching scorer (matching.scoring, issue 6) for the given set
of seekers. Where the scorer is not installed or has no profiles for these seekers yet (they are computed
by Celery after a seeker or vacancy changes), it falls back to a plain ranking here: same detailed
occupation code > same middle group > same major group, then a desired region that is the workplace's,
then the workplace's district. The page says which ranking it shows.
"""

from dataclasses import dataclass

from django.db.models import QuerySet
from django.utils.translation import gettext as _

from employers.models import Vacancy
from seekers.models import Seeker


@dataclass
class Candidate:
    seeker: Seeker
    score: float
    reason: str


def _fallback_score(vacancy: Vacancy, seeker: Seeker) -> tuple[float, str]:
    code = vacancy.occupation_id
    desired = [occupation.code for occupation in seeker.desired_occupations.all()]
    occupation, reason = 0.0, ""
    if code in desired:
        occupation, reason = 3.0, _("same occupation")
    elif any(d[:2] == code[:2] for d in desired):
        occupation, reason = 2.0, _("same occupation group")
    elif any(d[:1] == code[:1] for d in desired):
        occupation, reason = 1.0, _("same occupation field")
    regions = [region.code for region in seeker.desired_regions.all()]
    region = 0.0
    if vacancy.region_id in regions or vacancy.region_id == seeker.region_id:
        region = 1.0
    elif seeker.region_id and vacancy.region_id and seeker.region_id[:5] == vacancy.region_id[:5]:
        region = 0.5
    if region:
        reason = ", ".join(filter(None, [reason, _("near the workplace")]))
    return occupation + region, reason or _("no occupation or region in common")


def fallback_ranking(vacancy: Vacancy, seekers: QuerySet[Seeker], limit: int = 20) -> list[Candidate]:
    candidates = [
        Candidate(seeker, *_fallback_score(vacancy, seeker))
        for seeker in seekers.prefetch_related("desired_occupations", "desired_regions")[:2000]
    ]
    candidates.sort(key=lambda c: (-c.score, c.seeker.name))
    return candidates[:limit]


def ranked_candidates(vacancy: Vacancy, seekers: QuerySet[Seeker], limit: int = 20) -> tuple[list[Candidate], bool]:
    """The best candidates for `vacancy` among `seekers`, and whether the matching scorer ranked them."""
    try:
        from matching.scoring import rank_seekers_for_vacancy
    except ImportError:
        rank_seekers_for_vacancy = None
    if rank_seekers_for_vacancy is not None:
        matches = rank_seekers_for_vacancy(vacancy, seekers=list(seekers.values_list("pk", flat=True)), limit=limit)
        found = [Candidate(m.seeker, float(m.score), m.summary) for m in matches if m.seeker is not None]
        if found:
            return found, True
    return fallback_ranking(vacancy, seekers, limit), False
