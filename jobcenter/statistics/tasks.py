"""Celery tasks of the statistics: thin, by id, idempotent. `beat_schedule` is merged by jobcenter.celery."""

from celery import shared_task
from celery.schedules import crontab
from django.conf import settings

from jobcenter.statistics import services


@shared_task
def statistics_running_month_refresh() -> str:
    """Recompute the running month only (every STATISTICS_REFRESH_SECONDS): the dashboards' 'so far this month'."""
    return str(services.statistics_running_month_refresh())


@shared_task
def statistics_close_months() -> list[str]:
    """After a month closes, compute it once more and keep it as the month's official figures."""
    return [month.isoformat() for month in services.statistics_close_months()]


@shared_task(bind=True, max_retries=3, retry_backoff=True)
def statistics_recompute(self, recomputation_id: int) -> None:
    services.statistics_recompute_run(recomputation_id=recomputation_id)


@shared_task(bind=True, max_retries=3, retry_backoff=True)
def statistics_report_generate(self, report_id: int) -> None:
    services.report_generate(report_id=report_id)


beat_schedule = {
    "statistics-running-month": {
        "task": "jobcenter.statistics.tasks.statistics_running_month_refresh",
        "schedule": float(settings.STATISTICS_REFRESH_SECONDS),
    },
    "statistics-close-months": {
        "task": "jobcenter.statistics.tasks.statistics_close_months",
        "schedule": crontab(hour=1, minute=30),
    },
}

__all__ = [
    "statistics_close_months",
    "statistics_recompute",
    "statistics_report_generate",
    "statistics_running_month_refresh",
]

# jobcenter/tasks.py imports this module on its last line (so Celery's autodiscovery finds these tasks);
# the statistics' beat entries join its schedule here.
from jobcenter import tasks as jobcenter_tasks  # noqa: E402

jobcenter_tasks.beat_schedule.update(beat_schedule)
