import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobcenter.statistics.models import MonthlyFigure, PerformanceReport, StatisticsMonth
from tests.factories import CentreFactory


class StatisticsMonthFactory(DjangoModelFactory):
    class Meta:
        model = StatisticsMonth
        django_get_or_create = ["month"]

    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    status = StatisticsMonth.Status.OFFICIAL
    computed_at = factory.LazyFunction(timezone.now)


class MonthlyFigureFactory(DjangoModelFactory):
    class Meta:
        model = MonthlyFigure

    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    centre = factory.SubFactory(CentreFactory)
    measure = "placements"
    value = 0


class PerformanceReportFactory(DjangoModelFactory):
    class Meta:
        model = PerformanceReport

    month = factory.LazyFunction(lambda: timezone.localdate().replace(day=1))
    centre = factory.SubFactory(CentreFactory)

    class Params:
        ready = factory.Trait(
            status=PerformanceReport.Status.READY,
            xlsx=b"PK\x03\x04 workbook",
            pdf=b"%PDF-1.4 report",
            generated_at=factory.LazyFunction(timezone.now),
        )
