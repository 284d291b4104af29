#!/usr/bin/env python3
"""Ctrl+C on `python3 dev.py run` leaves nothing behind, PostgreSQL and Redis included: a check of the process table.

    python3 scripts/check_dev_run_stop.py [--port 8010]

Starts `python3 dev.py run` in this checkout as a newcomer would (its embedded PostgreSQL in .pgdata/, its embedded
Valkey in .redisdata/), waits until /healthz says the database and the broker are ok, sends SIGINT to its process
group (what a terminal's Ctrl+C does), and then lists every process still running whose command line names this
checkout's .pgdata/ or .redisdata/ or that descended from the run. Exit 0 when there is none.

Run it while nothing else uses this checkout's embedded PostgreSQL (no test session, no other run): that server is
stopped by its last user, and another user would rightly keep it running. tests/browser/test_live_demo.py checks the
same for the run's own processes, on a database of the test server.
"""

import argparse
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def processes() -> dict[int, str]:
    found = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                found[int(entry.name)] = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            except OSError:
                continue
    return found


def descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, default=8010)
    args = parser.parse_args()
    env = {key: value for key, value in os.environ.items() if key not in {"DATABASE_URL", "REDIS_URL"}}
    run = subprocess.Popen(
        ["python3", "dev.py", "run", "--port", str(args.port)], cwd=ROOT, env=env, start_new_session=True
    )
    deadline = time.monotonic() + 600
    while True:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{args.port}/healthz", timeout=5) as response:
                health = json.loads(response.read())
            if health.get("broker") == "ok":
                break
        except OSError:
            pass
        if run.poll() is not None or time.monotonic() > deadline:
            print("the run did not come up", file=sys.stderr)
            return 2
        time.sleep(2)
    time.sleep(5)  # worker and beat up too
    tree = descendants(run.pid) | {run.pid}
    ours = (str(ROOT / ".pgdata"), str(ROOT / ".redisdata"), "valkey-server")
    before = {pid: command for pid, command in processes().items() if pid in tree or any(s in command for s in ours)}
    print(f"/healthz: {health}; {len(before)} processes of the run, Ctrl+C now:", flush=True)
    for pid, command in sorted(before.items()):
        print(f"  {pid} {command[:150]}")
    os.killpg(run.pid, signal.SIGINT)
    run.wait(timeout=120)
    time.sleep(3)
    left = {pid: command for pid, command in processes().items() if pid in before}
    for pid, command in left.items():
        print(f"left behind: {pid} {command}")
    print("nothing left behind" if not left else f"{len(left)} processes left behind")
    return 1 if left else 0


if __name__ == "__main__":
    sys.exit(main())
