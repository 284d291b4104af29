"""Job alerts through the real Celery worker (tests/celery_worker.py): beat's task, run by the worker, writes one
message per subscriber per run, none to a seeker who withdrew the consent; the message's link stops the alerts."""

import re
import time

import pytest
from django.test import Client
from django.utils import timezone

from alerts.models import JobAlert
from alerts.tasks import alerts_send
from jobcenter.models import Notification
from seekers.services import consent_withdraw
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.factories import BoothFactory
from tests.jobcenter.test_celery import wait_for_success
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.celery_worker


def run_alerts(celery_worker) -> None:
    """Beat's task, through Redis to the worker; back when the worker logs it done (it stores no result)."""
    result = alerts_send.delay("daily")
    wait_for_success(celery_worker, "alerts.tasks.alerts_send", result.id, seconds=60)


def wait_until_sent(recipient: str, seconds: float = 30) -> list[Notification]:
    deadline = time.monotonic() + seconds
    while True:
        rows = list(Notification.objects.filter(recipient=recipient))
        # The run wrote the messages when the worker logged it done; their delivery is the outbox's business
        # (tests/jobcenter/test_celery.py), so queued is enough here.
        if rows:
            return rows
        assert time.monotonic() < deadline, [(row.recipient, row.status) for row in rows]
        time.sleep(0.2)


def test_alert_run__one_message_per_subscriber__none_after_withdrawal__and_the_link_unsubscribes(
    celery_worker, transactional_db
):
    booth = BoothFactory()
    before = timezone.now()
    kim = SeekerFactory(booth=booth, email="kim@example.kr", consented=["collection", "job_news"])
    lee = SeekerFactory(booth=booth, email="lee@example.kr", consented=["collection", "job_news"])
    park = SeekerFactory(booth=booth, email="park@example.kr", consented=["collection", "job_news"])
    for seeker in (kim, lee, park):
        # Two alerts each, both matching: still one message per subscriber.
        JobAlert.objects.create(seeker=seeker, q="지게차", frequency="daily", channel="email", checked_until=before)
        JobAlert.objects.create(seeker=seeker, q="물류", frequency="daily", channel="email", checked_until=before)
    consent_withdraw(seeker=park, kind="job_news", by=None)

    company = CompanyFactory(centre=booth.centre, name="청라산업(주)")
    VacancyFactory(company=company, published=True, title="지게차 운전원", duties="물류센터 상하차")
    VacancyFactory(company=company, published=True, title="물류 지게차 보조")
    VacancyFactory(company=company, published=True, title="사무 보조")  # matches neither alert

    run_alerts(celery_worker)

    [kim_message] = wait_until_sent("kim@example.kr")
    [lee_message] = wait_until_sent("lee@example.kr")
    assert not Notification.objects.filter(recipient="park@example.kr").exists()
    assert "지게차 운전원" in kim_message.body and "물류 지게차 보조" in kim_message.body
    assert "사무 보조" not in kim_message.body

    # A second run the same day finds nothing new and writes nothing.
    run_alerts(celery_worker)
    assert Notification.objects.filter(recipient="kim@example.kr").count() == 1

    # The link works without logging in: the page asks, the button stops Kim's alerts (and only Kim's).
    link = re.search(r"https?://\S+/alerts/unsubscribe/(\S+)/", kim_message.body)
    assert link, kim_message.body
    path = f"/alerts/unsubscribe/{link.group(1)}/"
    client = Client()
    page = client.get(path)
    assert page.status_code == 200 and "Stop the alerts" in page.content.decode()
    assert JobAlert.objects.filter(seeker=kim, stopped_at__isnull=True).count() == 2
    done = client.post(path)
    assert "are stopped" in done.content.decode()
    assert JobAlert.objects.filter(seeker=kim, stopped_at__isnull=True).count() == 0
    assert JobAlert.objects.filter(seeker=lee, stopped_at__isnull=True).count() == 2
    # A changed link stops nothing.
    assert client.post(path[:-3] + "xx/").status_code == 404

    # The next new vacancy reaches Lee only; Park, who withdrew, still gets nothing.
    VacancyFactory(company=company, published=True, title="지게차 야간 운전원")
    run_alerts(celery_worker)
    second = wait_until_sent("lee@example.kr")
    assert len(second) == 2 and "지게차 야간 운전원" in max(second, key=lambda row: row.pk).body
    assert Notification.objects.filter(recipient="kim@example.kr").count() == 1
    assert not Notification.objects.filter(recipient="park@example.kr").exists()
