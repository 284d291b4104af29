import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jobcenter.demo import DEMO_PASSWORD, Demo
from jobcenter.demo_logins import demo_logins
from matching.scoring import schedule_full_refresh


class Command(BaseCommand):
    help = "Create the demo city: centres, booths, staff, employers, seekers and their activity (idempotent)."

    def handle(self, *args, **options):
        if settings.PRODUCTION:
            raise CommandError("Demo data is refused under production settings.")
        demo = Demo()
        with transaction.atomic():
            for app_name in settings.INSTALLED_APPS:
                try:
                    module = importlib.import_module(f"{app_name}.demo")
                except ModuleNotFoundError:
                    continue
                module.seed(demo)
            # Statistics last: their figures are computed from every app's records (jobcenter/statistics).
            from jobcenter.statistics.demo import seed as seed_statistics

            seed_statistics(demo)
            # The demo is live at once: the scorer ranks every demo seeker and vacancy after commit (the nightly
            # full refresh, now), instead of saying "no ranking yet" until someone saves a vacancy.
            transaction.on_commit(schedule_full_refresh)
        if options["verbosity"] == 0:
            return
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):"))
        for login in demo_logins():
            self.stdout.write(f"  {login.role:<14} {login.username:<12} {login.note}")
        for line in demo.extra.get("login_notes", []):  # e.g. the demo second factor (jobcenter/security/demo.py)
            self.stdout.write(line)
