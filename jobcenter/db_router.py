"""Reads that may lag go to a PostgreSQL read replica; everything else, and every write, to the primary.

One setting turns it on: READ_REPLICA_URL (the environment) becomes DATABASES["replica"] and
READ_REPLICA_ALIAS = "replica" (jobcenter/settings.py). Without it the router answers None everywhere and
Django uses "default", so a single machine runs exactly as before.

Which reads may lag is decided per page, not per model: the GET pages named in READ_REPLICA_VIEWS (the public
board, the manager's dashboard, the statistics) run inside `lagging_reads()`, set by `ReplicaReadsMiddleware`.
Inside it, reads of product tables go to the replica, except
- in a transaction on the primary (a view that writes reads its own writes);
- the tables of sessions, users, second factors and lockouts (a login redirecting to the dashboard must
  find the session it just wrote; a replica a second behind would log the user out).
Writes never go to the replica: `db_for_write` always answers "default".
"""

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar

from django.conf import settings
from django.db import connections
from django.http import HttpRequest, HttpResponse

# None: reads may not lag. A number: they may, unless the primary is deeper in transactions than it was then.
_lagging: ContextVar[int | None] = ContextVar("lagging_reads", default=None)

# Tables read on every request to decide who is asking: always from the primary.
PRIMARY_ONLY_APPS = frozenset(
    {"sessions", "auth", "contenttypes", "admin", "otp_totp", "otp_static", "django_otp", "axes", "security"}
)


def replica_alias() -> str | None:
    alias = getattr(settings, "READ_REPLICA_ALIAS", None)
    return alias if alias and alias in settings.DATABASES else None


@contextmanager
def lagging_reads() -> Iterator[None]:
    """Within this block, reads that may be a few seconds old are sent to the replica (when there is one)."""
    token = _lagging.set(_transaction_depth())
    try:
        yield
    finally:
        _lagging.reset(token)


def _transaction_depth() -> int:
    return len(connections["default"].atomic_blocks)


class ReplicaRouter:
    def db_for_read(self, model, **hints) -> str | None:
        alias = replica_alias()
        depth = _lagging.get()
        if alias is None or depth is None:
            return None
        if model._meta.app_label in PRIMARY_ONLY_APPS or model._meta.label == settings.AUTH_USER_MODEL:
            return None
        if _transaction_depth() > depth:  # opened a transaction on the primary since: read its own writes
            return None
        return alias

    def db_for_write(self, model, **hints) -> str:
        return "default"

    def allow_relation(self, obj1, obj2, **hints) -> bool:
        return True  # the replica is a copy of the primary: the same rows on both sides

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints) -> bool | None:
        # A streaming replica receives the schema from the primary; only a test stand-in is migrated directly.
        return None


class ReplicaReadsMiddleware:
    """Runs the GET/HEAD pages named in READ_REPLICA_VIEWS inside `lagging_reads()`."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            return self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _lagging.reset(token)

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if request.method not in ("GET", "HEAD") or replica_alias() is None:
            return None
        match = request.resolver_match
        if match is not None and match.view_name in getattr(settings, "READ_REPLICA_VIEWS", ()):
            request._replica_token = _lagging.set(_transaction_depth())
        return None
