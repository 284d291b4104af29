"""The demo with the enforced second factor: every demo staff account has the documented TOTP device."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.demo import DEMO_PASSWORD
from jobcenter.models import STAFF_ROLES, User
from jobcenter.permissions import home_url_name
from jobcenter.security.demo import DEMO_TOTP_KEY, DEMO_TOTP_SECRET


def test_seed_demo__gives_every_staff_account_the_documented_device_and_says_how_to_get_a_code(db):
    out = StringIO()
    call_command("seed_demo", stdout=out)
    call_command("seed_demo", stdout=StringIO())  # idempotent: still one demo device each
    output = out.getvalue()
    assert DEMO_TOTP_SECRET in output
    assert "python3 dev.py otp <login>" in output  # the command that works outside the venv (test_devrun.py runs it)
    staff = User.objects.filter(role__in=STAFF_ROLES)
    assert staff.count() >= 7
    for user in staff:
        devices = TOTPDevice.objects.filter(user=user, confirmed=True)
        assert devices.count() == 1, user.username
        assert bytes.fromhex(devices.get().key) == DEMO_TOTP_KEY
    # The code an authenticator app set up with the documented secret shows lets the manager in.
    device = TOTPDevice.objects.get(user__username="manager")
    code = f"{TOTP(DEMO_TOTP_KEY, device.step, device.t0, device.digits).token():06d}"
    client = Client()
    client.post(reverse("login"), {"username": "manager", "password": DEMO_PASSWORD})
    response = client.post(reverse("security:otp_verify"), {"token": code}, follow=True)
    assert response.redirect_chain[-1][0] == reverse(home_url_name(User.objects.get(username="manager")))
    assert response.context["user"].is_verified()


def test_otp_code__is_refused_under_production_settings(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("otp_code", "manager")
