"""Reads of the stored top lists for the counselor pages, scoped to what the acting user may see.

The hard filters are applied again at read time (seeker still active and sharing, vacancy still open, no
open referral), so a list computed an hour ago never offers a pair that is no longer allowed.
"""

import datetime
from dataclasses import dataclass, field

from django.db import connection

from employers.models import Company, Vacancy
from jobcenter.models import Region, User
from matching.scoring import RankedMatch, ranked_match
from matching.scoring.results import current_weights, explained_pairs
from matching.scoring.sql import OPEN_REFERRAL_STATES
from matching.scoring_models import SeekerMatchList, SeekerMatchProfile, VacancyMatchList, VacancyMatchProfile
from seekers.models import Seeker

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


# One page of a stored list, in list order, with the hard filters applied again (and the page's own filters).
# (A closed vacancy has no list: its refresh deletes it.)
_CANDIDATES = f"""
SELECT e.seeker_id, e.score FROM matching_vacancymatchlist l
CROSS JOIN LATERAL unnest(l.ranked_ids, l.scores) WITH ORDINALITY e(seeker_id, score, position)
JOIN matching_seekermatchprofile s ON s.seeker_id = e.seeker_id AND s.is_active
JOIN seekers_seeker seeker ON seeker.id = e.seeker_id
WHERE l.vacancy_id = %(vacancy)s AND {{filters}} AND NOT EXISTS (
    SELECT 1 FROM matching_referral ref
    WHERE ref.seeker_id = e.seeker_id AND ref.vacancy_id = l.vacancy_id AND ref.state = ANY({OPEN_REFERRAL_STATES})
)
ORDER BY e.position OFFSET %(offset)s LIMIT %(limit)s"""

_VACANCIES = f"""
SELECT e.vacancy_id, e.score FROM matching_seekermatchlist l
CROSS JOIN LATERAL unnest(l.ranked_ids, l.scores) WITH ORDINALITY e(vacancy_id, score, position)
JOIN matching_vacancymatchprofile v ON v.vacancy_id = e.vacancy_id AND v.is_open
WHERE l.seeker_id = %(seeker)s AND NOT EXISTS (
    SELECT 1 FROM matching_referral ref
    WHERE ref.seeker_id = l.seeker_id AND ref.vacancy_id = e.vacancy_id AND ref.state = ANY({OPEN_REFERRAL_STATES})
)
ORDER BY e.position OFFSET %(offset)s LIMIT %(limit)s"""


def _status(profile: dict | None, stored: dict | None) -> tuple[bool, datetime.datetime | None]:
    computed_at = stored["computed_at"] if stored else None
    if profile is None:
        return True, computed_at
    # Scored and not pending, yet no list: the seeker is not active (placed, ended) or the vacancy is closed; the
    # page must not say "being recomputed" for ever.
    return profile["pending_since"] is not None, computed_at


def _status_of(profile_model, list_model, side: str, pk: int) -> tuple[bool, datetime.datetime | None]:
    """`_status` of one seeker's or vacancy's list, read in one query (the case page and the candidates page made
    two): whether its profile exists and is pending, and when its list was computed."""
    profile, stored = profile_model._meta.db_table, list_model._meta.db_table
    profile_key = profile_model._meta.get_field(side).column
    list_key = list_model._meta.get_field(side).column
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT EXISTS (SELECT 1 FROM {profile} WHERE {profile_key} = %(pk)s),"
            f" (SELECT pending_since FROM {profile} WHERE {profile_key} = %(pk)s),"
            f" (SELECT computed_at FROM {stored} WHERE {list_key} = %(pk)s)",
            {"pk": pk},
        )
        exists, pending_since, computed_at = cursor.fetchone()
    return _status({"pending_since": pending_since} if exists else None, {"computed_at": computed_at})


def _page(found: list[tuple[int, int, float]], *, limit: int, seekers: dict, vacancies: dict) -> list[RankedMatch]:
    """Rows (seeker_id, vacancy_id, stored score) as explained matches: the parts come from the profiles in one
    query, the score is the stored one (the list's order)."""
    if not found:
        return []  # no row to explain: the weights are not read
    weights = current_weights().as_dict()
    parts = explained_pairs([(seeker_id, vacancy_id) for seeker_id, vacancy_id, _ in found[:limit]], weights)
    rows = []
    for seeker_id, vacancy_id, score in found[:limit]:
        facts = parts.get((seeker_id, vacancy_id), {})
        rows.append(
            ranked_match(
                seeker_id=seeker_id,
                vacancy_id=vacancy_id,
                rank_score=score,
                parts=facts,
                weights=weights,
                seeker=seekers.get(seeker_id),
                vacancy=vacancies.get(vacancy_id),
            )
        )
    return rows


# What the candidates page shows of each seeker (tell_apart's birth year and phone, the booth) and what its
# access record needs (the centre): not the forty other columns of the registration.
_CANDIDATE_SEEKER_FIELDS = ("name", "birth_date", "phone", "anonymised_at", "centre_id", "booth__name")


# The candidates page's vacancy, if the viewer may see it (`scope`), with what its heading shows (title, company,
# region) and the digest of what its rows show to the viewer: the SQL function matching_candidates_version (matching
# migration 0012; planned once per connection, where the same SQL as a subquery was planned on every visit), given
# the viewer's centre (NULL: every listed seeker, for an administrator) and the referral states that take a seeker
# off the list. Scalar subqueries, no join to plan, no queryset to build.
_CANDIDATES_PROBE = f"""SELECT v.id, v.centre_id, v.title, v.company_id, v.region_id,
    (SELECT c.name FROM {Company._meta.db_table} c WHERE c.id = v.company_id),
    (SELECT ARRAY[r.name_ko, r.name_en] FROM {Region._meta.db_table} r WHERE r.code = v.region_id),
    matching_candidates_version(v.id, %s, {OPEN_REFERRAL_STATES})
FROM {Vacancy._meta.db_table} v WHERE v.id = %s AND {{scope}}"""


def _loaded(model, **values):
    """An instance of `model` with these columns (attnames) and the others deferred, as `.only()` loads one."""
    fields = [field.attname for field in model._meta.concrete_fields if field.attname in values]
    return model.from_db(connection.alias, fields, [values[name] for name in fields])


def candidates_vacancy(user: User, pk: int) -> Vacancy:
    """The vacancy of the candidates page, within `user`'s reach (404 otherwise: employers.selectors
    .vacancies_for_user's rule), with what the page shows of it (title, company's name, region's names) and the
    digest of what its rows show to `user` (`candidates_version`, the key of the kept table:
    matching/scoring/candidates_page.py), in one query. Its list's status is read with the rows
    (`stored_candidates`), only when the table is rendered: the kept table keeps it."""
    from django.http import Http404

    from employers.selectors import vacancy_scope_sql

    scope, params = vacancy_scope_sql(user, "v")
    centre = None if user.is_administrator else user.centre_id
    with connection.cursor() as cursor:
        cursor.execute(_CANDIDATES_PROBE.replace("{scope}", scope), [centre, pk, *params])
        row = cursor.fetchone()
    if row is None:
        raise Http404
    pk, centre_id, title, company_id, region_id, company_name, region_names, version = row
    vacancy = _loaded(Vacancy, id=pk, centre_id=centre_id, title=title, company_id=company_id, region_id=region_id)
    vacancy.company = _loaded(Company, id=company_id, name=company_name)
    vacancy.region = None
    if region_id:
        vacancy.region = _loaded(Region, code=region_id, name_ko=region_names[0], name_en=region_names[1])
    vacancy.candidates_version = version
    return vacancy


def stored_candidates(
    *,
    user: User,
    vacancy,
    booth_id: int | None = None,
    target_group: str = "",
    offset: int = 0,
    limit: int = PAGE_SIZE,
) -> StoredList:
    """The stored best candidates of `vacancy` that `user` may see (their centre's seekers), best first, and the
    list's status."""
    filters, params = ["TRUE"], {"vacancy": vacancy.pk, "offset": offset, "limit": limit + 1}
    if not user.is_administrator:
        # seekers.selectors.seekers_for_user's rule for staff (their centre's seekers), as a plain join
        filters.append("seeker.centre_id = %(centre)s")
        params["centre"] = user.centre_id
    if booth_id:
        filters.append("seeker.booth_id = %(booth)s")
        params["booth"] = booth_id
    if target_group:
        filters.append("seeker.target_groups @> ARRAY[%(target_group)s]::varchar[]")
        params["target_group"] = target_group
    with connection.cursor() as cursor:
        cursor.execute(_CANDIDATES.replace("{filters}", " AND ".join(filters)), params)
        found = [(seeker_id, vacancy.pk, score) for seeker_id, score in cursor.fetchall()]
    shown = [row[0] for row in found[:limit]]
    seekers = Seeker.objects.select_related("booth").only(*_CANDIDATE_SEEKER_FIELDS).in_bulk(shown)
    rows = _page(found, limit=limit, seekers=seekers, vacancies={vacancy.pk: vacancy})
    is_stale, computed_at = _status_of(VacancyMatchProfile, VacancyMatchList, "vacancy", vacancy.pk)
    return StoredList(rows, len(found) > limit, offset, is_stale, computed_at)


def stored_vacancies(*, user: User, seeker, offset: int = 0, limit: int = PAGE_SIZE) -> StoredList:
    """The stored best open vacancies for `seeker` (the caller has checked the seeker is within reach)."""
    with connection.cursor() as cursor:
        cursor.execute(_VACANCIES, {"seeker": seeker.pk, "offset": offset, "limit": limit + 1})
        found = [(seeker.pk, vacancy_id, score) for vacancy_id, score in cursor.fetchall()]
    vacancies = Vacancy.objects.select_related("company", "region").in_bulk([row[1] for row in found[:limit]])
    rows = _page(found, limit=limit, seekers={seeker.pk: seeker}, vacancies=vacancies)
    is_stale, computed_at = _status_of(SeekerMatchProfile, SeekerMatchList, "seeker", seeker.pk)
    return StoredList(rows, len(found) > limit, offset, is_stale, computed_at)


# What `stored_vacancies` reads for one seeker but the referrals (their changes are the seeker's own, counted by the
# case page): the stored list, the seeker's profile (pending or not) and the listed vacancies' profiles (a closed one
# drops out). Not the weights: changing them computes every list again. Rows as text, hashed in the database.
def seeker_list_version_sql(seeker_id: str) -> str:
    """An SQL expression: a digest of what the seeker's best-vacancies panel shows but the referrals, for the seeker
    whose id is the SQL `seeker_id` (a column of the outer query). Another value once a vacancy in the list closes or
    changes, or the list is computed again."""
    return f"""md5(concat_ws('|',
    (SELECT l::text FROM matching_seekermatchlist l WHERE l.seeker_id = {seeker_id}),
    (SELECT p::text FROM matching_seekermatchprofile p WHERE p.seeker_id = {seeker_id}),
    (SELECT string_agg(v::text, ',' ORDER BY v.vacancy_id) FROM matching_vacancymatchprofile v
     WHERE v.vacancy_id = ANY(
         (SELECT l.ranked_ids FROM matching_seekermatchlist l WHERE l.seeker_id = {seeker_id})::bigint[]
     ))
))"""
