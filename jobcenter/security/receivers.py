"""The signals this app listens to, for what announces itself no other way:

- lockouts and unlocks by django-axes become SecurityEvent rows;
- a saved or deleted user or second-factor device leaves the signed-in cache (jobcenter/security/backends.py),
  whichever code saved it: our services, the admin, django-otp's own verification.
"""

from axes.models import AccessAttempt
from axes.signals import user_locked_out
from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_init, post_save
from django.dispatch import receiver
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.models import User
from jobcenter.security.backends import signed_in_device_key, signed_in_user_key
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


def _forget(key: str) -> None:
    """Now, and again when the transaction commits: a request that read the old row before the commit may have
    put it back in between."""
    if settings.SIGNED_IN_CACHE_SECONDS:
        cache.delete(key)
        transaction.on_commit(lambda: cache.delete(key))


@receiver(post_save, sender=User)
@receiver(post_delete, sender=User)
def forget_signed_in_user(sender, instance: User, **kwargs) -> None:
    _forget(signed_in_user_key(instance.pk))


@receiver(post_save, sender=TOTPDevice)
@receiver(post_delete, sender=TOTPDevice)
def forget_signed_in_device(sender, instance: TOTPDevice, **kwargs) -> None:
    _forget(signed_in_device_key(instance.persistent_id))


@receiver(post_init, sender="seekers.Seeker")
def note_seeker_loaded(sender, instance, **kwargs) -> None:
    """The access log's collector (jobcenter/security/access.py): which seekers this request loaded."""
    from jobcenter.security.access import note_seeker_loaded as note

    note(instance)
