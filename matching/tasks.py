"""Beat tasks of the referral workflow: thin, idempotent, they call services."""

from celery import shared_task
from celery.schedules import crontab

from matching import services


@shared_task
def referral_reminders_send() -> int:
    """Remind employers who have not answered a referral within REFERRAL_REMINDER_DAYS (once per wait)."""
    return services.referral_reminders_send()


@shared_task
def follow_ups_create_due() -> int:
    """Create the post-placement follow-ups that have come due (FOLLOW_UP_MONTHS)."""
    return services.follow_ups_create_due()


beat_schedule = {
    "matching-follow-ups-create-due": {
        "task": "matching.tasks.follow_ups_create_due",
        "schedule": crontab(hour=5, minute=30),
    },
    "matching-referral-reminders": {
        "task": "matching.tasks.referral_reminders_send",
        "schedule": crontab(hour=9, minute=0),
    },
}

# The scorer's tasks (matching/scoring_tasks.py), imported here so that Celery's autodiscovery registers them.
from matching.scoring_tasks import *  # noqa: E402,F403
from matching.scoring_tasks import scoring_beat_schedule  # noqa: E402

beat_schedule.update(scoring_beat_schedule)
