"""What the bench scripts share: a database of their own on the project's server, SQL that builds rows for a model,
and one JSON object per figure.

Each script starts with the project, not bench/, at the front of sys.path (bench/statistics.py would shadow the
standard library's module of that name) and imports this module as `bench.common`.
"""

import json
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django(database: str) -> None:
    """Django on the bench's own database, created and migrated on first use, so a fresh clone runs each script.

    BENCH_DATABASE_URL names it; else it is `database` on the project's server (DATABASE_URL's, or the embedded
    PostgreSQL in .pgdata/), so the development data is never touched. Called from main(), never at import:
    `--help` must not create or migrate a database.
    """
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")
    own_server = "BENCH_DATABASE_URL" not in os.environ and "DATABASE_URL" in os.environ
    if "BENCH_DATABASE_URL" in os.environ:
        os.environ["DATABASE_URL"] = os.environ["BENCH_DATABASE_URL"]
    elif not own_server:
        from jobcenter import embedded_db

        embedded_db.DATABASE_NAME = database  # the embedded server creates it when missing
    import django

    django.setup()
    from django.core.management import call_command

    if own_server:
        _use_database_on_the_same_server(database)
    call_command("migrate", verbosity=0)


def _use_database_on_the_same_server(database: str) -> None:
    from django.conf import settings
    from django.db import connections

    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [database])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{database}"')
    connections["default"].close()
    settings.DATABASES["default"]["NAME"] = database
    connections["default"].settings_dict["NAME"] = database


def emit(name: str, value: float, unit: str) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit}), flush=True)


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` (0.95 for p95) of the values lie, by nearest rank."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(share * (len(ordered) - 1))))]


def sql_literal(value) -> str:
    if value is None:
        return "NULL"
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int | float):
        return str(value)
    if isinstance(value, list):
        return "'{}'"
    return "'" + str(value).replace("'", "''") + "'"


def insert_select(model, overrides: dict[str, str], source: str) -> str:
    """INSERT INTO model SELECT ... FROM source: every column from `overrides`, else NULL, its default or now(),
    so that the statement follows the model as its engineers extend it."""
    columns, values = [], []
    for field in model._meta.concrete_fields:
        if field.primary_key or getattr(field, "generated", False):
            continue
        columns.append(field.column)
        if field.name in overrides:
            values.append(overrides[field.name])
        elif getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
            values.append("now()")
        elif field.has_default():
            values.append(sql_literal(field.get_default()))
        elif field.null:
            values.append("NULL")
        elif field.empty_strings_allowed and field.get_internal_type() in ("CharField", "TextField", "EmailField"):
            values.append("''")
        else:
            raise SystemExit(f"bench: no value for {model.__name__}.{field.name}")
    return f"INSERT INTO {model._meta.db_table} ({', '.join(columns)}) SELECT {', '.join(values)} FROM {source}"
