from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


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
