"""The dashboard below the site's layout, rendered once and reused until something it shows changes.

A manager opens the dashboard again and again during the day, and every manager of a centre sees the same page: the
figures (some 200 numbers with their links and the breakdown tables), the data check's alert, the filters. They
change only when a month is computed (every few minutes for the running month), a data check runs or a name they
show changes. The rendering is kept in the cache under a key made of:

- the version of what the page shows: how many statements changed the rollup tables, the months' statuses, the data
  check's runs and the names of centres, booths, counselors, occupations and regions, and the time of the latest
  change (`StatisticsChange` rows, counted by database triggers: jobcenter migration 0011; so no service, bulk
  update or import can forget to count). One small query, read before the page's data and from the same database
  (the replica when the page reads from it), so a change committed after it gives the next request another key;
- what differs between viewers: the role, the centre, the counselor (their own figures), the language and time
  zone; the filters asked for (the query string); the day (the months offered), and whether the replica is behind
  and since when (the page says so: `replica_as_of`, asked on every request);
- a version of this code, bumped when the page changes what it shows.

A filter that is not valid (an answer 400) is rendered each time. The CSRF token is a placeholder in the cache,
replaced with the viewer's own on the way out.
"""

import datetime
import hashlib
from collections.abc import Callable

from django.core.cache import cache
from django.db import connections, router
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from jobcenter.models import Role
from jobcenter.statistics.models import StatisticsChange

# Bump when the dashboard's template or its figures change what a kept rendering shows: the renderings of the
# previous code are then not served by the new one during a deploy.
VERSION = 1
CACHE_SECONDS = 600
CSRF_PLACEHOLDER = "DashboardCsrfTokenPlaceholder"


def statistics_version() -> str:
    """The version of everything the dashboard shows, read where its figures are read."""
    alias = router.db_for_read(StatisticsChange) or "default"
    with connections[alias].cursor() as cursor:
        cursor.execute(f"SELECT coalesce(sum(changes), 0), max(changed_at) FROM {StatisticsChange._meta.db_table}")
        changes, changed_at = cursor.fetchone()
    return f"{changes}.{changed_at.timestamp() if changed_at else 0}"


def cache_key(request: HttpRequest, version: str, replica_as_of: datetime.datetime | None, partial: str) -> str:
    user = request.user
    counselor = user.pk if user.role == Role.COUNSELOR else ""  # a counselor's own figures; the rest by centre
    viewer = f"{user.role}:{user.centre_id}:{counselor}:{get_language()}:{timezone.get_current_timezone_name()}"
    query = hashlib.sha256(request.GET.urlencode().encode()).hexdigest()[:16]
    as_of = replica_as_of.isoformat() if replica_as_of else ""
    return f"dashboard:{VERSION}:{version}:{viewer}:{timezone.localdate().isoformat()}:{query}:{as_of}:{partial}"


def dashboard_html(
    request: HttpRequest,
    partial: str,
    build_context: Callable[[datetime.datetime | None], dict],
    *,
    cacheable: bool = True,
) -> SafeString:
    """The page's `partial` (its body, or its figures for htmx): from the cache, or rendered with the context of
    `build_context(replica_as_of)` and kept."""
    from jobcenter.db_router import replica_as_of

    version = statistics_version() if cacheable else ""  # before the data: see the module's docstring
    as_of = replica_as_of()
    key = cache_key(request, version, as_of, partial)
    html = cache.get(key) if cacheable else None
    if html is None:
        context = build_context(as_of)
        context["csrf_token"] = CSRF_PLACEHOLDER
        html = render_to_string(f"jobcenter/dashboard.html#{partial}", context, request=request)
        if cacheable:
            cache.set(key, html, CACHE_SECONDS)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # rendered by our template, escaped there
