"""Screenshots of the main pages at desktop (1366 px) and phone (390 px) width, for the design reviews.

Run against a server holding the demo data (`manage.py seed_demo`), e.g.:
    .venv/bin/python manage.py runserver 127.0.0.1:18022 &
    .venv/bin/python scripts/screenshots.py --base http://127.0.0.1:18022 --out docs/screenshots/after
Staff log in with the current demo TOTP code (`manage.py otp_code <login>`). Chromium is the machine's.
"""

import argparse
import subprocess
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
PASSWORD = "jobcenter-demo-2026"
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
# (file name, login or None, path)
PAGES = [
    ("job-board", None, "/employers/jobs/"),
    ("job", None, "/employers/jobs/{job}/"),
    ("seeker-registration", "counselor", "/seekers/register/"),
    ("my-page", "seeker", "/seekers/me/"),
    ("worklist", "counselor", "/worklist/"),
    ("case", "counselor", "/seekers/{seeker}/"),
    ("referral", "counselor", "/matching/referrals/{referral}/"),
    ("event-day", "counselor", "/events/manage/{event}/check-in/"),
    ("dashboard", "manager", "/dashboard/"),
]


def demo_ids() -> dict:
    code = (
        "from employers.models import Vacancy; from seekers.models import Seeker; "
        "from matching.models import Referral; from events.models import Event; from jobcenter.models import User\n"
        "c = User.objects.get(username='counselor')\n"
        "s = Seeker.objects.filter(counselor=c).order_by('pk').first() or Seeker.objects.order_by('pk').first()\n"
        "r = Referral.objects.filter(seeker__counselor=c).order_by('pk').first()\n"
        "r = r or Referral.objects.order_by('pk').first()\n"
        "e = Event.objects.filter(kind='job_fair').order_by('pk').first()\n"
        "v = Vacancy.objects.filter(status='published').order_by('pk').first()\n"
        "print(v.pk, s.pk, r.pk, e.pk)"
    )
    out = subprocess.run(
        [sys.executable, "manage.py", "shell", "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.split()[-4:]
    return dict(zip(("job", "seeker", "referral", "event"), out, strict=True))


def otp_code(login: str) -> str:
    out = subprocess.run(
        [sys.executable, "manage.py", "otp_code", login], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return out.stdout.strip().split()[-1]


def log_in(page, base: str, login: str) -> None:
    page.goto(base + "/accounts/login/")
    page.fill("#id_username", login)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/2fa/verify/" in page.url:
        page.fill("#id_token", otp_code(login))
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/screenshots/after")
    parser.add_argument("--chromium", default="/usr/bin/chromium")
    parser.add_argument("--locale", default="ko-KR")
    args = parser.parse_args()
    out = ROOT / args.out
    out.mkdir(parents=True, exist_ok=True)
    ids = demo_ids()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox", "--disable-gpu"])
        sessions: dict = {}
        for size, viewport in VIEWPORTS.items():
            contexts: dict = {}
            for name, login, path in PAGES:
                if login not in contexts:
                    # A TOTP code is accepted once: the phone pass reuses the desktop pass's session.
                    context = browser.new_context(
                        viewport=viewport,
                        locale=args.locale,
                        is_mobile=size == "phone",
                        has_touch=size == "phone",
                        storage_state=sessions.get(login),
                    )
                    page = context.new_page()
                    if login and login not in sessions:
                        log_in(page, args.base, login)
                        sessions[login] = context.storage_state()
                    contexts[login] = page
                page = contexts[login]
                page.goto(args.base + path.format(**ids))
                page.wait_for_load_state("networkidle")
                page.screenshot(path=str(out / f"{name}-{size}.png"), full_page=True)
                print(out / f"{name}-{size}.png")
        browser.close()


if __name__ == "__main__":
    main()
