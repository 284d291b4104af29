"""Objects and queries for the statistics rows of tests/access_table.py."""

from django.utils import timezone


def this_month() -> str:
    return f"{timezone.localdate():%Y-%m}"


def records_query() -> str:
    return f"?measure=placements&month={this_month()}"


def report_x(world) -> dict:
    from tests.statistics.factories import PerformanceReportFactory

    return {"pk": PerformanceReportFactory(centre=world.centre_x, ready=True).pk, "format": "xlsx"}


def report_data(world) -> dict:
    return {"month": this_month()}
