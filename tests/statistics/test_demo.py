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
