"""Turns one month of raw records into MonthlyFigure rows, one INSERT ... SELECT per measure.

Each measure scans its records of the month once: GROUPING SETS give the centre totals, the city total and
every breakdown in that one pass; a breakdown with several values per record (target groups) takes a second
pass over an unnest. The figures of a month are replaced in one transaction, so a reader sees the old month
or the new one, never half of each.
"""

import datetime
import time

from django.db import connection
from django.utils import timezone

from jobcenter.statistics.measures import DIMENSIONS, MEASURES, Measure
from jobcenter.statistics.models import MonthlyFigure

NONE = MonthlyFigure.NONE
TABLE = MonthlyFigure._meta.db_table


def month_start(day: datetime.date) -> datetime.date:
    return day.replace(day=1)


def next_month(month: datetime.date) -> datetime.date:
    return (month.replace(day=28) + datetime.timedelta(days=4)).replace(day=1)


def add_months(month: datetime.date, months: int) -> datetime.date:
    index = month.year * 12 + month.month - 1 + months
    return datetime.date(index // 12, index % 12 + 1, 1)


def month_params(month: datetime.date) -> dict:
    end = next_month(month)
    zone = timezone.get_default_timezone()
    return {
        "month": month,
        "start": month,
        "end": end,
        "start_ts": datetime.datetime.combine(month, datetime.time(), tzinfo=zone),
        "end_ts": datetime.datetime.combine(end, datetime.time(), tzinfo=zone),
        "today": timezone.localdate(),
    }


def _inner(measure: Measure, dims: list[str], *, unnest: str | None = None) -> str:
    source = measure.source
    columns = [f"{source.centre} AS centre", f"{measure.value} AS v_"]
    columns += [f"({source.dims[key]})::text AS d_{key}" for key in dims]
    from_sql = source.from_sql
    if unnest:
        from_sql += f" LEFT JOIN LATERAL unnest({source.dims[unnest]}) AS u_(value) ON TRUE"
        columns.append(f"u_.value::text AS d_{unnest}")
    return (
        f"SELECT {', '.join(columns)} FROM {from_sql} "
        f"WHERE {measure.period_sql()} AND ({measure.where}) AND {source.centre} IS NOT NULL"
    )


def measure_sql(measure: Measure) -> list[str]:
    """The INSERT statements that compute `measure` for one month (parameters: month_params)."""
    single = [key for key in measure.dims if not DIMENSIONS[key].multi]
    multi = [key for key in measure.dims if DIMENSIONS[key].multi]
    value = f"round(({measure.aggregate_sql()})::numeric, 2)"
    head = f"INSERT INTO {TABLE} (month, centre_id, measure, dimension, member, value) SELECT %(month)s::date, "
    centre = "CASE WHEN GROUPING(centre) = 1 THEN NULL ELSE centre END"
    sets = ["(centre)", "()"]
    for key in single:
        sets.append(f"(centre, d_{key})")
        if not DIMENSIONS[key].within_centre:
            sets.append(f"(d_{key})")
    if single:
        dimension = "CASE " + " ".join(f"WHEN GROUPING(d_{k}) = 0 THEN '{k}'" for k in single) + " ELSE '' END"
        member = (
            "CASE "
            + " ".join(f"WHEN GROUPING(d_{k}) = 0 THEN coalesce(d_{k}, '{NONE}')" for k in single)
            + " ELSE '' END"
        )
    else:
        dimension = member = "''"
    statements = [
        f"{head}{centre}, %(measure)s, {dimension}, {member}, {value} "
        f"FROM ({_inner(measure, single)}) q GROUP BY GROUPING SETS ({', '.join(sets)}) HAVING count(*) > 0"
    ]
    for key in multi:
        statements.append(
            f"{head}{centre}, %(measure)s, '{key}', coalesce(d_{key}, '{NONE}'), {value} "
            f"FROM ({_inner(measure, [], unnest=key)}) q "
            f"GROUP BY GROUPING SETS ((centre, d_{key}), (d_{key})) HAVING count(*) > 0"
        )
    return statements


def compute_month(month: datetime.date, measures: list[Measure] | None = None) -> dict:
    """Replace the figures of `month`. Runs inside the caller's transaction. Returns timings per measure."""
    params = month_params(month)
    timings = {}
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {TABLE} WHERE month = %s", [month])
        for measure in measures or MEASURES:
            started = time.perf_counter()
            for statement in measure_sql(measure):
                cursor.execute(statement, {**params, "measure": measure.key})
            timings[measure.key] = time.perf_counter() - started
    return timings


def records_sql(measure: Measure, *, centre_id: int | None, dimension: str = "", member: str = "") -> tuple[str, str]:
    """SQL of the primary keys of the records behind one figure, and of their count (same parameters)."""
    source = measure.source
    conditions = [measure.period_sql(), f"({measure.where})", f"{source.centre} IS NOT NULL"]
    from_sql = source.from_sql
    if centre_id is not None:
        conditions.append(f"{source.centre} = %(centre_id)s")
    if dimension:
        if DIMENSIONS[dimension].multi:
            expression = f"%(member)s = ANY({source.dims[dimension]})"
            if member == NONE:
                expression = f"cardinality({source.dims[dimension]}) = 0"
        else:
            value = f"({source.dims[dimension]})::text"
            expression = f"{value} IS NULL" if member == NONE else f"{value} = %(member)s"
        conditions.append(expression)
    where = " AND ".join(conditions)
    return (
        f"SELECT DISTINCT {source.pk} FROM {from_sql} WHERE {where} ORDER BY 1 DESC LIMIT %(limit)s",
        f"SELECT count(DISTINCT {source.pk}) FROM {from_sql} WHERE {where}",
    )
