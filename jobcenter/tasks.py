from celery import shared_task
from celery.schedules import crontab

from jobcenter import notifications


@shared_task(bind=True, max_retries=5, retry_backoff=True)
def notification_send(self, notification_id: int) -> None:
    try:
        notifications.notification_deliver(notification_id=notification_id)
    except Exception as error:
        raise self.retry(exc=error) from error


@shared_task
def notifications_send(notification_ids: list[int]) -> None:
    """Send the notifications one notice queued together; one that fails is retried on its own (notification_send)."""
    for notification_id in notification_ids:
        try:
            notifications.notification_deliver(notification_id=notification_id)
        except Exception:
            notification_send.delay(notification_id)


@shared_task
def notifications_sweep() -> int:
    """Re-enqueue notifications left pending (the broker was down when they were written)."""
    ids = notifications.pending_notification_ids()
    for notification_id in ids:
        notification_send.delay(notification_id)
    return len(ids)


@shared_task(ignore_result=False)
def ping(value: int) -> int:
    """Round trip for health checks and the broker test."""
    return value + 1


@shared_task
def records_check() -> int:
    """The nightly data check: every rule over every centre; the dashboard shows the counts it keeps."""
    from jobcenter.datacheck import record_check_run

    return record_check_run().total


beat_schedule = {
    "notifications-sweep": {"task": "jobcenter.tasks.notifications_sweep", "schedule": 120.0},
    "records-check": {"task": "jobcenter.tasks.records_check", "schedule": crontab(hour=2, minute=15)},
}

from jobcenter.statistics.tasks import *  # noqa: E402,F403  (statistics tasks and beat entries)
