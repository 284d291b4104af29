"""Retention and destruction: personal data past its retention period is anonymised, and what was
destroyed is written to DestructionLog. Seeker rows stay (centre, booth, registration month, birth
year, status, non-sensitive target groups) so statistics keep their counts."""

import datetime

from django.conf import settings
from django.contrib.auth.hashers import make_password
from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from jobcenter.models import Notification
from jobcenter.security.models import DestructionLog
from seekers.models import Booking, Seeker

SEEKER_FIELDS_DESTROYED = (
    "name, birth month and day, phone, e-mail, street address, major, external reference, claim code, "
    "sensitive target groups, careers, certificates, consultation notes, booking topics, account identity, "
    "notifications sent to the seeker"
)
SEEKER_FIELDS_KEPT = "centre, booth, registered at, birth year, status, non-sensitive target groups"


def retention_cutoff(kind: str, now: datetime.datetime | None = None) -> datetime.datetime:
    return (now or timezone.now()) - datetime.timedelta(days=settings.RETENTION_DAYS[kind])


def seekers_past_retention(now: datetime.datetime | None = None) -> models.QuerySet[Seeker]:
    """Registrations that ended (closed, placed or expired) and saw no activity for the retention period."""
    ended = Q(status__in=[Seeker.Status.CLOSED, Seeker.Status.PLACED]) | Q(expired_at__isnull=False)
    return Seeker.objects.filter(
        ended, anonymised_at__isnull=True, last_activity_at__lt=retention_cutoff("seeker", now)
    )


@transaction.atomic
def seeker_destroy_personal_data(*, seeker: Seeker, reason: str) -> DestructionLog:
    """Anonymise one seeker past retention and everything around them that still names them."""
    from seekers.services import seeker_anonymise

    seeker = Seeker.objects.select_for_update().get(pk=seeker.pk)
    contacts = [value for value in (seeker.email, seeker.phone) if value]
    user = seeker.user
    seeker_anonymise(seeker=seeker, by=None)
    Booking.objects.filter(seeker=seeker).update(topic="")
    if contacts:
        Notification.objects.filter(recipient__in=contacts).update(recipient="", subject="", body="")
    if user is not None:
        user.username = f"erased-{user.pk}"
        user.first_name = user.last_name = user.email = user.phone = ""
        user.is_active = False
        user.password = make_password(None)
        user.save(update_fields=["username", "first_name", "last_name", "email", "phone", "is_active", "password"])
        from jobcenter.security.services import sessions_end

        sessions_end(user=user)
    return DestructionLog.objects.create(
        kind="seeker", object_id=seeker.pk, reason=reason, fields=SEEKER_FIELDS_DESTROYED, kept=SEEKER_FIELDS_KEPT
    )


def retention_apply(*, now: datetime.datetime | None = None, limit: int = 500) -> list[int]:
    """Anonymise up to `limit` seekers past retention (one transaction each); returns their ids. Idempotent:
    an anonymised seeker is never picked again."""
    days = settings.RETENTION_DAYS["seeker"]
    done = []
    for seeker in seekers_past_retention(now).order_by("last_activity_at")[:limit]:
        seeker_destroy_personal_data(seeker=seeker, reason=f"registration ended more than {days} days ago")
        done.append(seeker.pk)
    return done
