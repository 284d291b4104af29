"""The case page's body, rendered once and reused until something it shows changes.

A counselor opens the same seeker's page again and again during a consultation (after each note, booking and
referral), and a centre's counselors share a caseload of a few hundred seekers: the page's panels and timeline
(some twenty queries) are the same between changes. The rendering is kept in the cache under a key made of:

- how many transactions changed a table the page reads for this seeker since the day began (`CaseChange` rows,
  written by database triggers, so no service, bulk update or import can forget to count); read before the
  page's data, so a change committed after it gives the next request another key;
- the values of the seeker's own row and of the rows joined to it (centre, booth, counselor, home region), read
  by the request anyway;
- what differs between viewers: the language, the role and the centre (the forms' choices, what may be linked);
- the day (overdue marks, "upcoming" visits), and an expiry of a few minutes for the names of other records the
  page mentions (a company renamed, an event retitled).

Panels whose data changes with other records than the seeker's (the scorer's best vacancies: a vacancy closes,
a list is recomputed) are "live": read on every request and put in their place in the cached body. The forms'
CSRF token is a placeholder in the cache, replaced with the viewer's own on the way out.
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

from jobcenter.hooks import Panel, collect
from seekers.models import Seeker

CSRF_PLACEHOLDER = "CasePageCsrfTokenPlaceholder"
LIVE_PANEL_MARK = "<!-- live panel %s -->"


def changes_today(seeker_id: int) -> int:
    """How many transactions changed what the case page shows of this seeker since the database's day began."""
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*) FROM seekers_casechange WHERE seeker_id = %s"
            " AND at >= date_trunc('day', now() AT TIME ZONE %s) AT TIME ZONE %s",
            [seeker_id, settings.TIME_ZONE, settings.TIME_ZONE],
        )
        return cursor.fetchone()[0]


def case_changes_prune() -> int:
    """Rows older than two days: no page counts them any more (the count starts at the day's beginning)."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM seekers_casechange WHERE at < now() - interval '2 days'")
        return cursor.rowcount


def _rows_digest(seeker: Seeker) -> str:
    """The values of the seeker's row and of the rows the case page reads with it."""
    region = seeker.region
    rows = [seeker, seeker.centre, seeker.booth, seeker.counselor, region]
    if region is not None:
        rows += [region.parent, region.parent.parent if region.parent else None]
    values = [
        (type(row).__name__, [getattr(row, field.attname) for field in row._meta.concrete_fields])
        for row in rows
        if row is not None
    ]
    return hashlib.sha256(repr(values).encode()).hexdigest()[:32]


def cache_key(seeker: Seeker, user, changes: int) -> str:
    viewer = f"{get_language()}:{user.role}:{user.centre_id}"
    return f"case-page:{seeker.pk}:{changes}:{_rows_digest(seeker)}:{viewer}:{timezone.localdate().isoformat()}"


def case_body(request: HttpRequest, seeker: Seeker, build_context, *, cacheable: bool = True) -> SafeString:
    """The page below its heading: from the cache, or rendered by `build_context()`'s context and kept."""
    changes = changes_today(seeker.pk)  # before the data: see the module's docstring
    live_panels = sorted(collect("seeker_case_live_panels", seeker, request.user), key=lambda panel: panel.order)
    key = cache_key(seeker, request.user, changes)
    cacheable = cacheable and settings.CASE_PAGE_CACHE_SECONDS > 0
    body = cache.get(key) if cacheable else None
    if body is None:
        context = build_context()
        context["panels"] = sorted([*context["panels"], *live_panels], key=lambda panel: panel.order)
        context["live_panel_marks"] = True
        context["csrf_token"] = CSRF_PLACEHOLDER
        body = render_to_string("seekers/case.html#body", context, request=request)
        if cacheable:
            cache.set(key, body, settings.CASE_PAGE_CACHE_SECONDS)
    for panel in live_panels:
        body = body.replace(LIVE_PANEL_MARK % panel.key, _render_panel(request, panel))
    return mark_safe(body.replace(CSRF_PLACEHOLDER, get_token(request)))  # rendered by templates, escaped there


def _render_panel(request: HttpRequest, panel: Panel) -> str:
    return render_to_string("panels.html", {"panels": [panel]}, request=request)
