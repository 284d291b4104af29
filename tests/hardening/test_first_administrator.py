"""The first administrator of a production install (issue 28): `create_administrator`, as the README writes it,
prints a one-time link; it leads to choosing a password, logging in and enrolling the second factor."""

import io
import re
import shlex
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.models import Role, User
from jobcenter.security.models import RoleChange
from tests.hardening.otp import current_code

pytestmark = pytest.mark.django_db

NEW_PASSWORD = "길고-튼튼한-비밀번호-2026"
PREFIX = "docker compose exec web python manage.py "


def readme_command() -> list[str]:
    lines = [line.split("  #")[0].strip() for line in (Path(settings.BASE_DIR) / "README.md").read_text().splitlines()]
    found = [line for line in lines if line.startswith(PREFIX + "create_administrator ") and "--email" in line]
    assert len(found) == 1, found
    return shlex.split(found[0].removeprefix(PREFIX))


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out)
    return out.getvalue()


def test_create_administrator__as_documented__link_sets_the_password_then_login_enrols_the_second_factor(settings):
    settings.SITE_URL = "https://jobs.example.go.kr"
    args = readme_command()

    output = run(*args)

    user = User.objects.get(username=args[1])
    assert user.role == Role.ADMINISTRATOR and user.is_superuser and not user.has_usable_password()
    assert RoleChange.objects.filter(user=user, field="role", new_value=Role.ADMINISTRATOR, via="command").exists()
    link = re.search(r"https://jobs\.example\.go\.kr(/accounts/reset/\S+/)", output).group(1)
    client = Client()
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200 and form_page.context["validlink"]
    done = client.post(
        form_page.redirect_chain[-1][0], {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}, follow=True
    )
    assert done.status_code == 200 and reverse("login") in done.content.decode()
    assert Client().get(link, follow=True).context["validlink"] is False  # one time only

    login = client.post(reverse("login"), {"username": args[1], "password": NEW_PASSWORD}, follow=True)
    page = login.content.decode()
    assert login.redirect_chain[-1][0].startswith(reverse("security:otp_setup"))
    assert 'src="data:image/svg+xml' in page  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    enrolled = client.post(login.redirect_chain[-1][0], {"token": current_code(device)}, follow=True)
    assert enrolled.status_code == 200
    assert enrolled.redirect_chain[-1][0] == reverse("administration")
    assert client.get(reverse("admin:index")).status_code == 200


def test_create_administrator__an_existing_login__is_refused_and_nothing_changes(world):
    with pytest.raises(CommandError, match="already exists"):
        run("create_administrator", "ADMIN", "--email", "x@example.kr")

    assert User.objects.filter(username__iexact="admin").count() == 1


def test_create_administrator__new_link__gives_a_fresh_link_to_an_administrator_only(world):
    assert "/accounts/reset/" in run("create_administrator", "admin", "--new-link")
    with pytest.raises(CommandError, match="no active administrator"):
        run("create_administrator", "manager_x", "--new-link")
