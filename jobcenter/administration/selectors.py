"""Reads of the administration pages, scoped to the acting user: an administrator sees every centre, a manager
only their own (read-only), anyone else nothing."""

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from jobcenter.models import STAFF_ROLES, Booth, Centre, ClosedDay, Role, User
from jobcenter.security.models import RoleChange, SecurityEvent

RECENT_DAYS = 30


def centres_for(user: User) -> QuerySet[Centre]:
    if user.role == Role.ADMINISTRATOR:
        return Centre.objects.all()
    if user.role == Role.MANAGER:
        return Centre.objects.filter(pk=user.centre_id)
    return Centre.objects.none()


def staff_for(user: User) -> QuerySet[User]:
    """The staff accounts `user` may see: all for an administrator, their centre's for a manager."""
    staff = (
        User.objects.filter(role__in=STAFF_ROLES)
        .select_related("centre", "booth")
        .prefetch_related(Prefetch("other_booths", queryset=Booth.objects.order_by("name")))
    )
    if user.role == Role.ADMINISTRATOR:
        return staff
    if user.role == Role.MANAGER:
        return staff.filter(centre_id=user.centre_id)
    return staff.none()


def get_staff_for_user(user: User, pk: int) -> User:
    """One staff account `user` may see; 404 otherwise (another centre's staff are not revealed to a manager)."""
    found = staff_for(user).filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def locked_usernames(usernames: list[str]) -> set[str]:
    from axes.models import AccessAttempt

    cutoff = timezone.now() - settings.AXES_COOLOFF_TIME
    return set(
        AccessAttempt.objects.filter(
            username__in=usernames, failures_since_start__gte=settings.AXES_FAILURE_LIMIT, attempt_time__gte=cutoff
        ).values_list("username", flat=True)
    )


def failures_by_username(usernames: list[str]) -> dict[str, int]:
    """Failed logins and wrong second-factor codes in the last RECENT_DAYS days, per login."""
    from axes.models import AccessAttempt

    since = timezone.now() - datetime.timedelta(days=RECENT_DAYS)
    counts: dict[str, int] = {}
    for row in (
        AccessAttempt.objects.filter(username__in=usernames, attempt_time__gte=since)
        .values("username")
        .annotate(n=Sum("failures_since_start"))
    ):
        counts[row["username"]] = counts.get(row["username"], 0) + (row["n"] or 0)
    for row in (
        SecurityEvent.objects.filter(username__in=usernames, kind=SecurityEvent.Kind.OTP_FAILED, at__gte=since)
        .values("username")
        .annotate(n=Count("pk"))
    ):
        counts[row["username"]] = counts.get(row["username"], 0) + row["n"]
    return counts


@dataclass
class StaffRow:
    person: User
    locked: bool
    failures: int
    caseload: int


def staff_rows(user: User) -> list[StaffRow]:
    people = list(
        staff_for(user)
        .annotate(caseload=Count("assigned_seekers", filter=~Q(assigned_seekers__status="closed")))
        .order_by("-is_active", "centre__name", "role", "last_name", "first_name")
    )
    usernames = [person.username for person in people]
    locked = locked_usernames(usernames)
    failures = failures_by_username(usernames)
    return [
        StaffRow(person, person.username in locked, failures.get(person.username, 0), person.caseload)
        for person in people
    ]


def rights_log(person: User, limit: int = 50) -> list[RoleChange]:
    """The person's rights changes, newest first, each with `old_display` and `new_display`: the values as a reader
    names them (a role's label, a centre's or booth's name, yes or no), not as stored."""
    from django.utils.translation import gettext as _

    rows = list(RoleChange.objects.filter(user_id=person.pk)[:limit])
    booth_fields = (RoleChange.Field.BOOTH, RoleChange.Field.OTHER_BOOTHS)

    def ids_in(value: str) -> list[int]:  # one id, or several comma separated (the other booths)
        return [int(part) for part in value.split(",") if part.isdigit()]

    ids = {
        kind: {pk for row in rows if row.field in fields for v in (row.old_value, row.new_value) for pk in ids_in(v)}
        for kind, fields in (("centre", (RoleChange.Field.CENTRE,)), ("booth", booth_fields))
    }
    centre_names = {c.pk: c.name for c in Centre.objects.filter(pk__in=ids["centre"])}
    booth_names = {b.pk: b.name for b in Booth.objects.filter(pk__in=ids["booth"])}
    names = {RoleChange.Field.CENTRE: centre_names, **dict.fromkeys(booth_fields, booth_names)}
    roles = dict(Role.choices)
    yes_no = {"1": _("Yes"), "0": _("No")}

    def shown(field: str, value: str) -> str:
        if not value:
            return "—"
        if field == RoleChange.Field.ROLE:
            return str(roles.get(value, value))
        if field in names:
            return ", ".join(names[field].get(pk, str(pk)) for pk in ids_in(value)) or value
        return str(yes_no.get(value, value))

    for row in rows:
        row.old_display, row.new_display = shown(row.field, row.old_value), shown(row.field, row.new_value)
    return rows


def security_log(person: User, limit: int = 30) -> list[SecurityEvent]:
    return list(SecurityEvent.objects.filter(username=person.username)[:limit])


@dataclass
class OpenWork:
    seekers: list
    referrals: list

    @property
    def empty(self) -> bool:
        return not self.seekers and not self.referrals


def open_work(person: User) -> OpenWork:
    """What a counselor leaves behind: seekers assigned to them whose registration is not closed, and the open
    referrals of those seekers (the work a deactivation must not lose)."""
    from matching.models import Referral
    from seekers.models import Seeker

    seekers = list(Seeker.objects.filter(counselor=person).exclude(status=Seeker.Status.CLOSED).order_by("name", "pk"))
    referrals = list(
        Referral.objects.open()
        .filter(Q(seeker__counselor=person) | Q(created_by=person))
        .with_list_data()
        .order_by("created_at")
    )
    return OpenWork(seekers, referrals)


def counselors_to_take_over(person: User) -> QuerySet[User]:
    """Active counselors of the person's centre, the person excepted, with their present caseload."""
    return (
        User.objects.filter(role=Role.COUNSELOR, centre_id=person.centre_id, is_active=True)
        .exclude(pk=person.pk)
        .annotate(caseload=Count("assigned_seekers", filter=~Q(assigned_seekers__status="closed")))
        .order_by("last_name", "first_name")
    )


def closed_days_for(user: User) -> QuerySet[ClosedDay]:
    return (
        ClosedDay.objects.filter(centre__in=centres_for(user), date__gte=timezone.localdate())
        .select_related("centre", "created_by")
        .order_by("date", "centre__name")
    )


def bookings_on(*, centre: Centre, date: datetime.date):
    """The visits booked at the centre's booths on `date`."""
    from seekers.models import Booking

    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(date, datetime.time.min, tzinfo=tz)
    return (
        Booking.objects.filter(
            booth__centre=centre,
            status=Booking.Status.BOOKED,
            starts_at__gte=start,
            starts_at__lt=start + datetime.timedelta(days=1),
        )
        .select_related("seeker", "booth")
        .order_by("starts_at")
    )


def bookings_outside_hours(*, booth, rows) -> list:
    """The booth's coming visits (booked, not yet begun) that the weekly hours `rows` leave out: on a weekday
    without hours, or not wholly within one period of their day."""
    from seekers.models import Booking

    def inside(booking) -> bool:
        start, end = timezone.localtime(booking.starts_at), timezone.localtime(booking.ends_at)
        return start.date() == end.date() and any(
            row.weekday == start.weekday() and row.opens_at <= start.time() and end.time() <= row.closes_at
            for row in rows
        )

    coming = (
        Booking.objects.filter(booth=booth, status=Booking.Status.BOOKED, starts_at__gt=timezone.now())
        .select_related("seeker", "booth", "booth__centre")
        .order_by("starts_at")
    )
    return [booking for booking in coming if not inside(booking)]


def events_on(*, centre: Centre, date: datetime.date):
    """The centre's events (interview days, fairs, lectures) on `date`, which the closing does not move by itself."""
    from events.models import Event

    return Event.objects.filter(centre=centre, starts_at__date=date).order_by("starts_at")


@dataclass
class ConsentKind:
    kind: str
    label: str
    versions: list  # newest first, each with `held`: the unwithdrawn consents given to it
    current: object  # the version consents are given to today

    @property
    def scheduled(self) -> list:
        return [text for text in self.versions if text.effective_on and text.effective_on > timezone.localdate()]


def consent_kinds() -> list[ConsentKind]:
    from seekers.models import Consent, ConsentText
    from seekers.services import consent_text_current

    held = dict(
        Consent.objects.filter(withdrawn_at__isnull=True)
        .values_list("text_id")
        .annotate(n=Count("pk"))
        .values_list("text_id", "n")
    )
    kinds = []
    for kind, label in ConsentText.Kind.choices:
        versions = list(ConsentText.objects.filter(kind=kind).order_by("-version"))
        for text in versions:
            text.held = held.get(text.pk, 0)
        kinds.append(ConsentKind(kind, label, versions, consent_text_current(kind) if versions else None))
    return kinds


def consent_change_preview(*, kind: str, text: str, purpose: str, items: str, retention: str) -> dict:
    """What a new version changes against the latest: the lines removed and added, and the consents it touches."""
    import difflib

    from seekers.models import Consent, ConsentText

    latest = ConsentText.objects.filter(kind=kind).order_by("-version").first()
    before = latest.text.splitlines() if latest else []
    lines = []
    for line in difflib.ndiff(before, text.strip().splitlines()):
        if line.startswith(("- ", "+ ", "  ")):
            lines.append((line[0], line[2:]))
    fields = []
    if latest is not None:
        for label, old, new in (
            (ConsentText._meta.get_field("purpose").verbose_name, latest.purpose, purpose),
            (ConsentText._meta.get_field("items").verbose_name, latest.items, items),
            (ConsentText._meta.get_field("retention").verbose_name, latest.retention, retention),
        ):
            if old != new:
                fields.append((label, old, new))
    return {
        "latest": latest,
        "lines": lines,
        "fields": fields,
        "held": Consent.objects.held(kind).count(),
    }


def get_centre_for_user(user: User, pk: int) -> Centre:
    """A centre `user` may see (an administrator any, a manager their own); 404 otherwise."""
    found = centres_for(user).filter(pk=pk).select_related("region").first()
    if found is None:
        raise Http404
    return found


@dataclass
class BoothRow:
    booth: object
    counselors: list  # whose usual booth it is
    also_serving: list  # who serve there besides their usual booth
    hours: list


def staff_at_booths(booths: list) -> dict[int, tuple[list, list]]:
    """Per booth id, the active staff at it: those whose usual booth it is, and those who also serve there
    (User.other_booths). Two queries, whatever the number of booths."""
    ids = [booth.pk for booth in booths]
    found: dict[int, tuple[list, list]] = {pk: ([], []) for pk in ids}
    for person in User.objects.filter(booth__in=ids, is_active=True).order_by("last_name", "first_name", "pk"):
        found[person.booth_id][0].append(person)
    visits = (
        User.other_booths.through.objects.filter(booth_id__in=ids, user__is_active=True)
        .select_related("user")
        .order_by("user__last_name", "user__first_name", "user_id")
    )
    for visit in visits:
        found[visit.booth_id][1].append(visit.user)
    return found


def booth_rows(centre: Centre) -> list[BoothRow]:
    """Each booth of the centre with its active staff (usual and also serving) and its weekly opening hours."""
    booths = list(Booth.objects.filter(centre=centre).prefetch_related("opening_hours").order_by("-is_active", "name"))
    staff = staff_at_booths(booths)
    return [BoothRow(booth, *staff[booth.pk], hours_summary(list(booth.opening_hours.all()))) for booth in booths]


def hours_summary(rows: list) -> list[str]:
    """Weekly opening hours in a few lines: weekdays that share the same hours together, `월~금 오전 9:00~12:00,
    오후 1:00~6:00`."""
    from jobcenter.formatting import time_range
    from seekers.models import OpeningHours

    names = dict(OpeningHours._meta.get_field("weekday").choices)
    by_day: dict[int, tuple] = {}
    for row in sorted(rows, key=lambda row: (row.weekday, row.opens_at)):
        by_day[row.weekday] = (*by_day.get(row.weekday, ()), (row.opens_at, row.closes_at))
    lines, days = [], sorted(by_day)
    while days:
        run = [days.pop(0)]
        while days and days[0] == run[-1] + 1 and by_day[days[0]] == by_day[run[0]]:
            run.append(days.pop(0))
        label = str(names[run[0]]) if len(run) == 1 else f"{names[run[0]]}~{names[run[-1]]}"
        lines.append(f"{label} " + ", ".join(time_range(opens, closes) for opens, closes in by_day[run[0]]))
    return lines


@dataclass
class DayOfWeek:
    weekday: int
    name: str  # 월요일
    periods: list  # (opens_at, closes_at), in order; none when closed
    slot_minutes: int | None


def week_of(rows: list) -> list[DayOfWeek]:
    """Monday to Sunday from a booth's OpeningHours rows, for the hours page."""
    from seekers.models import OpeningHours

    names = dict(OpeningHours._meta.get_field("weekday").choices)
    days = []
    for weekday in range(7):
        day = sorted((row for row in rows if row.weekday == weekday), key=lambda row: row.opens_at)
        days.append(
            DayOfWeek(
                weekday,
                str(names[weekday]),
                [(row.opens_at, row.closes_at) for row in day],
                day[0].slot_minutes if day else None,
            )
        )
    return days


def last_hours_change(booth) -> SecurityEvent | None:
    """The security log's latest record of a change of this booth's hours (jobcenter/administration/services.py)."""
    return (
        SecurityEvent.objects.filter(kind=SecurityEvent.Kind.HOURS_CHANGED, detail__startswith=f"booth {booth.pk} ")
        .order_by("-at", "-pk")
        .first()
    )
