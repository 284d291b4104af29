"""Computing and storing the top lists: per changed row (with the other side's lists kept in step), per batch
(the nightly refresh) and on demand for a given set (events pre-matching, the weights preview).

A stored list is one row per vacancy (`VacancyMatchList`) or seeker (`SeekerMatchList`): the ids it ranks and
their scores, best first. The parts are not stored: `explained_pairs` computes them for the rows a page shows.
"""

import datetime
import json

from django.db import connection, transaction
from django.utils import timezone

from matching.scoring import sql
from matching.scoring.profiles import profiles_refresh_seekers, profiles_refresh_vacancies
from matching.scoring_models import MatchList, MatchWeights

LIST_SIZE = 50
WORK_MEM = "64MB"


def current_weights() -> MatchWeights:
    weights, _ = MatchWeights.objects.get_or_create(name="default")
    return weights


def _tune(cursor) -> None:
    # Sorting tens of thousands of scored candidates in memory instead of on disk (per transaction only); the
    # lists are derived data that a lost commit only delays (the next refresh writes them again).
    cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")
    cursor.execute("SET LOCAL synchronous_commit = off")


_REFRESH_PROFILES = {
    MatchList.FOR_VACANCY: lambda ids: profiles_refresh_vacancies(vacancy_ids=ids),
    MatchList.FOR_SEEKER: lambda ids: profiles_refresh_seekers(seeker_ids=ids),
}
_OTHER_LIST = {MatchList.FOR_VACANCY: MatchList.FOR_SEEKER, MatchList.FOR_SEEKER: MatchList.FOR_VACANCY}


def _params(weights: dict[str, float] | None, **more) -> dict:
    return {**sql.weight_params(weights or current_weights().as_dict()), "limit": LIST_SIZE, **more}


def _mark_done(cursor, side: dict, ids: list[int], started_at: datetime.datetime) -> None:
    # A change scheduled while we ran keeps its mark: its own task is still to come. Only marked rows are
    # written (a million untouched profiles stay untouched at night).
    cursor.execute(
        f"""UPDATE {side["own_profile"]} SET pending_since = NULL
        WHERE {side["own"]} = ANY(%(ids)s) AND pending_since IS NOT NULL AND pending_since <= %(started)s""",
        {"ids": ids, "started": started_at},
    )


def row_matches_refresh(*, list_kind: str, pk: int, weights: dict[str, float] | None = None) -> int:
    """Recompute one vacancy's (or seeker's) profile and top list, and put it into (or take it out of) the
    other side's lists where it now belongs. One transaction: a run killed half-way leaves the old state, a
    second run the same result. Returns the length of the new list."""
    side = sql.SIDES[list_kind]
    started_at = timezone.now()
    own = side["own"]
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        cursor.execute(f"SELECT match_keys FROM {side['own_profile']} WHERE {own} = %s", [pk])
        old_keys = (cursor.fetchone() or [[]])[0]
        _REFRESH_PROFILES[list_kind]([pk])
        params = _params(weights, pk=pk, ids=[pk])
        cursor.execute(
            f"SELECT x.{side['own_flag']}, {sql.wide_sql(side, 'x')}, x.match_keys "
            f"FROM {side['own_profile']} x WHERE x.{own} = %(pk)s",
            params,
        )
        is_open, wide, new_keys = cursor.fetchone() or (False, False, [])
        params.update(wide=bool(wide), keys=sorted(set(old_keys) | set(new_keys)))
        cursor.execute("DROP TABLE IF EXISTS pg_temp.match_pairs, pg_temp.match_scored")
        if is_open:
            cursor.execute(f"CREATE TEMP TABLE match_pairs ON COMMIT DROP AS {sql.row_pairs_sql(list_kind)}", params)
        else:  # no candidates: it only leaves the lists that hold it
            cursor.execute(
                "CREATE TEMP TABLE match_pairs (other_id bigint, cheap float8, s_trgm int[], v_trgm int[], "
                "near boolean, other_wide boolean, other_floor float8) ON COMMIT DROP"
            )
        cursor.execute(f"CREATE TEMP TABLE match_scored ON COMMIT DROP AS {sql.ROW_SCORED_SQL}", params)
        count = 0
        if is_open:
            cursor.execute(
                f"""INSERT INTO {side["own_list"]} ({own}, ranked_ids, scores, wide, computed_at)
                SELECT %(pk)s, coalesce(array_agg(other_id ORDER BY score DESC, other_id), '{{}}'),
                    coalesce(array_agg(score ORDER BY score DESC, other_id), '{{}}'), %(wide)s, now()
                FROM (SELECT other_id, score FROM match_scored WHERE own_candidate
                      ORDER BY score DESC, other_id LIMIT %(limit)s) t
                ON CONFLICT ({own}) DO UPDATE SET ranked_ids = EXCLUDED.ranked_ids, scores = EXCLUDED.scores,
                    wide = EXCLUDED.wide, computed_at = EXCLUDED.computed_at
                RETURNING cardinality(ranked_ids)""",
                params,
            )
            count = cursor.fetchone()[0]
        else:
            cursor.execute(f"DELETE FROM {side['own_list']} WHERE {own} = %(pk)s", params)
        cursor.execute(sql.other_lists_update_sql(list_kind), params)
        _mark_done(cursor, side, [pk], started_at)
    return count


def batch_matches_refresh(*, list_kind: str, ids: list[int], weights: dict[str, float] | None = None) -> int:
    """Recompute and store the top lists of these rows (the nightly refresh, after all profiles are rebuilt):
    one statement for the whole batch. Returns the number of lists written."""
    side = sql.SIDES[list_kind]
    started_at = timezone.now()
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        cursor.execute(sql.store_lists_sql(list_kind), _params(weights, ids=list(ids)))
        count = cursor.rowcount
        _mark_done(cursor, side, list(ids), started_at)
    return count


def profiles_refresh_all() -> dict[str, int]:
    """Rebuild every profile (writing only those that changed) and drop the stored lists of vacancies no
    longer open and seekers no longer active. Returns the number of profiles and of those written."""
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        seekers_changed = profiles_refresh_seekers()
        vacancies_changed = profiles_refresh_vacancies()
        for side in sql.SIDES.values():
            cursor.execute(
                f"""DELETE FROM {side["own_list"]} l WHERE NOT EXISTS (
                    SELECT 1 FROM {side["own_profile"]} p
                    WHERE p.{side["own"]} = l.{side["own"]} AND p.{side["own_flag"]}
                )"""
            )
        cursor.execute("SELECT count(*) FROM matching_seekermatchprofile")
        seekers = cursor.fetchone()[0]
        cursor.execute("SELECT count(*) FROM matching_vacancymatchprofile")
        vacancies = cursor.fetchone()[0]
    return {
        "seekers": seekers,
        "seekers_changed": seekers_changed,
        "vacancies": vacancies,
        "vacancies_changed": vacancies_changed,
    }


# Batches of neighbours: vacancies of one 시군구 and middle group share their candidates, so a batch reads
# those seekers' profile pages once and finds them in shared buffers for the next vacancy (in id order, a
# million-seeker refresh was bound by reading pages: ~70% of block accesses missed the buffers).
_NEIGHBOURS = {
    MatchList.FOR_VACANCY: "sigungu_code, occupation_middle, vacancy_id",
    MatchList.FOR_SEEKER: "sigungu_code, seeker_id",
}


def list_ids(list_kind: str, *, batch_size: int) -> list[list[int]]:
    """The ids whose lists the full refresh recomputes, in batches of neighbours (open vacancies, active
    seekers)."""
    side = sql.SIDES[list_kind]
    with connection.cursor() as cursor:
        order = _NEIGHBOURS[list_kind]
        cursor.execute(f"SELECT {side['own']} FROM {side['own_profile']} WHERE {side['own_flag']} ORDER BY {order}")
        ids = [row[0] for row in cursor.fetchall()]
    return [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]


def _rows(cursor) -> list[dict]:
    columns = [column.name for column in cursor.description]
    rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # Django leaves json as text on raw cursors
        if isinstance(row.get("parts"), str):
            row["parts"] = json.loads(row["parts"])
    return rows


def scored(
    *, list_kind: str, pk: int, only: list[int] | None, limit: int, weights: dict[str, float] | None = None
) -> list[dict]:
    """Score one vacancy's candidates (or one seeker's vacancies) live, without storing anything but profiles.

    With `only`, exactly that set of the other side is scored (hard filters still apply)."""
    _REFRESH_PROFILES[list_kind]([pk])
    if only is not None:
        _REFRESH_PROFILES[_OTHER_LIST[list_kind]](list(only))
    params = _params(weights, ids=[pk], only=list(only or []), limit=limit)
    params["prelimit"] = max(params["prelimit"], limit)
    with connection.cursor() as cursor:
        cursor.execute(sql.top_sql(list_kind, given=only is not None), params)
        return _rows(cursor)


def explained_pairs(pairs: list[tuple[int, int]], weights: dict[str, float]) -> dict[tuple[int, int], dict]:
    """The parts (JSON facts) of the given (seeker_id, vacancy_id) pairs, from their current profiles: one query
    for the rows a page shows."""
    if not pairs:
        return {}
    params = _params(weights, seeker_ids=[pair[0] for pair in pairs], vacancy_ids=[pair[1] for pair in pairs])
    with connection.cursor() as cursor:
        cursor.execute(sql.EXPLAINED_PAIRS_SQL, params)
        return {(row["seeker_id"], row["vacancy_id"]): row["parts"] for row in _rows(cursor)}
