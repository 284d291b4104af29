"""The counselor's worklist, its panels rendered once and reused until something they show changes.

Counselors come back to the worklist all day (it is their home page, and every form on it returns to it), while its
panels, some fifteen queries collected from every app's `worklist_sections` hook, change only when a record of the
centre changes, and each app's panels only when a table they read changes (the app's `WORKLIST_READS`): a referral
saved at the centre renders the referral panels again, not today's bookings or the field visits. Each app's rendered
panels are kept in the cache under a key made of:

- how many transactions changed a table the app's panels read, for the user's centre (`CaseChange` rows with a
  centre and the table, written by database triggers: seekers migrations 0009 and 0011; so no service, bulk update or
  import can forget to count; counted into the centre's `CaseChangeTotal` of the table as they pile up:
  `centre_changes` below); read before the panels' data, so a change committed after it gives the next request
  another key;
- the viewer: the user (panels list their own seekers, follow-ups and teams' visits), role, centre and language;
- the day ("today's" bookings and interviews, what is due), the page's address (a form sends it back as `next`), and
  a version of this code, bumped when a panel changes what it shows.

A panel that would show something else at a given moment with no write (a referral's employer becomes late, a
registration comes due) says when (`Panel.until`): its app's rendering is not served from then on. Names of records of
other centres that a panel shows (the company of another centre's vacancy) may be WORKLIST_CACHE_SECONDS old.

The forms' CSRF token is a placeholder in the cache, replaced with the viewer's own on the way out. The seekers an
app's rendering shows are kept with it, and an access record is written for them each time it is served (the access
log middleware records only the seekers a request loads).
"""

import datetime
import hashlib
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.http import HttpRequest
from django.middleware.csrf import get_token
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from jobcenter.hooks import Panel, hook_modules
from jobcenter.security.access import record_kept_seekers

# Bump when a panel's hook or template changes what a kept rendering shows: the renderings of the previous code are
# then not served by the new one during a deploy.
VERSION = 4
CSRF_PLACEHOLDER = "WorklistCsrfTokenPlaceholder"
# Between the panels of one rendering (the worklist template's "panels"), to cut it into each panel's HTML.
SEPARATOR = "<!--worklist-panel-->"


# A centre's change rows are counted into its totals once this many wait: the worklist reads their count on every
# visit, and a busy centre writes thousands in a day (the load harness's, over a hundred thousand).
ROLL_UP_AT = 500
_CENTRE_CHANGES = """
    SELECT table_name, sum(changes)::bigint, sum(waiting)::bigint FROM (
        SELECT table_name, total AS changes, 0 AS waiting FROM seekers_casechangetotal WHERE centre_id = %s
        UNION ALL
        SELECT table_name, count(*), count(*) FROM seekers_casechange WHERE centre_id = %s GROUP BY table_name
    ) counted GROUP BY table_name"""


def centre_changes(centre_id: int) -> dict[str, int]:
    """For each table a worklist panel reads, a number that rises with every transaction that changed it for this
    centre and never falls: the centre's total of the table (CaseChangeTotal) plus its change rows not yet counted
    into it. One statement reads both, so it sees a roll-up's rows either before it or after (when they are in the
    totals): a roll-up is one statement too. Once ROLL_UP_AT rows wait, this reader rolls them up."""
    with connection.cursor() as cursor:
        cursor.execute(_CENTRE_CHANGES, [centre_id, centre_id])
        rows = cursor.fetchall()
    if sum(waiting for _, _, waiting in rows) >= ROLL_UP_AT:
        case_changes_roll_up(centre_id)
    return {table: changes for table, changes, _ in rows}


def case_changes_roll_up(centre_id: int | None = None, *, older_than_days: int | None = None) -> int:
    """Count the change rows of this centre (of every centre when None; only those older than `older_than_days`) into
    its totals by table and delete them, in one statement; how many. A row another transaction has not committed yet
    is not seen, and one another roll-up is counting is skipped (readers of a busy centre never wait on each other): a
    later roll-up counts them."""
    where, params = ["centre_id IS NOT NULL"], []
    if centre_id is not None:
        where.append("centre_id = %s")
        params.append(centre_id)
    if older_than_days is not None:
        where.append("at < now() - make_interval(days => %s)")
        params.append(older_than_days)
    with connection.cursor() as cursor:
        cursor.execute(
            f"""WITH counted AS (
                DELETE FROM seekers_casechange WHERE id IN (
                    SELECT id FROM seekers_casechange WHERE {" AND ".join(where)} FOR UPDATE SKIP LOCKED
                ) RETURNING centre_id, table_name
            ),
            added AS (
                INSERT INTO seekers_casechangetotal (centre_id, table_name, total)
                SELECT centre_id, table_name, count(*) FROM counted GROUP BY centre_id, table_name
                ON CONFLICT (centre_id, table_name) DO UPDATE SET total = seekers_casechangetotal.total + excluded.total
            )
            SELECT count(*) FROM counted""",
            params,
        )
        return cursor.fetchone()[0]


@dataclass
class _AppPanels:
    """One app's panels as kept: each one's place on the page and HTML, when they must be rendered again without
    any write, and the seekers (id, centre) they show."""

    panels: list[tuple[int, str]]
    until: datetime.datetime | None
    seekers: list[tuple[int, int | None]]

    def fresh(self, now: datetime.datetime) -> bool:
        return self.until is None or now < self.until


def cache_key(request: HttpRequest, app_name: str, changes: int) -> str:
    user = request.user
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    viewer = f"{user.pk}:{user.role}:{user.centre_id}:{get_language()}"
    return f"worklist:{VERSION}:{app_name}:{viewer}:{timezone.localdate().isoformat()}:{changes}:{path}"


def _changes_read(hooks, changes: dict[str, int]) -> int:
    """The changes of the tables an app's worklist panels read (its hooks module's WORKLIST_READS)."""
    return sum(changes.get(model._meta.db_table, 0) for model in hooks.WORKLIST_READS)


def worklist_html(request: HttpRequest) -> SafeString:
    """The worklist's body (its greeting and panels): each app's panels from the cache, or collected from its hook,
    rendered and kept."""
    user = request.user
    cacheable = settings.WORKLIST_CACHE_SECONDS > 0 and user.centre_id is not None
    changes = centre_changes(user.centre_id) if cacheable else {}  # before the data
    modules = dict(hook_modules("worklist_sections"))
    keys = {name: cache_key(request, name, _changes_read(module, changes)) for name, module in modules.items()}
    found = cache.get_many(list(keys.values())) if cacheable else {}
    now = timezone.now()
    kept = {app_name: found[key] for app_name, key in keys.items() if key in found and found[key].fresh(now)}
    rendered = _render(request, {app_name: module for app_name, module in modules.items() if app_name not in kept})
    if cacheable:
        for app_name, part in rendered.items():
            timeout = settings.WORKLIST_CACHE_SECONDS
            if part.until is not None:
                timeout = min(timeout, int((part.until - now).total_seconds()) + 1)
            if timeout > 0:
                cache.set(keys[app_name], part, timeout)
    # The seekers of the panels rendered now are recorded by the access log middleware (they were loaded).
    loaded = {pk for part in rendered.values() for pk, _ in part.seekers}
    shown = {pk: centre for part in kept.values() for pk, centre in part.seekers if pk not in loaded}
    record_kept_seekers(request, list(shown.items()))
    parts = {**kept, **rendered}
    panels = sorted(  # by their order on the page, then as collect() gives them (by app, and within it)
        (order, app_index, position, html)
        for app_index, app_name in enumerate(modules)
        for position, (order, html) in enumerate(parts[app_name].panels)
    )
    html = render_to_string(
        "jobcenter/worklist.html#content",
        {"user": user, "panels_html": mark_safe("".join(panel[-1] for panel in panels))},
    )
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # rendered by templates, escaped there


def _render(request: HttpRequest, modules: dict) -> dict[str, _AppPanels]:
    """The panels of these apps (name: hooks module), rendered in one go."""
    from jobcenter.security.access import seekers_shown_in

    if not modules:
        return {}
    by_app: dict[str, list[Panel]] = {
        app_name: module.worklist_sections(request.user) for app_name, module in modules.items()
    }
    in_order = [panel for panels in by_app.values() for panel in panels]
    context = {"panels": in_order, "separator": mark_safe(SEPARATOR), "csrf_token": CSRF_PLACEHOLDER}
    pieces = iter(render_to_string("jobcenter/worklist.html#panels", context, request=request).split(SEPARATOR)[1:])
    rendered = {}
    for app_name, panels in by_app.items():
        html = [next(pieces) for _ in panels]
        rendered[app_name] = _AppPanels(
            panels=[(panel.order, piece) for panel, piece in zip(panels, html, strict=True)],
            until=min((panel.until for panel in panels if panel.until is not None), default=None),
            seekers=[(seeker.pk, seeker.centre_id) for seeker in seekers_shown_in("".join(html), request.user)],
        )
    return rendered
