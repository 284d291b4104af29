"""The rules every request passes. First, before anything reads it: no NUL byte from a query string reaches a
view (NulFreeQueryMiddleware). Then two, after authentication:

- staff (counselors, managers, administrators) reach nothing but the login, logout, language and
  second-factor pages until they have entered a TOTP code in this session (django-otp);
- a staff session idle for STAFF_IDLE_MINUTES ends (seekers and employers keep Django's session age).

An account set inactive loses its session on the next request already (ModelBackend refuses inactive
users); `user_deactivate` also deletes the stored sessions at once.
"""

import time
from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, QueryDict
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext as _
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp import middleware as otp_middleware

from jobcenter.models import STAFF_ROLES
from jobcenter.security.backends import cached, read_together, signed_in_device_key, signed_in_user_key

LAST_SEEN_KEY = "_security_last_seen"
# The last-seen time is stored again only when it is older than this: storing it on every request made every
# staff page view an UPDATE of the session row. The idle rule reads the stored time, so a session may end up
# to this many seconds before STAFF_IDLE_MINUTES of true idleness, never after.
LAST_SEEN_REFRESH_SECONDS = 60

# Pages a staff member may open before the second factor: they show no personal data.
OPEN_PREFIXES = (
    "/accounts/login/",
    "/accounts/logout/",
    "/accounts/2fa/",
    "/accounts/password/reset/",
    "/accounts/reset/",
    "/i18n/",
    "/healthz",
    "/favicon.ico",
)


def needs_second_factor(user) -> bool:
    return bool(user.is_authenticated and getattr(user, "role", None) in STAFF_ROLES)


class SessionSecurityMiddleware:
    """Ends idle staff sessions; stores the last-seen time at most once a minute."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if needs_second_factor(user):
            now = time.time()
            last_seen = request.session.get(LAST_SEEN_KEY)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_MINUTES * 60:
                from jobcenter.security.models import SecurityEvent
                from jobcenter.security.services import security_event_log

                username = user.get_username()
                logout(request)
                security_event_log(kind=SecurityEvent.Kind.IDLE_LOGOUT, username=username, request=request)
                messages.info(
                    request,
                    _("You were logged out after %(minutes)d minutes without activity.")
                    % {"minutes": settings.STAFF_IDLE_MINUTES},
                )
                return HttpResponseRedirect(f"{reverse('login')}?{urlencode({'next': request.get_full_path()})}")
            if last_seen is None or now - last_seen >= LAST_SEEN_REFRESH_SECONDS:
                request.session[LAST_SEEN_KEY] = now
        return self.get_response(request)


class OTPMiddleware(otp_middleware.OTPMiddleware):
    """django-otp's: sets `request.user.otp_device` from the session, with the device read through the cache
    (jobcenter/security/backends.py says when it is dropped). The signed-in user and the device are asked of the
    cache in one round trip, when the user is first needed (after the session, which names both)."""

    def _verify_user_sync(self, request, user):
        keys = []
        if (user_id := request.session.get(SESSION_KEY)) is not None:
            keys.append(signed_in_user_key(user_id))
        if persistent_id := request.session.get(DEVICE_ID_SESSION_KEY):
            keys.append(signed_in_device_key(self._normalize_persistent_id(persistent_id)))
        with read_together(keys):  # `user` is still lazy: Django's get_user() and the device below read from here
            return super()._verify_user_sync(request, user)

    def _device_from_persistent_id(self, persistent_id: str):
        persistent_id = self._normalize_persistent_id(persistent_id)
        return cached(
            signed_in_device_key(persistent_id),
            lambda: super(OTPMiddleware, self)._device_from_persistent_id(persistent_id),
        )


class SecondFactorMiddleware:
    """Sends staff without a verified TOTP device in this session to enter (or first set up) a code."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = request.user
        if (
            needs_second_factor(user)
            and not user.is_verified()
            and not request.path.startswith(OPEN_PREFIXES)
            and not request.path.startswith(
                settings.STATIC_URL if settings.STATIC_URL.startswith("/") else f"/{settings.STATIC_URL}"
            )
        ):
            from django_otp import devices_for_user

            has_device = any(True for _device in devices_for_user(user, confirmed=True))
            target = reverse("security:otp_verify" if has_device else "security:otp_setup")
            url = f"{target}?{urlencode({'next': request.get_full_path()})}"
            if request.headers.get("HX-Request") == "true":  # django-htmx runs later in the chain
                response = HttpResponse(status=204)
                response["HX-Redirect"] = url
                return response
            return HttpResponseRedirect(url)
        return self.get_response(request)


class NulFreeQueryMiddleware:
    """Drops NUL bytes from the query string's names and values before any view reads them.

    No one types a NUL, and PostgreSQL refuses it in text: a search or filter that passes ``request.GET``
    straight to the database (``name__icontains=q``) would turn a crafted link into a server error. Forms sent
    by POST keep their NULs: their fields refuse them with a message (ProhibitNullCharactersValidator).
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        query_string = request.META.get("QUERY_STRING", "")
        if "%00" in query_string or "\x00" in query_string:
            query = QueryDict(mutable=True)
            for name, values in request.GET.lists():
                query.setlist(name.replace("\x00", ""), [value.replace("\x00", "") for value in values])
            query._mutable = False
            request.GET = query
        return self.get_response(request)


class NoStoreMiddleware:
    """`Cache-Control: no-store, private` on every response to a signed-in user and on every response that showed a
    seeker's personal data (jobcenter.security.access marks those): on a shared booth PC neither the browser's
    cache nor its back button keeps a page after logout, and no proxy keeps a copy."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        user = getattr(request, "user", None)
        session = getattr(request, "session", None)
        # The session too: views that answer as nobody (the public API) still answer a signed-in browser.
        signed_in = (user is not None and user.is_authenticated) or (session is not None and SESSION_KEY in session)
        if signed_in or getattr(response, "personal_data", False):
            patch_cache_control(response, no_store=True, private=True, no_cache=True, max_age=0)
        return response
