"""The standing cast for every test: nine principals across two centres and two companies."""

from dataclasses import dataclass

import pytest
from django.test import Client

from jobcenter.models import Centre, User
from seekers.models import Seeker
from tests.celery_worker import celery_worker, celery_worker_process  # noqa: F401 - fixtures for every app's tests
from tests.employers.factories import CompanyFactory, CompanyMemberFactory, VacancyFactory
from tests.factories import BoothFactory, CentreFactory, UserFactory
from tests.hardening.otp import force_login_verified
from tests.replica import standby_server, streaming_replica  # noqa: F401 - a hot standby for the router's tests
from tests.seekers.factories import SeekerFactory

PRINCIPALS = [
    "anonymous",
    "seeker_a",
    "seeker_b",
    "employer_a",
    "employer_b",
    "counselor_x",
    "counselor_y",
    "manager_x",
    "admin",
]


@dataclass
class World:
    """Centre X and Y; seeker A registered at X, seeker B at Y; employer A's company at X, B's at Y."""

    centre_x: Centre
    centre_y: Centre
    users: dict[str, User]
    seeker_a: Seeker
    seeker_b: Seeker
    company_a: object
    company_b: object
    vacancy_a: object
    vacancy_b: object
    extra: dict

    def client_for(self, principal: str) -> Client:
        client = Client()
        if principal != "anonymous":
            force_login_verified(client, self.users[principal])  # staff pass the second factor too
        return client


@pytest.fixture(autouse=True)
def english_by_default(settings):
    """Tests assert the English source strings; Korean, the product's default, is tested on purpose.

    The product answers in Korean unless asked otherwise (settings.LANGUAGE_CODE = "ko"). Most tests
    read messages and labels as written in the code, so they run with English as the fallback; the
    tests of the Korean default (tests/jobcenter/test_i18n.py) set it back to Korean themselves.
    """
    settings.LANGUAGE_CODE = "en"


@pytest.fixture(autouse=True)
def fresh_notice_overrides():
    """The notice overrides are cached under a version (jobcenter/notice_templates.py) in a cache the tests share:
    an override a test saved, rolled back or flushed with its database must not reach the next test's notices."""
    from django.core.cache import cache

    from jobcenter.notice_templates import OVERRIDES_VERSION_KEY

    cache.delete(OVERRIDES_VERSION_KEY)


@pytest.fixture(autouse=True)
def code_tables(request):
    """Transactional tests (browser, Celery) flush the database, data migrations included: reload the codes."""
    marker = request.node.get_closest_marker("django_db")
    transactional_marker = marker is not None and marker.kwargs.get("transaction", bool(marker.args and marker.args[0]))
    if transactional_marker or "transactional_db" in request.fixturenames or "live_server" in request.fixturenames:
        request.getfixturevalue("transactional_db")
        from jobcenter.codes import load_shipped
        from jobcenter.models import Region

        if not Region.objects.exists():
            load_shipped()


@pytest.fixture
def world(db) -> World:
    centre_x = CentreFactory(name="센터 X")
    centre_y = CentreFactory(name="센터 Y")
    booth_x = BoothFactory(centre=centre_x, name="X 창구")
    booth_y = BoothFactory(centre=centre_y, name="Y 창구")
    users = {
        "seeker_a": UserFactory(username="seeker_a"),
        "seeker_b": UserFactory(username="seeker_b"),
        "employer_a": UserFactory(username="employer_a", employer=True),
        "employer_b": UserFactory(username="employer_b", employer=True),
        "counselor_x": UserFactory(username="counselor_x", counselor=True, centre=centre_x, booth=booth_x),
        "counselor_y": UserFactory(username="counselor_y", counselor=True, centre=centre_y, booth=booth_y),
        "manager_x": UserFactory(username="manager_x", manager=True, centre=centre_x),
        "admin": UserFactory(username="admin", administrator=True),
    }
    seeker_a = SeekerFactory(user=users["seeker_a"], booth=booth_x, counselor=users["counselor_x"], name="김하나")
    seeker_b = SeekerFactory(user=users["seeker_b"], booth=booth_y, counselor=users["counselor_y"], name="이두리")
    company_a = CompanyFactory(centre=centre_x, name="가나다(주)")
    company_b = CompanyFactory(centre=centre_y, name="라마바(주)")
    CompanyMemberFactory(user=users["employer_a"], company=company_a)
    CompanyMemberFactory(user=users["employer_b"], company=company_b)
    return World(
        centre_x=centre_x,
        centre_y=centre_y,
        users=users,
        seeker_a=seeker_a,
        seeker_b=seeker_b,
        company_a=company_a,
        company_b=company_b,
        vacancy_a=VacancyFactory(company=company_a, published=True, title="A사 생산직"),
        vacancy_b=VacancyFactory(company=company_b, published=True, title="B사 사무직"),
        extra={},
    )


@pytest.fixture
def client_for(world):
    return world.client_for
