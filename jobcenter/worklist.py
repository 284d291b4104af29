"""The counselor's worklist, rendered once and reused until something it shows changes.

Counselors come back to the worklist all day (it is their home page, and every form on it returns to it), while its
panels, some fifteen queries collected from every app's `worklist_sections` hook, change only when a record of the
centre changes. The rendered panels are kept in the cache under a key made of:

- how many transactions changed a table a panel reads, for the user's centre (`CaseChange` rows with a centre,
  written by database triggers: seekers migration 0009; so no service, bulk update or import can forget to count;
  counted into the centre's `CaseChangeTotal` as they pile up: `centre_changes` below); read before
  the panels' data, so a change committed after it gives the next request another key;
- the viewer: the user (panels list their own seekers, follow-ups and teams' visits), role, centre and language;
- the day ("today's" bookings and interviews, what is due), the page's address (a form sends it back as `next`), and
  a version of this code, bumped when a panel changes what it shows.

A panel that would show something else at a given moment with no write (a referral's employer becomes late, a
registration comes due) says when (`Panel.until`): the rendering is not served from then on. Names of records of
other centres that a panel shows (the company of another centre's vacancy) may be WORKLIST_CACHE_SECONDS old.

The forms' CSRF token is a placeholder in the cache, replaced with the viewer's own on the way out. The seekers a
rendering shows are kept with it, and an access record is written for them each time it is served (the access log
middleware records only the seekers a request loads).
"""

import datetime
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
from jobcenter.security.access import record_kept_seekers

# Bump when a panel's hook or template changes what a kept rendering shows: the renderings of the previous code are
# then not served by the new one during a deploy.
VERSION = 3
CSRF_PLACEHOLDER = "WorklistCsrfTokenPlaceholder"


# A centre's change rows are counted into its total once this many wait: the worklist reads their count on every visit,
# and a busy centre writes thousands in a day (the load harness's, over a hundred thousand).
ROLL_UP_AT = 500
_CENTRE_CHANGES = (
    "SELECT coalesce((SELECT total FROM seekers_casechangetotal WHERE centre_id = %s), 0),"
    " (SELECT count(*) FROM seekers_casechange WHERE centre_id = %s)"
)


def centre_changes(centre_id: int) -> int:
    """A number that rises with every transaction that changed what the worklist shows of this centre
    (jobcenter/worklist.py) and never falls: the centre's total (CaseChangeTotal) plus its change rows not yet counted
    into it. One statement reads both, so it sees a roll-up's rows either before it or after (when they are in the
    total): a roll-up is one statement too. Once ROLL_UP_AT rows wait, this reader rolls them up."""
    with connection.cursor() as cursor:
        cursor.execute(_CENTRE_CHANGES, [centre_id, centre_id])
        total, waiting = cursor.fetchone()
    if waiting >= ROLL_UP_AT:
        case_changes_roll_up(centre_id)
    return total + waiting


def case_changes_roll_up(centre_id: int | None = None, *, older_than_days: int | None = None) -> int:
    """Count the change rows of this centre (of every centre when None; only those older than `older_than_days`) into
    its total and delete them, in one statement; how many. A row another transaction has not committed yet is not
    seen, and one another roll-up is counting is skipped (readers of a busy centre never wait on each other): a later
    roll-up counts them."""
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
                ) RETURNING centre_id
            ),
            added AS (
                INSERT INTO seekers_casechangetotal (centre_id, total)
                SELECT centre_id, count(*) FROM counted GROUP BY centre_id
                ON CONFLICT (centre_id) DO UPDATE SET total = seekers_casechangetotal.total + excluded.total
            )
            SELECT count(*) FROM counted""",
            params,
        )
        return cursor.fetchone()[0]


def cache_key(request: HttpRequest, changes: int) -> str:
    user = request.user
    path = hashlib.sha256(request.get_full_path().encode()).hexdigest()[:16]
    viewer = f"{user.pk}:{user.role}:{user.centre_id}:{get_language()}:{user}"  # the greeting names the user
    return f"worklist:{VERSION}:{viewer}:{timezone.localdate().isoformat()}:{changes}:{path}"


def worklist_html(request: HttpRequest) -> SafeString:
    """The worklist's body (its greeting and panels): from the cache, or collected from the hooks, rendered and
    kept."""
    user = request.user
    cacheable = settings.WORKLIST_CACHE_SECONDS > 0 and user.centre_id is not None
    key = cache_key(request, centre_changes(user.centre_id)) if cacheable else None  # before the data
    kept = cache.get(key) if cacheable else None
    if kept is not None and (kept["until"] is None or timezone.now() < kept["until"]):
        html = kept["html"]
        record_kept_seekers(request, kept["seekers"])
    else:
        html, until, seekers = _render(request)
        timeout = settings.WORKLIST_CACHE_SECONDS
        if until is not None:
            timeout = min(timeout, int((until - timezone.now()).total_seconds()) + 1)
        if cacheable and timeout > 0:
            cache.set(key, {"html": html, "until": until, "seekers": seekers}, timeout)
    return mark_safe(html.replace(CSRF_PLACEHOLDER, get_token(request)))  # rendered by templates, escaped there


def _render(request: HttpRequest) -> tuple[str, datetime.datetime | None, list[tuple[int, int | None]]]:
    from jobcenter.security.access import seekers_shown_in

    sections = sorted(collect("worklist_sections", request.user), key=lambda section: section.order)
    context = {"sections": sections, "csrf_token": CSRF_PLACEHOLDER}
    html = render_to_string("jobcenter/worklist.html#content", context, request=request)
    until = min((section.until for section in sections if section.until is not None), default=None)
    seekers = [(seeker.pk, seeker.centre_id) for seeker in seekers_shown_in(html, request.user)]
    return html, until, seekers
