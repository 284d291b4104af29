"""The production shape: settings that pass `check --deploy`, security headers, docker-compose and .env.example."""

import os
import re
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from django.conf import settings
from django.urls import reverse

ROOT = Path(settings.BASE_DIR)


def production_env(**extra: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        # DJANGO_ALLOW_ASYNC_UNSAFE comes from the browser tests' conftest; production never sets it.
        if key not in {"DEBUG", "TESTING", "DATABASE_URL", "REDIS_URL", "SECRET_KEY", "DJANGO_ALLOW_ASYNC_UNSAFE"}
    }
    env.update(
        PRODUCTION="1",
        SECRET_KEY=secrets.token_urlsafe(64),
        ALLOWED_HOSTS="jobs.example.go.kr",
        CSRF_TRUSTED_ORIGINS="https://jobs.example.go.kr",
        # A server that does not exist: the deploy checks must not need a database.
        DATABASE_URL="postgres://jobcenter:secret@127.0.0.1:9/jobcenter",
        REDIS_URL="redis://127.0.0.1:9/0",
        **extra,
    )
    return env


def manage(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )


def test_production_settings_pass_check_deploy_without_a_single_warning():
    result = manage("check", "--deploy", "--fail-level", "WARNING", env=production_env())
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_production_settings_refuse_to_start_without_a_secret_key():
    env = production_env()
    del env["SECRET_KEY"]
    result = manage("check", env=env)
    assert result.returncode != 0
    assert "SECRET_KEY must be set in production" in result.stderr


def test_responses_carry_a_content_security_policy_without_inline_script(client, db):
    response = client.get(reverse("login"))
    policy = dict(
        directive.strip().split(" ", 1) for directive in response["Content-Security-Policy"].split(";") if directive
    )
    assert policy["script-src"] == "'self'"
    assert "unsafe-inline" not in policy.get("style-src", "")
    assert "unsafe-eval" not in policy["script-src"]
    assert policy["frame-ancestors"] == "'none'"
    assert policy["object-src"] == "'none'"


def test_responses_forbid_framing_and_sniffing_and_limit_the_referrer(client, db):
    response = client.get(reverse("login"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_production_sends_hsts_and_redirects_plain_http_but_not_the_health_check():
    # Settings are read once per process, so production is exercised in a subprocess with Django's test client.
    script = """
import django
django.setup()
from django.test import Client, override_settings
from django.test.utils import setup_test_environment
setup_test_environment()
# The image runs collectstatic for the manifest storage; this process has not, so it serves unhashed names.
override_settings(
    STORAGES={"staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
).enable()
client = Client(HTTP_HOST="jobs.example.go.kr")
plain = client.get("/accounts/login/")
print("plain", plain.status_code, plain.get("Location"))
secure = client.get("/accounts/login/", secure=True)
print("hsts", secure.get("Strict-Transport-Security"))
print("cookie-secure", secure.cookies["csrftoken"]["secure"] if "csrftoken" in secure.cookies else "none")
health = client.get("/healthz")
print("healthz", health.status_code)
"""
    env = production_env(DJANGO_SETTINGS_MODULE="jobcenter.settings")
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=ROOT, env=env, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines() if " " in line)
    assert lines["plain"] == "301 https://jobs.example.go.kr/accounts/login/"
    assert lines["hsts"] == "max-age=31536000; includeSubDomains; preload"
    # The database is unreachable here: the health check answers (503, not a redirect or a crash).
    assert lines["healthz"] == "503"


def compose() -> dict:
    return yaml.safe_load((ROOT / "docker-compose.yml").read_text())


def test_docker_compose_names_postgres_redis_web_worker_and_beat_with_health_checks():
    services = compose()["services"]
    assert {"postgres", "redis", "web", "worker", "beat"} <= set(services)
    for name in ("postgres", "redis", "web", "worker", "beat"):
        assert services[name].get("healthcheck", {}).get("test"), f"{name} has no health check"
    assert "gunicorn" in services["web"]["command"]
    assert "/healthz" in " ".join(services["web"]["healthcheck"]["test"])
    assert services["worker"]["command"][:4] == ["celery", "-A", "jobcenter", "worker"]
    assert services["beat"]["command"][:4] == ["celery", "-A", "jobcenter", "beat"]
    assert (ROOT / "Dockerfile").exists()


def test_docker_compose_runs_production_settings_with_volumes_and_the_env_file():
    document = compose()
    services = document["services"]
    assert {"pgdata", "redisdata"} <= set(document["volumes"])
    for name in ("web", "worker", "beat"):
        service = services[name]
        assert service["env_file"] == ".env"
        assert service["environment"]["PRODUCTION"] == "1"
        assert service["environment"]["DATABASE_URL"].startswith("postgres://")
        assert service["environment"]["REDIS_URL"].startswith("redis://redis:")
    assert services["web"]["depends_on"]["migrate"]["condition"] == "service_completed_successfully"


def test_env_example_documents_every_variable_the_settings_read():
    read = set(re.findall(r'env\.\w+\("([A-Z_]+)"', (ROOT / "jobcenter" / "settings.py").read_text()))
    documented = set(re.findall(r"^#?([A-Z_]+)=", (ROOT / ".env.example").read_text(), re.MULTILINE))
    assert read, "no env.* calls found in settings.py"
    missing = read - documented
    assert not missing, f"add these to .env.example with a line on what they do: {sorted(missing)}"
    # And what docker-compose.yml interpolates from .env.
    interpolated = set(re.findall(r"\$\{([A-Z_]+)", (ROOT / "docker-compose.yml").read_text()))
    assert interpolated - documented == set()


@pytest.mark.parametrize("command", ["run", "test"])
def test_readme_opens_with_the_two_commands_and_ci_calls_the_second(command):
    readme = (ROOT / "README.md").read_text()
    first_block = readme.split("```")[1]
    assert f"python3 dev.py {command}" in first_block
    assert "python3 dev.py test" in (ROOT / ".ci" / "run").read_text()
