"""Queries built once per process, for the few requests where building them cost more than running them.

Building a subquery expression (`Exists(...)`, `ArraySubquery(...)`) and compiling it into the query that reads a row
costs the web process more than the database's work on that row: ~1 ms each for the referral journey's consent and
e-mail subqueries (docs/scaling.md, issue 26). `annotation_sql` compiles such an expression once, keeps its SQL text,
and hands it out as a `RawSQL` annotation, which costs next to nothing to add and compile. `compiled_get` and
`scoped_get` do the same for a whole read by id (the referral steps' reads), `insert_together` writes a row and the
rows that point to it in one statement, and `prepared_cursor` runs a statement PostgreSQL plans once per connection.
"""

import functools
from collections.abc import Callable, Hashable, Sequence

from django.core.exceptions import EmptyResultSet, FullResultSet
from django.db import DEFAULT_DB_ALIAS, connections, router, transaction
from django.db.backends.postgresql.base import TIMESTAMPTZ_OID, ServerBindingCursor
from django.db.backends.postgresql.psycopg_any import register_tzloader
from django.db.models import Expression, Model, QuerySet
from django.db.models.expressions import RawSQL
from django.db.models.query import ModelIterable, get_related_populators
from psycopg.pq import Format

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


# Stand-ins for a compiled read's arguments: integers no row and no real argument has (negative, and unlike each other).
_SENTINELS = (-7_340_000_001, -7_340_000_002, -7_340_000_003, -7_340_000_004)
_GET_LIMIT = 21  # QuerySet.get's (django.db.models.query.MAX_GET_RESULTS)


class _Compiled:
    """One read's SQL with the positions of its arguments among the parameters, and what turns its rows into models."""

    def __init__(self, queryset: QuerySet, slots: dict[int, int]) -> None:
        self.model = queryset.model
        self.db = queryset._db  # None: the router's choice at each read
        self.compiler = queryset.query.get_compiler(queryset.db)
        self.sql, params = self.compiler.as_sql()  # also sets the compiler's select, klass_info and annotation_col_map
        self.params = list(params)
        self.slots = slots  # parameter position -> argument position
        self.populators: dict[str, tuple] = {}

    def rows_to_models(self, rows: list, db: str) -> list[Model]:
        """ModelIterable's work on rows already fetched (django.db.models.query.ModelIterable.__iter__)."""
        compiler = self.compiler
        select, klass_info, annotation_col_map = compiler.select, compiler.klass_info, compiler.annotation_col_map
        found = self.populators.get(db)
        if found is None:
            start, end = klass_info["select_fields"][0], klass_info["select_fields"][-1] + 1
            init_list = [column[0].target.attname for column in select[start:end]]
            fields = [column[0] for column in select[: compiler.col_count]]  # as SQLCompiler.results_iter
            converters = compiler.get_converters(fields)
            composite = fields if compiler.has_composite_fields(fields) else None
            found = (start, end, init_list, get_related_populators(klass_info, select, db), converters, composite)
            self.populators[db] = found
        start, end, init_list, related_populators, converters, composite = found
        if compiler.has_extra_select:  # as SQLCompiler.execute_sql: columns only the ordering needed
            rows = [row[: compiler.col_count] for row in rows]
        if converters:
            rows = compiler.apply_converters(rows, converters)
        if composite:
            rows = compiler.composite_fields_to_tuples(rows, composite)
        models = []
        for row in rows:
            obj = klass_info["model"].from_db(db, init_list, row[start:end])
            for populator in related_populators:
                populator.populate(row, obj)
            for name, position in (annotation_col_map or {}).items():
                setattr(obj, name, row[position])
            models.append(obj)
        return models


class _PreparingCursor(ServerBindingCursor):
    """psycopg's cursor that binds parameters on the server, preparing every statement it runs: PostgreSQL plans it
    once per connection, not on every run."""

    def execute(self, query, params=None, *, prepare=None, binary=None):
        return super().execute(query, params, prepare=True, binary=binary)

    def _send_query_prepared(self, name, pgq, *, binary=None):
        # psycopg keeps the statement it ran only when it did not prepare it; Django's query log reads it from there
        # (DatabaseOperations.last_executed_query), and so do the tests that count and read a page's queries.
        self._query = pgq
        return super()._send_query_prepared(name, pgq, binary=binary)


def prepared_cursor(connection):
    """Django's cursor (health check, query log, execute wrappers, its errors) around a cursor that prepares what it
    runs. For statements whose plan does not depend on their values, such as compiled_get's reads by id: planning the
    referral read to move cost PostgreSQL 0.6-1 ms, ten times its execution. Django itself prepares nothing (its
    cursors bind on the client; the connection's prepare_threshold: jobcenter/settings.py), so a search whose best
    plan depends on its words never runs with a generic plan. The parameters are bound by the server, which types
    them from where they stand: a parameter whose type nothing around it says (a NULL in an INSERT's SELECT list) is
    text there, so the writes' statements are not run through this cursor."""
    wrapper = connection.cursor()
    wrapper.cursor.close()
    wrapper.cursor = _PreparingCursor(connection.connection)
    # As DatabaseWrapper.create_cursor: the time zone on the cursor only when the connection's differs.
    if connection.timezone != connection.connection.adapters.get_loader(TIMESTAMPTZ_OID, Format.TEXT).timezone:
        register_tzloader(connection.timezone, wrapper.cursor)
    return wrapper


_reads: dict[Hashable, _Compiled | None] = {}
_READS_KEPT = 2048


def _compile_read(build: Callable[..., QuerySet], count: int) -> _Compiled | None:
    """build(*sentinels) as QuerySet.get would run it, or None when its arguments are not plain parameters of one
    SQL text: compiled twice with different stand-ins, the texts must be the same and the parameters differ exactly
    where an argument went."""
    compiled = []
    for sentinels in (_SENTINELS[:count], tuple(value - 10 for value in _SENTINELS[:count])):
        queryset = build(*sentinels)
        if (
            queryset._iterable_class is not ModelIterable
            or queryset._prefetch_related_lookups
            or queryset._known_related_objects
        ):
            return None
        if queryset.query.can_filter() and not queryset.query.distinct_fields:
            queryset = queryset.order_by()
        queryset.query.set_limits(high=_GET_LIMIT)
        try:
            read = _Compiled(queryset, {})
        except (EmptyResultSet, FullResultSet):
            return None
        read.slots = {index: sentinels.index(value) for index, value in enumerate(read.params) if value in sentinels}
        compiled.append(read)
    first, second = compiled
    if first.sql != second.sql or first.slots != second.slots:
        return None
    if [value for index, value in enumerate(first.params) if index not in first.slots] != [
        value for index, value in enumerate(second.params) if index not in second.slots
    ]:
        return None
    return first


def compiled_get(key: Hashable, build: Callable[..., QuerySet], *args: int) -> Model:
    """`build(*args).get()`, with the query built and compiled once per process for `key`: later reads put `args` into
    the kept SQL's parameters and turn the row into a model as the ORM does (select_related, only, annotations).

    Building a queryset with select_related, only and its filters, and compiling it, cost the web process ~0.7 ms,
    five times the database's work on a primary-key read (docs/scaling.md, issue 26).

    `args` are integers (ids) that `build` may use only as values of lookups (`filter(centre_id=...)`), never to
    decide what to build; everything else `build` depends on must be in `key`. A read whose arguments are not plain
    parameters (checked once, by compiling with two sets of stand-ins), an argument that is not a positive integer,
    or a query that cannot be compiled (`none()`) is built by the ORM every time, as `build(*args).get()`. Raises the
    model's DoesNotExist and MultipleObjectsReturned as get() does."""
    if key not in _reads:
        if len(_reads) >= _READS_KEPT:  # scoped reads are kept per user: a process serving many forgets them all
            _reads.clear()
        _reads[key] = _compile_read(build, len(args))
    read = _reads[key]
    if read is None or not all(type(value) is int and 0 < value < 2**63 for value in args):
        return build(*args).get()
    params = list(read.params)
    for index, position in read.slots.items():
        params[index] = args[position]
    db = read.db or router.db_for_read(read.model)
    with prepared_cursor(connections[db]) as cursor:
        cursor.execute(read.sql, params)
        rows = cursor.fetchall()
    found = read.rows_to_models(rows, db)
    if len(found) == 1:
        return found[0]
    if not found:
        raise read.model.DoesNotExist(f"{read.model._meta.object_name} matching query does not exist.")
    raise read.model.MultipleObjectsReturned(
        f"get() returned more than one {read.model._meta.object_name} -- it returned "
        f"{len(found) if len(found) < _GET_LIMIT else f'more than {_GET_LIMIT - 1}'}!"
    )


def scoped_get(
    key: Hashable, scope: Callable[[Model], QuerySet], user: Model, narrow: Callable[[QuerySet], QuerySet], pk
) -> Model:
    """`narrow(scope(user)).get(pk=pk)` through compiled_get: compiled once per process for `key`, `scope` and the
    user's fields but the id and centre, which are the compiled read's parameters (a scope that tells users apart by
    anything else, a booth or a flag, gets a read of its own for each value: it can never be handed another user's
    conditions). `key` must name everything `narrow` depends on. `pk` as a form posts it is read as get() reads it:
    digits are the id, anything else is handed to the ORM (which raises ValueError or DoesNotExist)."""
    if not user.is_authenticated:
        return narrow(scope(user)).get(pk=pk)
    if isinstance(pk, str) and pk.isascii() and pk.isdigit():
        pk = int(pk)
    with_centre = user.centre_id is not None  # a user of no centre: `centre_id IS NULL`, not a parameter

    def build(user_id: int, *ids) -> QuerySet:
        centre_id, row_id = ids if with_centre else (None, *ids)
        acting = user
        if (user_id, centre_id) != (user.pk, user.centre_id):  # the stand-ins of a first compilation
            acting = user_model(**dict(fields, id=user_id, centre_id=centre_id))  # the model, also of a lazy user
        return narrow(scope(acting)).filter(pk=row_id)

    user_model = user._meta.model
    fields = {field.attname: getattr(user, field.attname) for field in user_model._meta.concrete_fields}
    others = tuple(sorted((name, repr(value)) for name, value in fields.items() if name not in {"id", "centre_id"}))
    args = (user.pk, user.centre_id, pk) if with_centre else (user.pk, pk)
    return compiled_get((key, scope.__module__, scope.__qualname__, others, with_centre), build, *args)


def _inserted_fields(model: type[Model]) -> list:
    """The fields Model.save() writes in a new row of `model` (all concrete ones but the generated and the auto id)."""
    meta = model._meta
    return [field for field in meta.local_concrete_fields if field is not meta.auto_field and not field.generated]


def _insert_values(obj: Model, fields: list, connection) -> list:
    """The values Model.save() would INSERT for a new `obj` (SQLInsertCompiler's: each field's pre_save, then its
    value for the database)."""
    values = []
    for field in fields:
        value = field.pre_save(obj, add=True)
        if hasattr(value, "resolve_expression"):  # db_default, F(): not written here
            raise ValueError(f"{obj._meta.label}.{field.name}: an expression, which insert_together does not write")
        values.append(field.get_db_prep_save(value, connection=connection))
    return values


@functools.cache
def _insert_together_sql(parent: type[Model], child: type[Model] | None, link: str, children: int, conflict: str):
    """insert_together's statement for its shape, written once per process; the children's fields, in the order of
    its parameters (without `link`)."""
    quote = connections[DEFAULT_DB_ALIAS].ops.quote_name

    def columns(fields: list) -> str:
        return ", ".join(quote(field.column) for field in fields)

    parent_fields, pk = _inserted_fields(parent), quote(parent._meta.pk.column)
    ctes = [
        f"parent AS (INSERT INTO {quote(parent._meta.db_table)} ({columns(parent_fields)}) "
        f"VALUES ({', '.join(['%s'] * len(parent_fields))}) RETURNING {pk})"
    ]
    child_fields = _inserted_fields(child) if child is not None else []
    linked = child._meta.get_field(link) if child is not None else None
    for number in range(children):
        selected = ", ".join(pk if field is linked else "%s" for field in child_fields)
        ctes.append(
            f"child{number} AS (INSERT INTO {quote(child._meta.db_table)} ({columns(child_fields)}) "
            f"SELECT {selected} FROM parent{conflict} RETURNING {quote(child._meta.pk.column)})"
        )
    selects = ["(SELECT * FROM parent)", *(f"(SELECT * FROM child{number})" for number in range(children))]
    return f"WITH {', '.join(ctes)} SELECT {', '.join(selects)}", [
        field for field in child_fields if field is not linked
    ]


def insert_together(parent: Model, link: str, children: Sequence[Model], *, ignore_conflicts: bool = False) -> None:
    """Save the new `parent` and the new `children` (of one model), whose foreign key `link` is the parent, in one
    statement: each INSERT as save() (or bulk_create, with `ignore_conflicts`: ON CONFLICT DO NOTHING) would write it,
    chained by WITH so that the children take the parent's new id. One round trip to the database instead of one per
    row, and none of the ORM's work of building each INSERT (the rows' triggers fire as for separate statements). The
    objects get their ids as save() gives them (the children not with `ignore_conflicts`, as bulk_create). No save
    signals are sent: for models no receiver listens to."""
    using = router.db_for_write(type(parent))
    connection = connections[using]
    child_model = type(children[0]) if children else None
    if any(type(child) is not child_model for child in children):
        raise ValueError("insert_together writes children of one model")
    if any(obj.pk is not None for obj in (parent, *children)):
        raise ValueError("insert_together writes new rows, whose ids the database gives")
    conflict = " ON CONFLICT DO NOTHING" if ignore_conflicts else ""
    sql, child_fields = _insert_together_sql(type(parent), child_model, link, len(children), conflict)
    params = _insert_values(parent, _inserted_fields(type(parent)), connection)
    for child in children:
        params += _insert_values(child, child_fields, connection)
    with transaction.mark_for_rollback_on_error(using), connection.cursor() as cursor:
        cursor.execute(sql, params)
        parent_pk, *child_pks = cursor.fetchone()
    parent.pk = parent_pk
    parent._state.adding, parent._state.db = False, using
    for child, child_pk in zip(children, child_pks, strict=True):
        setattr(child, child._meta.get_field(link).attname, parent_pk)
        if not ignore_conflicts:
            child.pk = child_pk
        child._state.adding, child._state.db = False, using
