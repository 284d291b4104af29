"""The dashboard is rendered once and kept under the version of what it shows (jobcenter/statistics/dashboard_page.py):
a change to the figures, a month's status, the data check or a name shown gives the next visit another key, and a
rendering is never served to another centre, role, counselor or language."""

import datetime

import pytest
from django.contrib.auth.models import update_last_login
from django.core.cache import cache
from django.middleware.csrf import _unmask_cipher_token
from django.test import Client
from django.urls import reverse

from jobcenter.models import RecordCheckRun
from jobcenter.statistics import services
from jobcenter.statistics.dashboard_page import CSRF_PLACEHOLDER, statistics_version
from jobcenter.statistics.models import MonthlyFigure
from tests.factories import UserFactory
from tests.hardening.otp import force_login_verified
from tests.statistics.builders import MONTH, build_known_month

pytestmark = pytest.mark.django_db

URL = reverse("dashboard")
MARCH = {"month": "2025-03"}


@pytest.fixture
def known(world):
    month = build_known_month(world)
    services.statistics_month_compute(month=MONTH)
    cache.clear()
    yield month
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    """Which parts of the dashboard were rendered (not served from the cache)."""
    from jobcenter.statistics import dashboard_page

    rendered = []
    real = dashboard_page.render_to_string

    def counting(*args, **kwargs):
        rendered.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(dashboard_page, "render_to_string", counting)
    return rendered


def page(client: Client, query: dict | None = None) -> str:
    response = client.get(URL, MARCH if query is None else query)
    assert response.status_code == 200
    return response.content.decode()


def main(html: str) -> str:
    """The page without the site's layout (the footer names every centre)."""
    return html.split("<main")[1].split("</main>")[0]


def test_dashboard__second_visit__is_served_from_the_cache(world, known, renders):
    client = world.client_for("manager_x")
    first = page(client)
    second = page(client)

    assert renders == ["jobcenter/dashboard.html#body"]
    assert main(second) == main(first)


def test_dashboard__a_changed_figure__shows_on_the_next_visit(world, known, renders):
    client = world.client_for("manager_x")
    assert "7,777" not in page(client)

    # Written past every service, as an import or a correction by hand would: the trigger still counts it.
    MonthlyFigure.objects.filter(
        centre=world.centre_x, dimension="", member="", month=MONTH, measure="placements"
    ).update(value=7777)

    assert "7,777" in page(client)
    assert len(renders) == 2


def test_dashboard__a_renamed_booth__shows_on_the_next_visit_in_the_breakdown(world, known):
    client = world.client_for("manager_x")
    booth = world.seeker_a.booth
    assert booth.name in page(client)

    booth.name = "새이름 상담창구"
    booth.save(update_fields=["name"])

    assert "새이름 상담창구" in page(client)


def test_dashboard__a_renamed_counselor__shows_on_the_next_visit_in_the_breakdown(world, known):
    client = world.client_for("manager_x")
    counselor = world.users["counselor_x"]
    assert str(counselor) in page(client)

    counselor.last_name, counselor.first_name = "박", "새이름"
    counselor.save(update_fields=["last_name", "first_name"])

    assert "박새이름" in page(client)


def test_dashboard__a_login__does_not_change_the_version(world, known):
    before = statistics_version()
    update_last_login(None, world.users["counselor_x"])  # users are saved all day: only a new name counts

    assert statistics_version() == before


def test_dashboard__a_month_computed_again__shows_its_new_figures(world, known):
    client = world.client_for("manager_x")
    page(client)
    MonthlyFigure.objects.filter(centre=world.centre_x, month=MONTH, measure="seekers_served", dimension="").update(
        value=4321
    )
    assert "4,321" in page(client)

    services.statistics_month_compute(month=MONTH)  # computes the true figures again

    assert "4,321" not in page(client)


def test_dashboard__a_new_data_check__shows_its_alert_on_the_next_visit(world, known):
    client = world.client_for("manager_x")
    assert "records that break a rule" not in page(client)

    RecordCheckRun.objects.create(
        ran_at=datetime.datetime.now(datetime.UTC), total=3, by_rule={}, by_centre={str(world.centre_x.pk): 3}
    )

    assert "The data check found 3 records that break a rule" in page(client)


def test_dashboard__another_centres_manager__never_gets_the_rendering(world, known, renders):
    manager_y = force_login_verified(Client(), UserFactory(username="manager_y", manager=True, centre=world.centre_y))
    page_x = page(world.client_for("manager_x"))
    page_y = page(manager_y)

    assert len(renders) == 2
    assert world.centre_x.name in main(page_x) and world.centre_y.name not in main(page_x)
    assert world.centre_y.name in main(page_y) and world.centre_x.name not in main(page_y)


def test_dashboard__a_counselor__never_gets_the_managers_rendering(world, known, renders):
    page(world.client_for("manager_x"))
    counselor_page = page(world.client_for("counselor_x"))

    assert len(renders) == 2
    assert str(world.users["counselor_x"]) in counselor_page
    assert "By booth" not in counselor_page  # the centre's breakdowns are the manager's


def test_dashboard__another_language__never_gets_the_rendering(world, known, renders):
    client = world.client_for("manager_x")
    english = page(client)
    client.cookies["django_language"] = "ko"
    korean = page(client)

    assert len(renders) == 2
    assert "Figures of" in english and "Figures of" not in korean


def test_dashboard__kept_rendering__each_viewer_gets_their_own_csrf_token(world, known):
    first, second = world.client_for("manager_x"), world.client_for("manager_x")
    pages = [page(first), page(second)]  # the second served from the cache

    for client, html in zip((first, second), pages, strict=True):
        assert CSRF_PLACEHOLDER not in html
        token = html.split('"X-CSRFToken": "')[1].split('"')[0]
        assert _unmask_cipher_token(token) == client.cookies["csrftoken"].value
    assert first.cookies["csrftoken"].value != second.cookies["csrftoken"].value


def test_dashboard__an_invalid_filter__is_not_kept(world, known, renders):
    client = world.client_for("manager_x")
    assert client.get(URL, {"month": "1999-01"}).status_code == 400
    assert client.get(URL, {"month": "1999-01"}).status_code == 400

    assert len(renders) == 2


def test_dashboard__kept__in_one_query_for_the_page(world, known, django_assert_max_num_queries):
    client = world.client_for("manager_x")
    page(client)
    # The version of what the page shows; the session, its user, device and centre (four, cached in Redis in
    # production, where the page is one query).
    with django_assert_max_num_queries(5):
        page(client)
