"""Annotations compiled once per process.

Building a subquery expression (`Exists(...)`, `ArraySubquery(...)`) and compiling it into the query that reads a row
costs the web process more than the database's work on that row: ~1 ms each for the referral journey's consent and
e-mail subqueries (docs/scaling.md, issue 26). `annotation_sql` compiles such an expression once, keeps its SQL text,
and hands it out as a `RawSQL` annotation, which costs next to nothing to add and compile.
"""

from collections.abc import Callable, Hashable

from django.db import DEFAULT_DB_ALIAS
from django.db.models import Expression, Model
from django.db.models.expressions import RawSQL

_compiled: dict[tuple, tuple[str, tuple, object]] = {}


def annotation_sql(model: type[Model], key: Hashable, build: Callable[[], Expression]) -> RawSQL:
    """`build()` as an annotation of `model`'s rows, compiled the first time `key` is asked for (per model).

    The expression may refer to the outer row only through columns of `model`'s own table (`OuterRef("seeker")`,
    not `OuterRef("vacancy__company")`: a join it would need is not in the SQL kept), and `key` must name everything
    `build` depends on: the same key always gives the SQL of the first build."""
    found = _compiled.get((model, key))
    if found is None:
        query = model._default_manager.annotate(_compiled=build()).query
        expression = query.annotations["_compiled"]
        sql, params = query.get_compiler(DEFAULT_DB_ALIAS).compile(expression)
        found = _compiled[(model, key)] = (sql, tuple(params), expression.output_field)
    sql, params, output_field = found
    return RawSQL(sql, params, output_field=output_field)
