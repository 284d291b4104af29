"""Reads of seekers, scoped to the acting user. Every view reaches a seeker through these."""

import datetime
import re
from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.db.models import Min, Q, QuerySet
from django.db.models.functions import Right
from django.http import Http404
from django.utils import timezone

from jobcenter.models import Booth, Role, User
from jobcenter.queries import scoped_get
from seekers.models import AccessRecord, Booking, Consultation, Seeker


def seekers_for_user(user: User) -> QuerySet[Seeker]:
    """The seekers `user` may see: counselors and managers their centre's, administrators all,
    a seeker only themself, employers (and anyone else) none."""
    seekers = Seeker.objects.all()
    if not user.is_authenticated:
        return seekers.none()
    if user.role == Role.ADMINISTRATOR:
        return seekers
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return seekers.filter(centre_id=user.centre_id)
    if user.role == Role.SEEKER:
        return seekers.filter(user=user)
    return seekers.none()


def seeker_scope_sql(user: User, table: str) -> tuple[str, list]:
    """`seekers_for_user`'s rule as a condition on `table`'s seeker row, for SQL of its own that reads a seeker
    without building a queryset (the cached case page's key: seekers/case_page.py). Tested against it for every
    role (tests/seekers/test_case_page.py)."""
    if not user.is_authenticated:
        return "FALSE", []
    if user.role == Role.ADMINISTRATOR:
        return "TRUE", []
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return f'"{table}".centre_id = %s', [user.centre_id]
    if user.role == Role.SEEKER:
        return f'"{table}".user_id = %s', [user.pk]
    return "FALSE", []


def _with_what_pages_name(seekers: QuerySet[Seeker]) -> QuerySet[Seeker]:
    """What the case page and most seeker pages name with the seeker, the home region with its 시군구 and 시도."""
    return seekers.select_related("centre", "booth", "counselor", "region__parent__parent")


def get_seeker_for_user(user: User, pk: int) -> Seeker:
    """The seeker `pk` if `user` may see it; Http404 otherwise, so its existence is not revealed. Read through
    jobcenter.queries.scoped_get, built once per process and prepared on the connection: every seeker page reads it,
    and planning its five joins cost PostgreSQL over a millisecond each time (pg_stat_statements, docs/scaling.md)."""
    try:
        return scoped_get("seeker_for_user", seekers_for_user, user, _with_what_pages_name, pk)
    except Seeker.DoesNotExist:
        raise Http404 from None


def own_seeker(user: User) -> Seeker | None:
    """The resident's own registration, if they have one."""
    return Seeker.objects.select_related("centre", "booth", "counselor").filter(user=user).first()


def booths_for_user(user: User) -> QuerySet[Booth]:
    """Booths a staff user works with: their centre's, or all for an administrator; residents choose from all."""
    booths = Booth.objects.filter(is_active=True).select_related("centre")
    if user.is_authenticated and user.role in (Role.COUNSELOR, Role.MANAGER):
        return booths.filter(centre_id=user.centre_id)
    return booths


def counselors_for_seeker(seeker: Seeker) -> QuerySet[User]:
    return User.objects.filter(role=Role.COUNSELOR, centre_id=seeker.centre_id, is_active=True).order_by(
        "last_name", "first_name"
    )


def get_booking_for_user(user: User, pk: int) -> Booking:
    """A booking of a seeker within reach of `user` (the resident's own, or their centre's for staff)."""
    booking = (
        Booking.objects.select_related("seeker", "booth", "booth__centre")
        .filter(seeker__in=seekers_for_user(user), pk=pk)
        .first()
    )
    if booking is None:
        raise Http404
    return booking


# --- search -------------------------------------------------------------------------------------------


@dataclass
class SeekerSearch:
    """What a counselor can filter the seeker list by (all optional)."""

    name: str = ""
    phone_tail: str = ""
    birth_year: int | None = None
    booth: Booth | None = None
    status: str = ""
    target_group: str = ""
    occupation: str = ""  # a KECO code; a major or middle group also matches the groups below it
    needs_renewal: bool = False


def name_bigrams(value: str) -> list[str]:
    return sorted({value[i : i + 2] for i in range(len(value) - 1)})


HANGUL_OR_WORD = re.compile(r"\s+")


def seeker_search(queryset: QuerySet[Seeker], search: SeekerSearch) -> QuerySet[Seeker]:
    """Filter an already scoped queryset. Name search uses the pg_trgm index from three characters on,
    and the syllable-pair index for two-character names (김민, 이서); phone tails their own index."""
    name = HANGUL_OR_WORD.sub("", search.name or "")
    matches = Q()
    if len(name) == 2:
        bigrams = models.Func(
            models.F("name"), function="seekers_name_bigrams", output_field=ArrayField(models.TextField())
        )
        queryset = queryset.alias(name_bigrams=bigrams)
        matches &= Q(name_bigrams__contains=[name])
    elif len(name) > 2:
        matches &= Q(name__contains=name)
    elif name:
        queryset = queryset.filter(name__contains=name)  # one syllable has no index to read: a filter
    tail = "".join(c for c in search.phone_tail if c.isdigit())
    if len(tail) == 4:
        queryset = queryset.alias(phone_tail=Right("phone", 4))
        matches &= Q(phone_tail=tail)
    elif tail:
        queryset = queryset.filter(phone__endswith=tail)
    if matches:
        queryset = queryset.filter(matches).order_by(*MATCHES_NEWEST_FIRST)
    if search.birth_year:
        queryset = queryset.filter(
            birth_date__gte=datetime.date(search.birth_year, 1, 1),
            birth_date__lte=datetime.date(search.birth_year, 12, 31),
        )
    if search.booth:
        queryset = queryset.filter(booth=search.booth)
    if search.status:
        queryset = queryset.filter(status=search.status)
    if search.target_group:
        queryset = queryset.filter(target_groups__contains=[search.target_group])
    if search.occupation:
        # EXISTS rather than a join: no duplicate rows to remove with a DISTINCT over every column of the page.
        wanted = Seeker.desired_occupations.through.objects.filter(
            seeker_id=models.OuterRef("pk"), occupation__code__startswith=search.occupation
        )
        queryset = queryset.filter(models.Exists(wanted))
    if search.needs_renewal:
        queryset = queryset.filter(expired_at__isnull=False, status=Seeker.Status.ACTIVE)
    return queryset


NEWEST_FIRST = ("-registered_at", "-pk")


class _Unindexed(models.Func):
    """The same value plus nothing: no index holds it, so PostgreSQL cannot read rows in its order from one."""

    template = "(%(expressions)s + interval '0 seconds')"


# The list's order when a name or phone is searched: newest first as ever, but written so that PostgreSQL reads the
# matches through the name or phone index and sorts them. Ordered by registered_at itself, it may instead walk the
# centre's newest-first index (seeker_centre_newest, or seeker_centre_status with a status) testing every name on the
# way until a page is full: fast for a rare name, seconds for 김서 or 이현 (issue 29, docs/seeker-search.md).
MATCHES_NEWEST_FIRST = (_Unindexed(models.F("registered_at")).desc(), models.F("pk").desc())


def seeker_list(queryset: QuerySet[Seeker]) -> QuerySet[Seeker]:
    """What a list row shows, in a fixed number of queries."""
    ordered = queryset if queryset.query.order_by else queryset.order_by(*NEWEST_FIRST)  # a search's order stays
    return ordered.select_related("booth", "counselor").prefetch_related("desired_occupations")


def expiry_cutoff(now: datetime.datetime | None = None) -> datetime.datetime:
    """Registrations without activity since this moment have expired."""
    return (now or timezone.now()) - relativedelta(months=settings.REGISTRATION_EXPIRY_MONTHS)


def seekers_expiring(
    queryset: QuerySet[Seeker], *, within_days: int = 14, now: datetime.datetime | None = None
) -> QuerySet[Seeker]:
    """Active registrations that expire within `within_days`, or already expired and awaiting renewal."""
    soon = expiry_cutoff((now or timezone.now()) + datetime.timedelta(days=within_days))
    return queryset.filter(status=Seeker.Status.ACTIVE).filter(
        Q(last_activity_at__lt=soon) | Q(expired_at__isnull=False)
    )


def next_expiring_at(
    queryset: QuerySet[Seeker], *, within_days: int = 14, now: datetime.datetime
) -> datetime.datetime | None:
    """The moment the next registration of `queryset` joins `seekers_expiring(queryset, now=...)` by time alone
    (None: none will). Never later than that moment (it may be a little earlier, at a month's end): until then
    the cutoff stays at or before the earliest last activity not yet listed."""
    soon = expiry_cutoff(now + datetime.timedelta(days=within_days))
    earliest = (
        queryset.filter(status=Seeker.Status.ACTIVE, expired_at__isnull=True, last_activity_at__gte=soon)
        .order_by()
        .aggregate(earliest=Min("last_activity_at"))["earliest"]
    )
    if earliest is None:
        return None
    return earliest + relativedelta(months=settings.REGISTRATION_EXPIRY_MONTHS) - datetime.timedelta(days=within_days)


def bookings_for_day(*, booths: QuerySet[Booth], day: datetime.date) -> QuerySet[Booking]:
    start = timezone.make_aware(datetime.datetime.combine(day, datetime.time.min))
    return (
        Booking.objects.filter(booth__in=booths, starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1))
        .exclude(status=Booking.Status.RESCHEDULED)
        .select_related("seeker", "booth")
        .order_by("booth__name", "starts_at")
    )


def consultations_for_seeker(seeker: Seeker) -> QuerySet[Consultation]:
    return seeker.consultations.select_related("counselor", "booth")


def access_records_for_user(user: User) -> QuerySet[AccessRecord]:
    """Managers see the records about their centre's seekers; administrators all."""
    records = AccessRecord.objects.select_related("user", "seeker", "centre")
    if user.role == Role.ADMINISTRATOR:
        return records
    if user.role == Role.MANAGER:
        return records.filter(centre_id=user.centre_id)
    return records.none()


def visible_target_groups(seeker: Seeker) -> list[str]:
    """The target groups staff may see: disability and welfare status only with the sensitive-data consent in
    force (a record imported or changed before a withdrawal must not show them)."""
    from seekers.models import ConsentText
    from seekers.services import SENSITIVE_TARGET_GROUPS

    groups = list(seeker.target_groups or [])
    if set(groups) & SENSITIVE_TARGET_GROUPS and not seeker.has_active_consent(ConsentText.Kind.SENSITIVE):
        groups = [group for group in groups if group not in SENSITIVE_TARGET_GROUPS]
    return groups
