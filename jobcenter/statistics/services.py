"""Writes of the statistics: computing a month's figures, recomputation on request, performance reports."""

import datetime
import time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.models import Centre, User
from jobcenter.statistics import rollup
from jobcenter.statistics.models import (
    MonthlyFigure,
    PerformanceReport,
    ReportDownload,
    StatisticsMonth,
    StatisticsRecomputation,
)


def current_month() -> datetime.date:
    return rollup.month_start(timezone.localdate())


def statistics_month_compute(*, month: datetime.date, official: bool | None = None) -> StatisticsMonth:
    """Compute the figures of `month` and replace the old ones in one transaction.

    A month that has ended becomes official; the running month stays running. Computing an official month
    again (a manager's recomputation) keeps it official with the new figures.
    """
    month = rollup.month_start(month)
    if month > current_month():
        raise ValidationError(_("A month in the future has no figures yet."))
    if official is None:
        official = month < current_month()
    with transaction.atomic():
        record, _created = StatisticsMonth.objects.select_for_update().get_or_create(month=month)
        started = time.perf_counter()
        rollup.compute_month(month)
        record.status = StatisticsMonth.Status.OFFICIAL if official else StatisticsMonth.Status.RUNNING
        record.computed_at = timezone.now()
        record.duration_ms = int((time.perf_counter() - started) * 1000)
        record.figure_count = MonthlyFigure.objects.filter(month=month).count()
        record.save()
    return record


def statistics_running_month_refresh() -> StatisticsMonth:
    """Keep the running month current (a frequent beat task)."""
    return statistics_month_compute(month=current_month(), official=False)


def statistics_close_months(*, back: int = 2) -> list[datetime.date]:
    """Make the last `back` ended months official if they are not yet (a daily beat task; idempotent)."""
    closed = []
    for offset in range(back, 0, -1):
        month = rollup.add_months(current_month(), -offset)
        if not StatisticsMonth.objects.filter(month=month, status=StatisticsMonth.Status.OFFICIAL).exists():
            statistics_month_compute(month=month, official=True)
            closed.append(month)
    return closed


def statistics_recompute_request(*, month: datetime.date, by: User, reason: str) -> StatisticsRecomputation:
    """Log who asks for a month to be computed again and why, and enqueue the computation after commit."""
    month = rollup.month_start(month)
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why the month is computed again."))
    if month > current_month():
        raise ValidationError(_("A month in the future has no figures yet."))
    with transaction.atomic():
        recomputation = StatisticsRecomputation.objects.create(month=month, requested_by=by, reason=reason[:300])
        from jobcenter.statistics.tasks import statistics_recompute

        transaction.on_commit(lambda: statistics_recompute.delay(recomputation.pk))
    return recomputation


def statistics_recompute_run(*, recomputation_id: int) -> None:
    """Carry out a logged recomputation once; running it again does nothing."""
    with transaction.atomic():
        recomputation = StatisticsRecomputation.objects.select_for_update().filter(pk=recomputation_id).first()
        if recomputation is None or recomputation.finished_at is not None:
            return
        month = statistics_month_compute(month=recomputation.month)
        recomputation.finished_at = timezone.now()
        recomputation.became_official = month.status == StatisticsMonth.Status.OFFICIAL
        recomputation.save(update_fields=["finished_at", "became_official"])


def report_request(*, month: datetime.date, centre: Centre | None, by: User) -> PerformanceReport:
    """Ask for the monthly performance report of `centre` (None: the city); Celery generates it after commit."""
    month = rollup.month_start(month)
    if month > current_month():
        raise ValidationError(_("A month in the future has no report yet."))
    with transaction.atomic():
        report = PerformanceReport.objects.create(month=month, centre=centre, requested_by=by)
        from jobcenter.statistics.tasks import statistics_report_generate

        transaction.on_commit(lambda: statistics_report_generate.delay(report.pk))
    return report


def report_generate(*, report_id: int) -> None:
    """Build the Excel and PDF files of a requested report; a ready report is left as it is."""
    from jobcenter.statistics import reports

    report = PerformanceReport.objects.select_related("centre").filter(pk=report_id).first()
    if report is None or report.status == PerformanceReport.Status.READY:
        return
    try:
        content = reports.report_content(month=report.month, centre=report.centre)
        report.xlsx = reports.report_xlsx(content)
        report.pdf = reports.report_pdf(content)
    except Exception as error:
        report.status = PerformanceReport.Status.FAILED
        report.error = str(error)[:2000]
        report.save(update_fields=["status", "error"])
        raise
    report.status = PerformanceReport.Status.READY
    report.generated_at = timezone.now()
    report.error = ""
    report.save(update_fields=["xlsx", "pdf", "status", "generated_at", "error"])


def report_download_record(
    *, report: PerformanceReport, format: str, user: User, reason: str, ip_address: str | None
) -> ReportDownload:
    """Record who downloads which report file, when and why, before the file is handed over."""
    reason = reason.strip()
    if not reason:
        raise ValidationError(_("Say why you download the report."))
    if report.status != PerformanceReport.Status.READY:
        raise ValidationError(_("This report is not ready yet."))
    return ReportDownload.objects.create(
        report=report, format=format, user=user, reason=reason[:300], ip_address=ip_address
    )
