"""Authentication backends: django-axes' lockout check, and Django's ModelBackend reading the signed-in user from
the cache.

Every signed-in request loads its user (and, for staff, the second-factor device the session was verified with):
two queries before the view runs. With SIGNED_IN_CACHE_SECONDS (set when there is a cache every process shares,
Redis), both are kept in the cache for that long and dropped the moment the row is saved or deleted
(jobcenter/security/receivers.py): a deactivated account, a changed password or role, a removed device count on
the next request. The timeout only bounds what a write outside the ORM (raw SQL, QuerySet.update) leaves behind.
The user and the device are asked of the cache together, in one round trip (`read_together`, from OTPMiddleware).
"""

import contextlib
from contextvars import ContextVar

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth import backends
from django.core.cache import cache
from django.http import HttpRequest

# The path `login()` stores in the session for a password login (AUTHENTICATION_BACKENDS has two entries).
PASSWORD_BACKEND = "jobcenter.security.backends.ModelBackend"


def signed_in_user_key(user_id) -> str:
    return f"signed-in:user:{user_id}"


def signed_in_device_key(persistent_id: str) -> str:
    return f"signed-in:device:{persistent_id}"


# The entries `read_together` has read for the block it runs: {key: value, or None when not in the cache}.
_read_ahead: ContextVar[dict | None] = ContextVar("signed_in_read_ahead", default=None)


@contextlib.contextmanager
def read_together(keys: list[str]):
    """Reads these entries of the signed-in cache in one round trip; `cached()` in the block takes them from there.
    They are read when the block starts, as `cached()` would have read them a moment later: a row saved before the
    request began is dropped from the cache (jobcenter/security/receivers.py) and read again from the database."""
    if not settings.SIGNED_IN_CACHE_SECONDS or not keys:
        yield
        return
    found = cache.get_many(keys)
    token = _read_ahead.set({key: found.get(key) for key in keys})
    try:
        yield
    finally:
        _read_ahead.reset(token)


def cached(key: str, load):
    """`load()`, through the cache when SIGNED_IN_CACHE_SECONDS is set; None (nobody) is never cached."""
    seconds = settings.SIGNED_IN_CACHE_SECONDS
    if not seconds:
        return load()
    ahead = _read_ahead.get()
    found = ahead.pop(key) if ahead is not None and key in ahead else cache.get(key)
    if found is None:
        found = load()
        if found is not None:
            cache.set(key, found, seconds)
    return found


class AxesBackend(AxesStandaloneBackend):
    """django-axes' lockout check, skipped only where there is no request at all.

    Every login over HTTP (the login page, the admin's) passes its request and is checked. authenticate()
    without a request (management commands, Django's test client `login()`) cannot be throttled by
    address anyway; it falls through to ModelBackend as before.
    """

    def authenticate(self, request: HttpRequest | None, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


class ModelBackend(backends.ModelBackend):
    """Django's, with the signed-in user read through the cache (inactive accounts are refused as before)."""

    def get_user(self, user_id):
        return cached(signed_in_user_key(user_id), lambda: super(ModelBackend, self).get_user(user_id))
