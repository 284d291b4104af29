"""Account services: role and centre changes with their audit row, deactivation, lockout release, the first
administrator."""

import ipaddress
import logging
from importlib import import_module

from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.contrib.sessions.models import Session
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode
from django.utils.translation import gettext as _

from jobcenter.models import Centre, Role, User
from jobcenter.security.models import RoleChange, SecurityEvent

logger = logging.getLogger("jobcenter.security")


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address: REMOTE_ADDR, or behind TRUSTED_PROXIES reverse proxies the address the outermost of
    them saw, read from the right of X-Forwarded-For (each proxy appends the address it received from). What the
    client itself wrote into X-Forwarded-For is left of that and never used. axes, the API throttle, the login
    and password-reset throttles and the access log all ask here."""
    if request is None:
        return None
    remote = request.META.get("REMOTE_ADDR") or None
    hops = settings.TRUSTED_PROXIES
    if not hops or remote is None:
        return remote
    forwarded = [part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if part.strip()]
    chain = [*forwarded, remote]
    candidate = chain[-(hops + 1)] if len(chain) > hops else chain[0]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote


def security_event_log(
    *, kind: str, username: str = "", by: User | None = None, request: HttpRequest | None = None, detail: str = ""
) -> SecurityEvent:
    """Write one SecurityEvent and the same line to the log (for the city's log collector)."""
    event = SecurityEvent.objects.create(
        kind=kind,
        username=username[:150],
        ip_address=client_ip(request),
        by_username=(by.get_username() if by is not None and by.is_authenticated else "")[:150],
        detail=detail[:300],
    )
    logger.warning(
        "security event %s user=%s by=%s ip=%s %s", kind, username, event.by_username, event.ip_address, detail
    )
    return event


def _value(field: str, user: User) -> str:
    if field == RoleChange.Field.ROLE:
        return user.role or ""
    if field == RoleChange.Field.CENTRE:
        return str(user.centre_id or "")
    if field == RoleChange.Field.ACTIVE:
        return "1" if user.is_active else "0"
    if field == RoleChange.Field.BOOTH:
        return str(user.booth_id or "")
    if field == RoleChange.Field.OTHER_BOOTHS:  # the booths' ids, in order, comma separated
        if user.pk is None:
            return ""
        return ",".join(str(pk) for pk in sorted(user.other_booths.values_list("pk", flat=True)))
    return "1" if (user.is_staff or user.is_superuser) else "0"


# What a new account starts from, so creating one logs only what it is granted.
NEW_ACCOUNT_DEFAULTS = {"role": "", "centre": "", "active": "1", "admin": "0", "booth": "", "booths": ""}


def role_snapshot(user: User) -> dict[str, str]:
    """The values RoleChange watches, to compare before and after a change."""
    return {field: _value(field, user) for field in RoleChange.Field.values}


def role_changes_record(*, user: User, before: dict[str, str], by: User | None, via: str) -> list[RoleChange]:
    """Write one RoleChange per watched field that differs between `before` and the user as now saved.

    `before` is `role_snapshot(user)` taken before the change ({} for a new account: every value is a grant).
    """
    after = role_snapshot(user)
    rows = []
    for field, new in after.items():
        old = before.get(field, NEW_ACCOUNT_DEFAULTS[field] if not before else "")
        if old == new:
            continue
        rows.append(
            RoleChange(
                user=user,
                username=user.get_username(),
                by=by if by is not None and by.is_authenticated else None,
                by_username=by.get_username() if by is not None and by.is_authenticated else "",
                field=field,
                old_value=old,
                new_value=new,
                via=via[:40],
            )
        )
    return RoleChange.objects.bulk_create(rows)


@transaction.atomic
def user_set_role(
    *, user: User, role: str, centre: Centre | None, by: User | None, via: str = "service"
) -> list[RoleChange]:
    """Give `user` a role and centre; every difference is logged (who, whom, old, new, when)."""
    before = role_snapshot(user)
    user.role = role
    user.centre = centre
    user.full_clean(exclude=["password"])
    user.save(update_fields=["role", "centre"])
    return role_changes_record(user=user, before=before, by=by, via=via)


def sessions_end(*, user: User) -> int:
    """Delete every stored session of `user`; returns how many ended."""
    store = import_module(settings.SESSION_ENGINE).SessionStore
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if str(session.get_decoded().get("_auth_user_id")) == str(user.pk):
            store(session_key=session.session_key).delete()  # the row, and its cached copy (cached_db)
            ended += 1
    return ended


@transaction.atomic
def user_deactivate(*, user: User, by: User | None, request: HttpRequest | None = None, via: str = "service") -> int:
    """Disable the account and end all its sessions at once; returns how many sessions ended."""
    before = role_snapshot(user)
    if user.is_active:
        user.is_active = False
        user.save(update_fields=["is_active"])
        role_changes_record(user=user, before=before, by=by, via=via)
    ended = sessions_end(user=user)
    security_event_log(
        kind=SecurityEvent.Kind.DEACTIVATED,
        username=user.get_username(),
        by=by,
        request=request,
        detail=f"sessions ended: {ended}",
    )
    return ended


def account_unlock(*, username: str, by: User | None, request: HttpRequest | None = None) -> int:
    """Release a django-axes lockout; the unlock itself is logged by the receiver on AccessAttempt deletion."""
    from axes.utils import reset

    return reset(username=username)


@transaction.atomic
def administrator_create(*, username: str, email: str, last_name: str = "", first_name: str = "") -> User:
    """A new administrator with no password yet: they choose one through `password_setup_url`, then enrol the
    second factor at their first login. The grant is logged like every role change (via "command")."""
    if User.objects.filter(username__iexact=username).exists():
        raise ValidationError(_("An account with the login %(username)s already exists.") % {"username": username})
    user = User(
        username=username,
        email=email,
        last_name=last_name,
        first_name=first_name,
        role=Role.ADMINISTRATOR,
        is_staff=True,
        is_superuser=True,
    )
    user.set_unusable_password()
    user.full_clean(exclude=["password"])
    user.save()
    role_changes_record(user=user, before={}, by=None, via="command")
    return user


def password_setup_url(*, user: User) -> str:
    """A one-time link to choose a password: Django's password-reset link, which stops working once the password
    is set (and after PASSWORD_RESET_TIMEOUT). Absolute, on SITE_URL."""
    uidb64 = urlsafe_base64_encode(force_bytes(user.pk))
    path = reverse("password_reset_confirm", args=[uidb64, default_token_generator.make_token(user)])
    return settings.SITE_URL.rstrip("/") + path
