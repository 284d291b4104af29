from decimal import Decimal

import pytest

from jobcenter.demo import Demo
from jobcenter.statistics.demo import IMPORTED_MONTHS, seed
from jobcenter.statistics.models import MonthlyFigure, StatisticsMonth

pytestmark = pytest.mark.django_db


def test_statistics_demo__twice__gives_the_same_rows_and_booths_add_up_to_centres_and_the_city(world):
    demo = Demo(centres=[world.centre_x, world.centre_y])

    seed(demo)
    first = (MonthlyFigure.objects.count(), StatisticsMonth.objects.count())
    seed(demo)

    assert (MonthlyFigure.objects.count(), StatisticsMonth.objects.count()) == first
    assert StatisticsMonth.objects.filter(status="official").count() == IMPORTED_MONTHS + 2
    month = StatisticsMonth.objects.order_by("month").first().month
    figures = MonthlyFigure.objects.filter(month=month, measure="placements")
    booths = sum(f.value for f in figures.filter(centre=world.centre_x, dimension="booth"))
    centres = sum(f.value for f in figures.filter(centre__isnull=False, dimension=""))
    assert booths == figures.get(centre=world.centre_x, dimension="").value > Decimal(0)
    assert centres == figures.get(centre__isnull=True, dimension="").value


def test_demo_history__is_at_the_scale_of_the_demo_records__so_the_computed_months_continue_the_trend(db):
    """The 24 imported months and the three computed from the demo's records: a manager reading the demo's
    dashboard sees a trend, not a collapse to nearly nothing in the month the records begin."""
    from django.core.management import call_command

    from jobcenter.statistics import rollup, services

    call_command("seed_demo", verbosity=0)
    this_month = services.current_month()
    last_imported, first_computed = rollup.add_months(this_month, -3), rollup.add_months(this_month, -2)
    assert StatisticsMonth.objects.get(month=last_imported).status == "official"
    for measure in ("seekers_active", "consultations", "seekers_served"):
        city = MonthlyFigure.objects.filter(centre__isnull=True, dimension="", measure=measure)
        imported, computed = city.get(month=last_imported).value, city.get(month=first_computed).value
        assert computed / 3 <= imported <= computed * 3, (measure, imported, computed)
