from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobcenter.models import Centre, Role
from jobcenter.permissions import (
    administrator_required,
    counselor_required,
    home_url_name,
    manager_required,
    staff_required,
)


def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own page; the public lands on the residents' front page."""
    if not request.user.is_authenticated:
        return redirect("front")
    return redirect(home_url_name(request.user))


@login_required
@counselor_required
def worklist(request: HttpRequest) -> HttpResponse:
    """The counselor's day: each app adds its sections through `worklist_sections` (jobcenter/hooks.py), kept
    rendered until something they show changes (jobcenter/worklist.py)."""
    from jobcenter.layout import kept_page
    from jobcenter.worklist import worklist_html

    return kept_page(request, title=_("Worklist"), body=worklist_html(request))


@login_required
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Placement statistics from the rollup tables: counselors their own, managers their centre's,
    administrators the city's or any centre's (jobcenter/statistics). Kept rendered until something it shows
    changes (jobcenter/statistics/dashboard_page.py)."""
    from jobcenter.statistics.dashboard_page import dashboard_html
    from jobcenter.statistics.forms import DashboardForm

    form = DashboardForm(request.GET or None, show_centre=request.user.role == Role.ADMINISTRATOR)
    valid = form.is_valid() if form.is_bound else True
    partial = "figures" if request.htmx else "body"
    # A centre the user may not see is a 404 when the page is built (scope_for_user): a kept rendering was built
    # for a viewer of the same role and centre with the same query, so it answered them the same.
    html = dashboard_html(
        request, partial, lambda as_of: _dashboard_context(request, form, valid, as_of, partial), cacheable=valid
    )
    status = 200 if valid else 400
    if request.htmx:
        return HttpResponse(html, status=status)
    return render(request, "jobcenter/dashboard.html", {"body": html}, status=status)


def _dashboard_context(request: HttpRequest, form, valid: bool, replica_as_of, partial: str) -> dict:
    from jobcenter.statistics import selectors

    data = form.cleaned_data if form.is_bound and valid else {}
    month = data.get("month") or selectors.this_month()
    centre = data.get("centre")
    scope = selectors.scope_for_user(request.user, centre_id=centre.pk if centre else None)
    rows = selectors.dashboard_rows(scope, month)
    labels = selectors.breakdown_labels(rows.breakdown_data) if rows.breakdown_data else {}
    context = {
        "form": form,
        "scope": scope,
        "board": selectors.dashboard(scope, month, rows=rows),
        "breakdowns": selectors.breakdowns(scope, month, data=rows.breakdown_data, labels=labels),
        "refresh_minutes": selectors.running_month_refresh_minutes(),
        # Read from a replica that is behind: the time its figures are from (None when current or no replica).
        "replica_as_of": replica_as_of,
    }
    if partial == "body" and request.user.role in (Role.MANAGER, Role.ADMINISTRATOR):
        from jobcenter.datacheck import latest_count

        centre_id = None if request.user.role == Role.ADMINISTRATOR else request.user.centre_id
        context["record_problems"], context["record_check"] = latest_count(centre_id=centre_id)
    return context


@login_required
@manager_required
def data_check(request: HttpRequest) -> HttpResponse:
    """데이터 점검: the records of the manager's centre (an administrator's: all) that break a rule, by rule."""
    from jobcenter.datacheck import MAX_LISTED, latest_count, run_checks

    centre_id = None if request.user.role == Role.ADMINISTRATOR else request.user.centre_id
    results = run_checks(centre_id=centre_id)
    _count, last_run = latest_count(centre_id=centre_id)
    return render(
        request,
        "jobcenter/data_check.html",
        {
            "results": results,
            "total": sum(result.count for result in results),
            "max_listed": MAX_LISTED,
            "last_run": last_run,
        },
    )


@login_required
@administrator_required
def administration(request: HttpRequest) -> HttpResponse:
    centres = Centre.objects.select_related("region").prefetch_related("booths")
    return render(request, "jobcenter/administration.html", {"centres": centres})


@never_cache
@require_GET
def healthz(request: HttpRequest) -> JsonResponse:
    """The state of the database and the broker. 200 while the database works, even with Redis down."""
    checks = {"database": _check_database(), "broker": _check_broker()}
    status = 200 if checks["database"] == "ok" else 503
    return JsonResponse({"status": "ok" if status == 200 else "error", **checks}, status=status)


def _check_database() -> str:
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
        return "ok"
    except Exception as error:  # any failure is a state to report, not a 500
        return f"error: {error.__class__.__name__}"


def _check_broker() -> str:
    from django.conf import settings

    if not settings.REDIS_URL:
        return "eager"  # no broker configured: tasks run in the web process
    try:
        import redis

        redis.Redis.from_url(settings.REDIS_URL, socket_connect_timeout=1, socket_timeout=1).ping()
        return "ok"
    except Exception as error:
        return f"error: {error.__class__.__name__}"


# --- The residents' front page -----------------------------------------------------------------------------------

FRONT_JOBS = 6
FRONT_EVENTS = 4


def centre_opening_hours() -> dict[int, list[str]]:
    """Each centre's opening hours from its active booths' hours (seekers.OpeningHours): per weekday the earliest
    opening and the latest closing, consecutive days with the same hours written together (`월~금 오전 9:00~오후
    6:00`). One query."""
    from django.db.models import Max, Min
    from django.utils.translation import gettext as _

    from jobcenter.formatting import time_range
    from seekers.models import OpeningHours

    names = [_("Mon"), _("Tue"), _("Wed"), _("Thu"), _("Fri"), _("Sat"), _("Sun")]
    rows = (
        OpeningHours.objects.filter(booth__is_active=True)
        .values("booth__centre_id", "weekday")
        .annotate(opens=Min("opens_at"), closes=Max("closes_at"))
        .order_by("booth__centre_id", "weekday")
    )
    days: dict[int, list[tuple[int, object, object]]] = {}
    for row in rows:
        days.setdefault(row["booth__centre_id"], []).append((row["weekday"], row["opens"], row["closes"]))
    hours: dict[int, list[str]] = {}
    for centre_id, entries in days.items():
        groups: list[list] = []
        for weekday, opens, closes in entries:
            last = groups[-1] if groups else None
            if last and last[1] == weekday - 1 and (last[2], last[3]) == (opens, closes):
                last[1] = weekday
            else:
                groups.append([weekday, weekday, opens, closes])
        hours[centre_id] = [
            f"{names[first]}{'~' + names[last] if last != first else ''} {time_range(opens, closes)}"
            for first, last, opens, closes in groups
        ]
    return hours


def front(request: HttpRequest) -> HttpResponse:
    """구직자 첫 화면: find jobs, register online, book a visit, the centres' events and contacts."""
    from employers.selectors import published_vacancies
    from events.selectors import public_events

    centres = list(Centre.objects.order_by("name"))
    hours = centre_opening_hours()
    for centre in centres:
        centre.hours = hours.get(centre.pk, [])
    seeker = getattr(request.user, "seeker", None) if request.user.is_authenticated else None
    context = {
        "jobs": list(published_vacancies().order_by("-published_at", "-pk")[:FRONT_JOBS]),
        "events": list(public_events().order_by("starts_at")[:FRONT_EVENTS]),
        "centres": centres,
        "is_seeker": request.user.is_authenticated and request.user.role == Role.SEEKER,
        "registered": seeker is not None,
    }
    return render(request, "jobcenter/front.html", context)
