"""Beat tasks of job alerts: the daily run every morning, the weekly one on Monday mornings."""

from celery import shared_task
from celery.schedules import crontab

from alerts import services
from alerts.models import JobAlert


@shared_task
def alerts_send(frequency: str) -> int:
    """One message per subscriber with the new vacancies of their alerts of `frequency`; idempotent per day."""
    return services.alerts_run(frequency=frequency)


beat_schedule = {
    "alerts-daily": {
        "task": "alerts.tasks.alerts_send",
        "schedule": crontab(hour=8, minute=0),
        "args": (JobAlert.Frequency.DAILY.value,),
    },
    "alerts-weekly": {
        "task": "alerts.tasks.alerts_send",
        "schedule": crontab(day_of_week="mon", hour=8, minute=5),
        "args": (JobAlert.Frequency.WEEKLY.value,),
    },
}
