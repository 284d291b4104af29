from celery import shared_task
from celery.schedules import crontab

from jobcenter.security import retention


@shared_task(acks_late=True)
def retention_apply() -> int:
    """Nightly: anonymise seekers past retention. Safe to run twice (anonymised seekers are skipped)."""
    return len(retention.retention_apply())


beat_schedule = {
    "security-retention-apply": {
        "task": "jobcenter.security.tasks.retention_apply",
        "schedule": crontab(hour=3, minute=30),
    },
}
