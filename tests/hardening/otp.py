"""Second-factor helpers for tests: a staff client that has passed TOTP, and the current code of a user."""

from django.test import Client
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.models import STAFF_ROLES, User


def totp_device(user: User) -> TOTPDevice:
    """The user's confirmed TOTP device, created when missing."""
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    return device or TOTPDevice.objects.create(user=user, name="test", confirmed=True)


def current_code(device: TOTPDevice) -> str:
    """The code the user's phone would show now. Forgets the last used step so a second login in the same
    30 seconds (a test that logs in twice) is accepted."""
    TOTPDevice.objects.filter(pk=device.pk).update(last_t=-1, throttling_failure_count=0)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def force_login_verified(client: Client, user: User) -> Client:
    """force_login, and for staff also the second factor, as if they had entered a code."""
    client.force_login(user)
    if user.role in STAFF_ROLES:
        session = client.session
        session[DEVICE_ID_SESSION_KEY] = totp_device(user).persistent_id
        session.save()
    return client
