"""Bad input, generated (hypothesis, derandomized: every run sends the same inputs, so a failure replays).

Values: Hangul, emoji, NUL bytes, 10,000-character strings, SQL and script snippets, numbers past int and
bigint, "²" (a digit to str.isdigit() but not to int()), impossible and boundary dates, several values for
one field (a list where one is expected).

- Every Form/ModelForm class of the apps' forms modules (found by walking them, at least 40) validates 200
  generated submissions, sent as the QueryDict a browser's POST becomes: validating never raises, and every
  error is a message.
- Ten create and edit pages (registration, seeker edit, consultation, the seeker's own profile, a vacancy,
  a company, a referral, an event, a field visit, a partner) take 200 generated POSTs each over HTTP as a
  principal allowed there: never a 5xx; a refused form writes no row (every INSERT, UPDATE and DELETE is
  watched, only the session and the access record of the page's seeker may be written); when one is accepted
  with markup in it, the page it leads to shows the markup escaped.
- Every GET page of the access table whose view reads request.GET by hand gets hostile values in each
  parameter it reads (and q and page): never a 5xx, never a script echoed unescaped.
- A consultation and a partner stored with a script in their text show it escaped on every page.
- The public API: 200 generated queries to the list (every documented parameter and an unknown one) and the
  detail (any integer id): 200/400 JSON with a message per refused parameter, 200/404 for the detail. And
  schemathesis against the API's own OpenAPI schema, 100 cases per operation: no server error, status codes,
  content types and bodies as the schema says.

What it does not cover: file uploads (tests/hardening/test_uploads.py), forms inside other pages than the ten
above are exercised at form level only, and POST endpoints without a form class.
"""

import importlib
import inspect
import pkgutil
import re

import pytest
import schemathesis
from django import forms
from django.db import connection, transaction
from django.http import QueryDict
from django.urls import URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jobcenter.models import Booth, Centre, Role, User
from jobcenter.notice_templates import NOTICE_TEMPLATES
from tests.access_table import ROUTES, Route

PROJECT_PACKAGES = ["jobcenter", "seekers", "employers", "matching", "events", "outreach"]
FUZZ = settings(
    max_examples=200,
    deadline=None,
    derandomize=True,  # the same inputs on every run: a CI failure can be replayed
    database=None,  # no .hypothesis directory in the checkout
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow, HealthCheck.data_too_large],
)
SCRIPT = "<script>alert('xss')</script>"
NASTY_VALUES = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "김민준",
    "인천광역시 서구 청라동 😀🎉",
    "😀" * 300,
    "가" * 10_000,
    SCRIPT,
    '"><img src=x onerror=alert(1)>',
    "' OR 1=1 --",
    "-1",
    "0",
    "1.5",
    "2147483648",
    "-2147483649",
    "9223372036854775808",
    "²",  # str.isdigit() says yes, int() says no
    "１２",
    "1\x00",
    "99999999999999999999999",
    "1e309",
    "NaN",
    "-0",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "2026-13-01",
    "2028-02-29",
    "1900-01-01",
    "2026-01-01T25:61",
    "[]",
    "{}",
    "null",
    "true",
    "on",
    "010-0000-0000",
]
VALUE = st.one_of(
    st.sampled_from(NASTY_VALUES),
    st.text(max_size=60),
    st.text(alphabet=st.characters(min_codepoint=0xAC00, max_codepoint=0xD7A3), min_size=1, max_size=30),
    st.builds("{}\x00{}".format, st.text(max_size=10), st.text(max_size=10)),  # a NUL inside ordinary text
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


def field_values(names: list[str]) -> st.SearchStrategy[dict]:
    """Each field left out, one value, or several (multiple-choice fields and wrong types)."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3)) for name in names}
    )


def as_querydict(data: dict) -> QueryDict:
    """What a browser can send: every field a list of strings, read by the widgets as HTTP's QueryDict."""
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def form_classes() -> list[type[forms.BaseForm]]:
    found = {}
    for package_name in PROJECT_PACKAGES:
        package = importlib.import_module(package_name)
        for module_info in pkgutil.walk_packages(package.__path__, f"{package_name}."):
            if not module_info.name.rsplit(".", 1)[-1].endswith("forms") or ".migrations" in module_info.name:
                continue
            module = importlib.import_module(module_info.name)
            for _name, cls in inspect.getmembers(module, inspect.isclass):
                if issubclass(cls, forms.BaseForm) and cls.__module__ == module.__name__:
                    found[f"{cls.__module__}.{cls.__qualname__}"] = cls
    return [found[name] for name in sorted(found)]


FORMS = form_classes()


def constructor_kwargs(cls, world) -> dict:
    """What each form's constructor asks for, from the standing cast."""
    from events.models import RoomRequest
    from matching.models import Placement, Referral
    from outreach.models import PartnerInstitution
    from seekers.models import Seeker
    from tests.events.factories import RoomRequestFactory
    from tests.matching.factories import ReferralFactory

    def room_request() -> RoomRequest:
        return RoomRequestFactory(company=world.company_a)

    def referral() -> Referral:
        return ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)

    providers = {
        "user": lambda: world.users["counselor_x"],
        "booths": lambda: Booth.objects.all(),
        "vacancies": lambda: world.company_a.vacancies.all(),
        "seekers": lambda: Seeker.objects.all(),
        "request": room_request,
        "referral": referral,
        "placements": lambda: Placement.objects.all(),
        "partners": lambda: PartnerInstitution.objects.all(),
        "counselors": lambda: User.objects.filter(role=Role.COUNSELOR),
        "centre": lambda: world.centre_x,
        "centres": lambda: Centre.objects.all(),
        "template": lambda: next(iter(NOTICE_TEMPLATES)),
    }
    kwargs = {}
    for name, parameter in inspect.signature(cls.__init__).parameters.items():
        if parameter.kind == parameter.KEYWORD_ONLY and parameter.default is parameter.empty:
            kwargs[name] = providers[name]()
    return kwargs


def test_the_form_list__covers_every_app():
    modules = {cls.__module__.split(".")[0] for cls in FORMS}
    assert modules >= {"seekers", "employers", "matching", "events", "outreach", "jobcenter"}
    assert len(FORMS) >= 40


@pytest.mark.parametrize("form_class", FORMS, ids=lambda cls: f"{cls.__module__}.{cls.__name__}")
def test_every_form__validates_200_hostile_submissions_without_an_error(form_class, world):
    kwargs = constructor_kwargs(form_class, world)
    names = list(form_class(**kwargs).fields)

    @FUZZ
    @given(data=field_values(names))
    def validate(data):
        form = form_class(data=as_querydict(data), **kwargs)
        with transaction.atomic():
            form.is_valid()  # must not raise, whatever came in
            transaction.set_rollback(True)
        for name, errors in form.errors.items():
            assert all(isinstance(error, str) and error for error in errors), name

    validate()


# Rows a refused form may still write: the session, and the access record of the seeker whose page was opened.
WRITES_ALLOWED_ON_REFUSAL = {"django_session", "seekers_accessrecord"}
WRITE = re.compile(r'^\s*(?:INSERT\s+INTO|UPDATE|DELETE\s+FROM)\s+"?([\w.]+)"?', re.IGNORECASE)


class WriteRecorder:
    """The tables written by the SQL that runs inside it (a database execute wrapper: no extra query)."""

    def __init__(self):
        self.tables: set[str] = set()

    def __call__(self, execute, sql, params, many, context):
        match = WRITE.match(sql)
        if match:
            self.tables.add(match.group(1))
        return execute(sql, params, many, context)


@pytest.fixture
def uninstrumented_templates(monkeypatch):
    """Templates rendered as in production, not through the test environment's instrumented render.

    The test client copies the context of every template rendered, and a form page renders one per widget of
    every choice (a thousand on the registration page): a fifth of each fuzzed request's time. These tests read
    the response, never response.context.
    """
    from django.template import Template
    from django.test.utils import _TestState

    monkeypatch.setattr(Template, "_render", _TestState.saved_data.template_render)


# (URL name, principal allowed there, kwargs)
CREATE_PAGES = [
    ("seekers:register", "counselor_x", lambda w: {}),
    ("seekers:edit", "counselor_x", lambda w: {"pk": w.seeker_a.pk}),
    ("seekers:consultation_new", "counselor_x", lambda w: {"pk": w.seeker_a.pk}),
    ("seekers:my_profile", "seeker_a", lambda w: {}),
    ("employers:portal_vacancy_new", "employer_a", lambda w: {}),
    ("employers:company_new", "counselor_x", lambda w: {}),
    ("matching:referral_new", "counselor_x", lambda w: {}),
    ("events:manage_create", "counselor_x", lambda w: {}),
    ("outreach:visit_create", "counselor_x", lambda w: {}),
    ("outreach:partner_create", "counselor_x", lambda w: {}),
]
FIELD_NAME = re.compile(r'<(?:input|select|textarea)[^>]*\bname="([^"]+)"')


@pytest.mark.parametrize("name,principal,kwargs", CREATE_PAGES, ids=[page[0] for page in CREATE_PAGES])
def test_create_pages__take_200_hostile_posts_without_a_server_error_or_a_stored_refusal(
    name, principal, kwargs, world, uninstrumented_templates
):
    client = world.client_for(principal)
    url = reverse(name, kwargs=kwargs(world))
    page = client.get(url)
    assert page.status_code == 200, url
    names = sorted(set(FIELD_NAME.findall(page.content.decode())) - {"csrfmiddlewaretoken"})
    assert names, url

    @FUZZ
    @given(data=field_values(names))
    def post(data):
        writes = WriteRecorder()
        with transaction.atomic(), connection.execute_wrapper(writes):
            response = client.post(url, data)
            assert response.status_code < 500, (url, data)
            if response.status_code in (200, 400):  # refused: the form again, with its errors
                assert not writes.tables - WRITES_ALLOWED_ON_REFUSAL, (url, data, writes.tables)
            elif response.status_code == 302 and "<" in repr(data):  # stored: what was sent comes back escaped
                shown = client.get(response["Location"]).content.decode()
                assert SCRIPT not in shown and "<img src=x" not in shown, (url, data)
            transaction.set_rollback(True)

    post()


IMG = '"><img src=x onerror=alert(1)>'


def test_a_stored_script__comes_back_escaped_on_the_pages_that_show_it(world):
    """Accepted forms store the text as typed; every page that shows it escapes it."""
    from outreach.models import PartnerInstitution

    client = world.client_for("counselor_x")
    consultation = client.post(
        reverse("seekers:consultation_new", kwargs={"pk": world.seeker_a.pk}),
        {
            "channel": "visit",
            "started_at": "2025-03-04T10:00",
            "duration_minutes": "30",
            "topics": ["resume"],
            "notes": SCRIPT,
            "next_action": IMG,
            "next_action_due": "2025-03-10",
        },
    )
    partner = client.post(
        reverse("outreach:partner_create"),
        {"name": SCRIPT, "kind": PartnerInstitution.Kind.WELFARE_OFFICE, "services": IMG},
    )
    assert consultation.status_code == 302 and partner.status_code == 302
    assert world.seeker_a.consultations.get().notes == SCRIPT
    for url in (consultation["Location"], partner["Location"], reverse("outreach:partner_list")):
        shown = client.get(url).content.decode()
        assert "&lt;script&gt;alert(" in shown, url
        assert SCRIPT not in shown and "<img src=x" not in shown, url


@pytest.fixture
def no_throttle(monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)


def test_public_api__answers_200_generated_queries_with_json_and_never_a_server_error(world, client, no_throttle):
    """The list with every documented parameter (and one it does not know), the detail with any number."""
    from employers.api import VacancyQuerySerializer

    url = reverse("employers:api_vacancies")
    names = [*VacancyQuerySerializer().fields, "unknown"]
    assert {"q", "occupation", "region", "min_wage", "deadline_after", "sort", "page", "page_size"} <= set(names)

    @FUZZ
    @given(query=field_values(names), pk=st.integers(min_value=-(2**70), max_value=2**70))
    def call(query, pk):
        response = client.get(url, query)
        # 404: a well-formed but unknown occupation or region code, a page past the last
        assert response.status_code in (200, 400, 404), (query, response.status_code)
        assert response["Content-Type"].startswith("application/json")
        if response.status_code in (400, 404):  # a message for each parameter refused
            assert response.json() and all(isinstance(name, str) for name in response.json()), query
        detail = client.get(f"{url}{pk}/")
        assert detail.status_code in (200, 404), (pk, detail.status_code)
        assert detail["Content-Type"].startswith("application/json"), pk  # -1 too: no URL of the API, still JSON

    call()


@pytest.fixture
def wsgi_without_connection_closing():
    """Calling the WSGI app directly, as Django's test client does, the request signals must not close the
    test's database connection (it holds the test transaction)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    from jobcenter.wsgi import application

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    try:
        yield application
    finally:
        request_started.connect(close_old_connections)
        request_finished.connect(close_old_connections)


def test_public_api__conforms_to_its_own_openapi_schema(world, no_throttle, wsgi_without_connection_closing):
    """schemathesis, from the schema the app serves (drf-spectacular), every operation with 100 generated
    cases and every check: no server error, status codes, content types and bodies as the schema says, data the
    schema allows accepted (a well-formed but unknown code is a documented 404) and data it forbids refused."""
    schema = schemathesis.openapi.from_wsgi(reverse("employers:api_schema"), wsgi_without_connection_closing)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {
        "GET /employers/api/v1/vacancies/",
        "GET /employers/api/v1/vacancies/{id}/",
    }
    for operation in operations:

        @settings(FUZZ, max_examples=100, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def conforms(case):
            case.call_and_validate()

        conforms()


# Values that broke views reading request.GET by hand: "²" (isdigit() but not int()), a NUL (PostgreSQL refuses
# it in text), a date not in the calendar (parse_date raises), a number past bigint.
HOSTILE_QUERY_VALUES = ["²", "a\x00b", "2026-02-30", "9" * 30, SCRIPT]
GET_PARAM = re.compile(r"""request\.GET(?:\.get\(|\[)\s*["'](\w+)["']""")
PRINCIPAL_PREFERENCE = ["counselor_x", "manager_x", "admin", "employer_a", "seeker_a", "anonymous"]


def named_views() -> dict[str, object]:
    """Every URL name (with its namespace) and the function that answers it."""
    found = {}

    def walk(patterns, namespace: str) -> None:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, f"{namespace}{pattern.namespace}:" if pattern.namespace else namespace)
            elif pattern.name:
                found[f"{namespace}{pattern.name}"] = pattern.callback

    walk(get_resolver().url_patterns, "")
    return found


def pages_reading_the_query_string() -> list[tuple[Route, list[str]]]:
    """Every GET route of the access table whose view reads request.GET by hand, with the names it reads."""
    views = named_views()
    found = []
    for route in ROUTES:
        view = views.get(route.name)
        if route.method != "get" or view is None or hasattr(view, "view_class"):  # the API has its own fuzz
            continue
        source = inspect.getsource(inspect.unwrap(view))
        if "request.GET" in source:
            found.append((route, sorted({*GET_PARAM.findall(source), "q", "page"})))
    return found


QUERY_PAGES = pages_reading_the_query_string()


def test_the_query_string_pages__are_found():
    names = {route.name for route, _params in QUERY_PAGES}
    assert {"seekers:day", "seekers:access_records", "matching:referral_new", "employers:companies"} <= names


@pytest.mark.parametrize("route,params", QUERY_PAGES, ids=[route.name for route, _params in QUERY_PAGES])
def test_pages_reading_the_query_string__answer_hostile_values_without_a_server_error(
    route, params, world, uninstrumented_templates
):
    principal = next(p for p in PRINCIPAL_PREFERENCE if p in route.allow or (p == "anonymous" and route.public))
    client = world.client_for(principal)
    url = reverse(route.name, kwargs=route.kwargs(world))
    for number, value in enumerate(HOSTILE_QUERY_VALUES):
        headers = {"HX-Request": "true"} if number % 2 else {}  # the full page, or its htmx partial
        response = client.get(url, dict.fromkeys(params, value), headers=headers)
        assert response.status_code < 500, (url, value, headers)
        assert SCRIPT not in response.content.decode(errors="replace"), (url, "unescaped", headers)
