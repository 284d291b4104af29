"""The dashboard's figures are rendered once and kept under a digest of what they show (jobcenter/views.py,
`_figures_html`): a change shows at once, the rows being read fresh on every request."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from jobcenter.statistics import services
from jobcenter.statistics.models import MonthlyFigure
from tests.statistics.builders import MONTH, build_known_month

pytestmark = pytest.mark.django_db

URL = reverse("dashboard")


@pytest.fixture
def known(world):
    month = build_known_month(world)
    services.statistics_month_compute(month=MONTH)
    cache.clear()
    yield month
    cache.clear()


@pytest.fixture
def renders(monkeypatch):
    """How many times the figures were rendered (not served from the cache)."""
    from jobcenter import views

    count = []
    real = views.render_to_string

    def counting(*args, **kwargs):
        count.append(args[0])
        return real(*args, **kwargs)

    monkeypatch.setattr(views, "render_to_string", counting)
    return count


def test_dashboard__a_changed_figure__shows_at_once(world, known, renders):
    client = world.client_for("manager_x")
    assert "7,777" not in client.get(URL, {"month": "2025-03"}).content.decode()
    client.get(URL, {"month": "2025-03"})
    assert len(renders) == 1  # the second request served the kept figures

    MonthlyFigure.objects.filter(
        centre=world.centre_x, dimension="", member="", month=MONTH, measure="placements"
    ).update(value=7777)

    assert "7,777" in client.get(URL, {"month": "2025-03"}).content.decode()
    assert len(renders) == 2


def test_dashboard__a_renamed_booth__shows_at_once_in_the_breakdown(world, known):
    client = world.client_for("manager_x")
    booth = world.seeker_a.booth
    assert booth.name in client.get(URL, {"month": "2025-03"}).content.decode()

    booth.name = "새이름 상담창구"
    booth.save(update_fields=["name"])

    assert "새이름 상담창구" in client.get(URL, {"month": "2025-03"}).content.decode()


def test_dashboard__a_month_computed_again__shows_its_new_time_at_once(world, known):
    client = world.client_for("manager_x")
    client.get(URL, {"month": "2025-03"})
    MonthlyFigure.objects.filter(centre=world.centre_x, month=MONTH, measure="seekers_served", dimension="").update(
        value=4321
    )
    services.statistics_month_compute(month=MONTH)  # computes the true figures again

    page = client.get(URL, {"month": "2025-03"}).content.decode()
    assert "4,321" not in page


def test_dashboard__kept_figures__the_rollup_rows_and_breakdowns_in_one_query(
    world, known, django_assert_max_num_queries
):
    client = world.client_for("manager_x")
    client.get(URL, {"month": "2025-03"})
    # The rollup rows with the breakdowns' (one, two before), the months' statuses, the data check's latest run;
    # the names of the breakdowns' booths, counselors, occupations and regions (four: they are part of the key);
    # the session, its user, device and centre (four, cached in Redis in production).
    with django_assert_max_num_queries(11):
        response = client.get(URL, {"month": "2025-03"})
    assert response.status_code == 200
