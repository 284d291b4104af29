"""Computing and storing the top lists: per changed row (with the other side's lists kept in step), per batch
(the nightly refresh) and on demand for a given set (events pre-matching, the weights preview).
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
    # Sorting tens of thousands of scored candidates in memory instead of on disk (per transaction only).
    cursor.execute(f"SET LOCAL work_mem = '{WORK_MEM}'")


# The two directions of a list, described once so both refreshes run the same statements.
_SIDES = {
    MatchList.FOR_VACANCY: {
        "own": "vacancy_id",
        "other": "seeker_id",
        "profile": "matching_vacancymatchprofile",
        "refresh_profiles": lambda ids: profiles_refresh_vacancies(vacancy_ids=ids),
        "top_sql": sql.top_seekers_sql,
    },
    MatchList.FOR_SEEKER: {
        "own": "seeker_id",
        "other": "vacancy_id",
        "profile": "matching_seekermatchprofile",
        "refresh_profiles": lambda ids: profiles_refresh_seekers(seeker_ids=ids),
        "top_sql": sql.top_vacancies_sql,
    },
}
_OTHER_LIST = {MatchList.FOR_VACANCY: MatchList.FOR_SEEKER, MatchList.FOR_SEEKER: MatchList.FOR_VACANCY}

_INSERT = "INSERT INTO matching_matchresult (list_kind, vacancy_id, seeker_id, score, parts, computed_at) "


def _mark_done(cursor, side: dict, ids: list[int], started_at: datetime.datetime) -> None:
    # A change scheduled while we ran keeps its mark: its own task is still to come.
    cursor.execute(
        f"""UPDATE {side["profile"]} SET results_at = now(), pending_since = NULL
        WHERE {side["own"]} = ANY(%(ids)s) AND (pending_since IS NULL OR pending_since <= %(started)s)""",
        {"ids": ids, "started": started_at},
    )


def row_matches_refresh(*, list_kind: str, pk: int, weights: dict[str, float] | None = None) -> int:
    """Recompute one vacancy's (or seeker's) profile and top list, and put it into the other side's lists
    where it now belongs. One transaction: a run killed half-way leaves the old state, a second run the
    same result. Returns the length of the new list."""
    side, other_kind = _SIDES[list_kind], _OTHER_LIST[list_kind]
    started_at = timezone.now()
    params = {
        **sql.weight_params(weights or current_weights().as_dict()),
        "ids": [pk],
        "limit": LIST_SIZE,
        "kind": list_kind,
        "other_kind": other_kind,
    }
    own, other = side["own"], side["other"]
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        side["refresh_profiles"]([pk])
        cursor.execute("DROP TABLE IF EXISTS pg_temp.match_scored")
        cursor.execute(f"CREATE TEMP TABLE match_scored ON COMMIT DROP AS {side['top_sql'](limit=False)}", params)
        cursor.execute(f"DELETE FROM matching_matchresult WHERE list_kind = %(kind)s AND {own} = ANY(%(ids)s)", params)
        cursor.execute(
            _INSERT
            + f"""SELECT %(kind)s, vacancy_id, seeker_id, score, parts, now() FROM match_scored
            ORDER BY score DESC, {other} LIMIT %(limit)s""",
            params,
        )
        count = cursor.rowcount
        # The other side: drop this row from their lists, put it back where it beats their last entry.
        cursor.execute(
            f"DELETE FROM matching_matchresult WHERE list_kind = %(other_kind)s AND {own} = ANY(%(ids)s)", params
        )
        cursor.execute(
            _INSERT
            + f"""SELECT %(other_kind)s, x.vacancy_id, x.seeker_id, x.score, x.parts, now() FROM match_scored x
            WHERE x.score > coalesce((
                SELECT r.score FROM matching_matchresult r WHERE r.list_kind = %(other_kind)s AND r.{other} = x.{other}
                ORDER BY r.score DESC OFFSET %(limit)s - 1 LIMIT 1), -1)""",
            params,
        )
        cursor.execute(
            f"""DELETE FROM matching_matchresult r USING (
                SELECT id, row_number() OVER (PARTITION BY {other} ORDER BY score DESC, {own}) AS position
                FROM matching_matchresult
                WHERE list_kind = %(other_kind)s AND {other} IN (SELECT {other} FROM match_scored)
            ) ranked WHERE r.id = ranked.id AND ranked.position > %(limit)s""",
            params,
        )
        _mark_done(cursor, side, [pk], started_at)
    return count


def batch_matches_refresh(*, list_kind: str, ids: list[int], weights: dict[str, float] | None = None) -> int:
    """Recompute the top lists of these rows only (the nightly refresh, after all profiles are rebuilt)."""
    side = _SIDES[list_kind]
    started_at = timezone.now()
    params = {
        **sql.weight_params(weights or current_weights().as_dict()),
        "ids": list(ids),
        "limit": LIST_SIZE,
        "kind": list_kind,
    }
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        cursor.execute(
            f"DELETE FROM matching_matchresult WHERE list_kind = %(kind)s AND {side['own']} = ANY(%(ids)s)", params
        )
        cursor.execute(
            _INSERT + f"SELECT %(kind)s, vacancy_id, seeker_id, score, parts, now() FROM ({side['top_sql']()}) t",
            params,
        )
        count = cursor.rowcount
        _mark_done(cursor, side, list(ids), started_at)
    return count


def profiles_refresh_all() -> tuple[int, int]:
    """Rebuild every profile and drop stored pairs whose seeker or vacancy no longer passes the hard filters."""
    with transaction.atomic(), connection.cursor() as cursor:
        _tune(cursor)
        seekers = profiles_refresh_seekers()
        vacancies = profiles_refresh_vacancies()
        cursor.execute(
            """DELETE FROM matching_matchresult r
            WHERE NOT EXISTS (
                SELECT 1 FROM matching_seekermatchprofile s WHERE s.seeker_id = r.seeker_id AND s.is_active
            ) OR NOT EXISTS (
                SELECT 1 FROM matching_vacancymatchprofile v WHERE v.vacancy_id = r.vacancy_id AND v.is_open
            )"""
        )
    return seekers, vacancies


def list_ids(list_kind: str, *, batch_size: int) -> list[list[int]]:
    """The ids whose lists the full refresh recomputes, in batches (open vacancies, active seekers)."""
    side = _SIDES[list_kind]
    flag = "is_open" if list_kind == MatchList.FOR_VACANCY else "is_active"
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {side['own']} FROM {side['profile']} WHERE {flag} ORDER BY 1")
        ids = [row[0] for row in cursor.fetchall()]
    return [ids[start : start + batch_size] for start in range(0, len(ids), batch_size)]


def scored(
    *, list_kind: str, pk: int, only: list[int] | None, limit: int, weights: dict[str, float] | None = None
) -> list[dict]:
    """Score one vacancy's candidates (or one seeker's vacancies) live, without storing anything but profiles.

    With `only`, exactly that set of the other side is scored (hard filters still apply)."""
    side = _SIDES[list_kind]
    other_side = _SIDES[_OTHER_LIST[list_kind]]
    side["refresh_profiles"]([pk])
    if only is not None:
        other_side["refresh_profiles"](list(only))
    params = {
        **sql.weight_params(weights or current_weights().as_dict()),
        "ids": [pk],
        "only": list(only or []),
        "limit": limit,
    }
    with connection.cursor() as cursor:
        cursor.execute(side["top_sql"](given=only is not None), params)
        columns = [column.name for column in cursor.description]
        rows = [dict(zip(columns, row, strict=True)) for row in cursor.fetchall()]
    for row in rows:  # Django leaves jsonb as text on raw cursors
        if isinstance(row["parts"], str):
            row["parts"] = json.loads(row["parts"])
    return rows
