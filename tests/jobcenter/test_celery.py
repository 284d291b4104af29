"""Tasks through a real Redis to a real Celery worker (see tests/celery_worker.py)."""

import time

import pytest

from jobcenter.models import Notification
from jobcenter.notifications import notify
from jobcenter.tasks import ping

pytestmark = pytest.mark.celery_worker


def wait_for_success(celery_worker, task: str, task_id: str, seconds: float) -> None:
    """Until the worker's log says the task succeeded (it logs after storing any result and finishing its work)."""
    deadline = time.monotonic() + seconds
    while f"Task {task}[{task_id}] succeeded" not in celery_worker.log():
        assert time.monotonic() < deadline, celery_worker.log()
        time.sleep(0.1)


def test_ping__goes_through_redis_to_a_real_worker_and_its_result_comes_back(celery_worker, transactional_db):
    result = ping.delay(41)
    assert result.get(timeout=30) == 42
    # The worker stores the result before it logs the success: give the log line a moment to follow.
    wait_for_success(celery_worker, "jobcenter.tasks.ping", result.id, seconds=10)


def test_notify__is_delivered_by_the_real_worker_which_marks_the_row_sent(celery_worker, transactional_db):
    [notification] = notify(
        template="jobcenter_test_message",
        context={"site": "인천 서구 일자리센터"},
        email="kim@example.kr",
        key="celery-round-trip",
    )
    deadline = time.monotonic() + 30
    notification.refresh_from_db()
    while notification.status == Notification.Status.PENDING and time.monotonic() < deadline:
        time.sleep(0.2)
        notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT, celery_worker.log()
    assert notification.attempts == 1
    assert notification.sent_at is not None
    assert "jobcenter.tasks.notifications_send" in celery_worker.log()


def test_tasks_nobody_waits_for__leave_no_result_in_redis__while_ping_does(celery_worker, transactional_db):
    import redis

    from jobcenter.tasks import notification_send
    from tests.celery_worker import redis_test_url

    notification = Notification.objects.create(
        channel=Notification.Channel.EMAIL, recipient="kim@example.kr", subject="안내", body="면접 일정"
    )
    sent = notification_send.delay(notification.pk)
    pinged = ping.delay(1)
    assert pinged.get(timeout=30) == 2
    wait_for_success(celery_worker, "jobcenter.tasks.notification_send", sent.id, seconds=30)
    stored = redis.Redis.from_url(redis_test_url())
    assert stored.exists(f"celery-task-meta-{pinged.id}")
    assert not stored.exists(f"celery-task-meta-{sent.id}")


def test_worker_fixture__sees_no_redis_on_a_closed_port():
    from tests.celery_worker import redis_answers
    from tests.jobcenter.test_healthz import closed_port

    assert redis_answers(f"redis://127.0.0.1:{closed_port()}/0") is False


def test_worker_fixture__builds_a_url_for_the_test_database_that_the_settings_read_back(settings, monkeypatch):
    from pathlib import Path

    from jobcenter import env
    from tests.celery_worker import worker_database_url

    settings.DATABASES = {
        "default": {**settings.DATABASES["default"], "NAME": "test_x", "USER": "pg", "PASSWORD": "p@ss/word"}
    }
    for host, port in (("/srv/pg sockets", ""), ("db.internal", "5433")):
        settings.DATABASES["default"].update(HOST=host, PORT=port)
        monkeypatch.setenv("WORKER_DATABASE_URL", worker_database_url())
        parsed = env.database("WORKER_DATABASE_URL", Path("/nonexistent"))
        assert (parsed["NAME"], parsed["USER"], parsed["PASSWORD"]) == ("test_x", "pg", "p@ss/word")
        assert (parsed["HOST"], parsed["PORT"]) == (host, port)
