"""Every script in bench/ runs from a fresh clone: each builds its data in an empty database at a tiny size and prints
its figures, and `--help` answers without a database (issue 29). A check that the scripts work, not a timing: the
figures at scale are in docs/scaling.md, docs/matching.md and docs/statistics.md.

bench/matching.py once stopped on a fresh database (it truncated a table a migration had removed) and nobody knew
until someone tried to reproduce its figures; this runs them all, as subprocesses, in databases of their own.
"""

import json
import os
import subprocess
import sys
import uuid
from pathlib import Path
from urllib.parse import quote

import psycopg
import pytest
from django.db import connections

ROOT = Path(__file__).resolve().parents[2]
UNREACHABLE = "postgresql://nobody@127.0.0.1:9/none"  # port 9 (discard): any attempt to connect fails at once

# script, its arguments at a tiny size, the figures it must print
RUNS = [
    ("bench/seeker_search.py", ["--size", "300", "--sample", "14"], ["seeker_search_2char_p95_ms",
                                                                     "seeker_search_slowest_ms"]),
    ("bench/vacancy_search.py", ["--size", "300", "--queries", "14"], ["vacancy_search_p95_ms"]),
    ("bench/statistics.py", ["--size", "20000", "--requests", "2"], ["month_rollup_s", "dashboard_p95_ms"]),
    ("bench/matching.py", ["--size", "400", "--runs", "1"], ["full_refresh_s", "candidate_page_p95_ms"]),
    ("bench/load/page_profile.py", ["--size", "300", "--requests", "1"], ["profile_seeker_list"]),
]  # fmt: skip
# Every script with a command line; bench/load/run.py is only asked for --help here, for it starts gunicorn, a
# Celery worker and locust against the machine's Redis (docs/scaling.md).
SCRIPTS = sorted(
    str(path.relative_to(ROOT))
    for path in (ROOT / "bench").rglob("*.py")
    if 'if __name__ == "__main__"' in path.read_text(encoding="utf-8")
)


def url_for(name: str) -> str:
    """A postgres:// URL for database `name` on the test server (jobcenter.env.database reads it back)."""
    params = connections["default"].settings_dict
    user = quote(params["USER"]) + (":" + quote(params["PASSWORD"]) if params["PASSWORD"] else "")
    host = params["HOST"] or "localhost"
    if host.startswith("/"):  # a Unix socket folder (the embedded server)
        return f"postgresql://{user}@/{name}?host={quote(host)}"
    return f"postgresql://{user}@{host}:{params['PORT'] or 5432}/{name}"


def run(script: str, args: list[str], env: dict) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, str(ROOT / script), *args],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=900,
    )


@pytest.fixture(scope="module")
def server():
    """Creates databases on the test server and drops them at the end, with a migrated, empty template to copy
    (each script's own `migrate` then has nothing to do: the suite pays for one migration, not five)."""
    created = []
    admin = psycopg.connect(url_for("postgres"), autocommit=True)

    def create(name: str, template: str | None = None) -> str:
        admin.execute(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else ""))
        created.append(name)
        return url_for(name)

    template = f"bench_ci_{uuid.uuid4().hex[:8]}"
    migrated = run("manage.py", ["migrate", "--verbosity", "0"], {"DATABASE_URL": create(template)})
    assert migrated.returncode == 0, migrated.stderr
    yield lambda name: create(f"{template}_{name}", template)
    for name in reversed(created):
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    admin.close()


@pytest.mark.parametrize("script", SCRIPTS)
def test_bench_script__help__answers_without_touching_a_database(script):
    unreachable = {"DATABASE_URL": UNREACHABLE, "BENCH_DATABASE_URL": UNREACHABLE}
    result = run(script, ["--help"], {**unreachable, "BENCH_LOAD_DATABASE_URL": UNREACHABLE})

    assert result.returncode == 0, result.stderr
    assert "usage:" in result.stdout


@pytest.mark.parametrize(("script", "args", "figures"), RUNS, ids=[script for script, _, _ in RUNS])
def test_bench_script__on_an_empty_database_at_a_tiny_size__builds_its_data_and_prints_its_figures(
    server, tmp_path, script, args, figures
):
    url = server(Path(script).stem)
    env = {"BENCH_DATABASE_URL": url, "BENCH_LOAD_DATABASE_URL": url, "LOAD_WORKDIR": str(tmp_path)}

    result = run(script, args, env)

    assert result.returncode == 0, result.stderr[-3000:]
    printed = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    names = {figure["name"] for figure in printed}
    assert set(figures) <= names, result.stdout
    assert all(isinstance(figure["value"], int | float) for figure in printed)
