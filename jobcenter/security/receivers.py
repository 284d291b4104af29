"""Lockouts and unlocks by django-axes become SecurityEvent rows (the only signals this app listens to:
axes announces them no other way)."""

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.db.models.signals import post_delete
from django.dispatch import receiver

from jobcenter.security.models import SecurityEvent
from jobcenter.security.services import security_event_log


@receiver(user_locked_out)
def log_lockout(sender, request=None, username=None, ip_address=None, **kwargs) -> None:
    security_event_log(
        kind=SecurityEvent.Kind.LOCKED,
        username=username or "",
        request=request,
        detail=f"after {settings.AXES_FAILURE_LIMIT} failed logins",
    )


@receiver(post_delete, sender=AccessAttempt)
def log_unlock(sender, instance: AccessAttempt, **kwargs) -> None:
    # Deleting the attempts of a locked account (admin, `axes_reset`, cool-off expiry) unlocks it.
    if instance.failures_since_start >= settings.AXES_FAILURE_LIMIT:
        security_event_log(
            kind=SecurityEvent.Kind.UNLOCKED, username=instance.username or "", detail=f"ip {instance.ip_address}"
        )
