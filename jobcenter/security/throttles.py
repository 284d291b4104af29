"""Fixed-window counters in the shared cache (settings.CACHES["shared"]: Redis, else PostgreSQL), so every gunicorn
worker counts the same attempts: failed logins per address and per account, password-reset requests per address
and per account, and the public API's requests per address (employers/api.py)."""

import datetime
import hashlib
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone


def shared_cache():
    return caches["shared"]


@dataclass(frozen=True)
class Limit:
    scope: str
    setting: str  # the name of the (count, seconds) setting

    @property
    def count(self) -> int:
        return getattr(settings, self.setting)[0]

    @property
    def seconds(self) -> int:
        return getattr(settings, self.setting)[1]

    def _window(self) -> int:
        return int(time.time() // self.seconds)

    def _key(self, ident: str) -> str:
        digest = hashlib.sha256(ident.strip().lower().encode()).hexdigest()[:32]
        return f"throttle:{self.scope}:{digest}:{self._window()}"

    def hit(self, ident: str | None) -> None:
        if not ident:
            return
        key, cache = self._key(ident), shared_cache()
        if not cache.add(key, 1, timeout=self.seconds + 60):
            try:
                cache.incr(key)
            except ValueError:  # expired between add and incr
                cache.add(key, 1, timeout=self.seconds + 60)

    def blocked_until(self, ident: str | None) -> datetime.datetime | None:
        """The end of this window when the count is used up, else None."""
        if not ident:
            return None
        if (shared_cache().get(self._key(ident)) or 0) < self.count:
            return None
        return datetime.datetime.fromtimestamp((self._window() + 1) * self.seconds, tz=datetime.UTC)


LOGIN_PER_ADDRESS = Limit("login-address", "LOGIN_FAILURES_PER_ADDRESS")
LOGIN_PER_ACCOUNT = Limit("login-account", "LOGIN_FAILURES_PER_ACCOUNT")
RESET_PER_ADDRESS = Limit("reset-address", "PASSWORD_RESETS_PER_ADDRESS")
RESET_PER_ACCOUNT = Limit("reset-account", "PASSWORD_RESETS_PER_ACCOUNT")


def throttled_page(request: HttpRequest, until: datetime.datetime) -> HttpResponse:
    """429 with the time to try again, on the page and in Retry-After."""
    seconds = max(1, int((until - timezone.now()).total_seconds()))
    response = render(
        request,
        "security/throttled.html",
        {"until_time": timezone.localtime(until).strftime("%H:%M"), "minutes": -(-seconds // 60)},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
