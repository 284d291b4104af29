"""The case page's body, rendered once and reused until something it shows changes.

A counselor opens the same seeker's page again and again during a consultation (after each note, booking and
referral), and a centre's counselors share a caseload of a few hundred seekers: the page's panels and timeline
(some twenty queries) are the same between changes. The rendering is kept in the cache under a key made of:

- how many transactions changed a table the page reads for this seeker since the day began (`CaseChange` rows,
  written by database triggers, so no service, bulk update or import can forget to count); read before the
  page's data, so a change committed after it gives the next request another key;
- the values of the seeker's own row and of the rows joined to it (centre, booth, counselor, home region), read
  by the request anyway (the home region's 시군구 and 시도 are named in the body: a renamed one, as rare as a
  renamed company, shows within the expiry below);
- what differs between viewers: the language, the role and the centre (the forms' choices, what may be linked);
- the day (overdue marks, "upcoming" visits), and an expiry of a few minutes for the names of other records the
  page mentions (a company renamed, an event retitled).

Panels whose data changes with other records than the seeker's (the scorer's best vacancies: a vacancy closes,
a list is recomputed) add their version to the key through the `seeker_case_versions` hook, read with the count.
The forms' CSRF token is a placeholder in the cache, replaced with the viewer's own on the way out.
"""

import hashlib

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from jobcenter.hooks import collect
from seekers.models import Seeker

CSRF_PLACEHOLDER = "CasePageCsrfTokenPlaceholder"


def changes_today(*, seeker_id: int | None = None, centre_id: int | None = None) -> int:
    """How many transactions changed what the case page shows of this seeker (or the worklist of this centre:
    jobcenter/worklist.py) since the database's day began."""
    column, value = ("seeker_id", seeker_id) if seeker_id is not None else ("centre_id", centre_id)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT count(*) FROM seekers_casechange WHERE {column} = %s"
            " AND at >= date_trunc('day', now() AT TIME ZONE %s) AT TIME ZONE %s",
            [value, settings.TIME_ZONE, settings.TIME_ZONE],
        )
        return cursor.fetchone()[0]


def case_changes_prune() -> int:
    """Rows older than two days: no page counts them any more (the count starts at the day's beginning)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM seekers_casechange WHERE at < now() - interval '2 days'")
        return cursor.rowcount


def _rows_digest(seeker: Seeker) -> str:
    """The values of the seeker's row and of the rows the case page reads with it."""
    rows = [seeker, seeker.centre, seeker.booth, seeker.counselor, seeker.region]
    values = [
        (type(row).__name__, [getattr(row, field.attname) for field in row._meta.concrete_fields])
        for row in rows
        if row is not None
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def cache_key(seeker: Seeker, user, changes: int, versions: list[str]) -> str:
    viewer = f"{get_language()}:{user.role}:{user.centre_id}"
    day = timezone.localdate().isoformat()
    return f"case-page:{seeker.pk}:{changes}:{':'.join(versions)}:{_rows_digest(seeker)}:{viewer}:{day}"


def case_body(request: HttpRequest, seeker: Seeker, build_context, *, cacheable: bool = True) -> SafeString:
    """The page below its heading: from the cache, or rendered by `build_context()`'s context and kept."""
    changes = changes_today(seeker_id=seeker.pk)  # before the data: see the module's docstring
    key = cache_key(seeker, request.user, changes, collect("seeker_case_versions", seeker, request.user))
    cacheable = cacheable and settings.CASE_PAGE_CACHE_SECONDS > 0
    body = cache.get(key) if cacheable else None
    if body is None:
        context = build_context()
        context["csrf_token"] = CSRF_PLACEHOLDER
        body = render_to_string("seekers/case.html#body", context, request=request)
        if cacheable:
            cache.set(key, body, settings.CASE_PAGE_CACHE_SECONDS)
    return mark_safe(body.replace(CSRF_PLACEHOLDER, get_token(request)))  # rendered by templates, escaped there
