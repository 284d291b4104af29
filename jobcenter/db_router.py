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

Reading one's own writes: after a POST (any unsafe method) the response carries the primary's WAL position in a
cookie; the same browser's next lagging page reads from the replica only once the replica has replayed that far,
and from the primary until then (a seeker who marks interest sees the mark on the job page at once).

Reads that must be current inside a lagging page (the viewer's own registration) run in `current_reads()`.
`replica_as_of()` tells a page how old the replica's data is when it is behind, so that it can say so.
"""

import datetime
import re
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


@contextmanager
def current_reads() -> Iterator[None]:
    """Within this block every read goes to the primary, even inside a lagging page: for what must be current."""
    token = _lagging.set(None)
    try:
        yield
    finally:
        _lagging.reset(token)


def reading_from_replica() -> bool:
    """Whether reads here go to the replica (a lagging page, a replica configured, no transaction opened since)."""
    depth = _lagging.get()
    return replica_alias() is not None and depth is not None and _transaction_depth() <= depth


def replica_as_of() -> datetime.datetime | None:
    """When the replica is behind the primary: the time of the last change it has applied; else None.

    Two small queries (the primary's WAL position, the replica's replay position and time), and none when this
    request does not read from a replica."""
    if not reading_from_replica():
        return None
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_lsn()::text")
        (primary_position,) = cursor.fetchone()
    with connections[replica_alias()].cursor() as cursor:
        cursor.execute(
            "SELECT pg_last_wal_replay_lsn() < %s::pg_lsn, pg_last_xact_replay_timestamp(), now()",
            [primary_position],
        )
        behind, replayed_at, now = cursor.fetchone()
    if not behind or replayed_at is None:  # caught up, or not a standby at all (a test stand-in)
        return None
    # A replica fewer seconds behind than this is called current: the primary's WAL also moves without new data.
    if (now - replayed_at).total_seconds() < getattr(settings, "READ_REPLICA_LAG_SHOWN_SECONDS", 5):
        return None
    return replayed_at


WRITE_POSITION_COOKIE = "jc_written"
WRITE_POSITION_SECONDS = 300  # a replica this far behind is broken: stop pinning to the primary after this


_WAL_POSITION = re.compile(r"[0-9A-F]{1,8}/[0-9A-F]{1,8}")


def _replica_has_replayed(position: str) -> bool:
    if not _WAL_POSITION.fullmatch(position):
        return True  # not a position this site wrote: nothing of this browser's to wait for
    with connections[replica_alias()].cursor() as cursor:
        # NULL on a server that is no standby (a test stand-in): nothing to wait for.
        cursor.execute("SELECT coalesce(pg_last_wal_replay_lsn() >= %s::pg_lsn, true)", [position])
        return bool(cursor.fetchone()[0])


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
            response = self.get_response(request)
        finally:
            token = getattr(request, "_replica_token", None)
            if token is not None:
                _lagging.reset(token)
        if replica_alias() is None:
            return response
        if request.method not in ("GET", "HEAD", "OPTIONS", "TRACE"):
            # Whatever this request wrote is committed now: the next lagging page waits for the replica to hold it.
            with connections["default"].cursor() as cursor:
                cursor.execute("SELECT pg_current_wal_lsn()::text")
                (position,) = cursor.fetchone()
            response.set_cookie(
                WRITE_POSITION_COOKIE,
                position,
                max_age=WRITE_POSITION_SECONDS,
                secure=request.is_secure(),
                httponly=True,
                samesite="Lax",
            )
        elif getattr(request, "_replica_caught_up", False):
            response.delete_cookie(WRITE_POSITION_COOKIE, samesite="Lax")
        return response

    def process_view(self, request: HttpRequest, view_func, view_args, view_kwargs) -> None:
        if request.method not in ("GET", "HEAD") or replica_alias() is None:
            return None
        match = request.resolver_match
        if match is None or match.view_name not in getattr(settings, "READ_REPLICA_VIEWS", ()):
            return None
        written = request.COOKIES.get(WRITE_POSITION_COOKIE)
        if written:
            if not _replica_has_replayed(written):
                return None  # this browser wrote what the replica does not hold yet: read from the primary
            request._replica_caught_up = True
        request._replica_token = _lagging.set(_transaction_depth())
        return None
