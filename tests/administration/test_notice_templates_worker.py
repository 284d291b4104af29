"""An administrator's edit in the web process reaches the notices the Celery worker writes, through the cache both
share (Redis): the worker's next notice uses the new text although its earlier notices had read the overrides."""

import datetime

import pytest
from django.utils import timezone

from jobcenter.administration.services import notice_template_save
from jobcenter.models import Notification
from seekers.tasks import booking_reminders
from tests.factories import UserFactory
from tests.jobcenter.test_celery import wait_for_success
from tests.seekers.factories import BookingFactory, SeekerFactory

pytestmark = pytest.mark.celery_worker


def remind(celery_worker, seeker) -> Notification:
    """A visit tomorrow, and beat's reminder task run by the worker (which renders the notice)."""
    tomorrow = timezone.localtime() + datetime.timedelta(days=1)
    starts_at = tomorrow.replace(hour=10, minute=0, second=0, microsecond=0)
    BookingFactory(seeker=seeker, starts_at=starts_at, ends_at=starts_at + datetime.timedelta(minutes=30))
    result = booking_reminders.delay()
    wait_for_success(celery_worker, "seekers.tasks.booking_reminders", result.id, seconds=60)
    return Notification.objects.get(recipient=seeker.email)


def test_an_edit_in_the_web_process__is_used_by_the_workers_next_notice(celery_worker, transactional_db, settings):
    settings.CACHES = {
        **settings.CACHES,
        "default": {"BACKEND": "jobcenter.cache.RedisCache", "LOCATION": celery_worker.redis_url},
    }
    kim = SeekerFactory(email="kim@example.kr")
    lee = SeekerFactory(email="lee@example.kr")

    before = remind(celery_worker, kim)
    assert "[새 문구]" not in before.body

    notice_template_save(
        template="seekers_booking_reminder",
        subject="내일 방문상담 안내",
        body="{{ name }}님, {{ when }} 상담이 있습니다. [새 문구]",
        by=UserFactory(administrator=True),
    )

    after = remind(celery_worker, lee)
    assert after.subject == "내일 방문상담 안내" and "[새 문구]" in after.body, celery_worker.log()
