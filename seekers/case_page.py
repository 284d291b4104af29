"""The case page's body, rendered once and reused until something it shows changes.

A counselor opens the same seeker's page again and again during a consultation (after each note, booking and
referral), and a centre's counselors share a caseload of a few hundred seekers: the page's panels and timeline
(some twenty queries) are the same between changes. The rendering is kept in the cache under a key made of:

- how many transactions changed a table the page reads for this seeker since the day began (`CaseChange` rows,
  written by database triggers, so no service, bulk update or import can forget to count); read before the
  page's data, so a change committed after it gives the next request another key;
- a digest of the seeker's own row and of the rows the page names with it (centre, booth, counselor, home region;
  the home region's 시군구 and 시도 are named in the body: a renamed one, as rare as a renamed company, shows within
  the expiry below);
- what differs between viewers: the language, the role and the centre (the forms' choices, what may be linked);
- the day (overdue marks, "upcoming" visits), and an expiry of a few minutes for the names of other records the
  page mentions (a company renamed, an event retitled).

Panels whose data changes with other records than the seeker's (the scorer's best vacancies: a vacancy closes,
a list is recomputed) add their version to the key through the `seeker_case_versions` hook: SQL expressions read in
the key's query, with the count.
The forms' CSRF token is a placeholder in the cache, replaced with the viewer's own on the way out.

The key, the seeker's visibility to the viewer, the change count and the panels' versions are one query
(`_probe`): a visit served from the cache loads no seeker. It still writes the access record of the seeker, and of
any other seeker the kept page shows (kept with it), as the view and the access log middleware do when the page is
rendered.
"""

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import Http404, HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from jobcenter.hooks import collect
from jobcenter.models import Booth, Centre, Region, User
from jobcenter.queries import prepared_cursor
from jobcenter.security.access import record_kept_seekers
from seekers.models import Seeker

CSRF_PLACEHOLDER = "CasePageCsrfTokenPlaceholder"
# Bump when the page's template or context changes what a kept rendering shows: the renderings of the previous code
# are then not served by the new one during a deploy.
VERSION = 5


_SINCE_THE_DAY_BEGAN = " AND at >= date_trunc('day', now() AT TIME ZONE %s) AT TIME ZONE %s"


def case_changes_prune() -> int:
    """A seeker's rows older than two days are deleted: no page counts them any more (the case page counts from the
    day's beginning). A centre's are counted into its total (the worklist's number must never fall). How many."""
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM seekers_casechange WHERE centre_id IS NULL AND at < now() - interval '2 days'")
        deleted = cursor.rowcount
    from jobcenter.worklist import case_changes_roll_up

    return deleted + case_changes_roll_up(older_than_days=2)


def _probe(user: User, pk: int) -> tuple[int, str, int, str] | None:
    """(centre, digest of the seeker's and its joined rows, changes today, the panels' versions) of the seeker `pk`
    if `user` may see it (seekers_for_user), None otherwise. One query, with no join to plan and no queryset to
    build."""
    from seekers.selectors import seeker_scope_sql

    scope, params = seeker_scope_sql(user, _SEEKER)
    versions = collect("seeker_case_versions", f'"{_SEEKER}".id', user)
    sql = _PROBE.format(scope=scope, versions=", ".join(["''", *versions]))
    with prepared_cursor(connection) as cursor:  # planned once per connection: every visit, kept or not, runs it
        cursor.execute(sql, [settings.TIME_ZONE, settings.TIME_ZONE, pk, *params])
        return cursor.fetchone()


def _probe_sql() -> str:
    joined = [  # (table, its key, the seeker's column, what the page shows of it)
        (Centre._meta.db_table, "id", "centre_id", "t::text"),
        (Booth._meta.db_table, "id", "booth_id", "t::text"),
        # The counselor's name only: not the whole row, whose last login changes with every sign-in.
        (User._meta.db_table, "id", "counselor_id", "concat_ws(',', username, last_name, first_name)"),
        (Region._meta.db_table, Region._meta.pk.column, "region_id", "t::text"),
    ]
    rows = ", ".join(
        f'(SELECT {shown} FROM "{table}" t WHERE "{key}" = "{_SEEKER}"."{column}")'
        for table, key, column, shown in joined
    )
    return (
        f"""SELECT centre_id, md5(concat_ws('|', "{_SEEKER}"::text, {rows})),"""
        f""" (SELECT count(*) FROM seekers_casechange WHERE seeker_id = "{_SEEKER}".id{_SINCE_THE_DAY_BEGAN}),"""
        """ concat_ws(':', {versions})"""
        f""" FROM "{_SEEKER}" WHERE id = %s AND {{scope}}"""
    )


_SEEKER = Seeker._meta.db_table
_PROBE = _probe_sql()


def _cache_key(pk: int, user: User, digest: str, changes: int, versions: str) -> str:
    viewer = f"{get_language()}:{user.role}:{user.centre_id}"
    day = timezone.localdate().isoformat()
    return f"case-page:{VERSION}:{pk}:{changes}:{versions}:{digest}:{viewer}:{day}"


def case_page(request: HttpRequest, pk: int, render_page) -> tuple[str, SafeString]:
    """The page's title and everything below the site's header: from the cache, or rendered by `render_page()`,
    which loads the seeker, writes the view's access record and returns (title, context of the page), and kept.
    Http404 when the viewer may not see the seeker."""
    user = request.user
    probe = _probe(user, pk)  # before the data: see the module's docstring
    if probe is None:
        raise Http404
    centre_id, digest, changes, versions = probe
    key = _cache_key(pk, user, digest, changes, versions)
    cacheable = settings.CASE_PAGE_CACHE_SECONDS > 0
    kept = cache.get(key) if cacheable else None
    if kept is not None:
        record_kept_seekers(request, [(pk, centre_id), *kept["seekers"]])
    else:
        kept = _render(request, render_page)
        if cacheable:
            cache.set(key, kept, settings.CASE_PAGE_CACHE_SECONDS)
    return kept["title"], mark_safe(kept["html"].replace(CSRF_PLACEHOLDER, get_token(request)))  # escaped by templates


def _render(request: HttpRequest, render_page) -> dict:
    from jobcenter.security.access import seekers_shown_in

    title, context = render_page()
    context["csrf_token"] = CSRF_PLACEHOLDER
    html = render_to_string("seekers/case.html#page", context, request=request)
    # Other seekers the page shows (the view records its own): the access log middleware records them now, and
    # a visit served from the cache records them again.
    others = [(seeker.pk, seeker.centre_id) for seeker in seekers_shown_in(html, request.user)]
    return {"title": title, "html": html, "seekers": others}
