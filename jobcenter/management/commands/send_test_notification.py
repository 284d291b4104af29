from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from jobcenter.notifications import notify


class Command(BaseCommand):
    help = "Queue a test e-mail and/or text message through the outbox, to check that the worker delivers."

    def add_arguments(self, parser):
        parser.add_argument("--email", default="")
        parser.add_argument("--phone", default="")
        parser.add_argument("--site", default="일자리센터")

    def handle(self, *args, **options):
        if not options["email"] and not options["phone"]:
            raise CommandError("Give --email, --phone or both.")
        with transaction.atomic():
            queued = notify(
                template="jobcenter_test_message",
                context={"site": options["site"]},
                email=options["email"],
                phone=options["phone"],
            )
        for notification in queued:
            self.stdout.write(f"queued notification {notification.pk}: {notification}")
