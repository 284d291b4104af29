"""Absolute links for messages sent without a request (e-mails queued by services and Celery tasks).

The site's address is `settings.SITE_URL` when the deployment sets it (https://jobs.example.go.kr);
otherwise the first of ALLOWED_HOSTS, over https in production.
"""

from django.conf import settings


def site_url() -> str:
    configured = getattr(settings, "SITE_URL", "")
    if configured:
        return configured.rstrip("/")
    hosts = [host.lstrip(".") for host in settings.ALLOWED_HOSTS if host and host != "*"]
    host = hosts[0] if hosts else "localhost"
    scheme = "https" if getattr(settings, "PRODUCTION", False) else "http"
    return f"{scheme}://{host}"


def absolute_url(path: str) -> str:
    return site_url() + path
