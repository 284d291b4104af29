"""`manage.py seed_demo`: idempotent, refused in production, and every printed login works."""

import re
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import CommandError, call_command
from django.test import Client
from django.urls import reverse

from jobcenter.demo import DEMO_PASSWORD
from jobcenter.demo_logins import DEMO_LOGINS
from jobcenter.models import STAFF_ROLES, Centre, Role, User
from jobcenter.permissions import home_url_name


def seed() -> str:
    from io import StringIO

    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


# Not records but the triggers' log of writes (seekers/case_page.py, jobcenter/worklist.py): a second seed that
# saves a row again unchanged still logs that it wrote.
WRITE_LOGS = {"seekers.CaseChange"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model.objects.count() for model in apps.get_models() if model._meta.label not in WRITE_LOGS
    }


def printed_logins(output: str) -> list[tuple[str, str]]:
    return re.findall(r"^\s+(\w+)\s+(\S+)", output.split("Logins", 1)[1], re.MULTILINE)


def test_seed_demo__twice__changes_no_row_count(db):
    seed()
    first = row_counts()
    seed()
    assert row_counts() == first


def test_seed_demo__creates_a_city_with_two_centres_booths_and_staff(db):
    seed()
    assert set(Centre.objects.values_list("name", flat=True)) >= {"인천 서구 일자리센터", "검단 일자리센터"}
    assert User.objects.filter(role=Role.COUNSELOR).count() >= 4
    assert User.objects.get(username="counselor").get_full_name() == "김수진"


def test_seed_demo__is_refused_under_production_settings(db, settings):
    settings.PRODUCTION = True
    with pytest.raises(CommandError, match="production"):
        call_command("seed_demo")
    assert not Centre.objects.exists()


def test_seed_demo__prints_one_login_per_role(db):
    roles = {role for role, _ in printed_logins(seed())}
    assert roles == {"administrator", "manager", "counselor", "employer", "seeker"}


def test_every_printed_demo_login__logs_in_with_the_demo_password_and_lands_on_its_page(db):
    logins = printed_logins(seed())
    assert logins
    for role, username in logins:
        client = Client()
        response = client.post(reverse("login"), {"username": username, "password": DEMO_PASSWORD}, follow=True)
        user = User.objects.get(username=username)
        if user.role in STAFF_ROLES:  # the enforced second factor: the demo device's code (otp_code prints it)
            assert response.redirect_chain[-1][0].startswith(reverse("security:otp_verify")), username
            code = StringIO()
            call_command("otp_code", username, stdout=code)
            response = client.post(response.redirect_chain[-1][0], {"token": code.getvalue().strip()}, follow=True)
        assert response.status_code == 200, username
        assert response.redirect_chain[-1][0] == reverse(home_url_name(user)), (role, username)
        assert response.context["user"] == user


def test_seed_demo__prints_every_demo_account_it_creates__from_the_one_list_of_logins(db):
    printed = printed_logins(seed())
    assert printed == [(login.role, login.username) for login in DEMO_LOGINS]
    demo_accounts = User.objects.filter(email__endswith="@demo.jobcenter.example")
    assert set(demo_accounts.values_list("username", flat=True)) == {username for _, username in printed}


def test_the_readme_table_of_demo_logins__is_the_list_seed_demo_prints():
    readme = (Path(settings.BASE_DIR) / "README.md").read_text()
    section = readme.split("## Demo logins", 1)[1].split("\n## ", 1)[0]
    rows = re.findall(r"^\| (\w+) \| `(\w+)` \|", section, re.MULTILINE)
    assert rows == [(login.role, login.username) for login in DEMO_LOGINS]
