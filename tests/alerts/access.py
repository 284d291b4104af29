"""Objects the access table (tests/access_table.py) needs for the job-alert and talent-search URLs."""

from django.utils import timezone

from alerts.models import JobAlert
from alerts.services import unsubscribe_token


def alert_a(world) -> dict:
    from seekers.services import consent_give

    consent_give(seeker=world.seeker_a, kind="job_news", by=None)
    alert = JobAlert.objects.create(seeker=world.seeker_a, channel="sms", checked_until=timezone.now())
    return {"pk": alert.pk}


def unsubscribe_a(world) -> dict:
    return {"token": unsubscribe_token([alert_a(world)["pk"]])}


def talent_a(world) -> dict:
    """Seeker A, findable in the talent search."""
    from seekers.services import consent_give

    consent_give(seeker=world.seeker_a, kind="talent", by=None)
    return {"pk": world.seeker_a.pk}


def talent_request_data(world) -> dict:
    return {"vacancy": world.vacancy_a.pk, "note": "면접 희망"}
