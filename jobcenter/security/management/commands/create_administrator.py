from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from jobcenter.models import Role, User
from jobcenter.security.services import administrator_create, password_setup_url


class Command(BaseCommand):
    help = (
        "Create an administrator with no password and print a one-time link to choose one; the second factor is "
        "enrolled (QR code) at the first login. --new-link prints a fresh link for an existing administrator."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("username")
        parser.add_argument("--email", default="")
        parser.add_argument("--last-name", default="", help="family name (성)")
        parser.add_argument("--first-name", default="", help="given name (이름)")
        parser.add_argument("--new-link", action="store_true", help="an existing administrator: a fresh link only")

    def handle(self, *args, username: str, email: str, last_name: str, first_name: str, new_link: bool, **options):
        if new_link:
            user = User.objects.filter(username=username, role=Role.ADMINISTRATOR, is_active=True).first()
            if user is None:
                raise CommandError(f"There is no active administrator {username}.")
        else:
            try:
                user = administrator_create(username=username, email=email, last_name=last_name, first_name=first_name)
            except ValidationError as error:
                raise CommandError(" ".join(error.messages)) from error
            self.stdout.write(f"Administrator {username} created.")
        days = settings.PASSWORD_RESET_TIMEOUT // 86400
        self.stdout.write(
            f"Open this link to choose the password (it works once, for {days} days), then log in and scan the QR code"
            " with an authenticator app:"
        )
        self.stdout.write(password_setup_url(user=user))
