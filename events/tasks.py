"""Event notices that run on a schedule. Sign-up, promotion and cancellation notices are queued by the services
through notify() and sent by jobcenter.tasks.notifications_send after commit."""

from celery import shared_task
from celery.schedules import crontab

from events import services


@shared_task
def event_reminders_send() -> int:
    """Remind tomorrow's confirmed participants; idempotent (one notification key per registration)."""
    return services.reminders_queue()


beat_schedule = {
    "events-reminders": {"task": "events.tasks.event_reminders_send", "schedule": crontab(hour=10, minute=0)},
}
