"""The public job board: search, detail, and a seeker's interest."""

import hashlib

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers import selectors, services
from employers.forms import BoardFilterForm
from employers.models import Interest
from jobcenter.layout import kept_for_visitors
from jobcenter.permissions import seeker_required

PAGE_SIZE = 20
COUNT_CAP = 1000


class CappedPaginator(Paginator):
    """Counts at most COUNT_CAP + 1 rows: "1,000+ vacancies" is enough, and a full count of 100,000 is not free.
    `count_key`: what the rows depend on (the search's filters), naming the cached count."""

    def __init__(self, object_list, per_page, *, count_key: str, **options) -> None:
        super().__init__(object_list, per_page, **options)
        self.count_key = count_key

    @cached_property
    def count(self) -> int:
        # Read on every board page and the same for everyone: cached 30 s per search (the board may lag; see
        # jobcenter/db_router.py). A keyword count over 100,000 vacancies costs tens of milliseconds.
        capped = self.object_list.order_by()[: COUNT_CAP + 1]
        key = "employers:board-count:" + hashlib.sha256(self.count_key.encode()).hexdigest()
        return cache.get_or_set(key, capped.count, settings.PUBLIC_BOARD_CACHE_SECONDS)

    @property
    def is_capped(self) -> bool:
        return self.count > COUNT_CAP


def _filter_choices() -> dict[str, list[tuple[str, str]]]:
    """The code tables as select options, cached: Django's widget templates cost more than the search itself."""
    from django.core.cache import cache
    from django.utils.translation import get_language

    from jobcenter.models import EmploymentType, Occupation, Region

    key = f"employers:board-choices:{get_language()}"
    choices = cache.get(key)
    if choices is None:
        choices = {
            "occupation": [(o.code, f"{o.code} · {o.name}") for o in Occupation.objects.all()],
            "region": [(r.code, r.name) for r in Region.objects.all()],
            "employment_type": [(str(value), str(label)) for value, label in EmploymentType.choices],
            "sort": [(value, str(label)) for value, label in BoardFilterForm.SORTS],
        }
        cache.set(key, choices, 300)
    return choices


def board(request: HttpRequest) -> HttpResponse:
    """Published vacancies with filters; htmx requests get only the results. A visitor's page is kept whole
    (jobcenter/layout.py kept_for_visitors)."""
    if not request.htmx or request.htmx.boosted:
        page = kept_for_visitors(
            request, "board", lambda: (_("Job board"), _render_board(request, "employers/board.html#content"))
        )
        if page is not None:
            return page
    if request.htmx and not request.htmx.boosted:
        return HttpResponse(_render_board(request, "employers/board.html#results"))
    return HttpResponse(_render_board(request, "employers/board.html"))


def _render_board(request: HttpRequest, template: str) -> str:
    form = BoardFilterForm(request.GET or None)
    form.is_valid()  # invalid fields are shown as errors and ignored; the valid ones still filter
    data = getattr(form, "cleaned_data", {})
    filters = {
        "q": data.get("q") or "",
        "occupation": data["occupation"].code if data.get("occupation") else None,
        "region": data["region"].code if data.get("region") else None,
        "employment_type": data.get("employment_type") or "",
        "min_wage": data.get("min_wage"),
        "deadline_after": data.get("deadline_after"),
    }
    vacancies = selectors.search_published_vacancies(**filters, sort=data.get("sort") or "new")
    # The count's key: the filters as searched and the day (the deadlines passed); compiling the count's SQL for a
    # key was a fifth of the page's time.
    count_key = repr((sorted(filters.items()), timezone.localdate()))
    page = CappedPaginator(vacancies, PAGE_SIZE, count_key=count_key).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {
        "form": form,
        "page": page,
        "query": query.urlencode(),
        "count_cap": COUNT_CAP,
        "cache_seconds": settings.PUBLIC_BOARD_CACHE_SECONDS,
    }
    if template != "employers/board.html#results":
        context["choices"] = _filter_choices()
    return render_to_string(template, context, request=request)


def _public_vacancy(pk: int):
    """The job page's vacancy, cached PUBLIC_BOARD_CACHE_SECONDS like the board's results: every visitor reads the
    same row and the public pages may lag (jobcenter/db_router.py). A vacancy closed or changed shows so within that
    time; a missing or unpublished one is never cached (404 each time). Actions (interest) read the database."""
    key = f"employers:job:{pk}"
    vacancy = cache.get(key)
    if vacancy is None:
        vacancy = selectors.get_published_vacancy(pk)
        cache.set(key, vacancy, settings.PUBLIC_BOARD_CACHE_SECONDS)
    return vacancy


def job(request: HttpRequest, pk: int) -> HttpResponse:
    """A published vacancy's page. A visitor's page is kept whole (jobcenter/layout.py kept_for_visitors)."""
    page = kept_for_visitors(request, "job", lambda: _visitors_job_page(request, pk))
    if page is not None:
        return page
    vacancy = _public_vacancy(pk)
    seeker = getattr(request.user, "seeker", None) if request.user.is_authenticated else None
    interested = seeker is not None and Interest.objects.filter(seeker=seeker, vacancy=vacancy).exists()
    context = {
        "vacancy": vacancy,
        "seeker": seeker,
        "interested": interested,
        "cache_seconds": settings.PUBLIC_BOARD_CACHE_SECONDS,
    }
    return render(request, "employers/job.html", context)


def _visitors_job_page(request: HttpRequest, pk: int) -> tuple[str, str]:
    vacancy = _public_vacancy(pk)
    context = {"vacancy": vacancy, "seeker": None, "interested": False, "cache_seconds": 0}
    return vacancy.title, render_to_string("employers/job.html#content", context, request=request)


@seeker_required
@require_POST
def interest(request: HttpRequest, pk: int) -> HttpResponse:
    """A registered seeker asks their counselor to refer them to this vacancy."""
    vacancy = selectors.get_published_vacancy(pk)
    seeker = getattr(request.user, "seeker", None)
    if seeker is None:
        messages.error(request, _("Register as a job seeker with a centre first; then your counselor can refer you."))
        return redirect("employers:job", pk=vacancy.pk)
    try:
        services.interest_create(seeker=seeker, vacancy=vacancy)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Your counselor has been told you are interested and will contact you."))
    return redirect("employers:job", pk=vacancy.pk)
