"""Celery tasks of the seekers app: thin, idempotent, ids in, services do the work."""

from celery import shared_task
from celery.schedules import crontab

from seekers import services


@shared_task
def seekers_expire() -> int:
    """Mark registrations without activity for REGISTRATION_EXPIRY_MONTHS; they then show for renewal."""
    return len(services.seekers_mark_expired())


@shared_task
def booking_reminders() -> int:
    """Queue tomorrow's visit reminders; the notification key makes a second run send nothing new."""
    return services.booking_reminders_send()


@shared_task
def case_changes_prune() -> int:
    """Delete the case page's change rows older than two days (seekers/case_page.py counts today's only)."""
    from seekers.case_page import case_changes_prune

    return case_changes_prune()


beat_schedule = {
    "seekers-case-changes-prune": {"task": "seekers.tasks.case_changes_prune", "schedule": crontab(hour=3, minute=40)},
    "seekers-expire": {"task": "seekers.tasks.seekers_expire", "schedule": crontab(hour=2, minute=10)},
    "seekers-booking-reminders": {"task": "seekers.tasks.booking_reminders", "schedule": crontab(hour=10, minute=0)},
}
