"""Demo data of the hardening app: every demo staff account gets a TOTP device with one fixed, documented
secret, so the enforced second factor does not stop a demo (seed_demo already refuses production).

The secret is public (README, "Demo logins"): an authenticator app set up with DEMO_TOTP_SECRET shows the
code of every demo staff account, and `python3 dev.py otp <login>` (manage.py otp_code) prints it too.
"""

import base64

from django.conf import settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.demo import Demo
from jobcenter.models import STAFF_ROLES, User

# 20 bytes, the key length django-otp generates. Base32 (what authenticator apps take): DEMO_TOTP_SECRET.
DEMO_TOTP_KEY = b"jobcenter-demo-2026!"
DEMO_TOTP_SECRET = base64.b32encode(DEMO_TOTP_KEY).decode()  # NJXWEY3FNZ2GK4RNMRSW23ZNGIYDENRB
DEMO_DEVICE_NAME = "Demo authenticator"


def seed(demo: Demo) -> None:
    if settings.PRODUCTION:  # seed_demo refuses production before this; a second guard costs nothing
        return
    staff = User.objects.filter(username__in=list(demo.users), role__in=STAFF_ROLES)
    for user in staff:
        TOTPDevice.objects.update_or_create(
            user=user,
            name=DEMO_DEVICE_NAME,
            defaults={"key": DEMO_TOTP_KEY.hex(), "confirmed": True, "last_t": -1, "throttling_failure_count": 0},
        )
    demo.extra["login_notes"] = [
        "Staff (administrator, managers, counselors) also enter a six-digit code after the password.",
        f"Every demo staff account shares the authenticator secret {DEMO_TOTP_SECRET} (demo only);",
        "or print the current code with: python3 dev.py otp <login>",
    ]
