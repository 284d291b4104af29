"""What an administrator changes in the product (issue 27): staff accounts, caseload reassignment, a centre's closed
days and new consent versions. Every change of rights goes to the rights log (RoleChange, kept three years) or the
security log (SecurityEvent), through jobcenter.security.services."""

import datetime
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _

from jobcenter.models import STAFF_ROLES, Booth, Centre, ClosedDay, Role, User
from jobcenter.notifications import notify
from jobcenter.security.models import SecurityEvent
from jobcenter.security.services import (
    account_unlock,
    password_setup_url,
    role_changes_record,
    role_snapshot,
    security_event_log,
    sessions_end,
    user_deactivate,
)

VIA = "administration"
# Which consent lets the centre tell a seeker that their counselor changed: the one to receive news from the centre.
REASSIGNMENT_NOTICE_CONSENT = "job_news"


def _check_placement(
    *, role: str, centre: Centre | None, booth: Booth | None, other_booths: Iterable[Booth] = ()
) -> None:
    if role not in STAFF_ROLES:
        raise ValidationError(_("Choose the role of a staff member."))
    if role in (Role.COUNSELOR, Role.MANAGER) and centre is None:
        raise ValidationError(_("Counselors and managers must belong to a centre."))
    if booth is not None and (centre is None or booth.centre_id != centre.pk):
        raise ValidationError(_("Choose a booth of the same centre."))
    elsewhere = [other.name for other in other_booths if centre is None or other.centre_id != centre.pk]
    if elsewhere:
        raise ValidationError(
            {
                "other_booths": _("%(booths)s: a person serves only at booths of their own centre.")
                % {"booths": ", ".join(elsewhere)}
            }
        )


def _other_booths_set(user: User, other_booths: Iterable[Booth]) -> None:
    """The booths besides the usual one; the usual booth is not listed again."""
    user.other_booths.set([other for other in other_booths if other.pk != user.booth_id])


@transaction.atomic
def staff_invite(
    *,
    by: User,
    name: str,
    username: str,
    email: str,
    role: str,
    centre: Centre | None,
    booth: Booth | None = None,
    other_booths: Iterable[Booth] = (),
    phone: str = "",
    request: HttpRequest | None = None,
) -> User:
    """A new staff account with no password, and an e-mail with a one-time link to choose one (the link of
    `create_administrator`); the second factor is set up at the first login. The grant is in the rights log."""
    other_booths = list(other_booths)
    _check_placement(role=role, centre=centre, booth=booth, other_booths=other_booths)
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("An account with the login %(username)s already exists.") % {"username": username})
    if User.objects.filter(email__iexact=email, is_active=True).exists():
        raise ValidationError(_("An active account already uses the e-mail address %(email)s.") % {"email": email})
    user = User(
        username=username,
        email=email,
        last_name=name,  # 성명, whole (User.get_full_name)
        first_name="",
        phone=phone,
        role=role,
        centre=centre,
        booth=booth,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    _other_booths_set(user, other_booths)
    role_changes_record(user=user, before={}, by=by, via=VIA)
    staff_invitation_send(user=user, by=by, request=request)
    return user


def staff_invitation_send(*, user: User, by: User, request: HttpRequest | None = None) -> None:
    """Mail (again) the one-time link to choose a password; the earlier link stops working once a password is set."""
    if not user.is_active:
        raise ValidationError(_("This account is deactivated."))
    if user.has_usable_password():
        raise ValidationError(_("This person has already chosen a password."))
    notify(
        template="administration_invitation",
        context={
            "user": user,
            "link": password_setup_url(user=user),
            "days": settings.PASSWORD_RESET_TIMEOUT // 86400,
            "by": by,
        },
        email=user.email,
    )
    security_event_log(kind=SecurityEvent.Kind.INVITED, username=user.get_username(), by=by, request=request)


@transaction.atomic
def staff_update(
    *,
    user: User,
    by: User,
    name: str,
    email: str,
    phone: str,
    role: str,
    centre: Centre | None,
    booth: Booth | None,
    other_booths: Iterable[Booth] = (),
) -> list:
    """Change a staff member's name, contact, role, centre, usual booth and the other booths they serve at; each
    change of rights is logged."""
    other_booths = list(other_booths)
    _check_placement(role=role, centre=centre, booth=booth, other_booths=other_booths)
    if user.pk == by.pk and role != user.role:
        raise ValidationError(_("You cannot change your own role; ask another administrator."))
    if User.objects.filter(email__iexact=email, is_active=True).exclude(pk=user.pk).exists():
        raise ValidationError(_("An active account already uses the e-mail address %(email)s.") % {"email": email})
    before = role_snapshot(user)
    user.last_name, user.first_name = name, ""
    user.email, user.phone = email, phone
    user.role, user.centre, user.booth = role, centre, booth
    user.full_clean(exclude=["password"])
    user.save(update_fields=["last_name", "first_name", "email", "phone", "role", "centre", "booth"])
    _other_booths_set(user, other_booths)
    return role_changes_record(user=user, before=before, by=by, via=VIA)


def staff_deactivate(*, user: User, by: User, request: HttpRequest | None = None) -> int:
    """Deactivate the account and end its sessions at once (their open work stays, listed for reassignment)."""
    if user.pk == by.pk:
        raise ValidationError(_("You cannot deactivate your own account."))
    if not user.is_active:
        raise ValidationError(_("This account is already deactivated."))
    return user_deactivate(user=user, by=by, request=request, via=VIA)


@transaction.atomic
def staff_reactivate(*, user: User, by: User) -> None:
    if user.is_active:
        raise ValidationError(_("This account is active."))
    before = role_snapshot(user)
    user.is_active = True
    user.save(update_fields=["is_active"])
    role_changes_record(user=user, before=before, by=by, via=VIA)


@transaction.atomic
def staff_second_factor_reset(*, user: User, by: User, request: HttpRequest | None = None) -> int:
    """Remove the person's authenticator devices and end their sessions: at the next login they set up a new one
    (a lost or replaced phone). Logged; returns how many devices were removed."""
    from django_otp.plugins.otp_totp.models import TOTPDevice

    if user.pk == by.pk:
        raise ValidationError(_("Ask another administrator to reset your own second factor."))
    removed, _detail = TOTPDevice.objects.filter(user=user).delete()
    sessions_end(user=user)
    security_event_log(
        kind=SecurityEvent.Kind.OTP_RESET,
        username=user.get_username(),
        by=by,
        request=request,
        detail=f"devices removed: {removed}",
    )
    return removed


def staff_unlock(*, user: User, by: User, request: HttpRequest | None = None) -> int:
    """Release a lockout after repeated failed logins (django-axes); the unlock is logged by its receiver."""
    released = account_unlock(username=user.get_username(), by=by, request=request)
    if released:  # the receiver logs which lock was released; this row says who released it
        security_event_log(
            kind=SecurityEvent.Kind.UNLOCKED, username=user.get_username(), by=by, request=request, detail=VIA
        )
    return released


# --- Reassignment ---------------------------------------------------------------------------------------------


@transaction.atomic
def caseload_reassign(*, seekers: Iterable, to: User, by: User) -> int:
    """Give these seekers the counselor `to` (of their centre); each seeker holding the news consent is told of
    their new counselor by text or e-mail. Returns how many moved."""
    from seekers.services import seeker_assign

    if not to.is_active:
        raise ValidationError(_("Choose an active counselor."))
    moved = 0
    for seeker in seekers:
        if seeker.counselor_id == to.pk:
            continue
        seeker_assign(seeker=seeker, counselor=to, by=by)
        moved += 1
        if seeker.consents.held(REASSIGNMENT_NOTICE_CONSENT).exists():
            notify(
                template="administration_new_counselor",
                context={"seeker": seeker, "counselor": to, "centre": seeker.centre},
                email=seeker.email,
                phone=seeker.phone,
                key=f"new-counselor-{seeker.pk}-{to.pk}-{timezone.localdate():%Y%m%d}",
            )
    return moved


# --- Closed days ----------------------------------------------------------------------------------------------


def closed_day_check(*, centre: Centre, date: datetime.date) -> None:
    if date <= timezone.localdate():
        raise ValidationError(_("Choose a day after today."))
    if ClosedDay.objects.filter(centre=centre, date=date).exists():
        raise ValidationError(_("This centre is already closed on that day."))


@transaction.atomic
def closed_day_add(
    *, centre: Centre, date: datetime.date, reason: str, by: User, notify_booked: bool
) -> tuple[ClosedDay, list]:
    """Close the centre on `date`: its booths offer no slot that day, and the visits booked then are cancelled
    (the seekers told, with the reason, when `notify_booked`). Returns the day and the cancelled bookings."""
    from jobcenter.administration.selectors import bookings_on

    closed_day_check(centre=centre, date=date)
    try:
        with transaction.atomic():
            day = ClosedDay.objects.create(centre=centre, date=date, reason=reason, created_by=by)
    except IntegrityError as error:  # the same day added twice at once
        raise ValidationError(_("This centre is already closed on that day.")) from error
    cancelled = list(bookings_on(centre=centre, date=date))
    _bookings_cancel(
        cancelled,
        notify_booked=notify_booked,
        template="administration_closed_day_cancelled",
        key="closed-day-cancelled",
        reason=reason,
    )
    return day, cancelled


def _bookings_cancel(bookings: Iterable, *, notify_booked: bool, template: str, key: str, **context) -> None:
    """Cancel visits the centre can no longer hold (a closed day, changed opening hours); when `notify_booked`,
    tell each seeker with the notice `template` (its context: the booking, seeker, booth and `context`)."""
    now = timezone.now()
    for booking in bookings:
        booking.status = booking.Status.CANCELLED
        booking.cancelled_at = now
        booking.save(update_fields=["status", "cancelled_at"])
        if notify_booked:
            notify(
                template=template,
                context={"booking": booking, "seeker": booking.seeker, "booth": booking.booth, **context},
                email=booking.seeker.email,
                phone=booking.seeker.phone,
                key=f"{key}-{booking.pk}",
            )


def closed_day_remove(*, day: ClosedDay, by: User) -> None:
    """Open the centre again that day (bookings cancelled for it stay cancelled)."""
    if day.date <= timezone.localdate():
        raise ValidationError(_("A closed day that has begun or passed stays in the calendar."))
    day.delete()


# --- Consent texts --------------------------------------------------------------------------------------------


@transaction.atomic
def consent_text_publish(
    *,
    kind: str,
    text: str,
    purpose: str,
    items: str,
    retention: str,
    effective_from: datetime.date,
    by: User,
):
    """A new version of a consent wording, in force from `effective_from`; consents given from then on point at it.
    Consents already given stay with the version the seeker agreed to."""
    from seekers.models import ConsentText

    if effective_from < timezone.localdate():
        raise ValidationError(_("The effective date cannot be in the past."))
    latest = ConsentText.objects.select_for_update().filter(kind=kind).order_by("-version").first()
    if latest is not None and (latest.text.strip(), latest.purpose, latest.items, latest.retention) == (
        text.strip(),
        purpose,
        items,
        retention,
    ):
        raise ValidationError(_("This wording is the same as the latest version; nothing to publish."))
    if latest is not None and latest.effective_on and latest.effective_on > effective_from:
        raise ValidationError(
            _("Version %(version)s takes effect on %(date)s; the new version cannot take effect before it.")
            % {"version": latest.version, "date": f"{latest.effective_on:%Y-%m-%d}"}
        )
    return ConsentText.objects.create(
        kind=kind,
        version=(latest.version + 1) if latest else 1,
        text=text.strip(),
        purpose=purpose,
        items=items,
        retention=retention,
        effective_on=effective_from,
        # What an employer sees under a sharing consent follows its item keys: kept while the items stay the same;
        # a changed list of items shows employers nothing until a developer maps it (the safe side).
        item_keys=latest.item_keys if latest is not None and latest.items == items else [],
    )


# --- Centres and booths ---------------------------------------------------------------------------------------


def centre_update(*, centre: Centre, by: User, name: str, address: str, phone: str) -> Centre:
    """A centre's name and contact details; saving refreshes the footer's copy (jobcenter/apps.py)."""
    centre.name, centre.address, centre.phone = name, address, phone
    centre.full_clean()
    centre.save(update_fields=["name", "address", "phone"])
    return centre


def booth_save(*, booth: Booth, by: User) -> Booth:
    """Create or change a booth. A booth that still has seekers or counselors is kept, only set inactive."""
    booth.full_clean()
    booth.save()
    return booth


class HoursRow(NamedTuple):
    """One period of a weekday when a booth takes visits (an OpeningHours row); 0 is Monday."""

    weekday: int
    opens_at: datetime.time
    closes_at: datetime.time
    slot_minutes: int


def opening_hours_check(*, booth: Booth, rows: Sequence[HoursRow]) -> list:
    """The OpeningHours rows for `rows`, each checked against the model's rules; periods of one day may not
    overlap, and a week without any period is refused (the booth would fall back to the centre's usual hours)."""
    from seekers.models import OpeningHours

    if not rows:
        raise ValidationError(
            _("Open the booth on at least one day. To take no more bookings there, set the booth inactive.")
        )
    hours = []
    for row in sorted(rows):
        if hours and hours[-1].weekday == row.weekday and row.opens_at < hours[-1].closes_at:
            raise ValidationError(_("The periods of one day overlap."))
        item = OpeningHours(booth=booth, **row._asdict())
        item.full_clean()
        hours.append(item)
    return hours


@transaction.atomic
def opening_hours_set(
    *, booth: Booth, rows: Sequence[HoursRow], by: User, notify_booked: bool, request: HttpRequest | None = None
) -> list:
    """Replace the booth's weekly opening hours: the booking form offers slots by them from now on. The coming
    visits they leave out are cancelled (the seekers told when `notify_booked`); the change goes to the security
    log. Returns the cancelled bookings."""
    from jobcenter.administration.selectors import bookings_outside_hours
    from seekers.models import OpeningHours

    Booth.objects.select_for_update().filter(pk=booth.pk).first()  # one change of a booth's hours at a time
    hours = opening_hours_check(booth=booth, rows=rows)
    before = list(booth.opening_hours.all())
    if sorted(HoursRow(h.weekday, h.opens_at, h.closes_at, h.slot_minutes) for h in before) == sorted(rows):
        return []
    booth.opening_hours.all().delete()
    OpeningHours.objects.bulk_create(hours)
    cancelled = bookings_outside_hours(booth=booth, rows=rows)
    _bookings_cancel(
        cancelled, notify_booked=notify_booked, template="administration_hours_cancelled", key="hours-cancelled"
    )
    security_event_log(
        kind=SecurityEvent.Kind.HOURS_CHANGED,
        by=by,
        request=request,
        detail=f"booth {booth.pk} {booth.name}: {_hours_log_text(rows)}; visits cancelled: {len(cancelled)}"
        f"{', told' if cancelled and notify_booked else ''}",
    )
    return cancelled


def _hours_log_text(rows: Sequence[HoursRow]) -> str:
    """The week in a few words for the log, the same whatever the page's language: `월-금 09:00-12:00,13:00-18:00/30;
    토 10:00-13:00/60` (days with the same hours together; after the slash, the slot in minutes)."""
    names = "월화수목금토일"
    by_day: dict[int, tuple] = {}
    for row in sorted(rows):
        by_day[row.weekday] = (*by_day.get(row.weekday, ()), (row.opens_at, row.closes_at, row.slot_minutes))
    groups: list[list] = []
    for weekday, periods in sorted(by_day.items()):
        if groups and groups[-1][1] == weekday - 1 and groups[-1][2] == periods:
            groups[-1][1] = weekday
        else:
            groups.append([weekday, weekday, periods])
    return "; ".join(
        (names[first] if first == last else f"{names[first]}-{names[last]}")
        + " "
        + ",".join(f"{opens:%H:%M}-{closes:%H:%M}" for opens, closes, _slot in periods)
        + f"/{periods[0][2]}"
        for first, last, periods in groups
    )


def legal_notice_save(*, kind: str, text: str, effective_from: datetime.date, by: User):
    """Write the privacy policy or the terms of use the footer links to."""
    from jobcenter.models import LegalNotice

    if not text.strip():
        raise ValidationError(_("Write the text."))
    notice, _created = LegalNotice.objects.update_or_create(
        kind=kind, defaults={"text": text.strip(), "effective_from": effective_from, "updated_by": by}
    )
    return notice


# --- Notice templates -----------------------------------------------------------------------------------------


@transaction.atomic
def notice_template_save(*, template: str, subject: str, body: str, by: User, request: HttpRequest | None = None):
    """The administrator's own subject and text for a notice; only `{{ variable }}`s the template declares
    (jobcenter/notice_templates.py). Logged in the security log."""
    from jobcenter.models import NoticeTemplateOverride
    from jobcenter.notice_templates import NOTICE_TEMPLATES, check_text, overrides_changed

    if template not in NOTICE_TEMPLATES:
        raise ValidationError(_("There is no such notice."))
    subject, body = " ".join(subject.split()), body.strip()
    errors = {}
    for name, text, empty in (
        ("subject", subject, _("Write the subject.")),
        ("body", body, _("Write the text.")),
    ):
        try:
            if not text:
                raise ValidationError(empty)
            check_text(template, text)
        except ValidationError as error:
            errors[name] = error
    if errors:
        raise ValidationError(errors)
    override, _created = NoticeTemplateOverride.objects.update_or_create(
        template=template, defaults={"subject": subject, "body": body, "updated_by": by}
    )
    overrides_changed()
    security_event_log(kind=SecurityEvent.Kind.NOTICE_CHANGED, by=by, request=request, detail=template)
    return override


@transaction.atomic
def notice_template_restore(*, template: str, by: User, request: HttpRequest | None = None) -> bool:
    """Back to the file's text: the override is deleted. False when there was none (nothing logged)."""
    from jobcenter.models import NoticeTemplateOverride
    from jobcenter.notice_templates import overrides_changed

    deleted, _rows = NoticeTemplateOverride.objects.filter(template=template).delete()
    if deleted:
        overrides_changed()
        security_event_log(kind=SecurityEvent.Kind.NOTICE_RESTORED, by=by, request=request, detail=template)
    return bool(deleted)
