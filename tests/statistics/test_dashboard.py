import re

import pytest
from django.urls import reverse

from jobcenter.statistics import services
from tests.statistics.builders import MONTH, build_known_month

pytestmark = pytest.mark.django_db

URL = reverse("dashboard")


@pytest.fixture
def known(world):
    month = build_known_month(world)
    services.statistics_month_compute(month=MONTH)
    return month


def test_dashboard__manager__reads_the_placement_rate_with_its_definition_and_divisor(world, known):
    response = world.client_for("manager_x").get(URL, {"month": "2025-03"})

    assert response.status_code == 200
    html = response.content.decode()
    board = response.context["board"]
    assert board.scope.centre == world.centre_x
    rate = next(f for f in board.rates if f.key == "placement_rate")
    assert str(rate.value) == "50.0"
    assert "50.0%" in html
    assert "Placements ÷ seekers served, in the month." in html
    assert "41.4%" in html  # the event hire rate row
    assert 'id="stat-trend-data"' in html and "chart-4.6.1.umd.min.js" in html
    assert "<script>" not in html  # no inline script (CSP)


def test_dashboard__shows_change_against_last_month_and_last_year(world, known):
    board = world.client_for("manager_x").get(URL, {"month": "2025-04"}).context["board"]

    placements = next(f for f in board.measures if f.key == "placements")
    assert placements.last_month == 2  # March
    assert placements.value is None  # April was never computed: shown as not computed, not as zero
    assert len(board.trend_months) == 24 and board.trend_months[-1].isoformat() == "2025-04-01"


def test_dashboard__counselor__sees_only_their_own_caseload(world, known):
    response = world.client_for("counselor_x").get(URL, {"month": "2025-03"})

    board = response.context["board"]
    served = next(f for f in board.measures if f.key == "seekers_served")
    assert served.value == 2  # s1 and s2 are counselor X's; the centre has 4
    assert response.context["breakdowns"] == []


def test_dashboard__administrator__sees_the_city_or_a_chosen_centre(world, known):
    client = world.client_for("admin")
    city = client.get(URL, {"month": "2025-03"}).context["board"]
    centre_y = client.get(URL, {"month": "2025-03", "centre": world.centre_y.pk}).context["board"]

    assert next(f for f in city.measures if f.key == "seekers_served").value == 5
    assert next(f for f in centre_y.measures if f.key == "seekers_served").value == 1


def test_dashboard__bad_month__is_a_form_error_not_a_500(world, known):
    response = world.client_for("manager_x").get(URL, {"month": "2025-13"})

    assert response.status_code == 400
    assert response.context["form"].errors["month"]


def test_dashboard__htmx__returns_only_the_figures_partial(world, known):
    response = world.client_for("manager_x").get(URL, {"month": "2025-03"}, headers={"HX-Request": "true"})

    html = response.content.decode()
    assert html.lstrip().startswith('<div id="figures"')
    assert "<html" not in html


def test_dashboard__reads_rollups_in_a_fixed_number_of_queries(world, known, django_assert_max_num_queries):
    client = world.client_for("manager_x")
    with django_assert_max_num_queries(15):  # 14 and the data check's latest count (managers)
        client.get(URL, {"month": "2025-03"})


def test_records__manager__sees_the_placements_behind_the_figure_with_masked_names(world, known):
    response = world.client_for("manager_x").get(
        reverse("statistics:records"), {"measure": "placements", "month": "2025-03"}
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert response.context["result"].total == 2
    assert "박*준" in html and "정*늘" in html
    assert "박민준" not in html


def test_records__counselor__sees_own_seekers_by_name_and_no_one_else(world, known):
    response = world.client_for("counselor_x").get(
        reverse("statistics:records"), {"measure": "seekers_served", "month": "2025-03"}
    )

    html = response.content.decode()
    assert response.context["result"].total == 2
    assert "박민준" in html and "최서연" in html
    assert "정하늘" not in html and "정*늘" not in html


def test_records__breakdown_member__lists_only_its_records(world, known):
    response = world.client_for("manager_x").get(
        reverse("statistics:records"),
        {"measure": "consultations", "month": "2025-03", "dimension": "channel", "member": "phone"},
    )

    assert response.context["result"].total == 1


def test_records__another_centre__is_404_for_a_manager(world, known):
    response = world.client_for("manager_x").get(
        reverse("statistics:records"), {"measure": "placements", "month": "2025-03", "centre": world.centre_y.pk}
    )

    assert response.status_code == 404


def test_records__unknown_measure__is_a_form_error(world, known):
    response = world.client_for("manager_x").get(
        reverse("statistics:records"), {"measure": "nonsense", "month": "2025-03"}
    )

    assert response.status_code == 400
    assert response.context["form"].errors["measure"]


def test_dashboard__figures_reused_while_unchanged__and_shown_anew_after_a_recompute_or_a_rename(world, known):
    import datetime

    from jobcenter.models import Booth
    from seekers.models import Seeker
    from tests.matching.factories import PlacementFactory

    client = world.client_for("manager_x")
    first = client.get(URL, {"month": "2025-03"})
    again = client.get(URL, {"month": "2025-03"})
    assert "statistics/_changes.html" in [t.name for t in first.templates]
    assert "statistics/_changes.html" not in [t.name for t in again.templates]  # the figures were not rendered again
    def figures(response) -> str:  # the page around them carries a nonce of its own on every request
        return response.content.decode().split('id="figures"')[1].split("</main>")[0]

    assert figures(again) == figures(first)

    # A placement recorded and the month computed again (the service that writes what the figures show) ...
    PlacementFactory(seeker=Seeker.objects.get(name="최서연"), start_date=datetime.date(2025, 3, 28))
    services.statistics_month_compute(month=MONTH)
    # ... and a booth renamed (its name labels a breakdown row).
    Booth.objects.filter(name="X 청년 창구").update(name="X 중장년 창구")

    html = client.get(URL, {"month": "2025-03"}).content.decode()

    def placements_shown(page: str) -> int:  # the headline card's number, a link to the records behind it
        return int(re.search(r'measure=placements&amp;month=2025-03[^"]*">(\d+)<', page)[1])

    assert placements_shown(html) == placements_shown(first.content.decode()) + 1
    assert "X 중장년 창구" in html and "X 청년 창구" not in html
