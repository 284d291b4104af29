"""Baselines the load harness (bench/load/) measures the product's pages against, on the same server.

Three rungs, each doing a little more than the one before, so that a page's throughput can be read as a
fraction of what the stack can do at all:

- `wsgi_application`: a bare WSGI response for /baseline/wsgi (no Django at all), Django for every other path;
  the harness serves the whole site through it, so every request shares one gunicorn and its settings;
- `constant_json`: a Django view returning constant JSON (the full middleware stack, no query);
- `one_query`: a Django view doing one primary-key query on the vacancy table.

They reveal nothing: the constant is constant, and `one_query` answers only whether a vacancy id exists
(published vacancies are public on the board anyway). No session is read or written. Even so they answer only
under the load-test settings (`LOAD_TEST_BASELINES`, set by bench/load/load_settings.py): everywhere else, in
production above all, they are a 404 like any unknown address (tests/hardening/test_baselines.py).
"""

from collections.abc import Callable, Iterable
from functools import wraps

from django.conf import settings
from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from jobcenter.params import id_param

BARE_PATH = "/baseline/wsgi"
BARE_BODY = b'{"status": "ok"}'


def wsgi_application(environ: dict, start_response: Callable) -> Iterable[bytes]:
    """The bare WSGI baseline in front of Django: the cheapest response this gunicorn can give."""
    if environ.get("PATH_INFO") == BARE_PATH:
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(BARE_BODY)))])
        return [BARE_BODY]
    from jobcenter.wsgi import application  # imported here: the URLconf imports this module too

    return application(environ, start_response)


def load_test_only(view: Callable) -> Callable:
    @wraps(view)
    def wrapper(request: HttpRequest, *args, **kwargs):
        if not settings.LOAD_TEST_BASELINES:
            raise Http404
        return view(request, *args, **kwargs)

    return wrapper


@load_test_only
@never_cache
@require_GET
def constant_json(request: HttpRequest) -> JsonResponse:
    """Django with its middleware and no query."""
    return JsonResponse({"status": "ok"})


@load_test_only
@never_cache
@require_GET
def one_query(request: HttpRequest) -> JsonResponse:
    """Django plus one primary-key query (?pk=, an integer; anything else counts as 0)."""
    from employers.models import Vacancy

    pk = id_param(request.GET.get("pk")) or 0
    found = Vacancy.objects.filter(pk=pk).values_list("pk", flat=True).first()
    return JsonResponse({"id": found})
