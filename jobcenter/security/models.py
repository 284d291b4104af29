"""Audit trails of accounts (role changes, lockouts) and of destroyed personal data.

All three tables are append-only for the application: a PostgreSQL trigger (migration 0002) refuses
UPDATE, and DELETE of rows younger than their retention (RoleChange 3 years, the others 2 and 5).
They point at users without a database constraint and keep the usernames as text, so an audit row
outlives the account it is about.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class RoleChange(models.Model):
    """A grant, change or removal of a role, a centre membership or an account's active state."""

    class Field(models.TextChoices):
        ROLE = "role", _("Role")
        CENTRE = "centre", _("Centre membership")
        ACTIVE = "active", _("Account active")
        ADMIN = "admin", _("Administration rights")
        BOOTH = "booth", _("Booth assignment")
        OTHER_BOOTHS = "booths", _("Other booths served")

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("whose account"),
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    username = models.CharField(_("username"), max_length=150)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("changed by"),
        null=True,
        blank=True,
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        related_name="+",
    )
    by_username = models.CharField(_("changed by (username)"), max_length=150, blank=True)
    field = models.CharField(_("what changed"), max_length=8, choices=Field.choices)
    old_value = models.CharField(_("old value"), max_length=200, blank=True)
    new_value = models.CharField(_("new value"), max_length=200, blank=True)
    via = models.CharField(_("changed through"), max_length=40, help_text=_("The screen or service."))
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("role change")
        verbose_name_plural = _("role changes")

    def __str__(self) -> str:
        return f"{self.username}: {self.field} {self.old_value!r} → {self.new_value!r}"


class SecurityEvent(models.Model):
    """Account events worth a record: lockouts and unlocks (django-axes), deactivations, idle logouts."""

    class Kind(models.TextChoices):
        LOCKED = "locked", _("Locked after repeated failed logins")
        UNLOCKED = "unlocked", _("Unlocked")
        DEACTIVATED = "deactivated", _("Account deactivated, sessions ended")
        IDLE_LOGOUT = "idle_logout", _("Logged out after inactivity")
        OTP_ENROLLED = "otp_enrolled", _("Second factor set up")
        OTP_FAILED = "otp_failed", _("Wrong second-factor code")
        OTP_RESET = "otp_reset", _("Second factor reset; to be set up again")
        INVITED = "invited", _("Invited; a link to choose a password was sent")
        NOTICE_CHANGED = "notice_changed", _("Notice template changed")
        NOTICE_RESTORED = "notice_restored", _("Notice template restored to the default")
        HOURS_CHANGED = "hours_changed", _("A booth's opening hours changed")

    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    username = models.CharField(_("username"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    by_username = models.CharField(_("by"), max_length=150, blank=True)
    detail = models.CharField(_("detail"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("security event")
        verbose_name_plural = _("security events")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.kind} {self.username}"


class DestructionLog(models.Model):
    """What the retention task destroyed: which record, of what kind, why, and what was kept."""

    kind = models.CharField(_("kind of record"), max_length=40)
    object_id = models.BigIntegerField(_("record id"))
    reason = models.CharField(_("reason"), max_length=200)
    fields = models.CharField(_("fields destroyed"), max_length=500)
    kept = models.CharField(_("kept for statistics"), max_length=300, blank=True)
    at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-pk"]
        verbose_name = _("destruction record")
        verbose_name_plural = _("destruction records")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d} {self.kind} #{self.object_id}"
