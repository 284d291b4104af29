"""The README's commands of `dev.py`, run as written (`python3 dev.py ...` in the checkout): the second-factor code,
a busy port, the reset of the demo data; and the embedded Redis-compatible server they rely on."""

import os
import re
import socket
import subprocess
import time

import psycopg
import pytest
from django.conf import settings
from django.core.management import call_command
from django_otp.oath import TOTP

from jobcenter import embedded_redis
from jobcenter.security.demo import DEMO_TOTP_KEY
from tests.celery_worker import worker_database_url


def dev_py(*args: str, env: dict | None = None, timeout: float = 300) -> subprocess.CompletedProcess:
    environment = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG"}}
    environment.update(env or {})
    return subprocess.run(
        ["python3", "dev.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def test_dev_py_otp__prints_the_current_code_of_a_demo_staff_account(transactional_db):
    call_command("seed_demo", verbosity=0)
    totp = TOTP(DEMO_TOTP_KEY, step=30, t0=0, digits=6)
    totp.time = time.time()
    result = dev_py("otp", "manager", env={"DATABASE_URL": worker_database_url()})
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"\d{6}", code), result.stdout
    expected = {f"{totp.token():06d}"}
    totp.time = time.time()  # the command may have run in the next 30-second step
    expected.add(f"{totp.token():06d}")
    assert code in expected


def test_dev_py_run__on_a_busy_port__says_so_and_which_option_to_use():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        started = time.monotonic()
        result = dev_py("run", "--port", str(port))
        by_env = dev_py("run", env={"PORT": str(port)})
    assert result.returncode != 0
    assert f"Port {port} is in use" in result.stderr
    assert f"python3 dev.py run --port {port + 1}" in result.stderr
    assert f"Port {port} is in use" in by_env.stderr
    assert time.monotonic() - started < 120  # refused before starting anything


def test_dev_py_reset__deletes_the_embedded_demo_database_and_the_redis_data(tmp_path):
    if os.environ.get("DATABASE_URL"):
        pytest.skip("reset works on the embedded PostgreSQL only (DATABASE_URL is set)")
    name = settings.DATABASES["default"]["TEST"]["NAME"] + "_reset"
    redis_dir, mail_dir = tmp_path / "redisdata", tmp_path / "devmail"
    (redis_dir / "dump.rdb").parent.mkdir()
    (redis_dir / "dump.rdb").write_bytes(b"REDIS")
    env = {"EMBEDDED_DATABASE_NAME": name, "REDIS_DATA_DIR": str(redis_dir), "EMAIL_FILE_PATH": str(mail_dir)}
    url = worker_database_url(name)
    with psycopg.connect(worker_database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        with psycopg.connect(url, autocommit=True) as connection:
            connection.execute("CREATE TABLE demo_row (id int)")
        result = dev_py("reset", env=env)
        assert result.returncode == 0, result.stderr
        assert "next `python3 dev.py run`" in result.stdout
        with psycopg.connect(url, autocommit=True) as connection:
            assert connection.execute("SELECT to_regclass('demo_row')").fetchone() == (None,)
        assert not redis_dir.exists()
        refused = dev_py("reset", env={**env, "DATABASE_URL": url})
        assert refused.returncode != 0 and "DATABASE_URL is set" in refused.stderr
    finally:
        with psycopg.connect(worker_database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_the_embedded_redis__answers_on_a_free_port__keeps_its_data_in_its_folder__and_stops(tmp_path):
    import redis

    server = embedded_redis.start(tmp_path / "redisdata")
    try:
        client = redis.Redis.from_url(server.url)
        client.set("demo", "살아 있음")
        assert client.get("demo").decode() == "살아 있음"
        assert server.port != 6379
    finally:
        server.stop()
    assert not embedded_redis.answers(server.url)
    assert (tmp_path / "redisdata" / "dump.rdb").exists()  # saved at stop: the next run finds its queues
    again = embedded_redis.start(tmp_path / "redisdata")
    try:
        assert redis.Redis.from_url(again.url).get("demo").decode() == "살아 있음"
    finally:
        again.stop()
