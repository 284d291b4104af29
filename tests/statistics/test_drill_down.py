"""Every drill-down link of every dashboard opens (issue 28): a figure that cannot be drilled into has no link."""

import re
from html import unescape

import pytest
from django.urls import reverse

from jobcenter.statistics import services
from jobcenter.statistics.measures import MEASURES
from tests.statistics.builders import MONTH, build_known_month

pytestmark = pytest.mark.django_db

RECORDS = reverse("statistics:records")
LINK = re.compile(r'href="(' + re.escape(RECORDS) + r'\?[^"]*)"')


@pytest.fixture
def known(world):
    build_known_month(world)
    services.statistics_month_compute(month=MONTH)


def drill_down_links(client, **params) -> list[str]:
    response = client.get(reverse("dashboard"), {"month": f"{MONTH:%Y-%m}", **params})
    assert response.status_code == 200
    return sorted({unescape(href) for href in LINK.findall(response.content.decode())})


@pytest.mark.parametrize(
    ("principal", "params"),
    [
        ("counselor_x", {}),
        ("counselor_y", {}),
        ("manager_x", {}),
        ("admin", {}),
        ("admin", {"centre": "x"}),
    ],
)
def test_dashboard__every_drill_down_link__opens_its_records(world, known, principal, params):
    if params.get("centre") == "x":
        params = {"centre": world.centre_x.pk}
    client = world.client_for(principal)
    links = drill_down_links(client, **params)

    assert links
    failures = [(url, status) for url in links if (status := client.get(url).status_code) != 200]
    assert failures == []


def test_dashboard__counselor__figures_without_a_counselor_breakdown__have_no_link(world, known):
    html = world.client_for("counselor_x").get(reverse("dashboard"), {"month": f"{MONTH:%Y-%m}"}).content.decode()

    without = [m.key for m in MEASURES if "counselor" not in m.dims]
    assert without  # e.g. events held, vacancies posted: not counted per counselor
    for key in without:
        assert f"measure={key}&" not in html
    assert "measure=seekers_served&" in html


def test_dashboard__manager__occupation_breakdown__links_only_the_measures_it_has(world, known):
    html = world.client_for("manager_x").get(reverse("dashboard"), {"month": f"{MONTH:%Y-%m}"}).content.decode()

    assert "dimension=occupation" in html  # placements and referrals break down by occupation
    occupation_links = re.findall(r'measure=(\w+)&amp;month=[^"]*dimension=occupation', html)
    assert occupation_links and set(occupation_links) <= {"referrals", "placements"}
