"""WORK IN PROGRESS, not collected (no test_ prefix): the per-form fuzz never finished a green run.
The API fuzz and schemathesis parts passed in isolation; rename to test_fuzz.py once the per-form part
is green and fast enough for CI (see the issue 10 note).

Bad input, generated: every form of every app and the public API take hostile input without a server error.

- Every Form/ModelForm class in the apps' forms modules gets 200 generated submissions (Hangul, emoji, NUL,
  very long strings, wrong types, boundary dates and wages): validating never raises.
- The main create pages get 200 generated POSTs each through HTTP as a principal allowed there: never a 5xx;
  a refused form stores no row; a stored script comes back escaped.
- The public API: 200 generated queries each for the list and the detail (never a 5xx, always JSON), and
  schemathesis against the API's own OpenAPI schema: no server error, every response matches the schema.
"""

import importlib
import inspect
import pkgutil
import re

import pytest
import schemathesis
from django import forms
from django.apps import apps
from django.db import connection, transaction
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from schemathesis.specs.openapi.checks import positive_data_acceptance

from jobcenter.models import Booth, Role, User

PROJECT_PACKAGES = ["jobcenter", "seekers", "employers", "matching", "events", "outreach"]
FUZZ = settings(
    max_examples=200,
    deadline=None,
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
    "99999999999999999999999",
    "1e309",
    "NaN",
    "-0",
    "0001-01-01",
    "9999-12-31",
    "2024-02-30",
    "2026-13-01",
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
    st.integers(min_value=-(2**63), max_value=2**63).map(str),
    st.dates().map(str),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
)


def field_values(names: list[str]) -> st.SearchStrategy[dict]:
    """Each field left out, one value, or several (multiple-choice fields and wrong types)."""
    return st.fixed_dictionaries(
        {}, optional={name: st.one_of(VALUE, st.lists(VALUE, min_size=2, max_size=3)) for name in names}
    )


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
        form = form_class(data=data, **kwargs)
        with transaction.atomic():
            form.is_valid()  # must not raise, whatever came in
            transaction.set_rollback(True)
        for name, errors in form.errors.items():
            assert all(isinstance(error, str) and error for error in errors), name

    validate()


def counts() -> dict[str, int]:
    tables = sorted({m._meta.db_table for m in apps.get_models() if m._meta.managed and not m._meta.proxy})
    tables = [table for table in tables if table not in {"django_session", "seekers_accessrecord"}]
    with connection.cursor() as cursor:
        cursor.execute("SELECT " + ", ".join(f'(SELECT count(*) FROM "{table}")' for table in tables))
        return dict(zip(tables, cursor.fetchone(), strict=True))


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
    name, principal, kwargs, world
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
        with transaction.atomic():
            before = counts()
            response = client.post(url, data)
            assert response.status_code < 500, (url, data)
            if response.status_code in (200, 400):  # refused: the form again, with its errors
                assert counts() == before, (url, data)
            if response.status_code == 302:
                shown = client.get(response["Location"]).content.decode()
                assert SCRIPT not in shown, (url, data)
            transaction.set_rollback(True)

    post()


@pytest.fixture
def no_throttle(monkeypatch):
    from rest_framework.throttling import AnonRateThrottle

    monkeypatch.setattr(AnonRateThrottle, "allow_request", lambda self, request, view: True)


def test_public_api__answers_200_generated_queries_with_json_and_never_a_server_error(world, client, no_throttle):
    url = reverse("employers:api_vacancies")
    names = ["q", "occupation", "region", "employment_type", "page", "page_size", "wage_min", "suitable_for"]

    @FUZZ
    @given(query=field_values(names), pk=st.one_of(st.integers(min_value=-(2**40), max_value=2**40), st.just(None)))
    def call(query, pk):
        response = client.get(url, query)
        assert response.status_code in (200, 400), (query, response.status_code)
        assert response["Content-Type"].startswith("application/json")
        if pk is not None and pk >= 0:
            detail = client.get(reverse("employers:api_vacancy", kwargs={"pk": pk}))
            assert detail.status_code in (200, 404)

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
    cases: no server error, status codes, content types and bodies as the schema says."""
    schema = schemathesis.openapi.from_wsgi(reverse("employers:api_schema"), wsgi_without_connection_closing)
    operations = [result.ok() for result in schema.get_all_operations()]
    assert {operation.label for operation in operations} >= {
        "GET /employers/api/v1/vacancies/",
        "GET /employers/api/v1/vacancies/{id}/",
    }
    for operation in operations:

        @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
        @given(case=operation.as_strategy())
        def conforms(case):
            # Not "positive data acceptance": a well-formed but unknown code (occupation=bookings) is refused
            # with a documented 400 the schema cannot express; every other check runs (no 5xx, documented
            # status codes and content types, bodies matching the schema).
            case.call_and_validate(excluded_checks=[positive_data_acceptance])

        conforms()
