"""Every write to a seeker's record goes through here: registration, consent, consultations, bookings."""

import datetime
import hashlib
import secrets
from collections.abc import Iterable
from dataclasses import dataclass

import holidays
from dateutil.relativedelta import relativedelta
from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.models import Q
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.models import Booth, Occupation, Region, Role, TargetGroup, User
from jobcenter.notifications import notify
from matching.scoring import schedule_seeker
from seekers.consent_texts import SHARING_V1_KEYS, SHARING_V2, TEXTS
from seekers.models import (
    AccessRecord,
    Booking,
    Career,
    Certificate,
    Consent,
    ConsentText,
    Consultation,
    OpeningHours,
    Seeker,
    SeekerHistory,
)

MINIMUM_AGE = 15
MAX_DESIRED_OCCUPATIONS = 3
# Target groups that are sensitive data (개인정보 보호법 §23): recorded only with the sensitive consent.
SENSITIVE_TARGET_GROUPS = frozenset({TargetGroup.DISABLED, TargetGroup.LOW_INCOME})
CLAIM_CODE_DAYS = 30
CLAIM_CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I

# Allowed status changes; anything else is refused.
STATUS_TRANSITIONS: dict[str, set[str]] = {
    Seeker.Status.ACTIVE: {Seeker.Status.PLACED, Seeker.Status.ON_HOLD, Seeker.Status.CLOSED},
    Seeker.Status.ON_HOLD: {Seeker.Status.ACTIVE, Seeker.Status.CLOSED},
    Seeker.Status.PLACED: {Seeker.Status.ACTIVE, Seeker.Status.CLOSED},
    Seeker.Status.CLOSED: {Seeker.Status.ACTIVE},
}

PERSONAL_FIELDS = ("name", "birth_date", "phone", "email", "region", "address_detail", "major")


# --- access records ---------------------------------------------------------------------------------


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address behind the trusted proxies (jobcenter.security.services.client_ip)."""
    from jobcenter.security.services import client_ip as trusted_client_ip

    return trusted_client_ip(request)


def access_record(
    *, user: User, seeker: Seeker | None, action: str, request: HttpRequest | None, reason: str = ""
) -> AccessRecord:
    """Write who opened or exported whose personal data, when, and from which address."""
    from jobcenter.security.access import note_recorded

    note_recorded([seeker])
    return AccessRecord.objects.create(
        user=user,
        seeker=seeker,
        centre_id=seeker.centre_id if seeker else getattr(user, "centre_id", None),
        action=action,
        ip_address=client_ip(request),
        path=request.get_full_path()[:300] if request is not None else "",
        reason=reason[:200],
    )


def access_records_bulk(*, user: User, seekers: Iterable[Seeker], action: str, request: HttpRequest | None) -> int:
    from jobcenter.security.access import access_records_bulk as records_with_reason

    return records_with_reason(user=user, seekers=seekers, action=action, request=request)


# --- consent ----------------------------------------------------------------------------------------


def consent_text_current(kind: str) -> ConsentText:
    """The newest wording of `kind` in effect today (the shipped versions of seekers/consent_texts.py are created if
    missing, as after a flushed test database)."""
    in_effect = Q(effective_on__isnull=True) | Q(effective_on__lte=timezone.localdate())
    text = ConsentText.objects.filter(in_effect, kind=kind).order_by("-version").first()
    if text is None and not ConsentText.objects.filter(kind=kind).exists():
        for text_kind, body, purpose, items, retention in TEXTS:
            if text_kind == kind:
                text, _created = ConsentText.objects.get_or_create(
                    kind=kind,
                    version=1,
                    defaults={
                        "text": body,
                        "purpose": purpose,
                        "items": items,
                        "retention": retention,
                        "effective_on": timezone.localdate(),
                        "item_keys": SHARING_V1_KEYS if kind == ConsentText.Kind.SHARING else [],
                    },
                )
        if kind == ConsentText.Kind.SHARING:
            text, _created = ConsentText.objects.get_or_create(
                kind=kind, version=2, defaults={**SHARING_V2, "effective_on": timezone.localdate()}
            )
    if text is None:
        raise ValidationError(_("Unknown consent kind."))
    return text


def _consent_channel(by: User | None) -> str:
    return Consent.Channel.BOOTH if by is not None and by.is_centre_staff else Consent.Channel.WEB


@transaction.atomic
def consent_give(*, seeker: Seeker, kind: str, by: User | None, channel: str | None = None) -> Consent:
    """Record a consent to the current wording; giving one already held changes nothing."""
    existing = seeker.consents.held(kind).first()
    if existing is not None:
        return existing
    if seeker.anonymised_at is not None:
        raise ValidationError(_("This registration was closed and its personal data erased."))
    consent = Consent.objects.create(
        seeker=seeker,
        text=consent_text_current(kind),
        kind=kind,
        channel=channel or _consent_channel(by),
        taken_by=by if by is not None and by.is_centre_staff else None,
    )
    SeekerHistory.objects.create(seeker=seeker, kind=SeekerHistory.Kind.CONSENT, to_value=kind, note="given", by=by)
    schedule_seeker(seeker.pk)  # sharing consent is a hard filter of the scorer
    return consent


@transaction.atomic
def consent_withdraw(*, seeker: Seeker, kind: str, by: User | None) -> None:
    """Withdraw a consent. Withdrawing the base (collection) consent closes the registration and erases
    the personal fields; withdrawing the sensitive consent drops the sensitive target groups."""
    updated = seeker.consents.held(kind).update(withdrawn_at=timezone.now())
    if not updated:
        return
    SeekerHistory.objects.create(
        seeker=seeker, kind=SeekerHistory.Kind.CONSENT, from_value=kind, note="withdrawn", by=by
    )
    if kind == ConsentText.Kind.COLLECTION:
        seeker_anonymise(seeker=seeker, by=by)
    elif kind == ConsentText.Kind.SENSITIVE:
        seeker.target_groups = [group for group in seeker.target_groups if group not in SENSITIVE_TARGET_GROUPS]
        seeker.save(update_fields=["target_groups"])
    schedule_seeker(seeker.pk)  # sharing consent is a hard filter of the scorer


@transaction.atomic
def seeker_anonymise(*, seeker: Seeker, by: User | None) -> None:
    """Close the registration and wipe what identifies the person. The row stays, so counts by centre,
    booth, registration month, birth year, status and non-sensitive target group remain right."""
    previous_status = seeker.status
    seeker.name = _("(erased)")[:50]
    seeker.birth_date = datetime.date(seeker.birth_date.year, 1, 1)
    seeker.phone = ""
    seeker.email = ""
    seeker.address_detail = ""
    seeker.major = ""
    seeker.external_ref = None
    seeker.claim_code_hash = ""
    seeker.claim_code_expires_at = None
    seeker.target_groups = [group for group in seeker.target_groups if group not in SENSITIVE_TARGET_GROUPS]
    seeker.status = Seeker.Status.CLOSED
    seeker.anonymised_at = timezone.now()
    seeker.user = None
    seeker.save()
    seeker.careers.all().delete()
    seeker.certificates.all().delete()
    seeker.consultations.update(notes="", next_action="")
    seeker.bookings.filter(status=Booking.Status.BOOKED, starts_at__gt=timezone.now()).update(
        status=Booking.Status.CANCELLED, cancelled_at=timezone.now(), topic=""
    )
    seeker.consents.filter(withdrawn_at__isnull=True).update(withdrawn_at=timezone.now())
    SeekerHistory.objects.create(
        seeker=seeker, kind=SeekerHistory.Kind.STATUS, from_value=previous_status, to_value=seeker.status, by=by
    )
    SeekerHistory.objects.create(seeker=seeker, kind=SeekerHistory.Kind.ANONYMISED, by=by)


# --- registration -----------------------------------------------------------------------------------


def validate_registration(
    *, data: dict, consents: Iterable[str], desired_occupations: Iterable[Occupation] = ()
) -> None:
    """Business rules of a registration that hold whoever enters it (the form shows them per field)."""
    errors: dict[str, list[str]] = {}
    consents = set(consents)
    if name_typed_twice(data.get("name") or ""):
        errors.setdefault("name", []).append(
            _("The name seems to be typed twice (%(name)s). Enter it once.") % {"name": data.get("name")}
        )
    birth_date = data.get("birth_date")
    if birth_date is not None and age_on(birth_date, timezone.localdate()) < MINIMUM_AGE:
        errors.setdefault("birth_date", []).append(
            _("A job seeker must be at least %(age)d years old.") % {"age": MINIMUM_AGE}
        )
    if len(list(desired_occupations)) > MAX_DESIRED_OCCUPATIONS:
        errors.setdefault("desired_occupations", []).append(
            _("Choose at most %(count)d desired occupations.") % {"count": MAX_DESIRED_OCCUPATIONS}
        )
    sensitive = set(data.get("target_groups") or []) & SENSITIVE_TARGET_GROUPS
    if sensitive and ConsentText.Kind.SENSITIVE not in consents:
        errors.setdefault("target_groups", []).append(
            _("Disability and welfare status can only be recorded with the consent to sensitive data.")
        )
    if errors:
        raise ValidationError(errors)


def name_typed_twice(name: str) -> bool:
    """ "홍길동홍길동", "홍길동 홍길동", "Kim MinsuKim Minsu": the same name pasted or typed twice in a row."""
    compact = "".join(name.split()).casefold()
    half = len(compact) // 2
    return len(compact) >= 4 and len(compact) % 2 == 0 and compact[:half] == compact[half:]


def age_on(birth_date: datetime.date, day: datetime.date) -> int:
    return day.year - birth_date.year - ((day.month, day.day) < (birth_date.month, birth_date.day))


def _replace_rows(seeker: Seeker, careers: Iterable[dict] | None, certificates: Iterable[dict] | None) -> None:
    if careers is not None:
        seeker.careers.all().delete()
        Career.objects.bulk_create([Career(seeker=seeker, **row) for row in careers])
    if certificates is not None:
        seeker.certificates.all().delete()
        Certificate.objects.bulk_create([Certificate(seeker=seeker, **row) for row in certificates])


@transaction.atomic
def seeker_register(
    *,
    by: User | None,
    booth: Booth,
    data: dict,
    consents: Iterable[str],
    desired_occupations: Iterable[Occupation] = (),
    desired_regions: Iterable[Region] = (),
    careers: Iterable[dict] = (),
    certificates: Iterable[dict] = (),
    user: User | None = None,
    consent_channel: str | None = None,
    source: str | None = None,
    allow_duplicate: bool = False,
) -> Seeker:
    """Register a resident. Every path (booth, online, mobile desk, event walk-in, import) comes here, so one duplicate
    rule catches the same person registered twice: `possible_duplicates` at the booth's centre refuses it unless a
    counselor looked at the matches and confirmed it is another person (`allow_duplicate`).

    `by` None or the seeker: web self-registration (the account is `by`);
    `by` staff: a walk-in or caller registered at `booth`, without an account (claimable later).

    `data` holds the Seeker fields of the form (name, birth_date, phone, ...). `consents` lists the
    ConsentText kinds agreed to; the collection consent is required.
    """
    consents = set(consents)
    desired_occupations = list(desired_occupations)
    if ConsentText.Kind.COLLECTION not in consents:
        raise ValidationError(_("Registration needs the consent to the collection and use of personal data."))
    validate_registration(data=data, consents=consents, desired_occupations=desired_occupations)
    staff = by is not None and by.is_centre_staff
    if by is not None and not staff:
        if by.role != Role.SEEKER:
            raise ValidationError(_("Only residents and centre staff can register job seekers."))
        user = by
    if user is not None and Seeker.objects.filter(user=user).exists():
        raise ValidationError(_("This account already has a registration."))
    if staff and by.role != Role.ADMINISTRATOR and booth.centre_id != by.centre_id:
        raise ValidationError(_("Choose a booth of your own centre."))
    if not allow_duplicate:
        same = possible_duplicates(
            Seeker.objects.filter(centre_id=booth.centre_id),
            name=data.get("name", ""),
            birth_date=data.get("birth_date"),
            phone=data.get("phone", ""),
        )
        if same:
            raise ValidationError(
                _(
                    "%(name)s seems to be registered at this centre already (the same name and date of birth, or "
                    "the same phone number). Look the registration up instead of registering again."
                )
                % {"name": data.get("name", "")},
                code="duplicate",
            )
    seeker = Seeker(
        user=user,
        centre=booth.centre,
        booth=booth,
        counselor=by if staff and by.role == Role.COUNSELOR else None,
        source=source or (Seeker.Source.BOOTH if staff else Seeker.Source.WEB),
        **data,
    )
    seeker.full_clean(exclude=["user", "counselor", "centre", "booth"], validate_unique=False)
    seeker.save()
    seeker.desired_occupations.set(desired_occupations)
    seeker.desired_regions.set(list(desired_regions))
    _replace_rows(seeker, careers, certificates)
    for kind in ConsentText.Kind.values:
        if kind in consents:
            consent_give(seeker=seeker, kind=kind, by=by if staff else None, channel=consent_channel)
    SeekerHistory.objects.create(
        seeker=seeker, kind=SeekerHistory.Kind.REGISTERED, to_value=seeker.source, by=by if staff else user
    )
    schedule_seeker(seeker.pk)  # the scorer recomputes its matches after commit
    return seeker


@transaction.atomic
def seeker_update(
    *,
    seeker: Seeker,
    by: User,
    data: dict,
    desired_occupations: Iterable[Occupation] | None = None,
    desired_regions: Iterable[Region] | None = None,
    careers: Iterable[dict] | None = None,
    certificates: Iterable[dict] | None = None,
) -> Seeker:
    """Change the registration form's answers; counts as activity."""
    if seeker.anonymised_at is not None:
        raise ValidationError(_("This registration was closed and its personal data erased."))
    consents = set(seeker.consents.filter(withdrawn_at__isnull=True).values_list("kind", flat=True))
    occupations = list(desired_occupations) if desired_occupations is not None else None
    validate_registration(data=data, consents=consents, desired_occupations=occupations or ())
    for field, value in data.items():
        setattr(seeker, field, value)
    seeker.full_clean(exclude=["user", "counselor", "centre", "booth"], validate_unique=False)
    seeker.save()
    if occupations is not None:
        seeker.desired_occupations.set(occupations)
    if desired_regions is not None:
        seeker.desired_regions.set(list(desired_regions))
    _replace_rows(seeker, careers, certificates)
    seeker_touch(seeker=seeker)
    schedule_seeker(seeker.pk)  # the scorer recomputes its matches after commit
    return seeker


def possible_duplicates(queryset, *, name: str, birth_date: datetime.date | None, phone: str):
    """Registrations in `queryset` with the same name and birth date, or the same phone number."""
    condition = Q(pk__in=[])
    if name and birth_date:
        condition |= Q(name=name, birth_date=birth_date)
    if phone:
        condition |= Q(phone=phone)
    return queryset.filter(condition).exclude(anonymised_at__isnull=False).select_related("booth")[:10]


def expiry_delta() -> relativedelta:
    """How long a registration stays active without activity."""
    return relativedelta(months=settings.REGISTRATION_EXPIRY_MONTHS)


# The expiry clock counts months, so activity already noted this recently is not written again: last_activity_at is
# indexed, and every write of it rewrites the row in all of the seeker's indexes (the name search ones too). A
# counselor's consultation, referral and booking for one seeker in an afternoon write it once.
TOUCH_INTERVAL = datetime.timedelta(hours=1)


def seeker_touch(*, seeker: Seeker) -> None:
    """Note activity (a consultation, booking, referral, profile change): the expiry clock restarts."""
    now = timezone.now()
    if seeker.expired_at is None and now - seeker.last_activity_at < TOUCH_INTERVAL:
        return  # the copy's time can only be older than the row's: activity never moves back
    Seeker.objects.filter(pk=seeker.pk).update(last_activity_at=now, expired_at=None)
    seeker.last_activity_at, seeker.expired_at = now, None


@transaction.atomic
def seeker_renew(*, seeker: Seeker, by: User | None) -> None:
    """Renew an expired or expiring registration."""
    if seeker.status != Seeker.Status.ACTIVE:
        raise ValidationError(_("Only an active registration can be renewed."))
    seeker_touch(seeker=seeker)
    SeekerHistory.objects.create(seeker=seeker, kind=SeekerHistory.Kind.RENEWED, by=by)


def seeker_set_status(*, seeker: Seeker, status: str, by: User | None, note: str = "") -> None:
    """Move a registration along STATUS_TRANSITIONS, writing a history row."""
    if status == seeker.status:
        return
    if status not in STATUS_TRANSITIONS.get(seeker.status, set()):
        raise ValidationError(
            _("A registration cannot go from %(from)s to %(to)s.")
            % {"from": seeker.get_status_display(), "to": Seeker.Status(status).label}
        )
    if seeker.anonymised_at is not None:
        raise ValidationError(_("This registration was closed and its personal data erased."))
    _status_write(seeker=seeker, status=status, by=by, note=note)


# Refused moves are raised above, before any transaction. The writes need no savepoint of their own: inside a
# caller's transaction (a placement recorded) a failure among them must undo the caller's work too.
@transaction.atomic(savepoint=False)
def _status_write(*, seeker: Seeker, status: str, by: User | None, note: str) -> None:
    previous = seeker.status
    seeker.status = status
    seeker.save(update_fields=["status"])
    SeekerHistory.objects.create(
        seeker=seeker, kind=SeekerHistory.Kind.STATUS, from_value=previous, to_value=status, note=note[:300], by=by
    )
    if status == Seeker.Status.ACTIVE:
        seeker_touch(seeker=seeker)
    schedule_seeker(seeker.pk)  # only active seekers are matched


@transaction.atomic
def seeker_assign(*, seeker: Seeker, counselor: User, by: User, booth: Booth | None = None) -> None:
    """Give the seeker a counselor (담당 상담사) of their centre, and optionally a new home booth."""
    if counselor.role != Role.COUNSELOR or counselor.centre_id != seeker.centre_id:
        raise ValidationError(_("Choose a counselor of the seeker's centre."))
    if booth is not None and booth.centre_id != seeker.centre_id:
        raise ValidationError(_("Choose a booth of the seeker's centre."))
    previous = seeker.counselor
    seeker.counselor = counselor
    fields = ["counselor"]
    if booth is not None:
        seeker.booth = booth
        fields.append("booth")
    seeker.save(update_fields=fields)
    SeekerHistory.objects.create(
        seeker=seeker,
        kind=SeekerHistory.Kind.ASSIGNED,
        from_value=str(previous or "")[:100],
        to_value=str(counselor)[:100],
        by=by,
    )


def seekers_mark_expired(*, now: datetime.datetime | None = None) -> list[int]:
    """Mark active registrations without activity for REGISTRATION_EXPIRY_MONTHS; idempotent."""
    from seekers.selectors import expiry_cutoff

    now = now or timezone.now()
    with transaction.atomic():
        ids = list(
            Seeker.objects.select_for_update(skip_locked=True)
            .filter(status=Seeker.Status.ACTIVE, expired_at__isnull=True, last_activity_at__lt=expiry_cutoff(now))
            .values_list("pk", flat=True)[:10000]
        )
        Seeker.objects.filter(pk__in=ids).update(expired_at=now)
        SeekerHistory.objects.bulk_create([SeekerHistory(seeker_id=pk, kind=SeekerHistory.Kind.EXPIRED) for pk in ids])
    return ids


# --- claiming an account -----------------------------------------------------------------------------


def _hash_code(code: str) -> str:
    return hashlib.sha256(code.strip().upper().replace("-", "").encode()).hexdigest()


@transaction.atomic
def claim_code_issue(*, seeker: Seeker, by: User | None) -> str:
    """A new one-time code (valid CLAIM_CODE_DAYS) for a booth-registered resident; earlier codes stop working.
    Only its hash is stored: show the returned code to the resident now."""
    if seeker.user_id is not None:
        raise ValidationError(_("This seeker already has an account."))
    if seeker.anonymised_at is not None:
        raise ValidationError(_("This registration was closed and its personal data erased."))
    code = "".join(secrets.choice(CLAIM_CODE_ALPHABET) for _i in range(8))
    seeker.claim_code_hash = _hash_code(code)
    seeker.claim_code_expires_at = timezone.now() + datetime.timedelta(days=CLAIM_CODE_DAYS)
    seeker.save(update_fields=["claim_code_hash", "claim_code_expires_at"])
    if seeker.phone:
        notify(template="seekers_claim_code", context={"seeker": seeker, "code": code}, phone=seeker.phone)
    return f"{code[:4]}-{code[4:]}"


@transaction.atomic
def seeker_claim(*, code: str, birth_date: datetime.date, username: str, password: str, email: str = "") -> User:
    """Create the resident's account from a claim code and their birth date; the code then stops working."""
    seeker = (
        Seeker.objects.select_for_update()
        .filter(
            claim_code_hash=_hash_code(code),
            claim_code_expires_at__gt=timezone.now(),
            user__isnull=True,
            birth_date=birth_date,
        )
        .first()
    )
    if seeker is None:
        raise ValidationError(_("The code and birth date do not match a registration, or the code has expired."))
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError({"username": _("This user name is taken. Choose another.")})
    user = User(username=username, role=Role.SEEKER, email=email or seeker.email, phone=seeker.phone)
    user.last_name, user.first_name = seeker.name[:1], seeker.name[1:]
    validate_password(password, user)
    user.set_password(password)
    user.save()
    seeker.user = user
    seeker.claim_code_hash = ""
    seeker.claim_code_expires_at = None
    seeker.save(update_fields=["user", "claim_code_hash", "claim_code_expires_at"])
    SeekerHistory.objects.create(seeker=seeker, kind=SeekerHistory.Kind.CLAIMED, by=user)
    seeker_touch(seeker=seeker)
    return user


# --- consultations -----------------------------------------------------------------------------------


@transaction.atomic
def consultation_create(
    *,
    seeker: Seeker,
    counselor: User,
    booth: Booth | None,
    channel: str,
    started_at: datetime.datetime | None = None,
    duration_minutes: int = 30,
    topics: Iterable[str] = (),
    notes: str = "",
    next_action: str = "",
    next_action_due: datetime.date | None = None,
) -> Consultation:
    """Log one consultation (취업상담) and count it as activity."""
    if seeker.anonymised_at is not None:
        raise ValidationError(_("This registration was closed and its personal data erased."))
    if next_action_due is not None and not next_action:
        raise ValidationError({"next_action": _("Say what the next action is, or leave its due date empty.")})
    consultation = Consultation(
        seeker=seeker,
        counselor=counselor,
        booth=booth,
        channel=channel,
        started_at=started_at or timezone.now(),
        duration_minutes=duration_minutes,
        topics=list(topics),
        notes=notes,
        next_action=next_action,
        next_action_due=next_action_due,
    )
    consultation.full_clean()
    consultation.save()
    seeker_touch(seeker=seeker)
    return consultation


# --- visit bookings ------------------------------------------------------------------------------------

# Used when a booth has no OpeningHours rows: weekdays 09:00–12:00 and 13:00–18:00, 30-minute slots.
DEFAULT_HOURS = [(datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(18))]
DEFAULT_SLOT_MINUTES = 30
BOOKING_DAYS_AHEAD = 60


@dataclass(frozen=True)
class Slot:
    starts_at: datetime.datetime
    ends_at: datetime.datetime
    free: bool = True


def is_holiday(day: datetime.date) -> bool:
    return day in holidays.country_holidays("KR", years=day.year)


def booth_next_open_day(*, booth: Booth, start: datetime.date, days: int = 14) -> datetime.date:
    """The first day from `start` on which `booth` has a free slot (`start` itself when none within `days`): the
    booking form opens there, not on a weekend, a holiday or a day whose times have all passed."""
    for offset in range(days):
        day = start + datetime.timedelta(days=offset)
        if any(slot.free for slot in booth_slots(booth=booth, day=day)):
            return day
    return start


def closed_reason(day: datetime.date, centre_id: int) -> str:
    """Why the centre is closed on `day` ('' when open): a public holiday or one of its own closed days."""
    if is_holiday(day):
        return str(_("The centre is closed on public holidays."))
    from jobcenter.models import ClosedDay

    reason = ClosedDay.objects.filter(centre_id=centre_id, date=day).values_list("reason", flat=True).first()
    if reason is not None:
        return _("The centre is closed on %(date)s (%(reason)s).") % {"date": f"{day:%Y-%m-%d}", "reason": reason}
    return ""


def booth_slots(*, booth: Booth, day: datetime.date) -> list[Slot]:
    """The booth's slots on `day` with whether each is free; none on a public holiday or a closed day of its
    centre."""
    if closed_reason(day, booth.centre_id):
        return []
    hours = [
        (row.opens_at, row.closes_at, row.slot_minutes) for row in booth.opening_hours.filter(weekday=day.weekday())
    ]
    if not hours and not booth.opening_hours.exists() and day.weekday() < 5:
        hours = [(opens, closes, DEFAULT_SLOT_MINUTES) for opens, closes in DEFAULT_HOURS]
    tz = timezone.get_current_timezone()
    slots = []
    for opens, closes, minutes in hours:
        start = datetime.datetime.combine(day, opens, tzinfo=tz)
        end = datetime.datetime.combine(day, closes, tzinfo=tz)
        while start + datetime.timedelta(minutes=minutes) <= end:
            slots.append(Slot(start, start + datetime.timedelta(minutes=minutes)))
            start += datetime.timedelta(minutes=minutes)
    taken = list(
        Booking.objects.filter(
            booth=booth,
            status=Booking.Status.BOOKED,
            starts_at__lt=datetime.datetime.combine(day + datetime.timedelta(days=1), datetime.time.min, tzinfo=tz),
            ends_at__gt=datetime.datetime.combine(day, datetime.time.min, tzinfo=tz),
        ).values_list("starts_at", "ends_at")
    )
    now = timezone.now()
    return [
        Slot(
            slot.starts_at,
            slot.ends_at,
            free=slot.starts_at > now and not any(s < slot.ends_at and e > slot.starts_at for s, e in taken),
        )
        for slot in slots
    ]


def _slot_at(booth: Booth, starts_at: datetime.datetime) -> Slot:
    day = timezone.localtime(starts_at).date()
    if starts_at <= timezone.now():
        raise ValidationError(_("Choose a time in the future."))
    closed = closed_reason(day, booth.centre_id)
    if closed:
        raise ValidationError(closed)
    if day > timezone.localdate() + datetime.timedelta(days=BOOKING_DAYS_AHEAD):
        raise ValidationError(_("Bookings open %(days)d days ahead.") % {"days": BOOKING_DAYS_AHEAD})
    for slot in booth_slots(booth=booth, day=day):
        if slot.starts_at == starts_at:
            return slot
    raise ValidationError(_("The booth takes no bookings at that time."))


def _visits_per_day_check(seeker: Seeker, starts_at: datetime.datetime) -> None:
    """A seeker books at most VISIT_BOOKINGS_PER_DAY visits a day (one by default): a second booking the same day
    holds a counselor's slot that another resident needs."""
    day = timezone.localdate(starts_at)
    booked = seeker.bookings.filter(
        status__in=(Booking.Status.BOOKED, Booking.Status.ATTENDED), starts_at__date=day
    ).count()
    if booked >= settings.VISIT_BOOKINGS_PER_DAY:
        raise ValidationError(
            _("%(name)s already has a visit booked on %(day)s; one person books at most %(limit)s a day.")
            % {"name": seeker.name, "day": f"{day:%Y-%m-%d}", "limit": settings.VISIT_BOOKINGS_PER_DAY},
            code="visits_per_day",
        )


def _booking_insert(**fields) -> Booking:
    # Concurrent inserts into one booth's day queue on this lock instead of deadlocking inside the
    # exclusion constraint's check; the constraint itself is what guarantees no double booking.
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_advisory_xact_lock(%s, %s)",
            [fields["booth"].pk, timezone.localtime(fields["starts_at"]).date().toordinal()],
        )
    try:
        with transaction.atomic():
            return Booking.objects.create(**fields)
    except IntegrityError as error:
        if "booking_no_double_booking" in str(error):
            raise ValidationError(
                _("This time has just been booked by someone else. Please choose another.")
            ) from error
        raise


def _booking_notify(booking: Booking, template: str, key: str | None = None) -> None:
    seeker = booking.seeker
    notify(
        template=template,
        context={"booking": booking, "seeker": seeker, "booth": booking.booth},
        email=seeker.email,
        phone=seeker.phone,
        key=key,
    )


@transaction.atomic
def booking_create(
    *, seeker: Seeker, booth: Booth, starts_at: datetime.datetime, by: User | None, channel: str, topic: str = ""
) -> Booking:
    """Book a visit slot; the database refuses a slot another booking already holds."""
    if seeker.status == Seeker.Status.CLOSED or seeker.anonymised_at is not None:
        raise ValidationError(_("A closed registration cannot book a visit."))
    slot = _slot_at(booth, starts_at)
    _visits_per_day_check(seeker, slot.starts_at)
    booking = _booking_insert(
        seeker=seeker,
        booth=booth,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        channel=channel,
        topic=topic,
        booked_by=by,
    )
    seeker_touch(seeker=seeker)
    _booking_notify(booking, "seekers_booking_confirmed", key=f"booking-confirmed-{booking.pk}")
    return booking


@transaction.atomic
def booking_cancel(*, booking: Booking, by: User | None) -> None:
    if booking.status != Booking.Status.BOOKED:
        raise ValidationError(_("Only a booked visit can be cancelled."))
    booking.status = Booking.Status.CANCELLED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    _booking_notify(booking, "seekers_booking_cancelled", key=f"booking-cancelled-{booking.pk}")


@transaction.atomic
def booking_reschedule(*, booking: Booking, starts_at: datetime.datetime, by: User | None) -> Booking:
    """Move a booking: the old one is marked moved and the new slot booked, both or neither."""
    if booking.status != Booking.Status.BOOKED:
        raise ValidationError(_("Only a booked visit can be moved."))
    booking.status = Booking.Status.RESCHEDULED
    booking.cancelled_at = timezone.now()
    booking.save(update_fields=["status", "cancelled_at"])
    slot = _slot_at(booking.booth, starts_at)
    _visits_per_day_check(booking.seeker, slot.starts_at)  # the moved booking no longer counts
    new = _booking_insert(
        seeker=booking.seeker,
        booth=booking.booth,
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        channel=booking.channel,
        topic=booking.topic,
        booked_by=by,
    )
    booking.rescheduled_to = new
    booking.save(update_fields=["rescheduled_to"])
    seeker_touch(seeker=booking.seeker)
    _booking_notify(new, "seekers_booking_confirmed", key=f"booking-confirmed-{new.pk}")
    return new


@transaction.atomic
def booking_set_outcome(*, booking: Booking, status: str, by: User) -> None:
    if status not in (Booking.Status.ATTENDED, Booking.Status.NO_SHOW) or booking.status != Booking.Status.BOOKED:
        raise ValidationError(_("Only a booked visit can be marked as attended or missed."))
    booking.status = status
    booking.save(update_fields=["status"])
    if status == Booking.Status.ATTENDED:
        seeker_touch(seeker=booking.seeker)


def booking_reminders_send(*, day: datetime.date | None = None) -> int:
    """Queue a reminder for each visit booked on `day` (default tomorrow); the notification key makes
    running it twice harmless."""
    day = day or timezone.localdate() + datetime.timedelta(days=1)
    tz = timezone.get_current_timezone()
    start = datetime.datetime.combine(day, datetime.time.min, tzinfo=tz)
    bookings = Booking.objects.filter(
        status=Booking.Status.BOOKED, starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=1)
    ).select_related("seeker", "booth", "booth__centre")
    count = 0
    for booking in bookings:
        with transaction.atomic():
            _booking_notify(booking, "seekers_booking_reminder", key=f"booking-reminder-{booking.pk}")
        count += 1
    return count


def opening_hours_for(booth: Booth) -> list[OpeningHours]:
    return list(booth.opening_hours.all())
