"""Passwords, lockout, idle sessions, deactivation and the role-change audit."""

import time

import pytest
from axes.models import AccessAttempt
from django.contrib.sessions.models import Session
from django.db import DatabaseError, connection, transaction
from django.test import Client
from django.urls import reverse

from jobcenter.models import Role, User
from jobcenter.security.middleware import LAST_SEEN_KEY
from jobcenter.security.models import RoleChange, SecurityEvent
from jobcenter.security.services import account_unlock, user_deactivate, user_set_role

PASSWORD = "correct-horse-battery"


# --- passwords, through the real forms -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("new_password", "error"),
    [
        ("Short1!xy", "too short"),  # 9 characters
        ("password1234", "too common"),
        ("counselor_x-2024", "too similar"),
        ("48213957261", "entirely numeric"),
    ],
)
def test_password_change__with_a_weak_password__is_refused_with_the_reason(world, new_password, error, settings):
    settings.LANGUAGE_CODE = "en"
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("password_change"),
        {"old_password": PASSWORD, "new_password1": new_password, "new_password2": new_password},
        headers={"Accept-Language": "en"},
    )
    assert response.status_code == 200
    assert error in response.content.decode()
    world.users["counselor_x"].refresh_from_db()
    assert world.users["counselor_x"].check_password(PASSWORD)


def test_passwords_are_hashed_with_argon2_outside_tests():
    # Tests use a fast hasher; the settings every other process reads (no pytest loaded) hash with Argon2.
    import subprocess
    import sys

    from django.conf import settings

    script = (
        "import django; django.setup(); from django.contrib.auth.hashers import make_password; "
        "print(make_password('x'))"
    )
    env = {k: v for k, v in __import__("os").environ.items() if k not in {"TESTING", "PYTEST_CURRENT_TEST"}}
    env["DJANGO_SETTINGS_MODULE"] = "jobcenter.settings"
    result = subprocess.run(
        [sys.executable, "-c", script], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True, timeout=120
    )
    assert result.stdout.startswith("argon2$argon2id$"), result.stderr[-2000:]


def test_seeker_signup__with_a_common_password__is_refused_and_creates_no_account(db, client):
    before = User.objects.count()
    response = client.post(
        reverse("seekers:signup"),
        {"username": "newperson", "email": "n@example.kr", "password1": "password1234", "password2": "password1234"},
    )
    assert response.status_code in (200, 400)
    assert User.objects.count() == before


# --- lockout (django-axes) -------------------------------------------------------------------------------


def failed_login(client: Client, username: str):
    return client.post(reverse("login"), {"username": username, "password": "wrong-password-123"})


def test_login__locks_after_five_failures_even_with_the_right_password_and_logs_lock_and_unlock(world):
    client = Client()
    for _attempt in range(4):
        assert failed_login(client, "counselor_x").status_code == 200
    assert not SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKED).exists()
    locked = failed_login(client, "counselor_x")
    assert locked.status_code == 429
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.LOCKED, username="counselor_x").count() == 1

    right = client.post(reverse("login"), {"username": "counselor_x", "password": PASSWORD})
    assert right.status_code == 429
    assert "_auth_user_id" not in client.session

    account_unlock(username="counselor_x", by=world.users["admin"])
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.UNLOCKED, username="counselor_x").count() == 1
    assert not AccessAttempt.objects.filter(username="counselor_x").exists()
    again = client.post(reverse("login"), {"username": "counselor_x", "password": PASSWORD})
    assert again.status_code == 302


def test_login__failures_of_one_account_do_not_lock_another(world):
    client = Client()
    for _attempt in range(5):
        failed_login(client, "counselor_x")
    assert client.post(reverse("login"), {"username": "seeker_a", "password": PASSWORD}).status_code == 302


# --- sessions ----------------------------------------------------------------------------------------------


def test_an_idle_staff_session__ends_after_thirty_minutes(world):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 31 * 60
    session.save()
    response = client.get(reverse("seekers:list"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
    assert "_auth_user_id" not in client.session
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.IDLE_LOGOUT, username="counselor_x").exists()


def test_a_staff_session__used_within_thirty_minutes_stays(world):
    client = world.client_for("counselor_x")
    client.get(reverse("seekers:list"))
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 29 * 60
    session.save()
    assert client.get(reverse("seekers:list")).status_code == 200


def test_a_seeker_session__is_not_ended_after_thirty_idle_minutes(world):
    client = world.client_for("seeker_a")
    client.get(reverse("seekers:home"))
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - 3 * 60 * 60
    session.save()
    assert client.get(reverse("seekers:home")).status_code == 200


def test_sessions_end__with_sessions_cached__leaves_no_cached_copy_to_sign_in_with(world, settings):
    # With Redis (production), sessions are read from the cache first (cached_db): deleting the rows alone
    # would leave the cached copies signed in.
    from jobcenter.security.services import sessions_end

    settings.SESSION_ENGINE = "django.contrib.sessions.backends.cached_db"
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    assert sessions_end(user=world.users["counselor_x"]) == 1
    assert client.get(reverse("seekers:list"))["Location"].startswith(reverse("login"))
    assert User.objects.get(pk=world.users["counselor_x"].pk).is_active  # only the session ended


def test_user_deactivate__ends_every_session_of_the_account_at_once(world):
    clients = [world.client_for("counselor_x") for _ in range(3)]
    other = world.client_for("counselor_y")
    for client in clients:
        assert client.get(reverse("seekers:list")).status_code == 200
    ended = user_deactivate(user=world.users["counselor_x"], by=world.users["admin"])
    assert ended == 3
    for client in clients:
        assert client.get(reverse("seekers:list"))["Location"].startswith(reverse("login"))
    assert other.get(reverse("seekers:list")).status_code == 200
    assert not [
        s for s in Session.objects.all() if s.get_decoded().get("_auth_user_id") == str(world.users["counselor_x"].pk)
    ]
    change = RoleChange.objects.get(user=world.users["counselor_x"], field=RoleChange.Field.ACTIVE)
    assert (change.old_value, change.new_value, change.by_username) == ("1", "0", "admin")


def test_deactivating_in_the_admin__ends_the_sessions_and_is_logged(world):
    victim = world.client_for("counselor_y")
    assert victim.get(reverse("seekers:list")).status_code == 200
    admin = world.client_for("admin")
    user = world.users["counselor_y"]
    url = reverse("admin:jobcenter_user_change", args=[user.pk])
    form = admin.get(url).context["adminform"].form
    data = {k: v for k, v in form.initial.items() if v is not None and not isinstance(v, (list, tuple))}
    data.update(
        username=user.username,
        role=Role.COUNSELOR,
        centre=world.centre_y.pk,
        date_joined_0="2025-01-01",
        date_joined_1="09:00:00",
        email=user.email,
        last_name=user.last_name,
        first_name=user.first_name,
    )
    data.pop("is_active", None)  # unchecked box: inactive
    data.pop("password", None)
    data.pop("last_login", None)
    response = admin.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    user.refresh_from_db()
    assert not user.is_active
    assert victim.get(reverse("seekers:list"))["Location"].startswith(reverse("login"))
    assert RoleChange.objects.filter(
        user=user, field=RoleChange.Field.ACTIVE, via="admin", by_username="admin"
    ).exists()
    assert SecurityEvent.objects.filter(kind=SecurityEvent.Kind.DEACTIVATED, username=user.username).exists()


# --- role and centre changes ---------------------------------------------------------------------------------


def test_changing_role_and_centre_in_the_admin__writes_who_whom_old_new_and_when(world):
    admin = world.client_for("admin")
    user = world.users["counselor_x"]
    url = reverse("admin:jobcenter_user_change", args=[user.pk])
    data = {
        "username": user.username,
        "role": Role.MANAGER,
        "centre": world.centre_y.pk,
        "is_active": "on",
        "date_joined_0": "2025-01-01",
        "date_joined_1": "09:00:00",
        "email": user.email,
        "last_name": user.last_name,
        "first_name": user.first_name,
        "booth": user.booth_id or "",  # kept: a booth cleared would be a change of rights too
    }
    response = admin.post(url, data)
    assert response.status_code == 302
    rows = {row.field: row for row in RoleChange.objects.filter(user=user)}
    assert (rows["role"].old_value, rows["role"].new_value) == ("counselor", "manager")
    assert (rows["centre"].old_value, rows["centre"].new_value) == (str(world.centre_x.pk), str(world.centre_y.pk))
    assert rows["role"].by_username == "admin" and rows["role"].at is not None
    assert set(rows) == {"role", "centre"}


def test_creating_a_staff_account_in_the_admin__logs_the_grant(world):
    admin = world.client_for("admin")
    response = admin.post(
        reverse("admin:jobcenter_user_add"),
        {
            "username": "newcounselor",
            "password1": "blue-river-morning-42",
            "password2": "blue-river-morning-42",
            "usable_password": "true",
        },
    )
    assert response.status_code == 302
    user = User.objects.get(username="newcounselor")
    assert RoleChange.objects.filter(user=user, field="role", old_value="", new_value=Role.SEEKER).exists()


def test_user_set_role__logs_the_change_and_refuses_a_counselor_without_a_centre(world):
    user = world.users["seeker_b"]
    user_set_role(user=user, role=Role.COUNSELOR, centre=world.centre_y, by=world.users["admin"])
    change = RoleChange.objects.get(user=user, field="role")
    assert (change.old_value, change.new_value, change.by_username) == ("seeker", "counselor", "admin")
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        user_set_role(user=world.users["seeker_a"], role=Role.COUNSELOR, centre=None, by=world.users["admin"])
    assert not RoleChange.objects.filter(user=world.users["seeker_a"]).exists()


@pytest.mark.parametrize(
    "statement", ["UPDATE security_rolechange SET new_value = 'x'", "DELETE FROM security_rolechange"]
)
def test_the_role_change_log__refuses_update_and_delete_in_the_database(world, statement):
    user_set_role(user=world.users["seeker_b"], role=Role.COUNSELOR, centre=world.centre_y, by=world.users["admin"])
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert RoleChange.objects.filter(new_value="counselor").count() == 1
