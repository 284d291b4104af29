"""scripts/backup.sh and scripts/restore.sh: a dump restored into a fresh database holds every row."""

import os
import subprocess
import uuid
from urllib.parse import urlparse, urlunparse

import psycopg
import pytest
from django.conf import settings
from django.db import connection

from tests.celery_worker import worker_database_url as database_url_of_tests

pytestmark = pytest.mark.django_db(transaction=True)


def table_counts(url: str) -> dict[str, int]:
    with psycopg.connect(url) as conn:
        tables = [r[0] for r in conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'public'")]
        return {t: conn.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in sorted(tables)}


def test_a_backup_restored_into_a_fresh_database__has_every_table_and_row(world, tmp_path):
    source = database_url_of_tests()
    fresh_name = f"test_jc_restore_{uuid.uuid4().hex[:8]}"
    parsed = urlparse(source)
    fresh = urlunparse(parsed._replace(path=f"/{fresh_name}"))
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{fresh_name}"')
    try:
        env = {**os.environ, "DATABASE_URL": source}
        dump = tmp_path / "jobcenter.dump"
        backup = subprocess.run(
            ["scripts/backup.sh", str(dump)],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert backup.returncode == 0, backup.stderr
        assert dump.stat().st_size > 0 and oct(dump.stat().st_mode)[-3:] == "600"
        restore = subprocess.run(
            ["scripts/restore.sh", str(dump), fresh],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert restore.returncode == 0, restore.stderr
        before, after = table_counts(source), table_counts(fresh)
        assert after == before
        assert after["seekers_seeker"] >= 2 and after["jobcenter_region"] > 0
        with psycopg.connect(fresh) as conn:
            names = {r[0] for r in conn.execute("SELECT name FROM seekers_seeker")}
            triggers = {r[0] for r in conn.execute("SELECT tgname FROM pg_trigger WHERE NOT tgisinternal")}
        assert {"김하나", "이두리"} <= names
        assert "seekers_accessrecord_append_only" in triggers  # the protections come back too
        again = subprocess.run(
            ["scripts/restore.sh", str(dump), fresh],
            cwd=settings.BASE_DIR,
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
        )
        assert again.returncode == 2 and "empty" in again.stderr  # never over a live database by accident
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{fresh_name}" WITH (FORCE)')
