"""The embedded PostgreSQL is stopped by its last live user, even after a user was killed."""

import json
import os
import subprocess
import sys

from jobcenter.embedded_db import _forget_dead_handles


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
