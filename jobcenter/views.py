from django.contrib.auth.decorators import login_required
from django.db import connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobcenter.hooks import collect
from jobcenter.models import Centre, Role
from jobcenter.permissions import (
    administrator_required,
    counselor_required,
    home_url_name,
    manager_required,
    staff_required,
)


def home(request: HttpRequest) -> HttpResponse:
    """Send each role to its own page; the public lands on the job board."""
    if not request.user.is_authenticated:
        return redirect("employers:board")
    return redirect(home_url_name(request.user))


@login_required
@counselor_required
def worklist(request: HttpRequest) -> HttpResponse:
    """The counselor's day: each app adds its sections through `worklist_sections` (jobcenter/hooks.py)."""
    sections = sorted(collect("worklist_sections", request.user), key=lambda section: section.order)
    return render(request, "jobcenter/worklist.html", {"sections": sections})


@login_required
@staff_required
def dashboard(request: HttpRequest) -> HttpResponse:
    """Placement statistics from the rollup tables: counselors their own, managers their centre's,
    administrators the city's or any centre's (jobcenter/statistics)."""
    from jobcenter.statistics import selectors
    from jobcenter.statistics.forms import DashboardForm

    form = DashboardForm(request.GET or None, show_centre=request.user.role == Role.ADMINISTRATOR)
    valid = form.is_valid() if form.is_bound else True
    data = form.cleaned_data if form.is_bound and valid else {}
    month = data.get("month") or selectors.this_month()
    centre = data.get("centre")
    scope = selectors.scope_for_user(request.user, centre_id=centre.pk if centre else None)
    board = selectors.dashboard(scope, month)
    context = {
        "form": form,
        "board": board,
        "breakdowns": selectors.breakdowns(scope, month),
        "refresh_minutes": selectors.running_month_refresh_minutes(),
    }
    if request.user.role in (Role.MANAGER, Role.ADMINISTRATOR):
        from jobcenter.datacheck import latest_count

        centre_id = None if request.user.role == Role.ADMINISTRATOR else request.user.centre_id
        context["record_problems"], context["record_check"] = latest_count(centre_id=centre_id)
    template = "jobcenter/dashboard.html#figures" if request.htmx else "jobcenter/dashboard.html"
    return render(request, template, context, status=200 if valid else 400)


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
