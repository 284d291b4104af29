"""/healthz: JSON for the compose health checks and monitoring; the database decides the status code."""

import socket
import time

from django.db import OperationalError
from django.urls import reverse


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]  # nothing listens once the probe is closed


def test_healthz__without_a_broker__reports_eager_tasks(client, db, settings):
    settings.REDIS_URL = ""
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "broker": "eager"}


def test_healthz__with_redis_down__still_answers_200_because_the_database_works(client, db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{closed_port()}/0"
    started = time.monotonic()
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["broker"].startswith("error: ")
    assert time.monotonic() - started < 5, "a dead broker must not hang the health check"


def test_healthz__with_the_database_unreachable__answers_503(client, db, monkeypatch, settings):
    settings.REDIS_URL = ""

    class UnreachableDatabase:
        def cursor(self):
            raise OperationalError("connection refused")

    monkeypatch.setattr("jobcenter.views.connection", UnreachableDatabase())
    response = client.get(reverse("healthz"))
    assert response.status_code == 503
    assert response.json() == {"status": "error", "database": "error: OperationalError", "broker": "eager"}


def test_healthz__is_json_that_is_never_cached(client, db):
    response = client.get(reverse("healthz"))
    assert response["Content-Type"] == "application/json"
    assert "no-cache" in response["Cache-Control"]


def test_healthz__refuses_post(client, db):
    assert client.post(reverse("healthz")).status_code == 405


def test_healthz__with_a_live_redis__reports_the_broker_ok(client, db, settings):
    from tests.celery_worker import redis_test_url

    settings.REDIS_URL = redis_test_url()  # our own embedded server unless REDIS_TEST_URL / REDIS_URL say another
    assert client.get(reverse("healthz")).json()["broker"] == "ok"
