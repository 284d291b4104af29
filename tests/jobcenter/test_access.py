"""Walks every URL of the project with GET and with POST for every principal against tests/access_table.py.

Each row of the table names the method the URL is made for; the walk also sends the other one. For the
row's own method the table's expectation holds exactly. For the other method:
- anonymous is still sent to login, a principal hidden from the object still gets 404 and one without the
  right still gets 403, or 405: the method is refused before any object is looked up, so 405 tells nothing
  about whether the object exists;
- those who may see the page may get 405 (or the page, a redirect, or a form error), never a server error.
Whatever the method, a refused request changes no row of any table (counted inside the request's transaction).
"""

import pytest
from django.apps import apps
from django.db import connection, transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.access_table import EXEMPT, EXEMPT_NAMESPACES, ROUTES, ROUTES_BY_NAME
from tests.conftest import PRINCIPALS

# Tables a refused request may legitimately touch: the session store (the idle-timeout stamp).
UNCOUNTED_TABLES = {"django_session"}


def url_names(resolver: URLResolver | None = None, namespace: str = "") -> set[str]:
    names = set()
    for pattern in (resolver or get_resolver()).url_patterns:
        if isinstance(pattern, URLResolver):
            inner = f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace
            names |= url_names(pattern, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(f"{namespace}{pattern.name}")
    return names


def counted_tables() -> list[str]:
    tables = {
        model._meta.db_table
        for model in apps.get_models()
        if not model._meta.proxy and model._meta.managed and model._meta.db_table not in UNCOUNTED_TABLES
    }
    return sorted(tables)


def row_counts() -> dict[str, int]:
    """The row count of every table of the project (and Django's, axes', django-otp's) in one query."""
    tables = counted_tables()
    sql = "SELECT " + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables)
    with connection.cursor() as cursor:
        cursor.execute(sql)
        return dict(zip(tables, cursor.fetchone(), strict=True))


def test_every_url_is_in_the_access_table():
    walked = {name for name in url_names() if name.split(":")[0] not in EXEMPT_NAMESPACES and name not in EXEMPT}
    missing = walked - set(ROUTES_BY_NAME)
    stale = set(ROUTES_BY_NAME) - walked
    assert not missing, f"URLs missing from tests/access_table.py: {sorted(missing)}"
    assert not stale, f"Rows for URLs that no longer exist: {sorted(stale)}"


@pytest.mark.parametrize("method", ["own", "other"])
@pytest.mark.parametrize("route", ROUTES, ids=lambda route: route.name)
def test_access(route, method, world):
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    verb = route.method if method == "own" else ("get" if route.method == "post" else "post")
    failures = []
    for principal in PRINCIPALS:
        expected = route.expected(principal)
        client = world.client_for(principal)
        with transaction.atomic():
            before = row_counts() if expected != "ok" else None
            if verb == "post":
                response = client.post(url, route.data(world))
            else:
                response = client.get(url)
            after = row_counts() if before is not None else None
            transaction.set_rollback(True)
        got = outcome(response, route)
        if method == "own":
            acceptable = {expected}
        elif expected == "ok":
            acceptable = {"ok", "405", "400", "200", "302", "303"}
        elif expected == "login":
            acceptable = {"login"}
        else:
            acceptable = {expected, "405"}
        if got not in acceptable:
            failures.append(f"{principal} {verb.upper()}: expected {expected}, got {got} ({response.status_code})")
        if before is not None and after != before:
            changed = sorted(table for table in before if before[table] != after[table])
            failures.append(f"{principal} {verb.upper()}: a refused request changed rows of {changed}")
    assert not failures, f"{route.name} {url}\n" + "\n".join(failures)


def outcome(response, route) -> str:
    if response.status_code in (301, 302) and "/accounts/login/" in response.get("Location", ""):
        return "ok" if 302 in route.ok and route.name in {"login", "logout", "home"} else "login"
    if response.status_code in route.ok:
        return "ok"
    return str(response.status_code)
