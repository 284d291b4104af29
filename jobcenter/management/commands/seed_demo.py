import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jobcenter.demo import DEMO_PASSWORD, Demo


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
        self.stdout.write(self.style.SUCCESS(f"Demo data ready. Logins (password for all: {DEMO_PASSWORD}):"))
        for role, username in demo.logins:
            self.stdout.write(f"  {role:<14} {username}")
        for line in demo.extra.get("login_notes", []):  # e.g. the demo second factor (jobcenter/security/demo.py)
            self.stdout.write(line)
