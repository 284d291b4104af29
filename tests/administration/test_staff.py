"""Staff accounts in the product (issue 27): invitation, changes in the rights log, deactivation, second factor,
unlock, and who may do what."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.models import Notification, Role, User
from jobcenter.security.models import RoleChange, SecurityEvent
from tests.factories import BoothFactory
from tests.hardening.otp import force_login_verified, totp_device
from tests.matching.factories import ReferralFactory
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def invite(client: Client, world, **overrides):
    data = {
        "name": "홍길동",
        "username": "hong.gildong",
        "email": "Hong@Example.kr",
        "role": "counselor",
        "centre": world.centre_x.pk,
        "booth": "",
        "phone": "",
    }
    data.update(overrides)
    return client.post(reverse("administration:staff_invite"), data)


def test_invite__creates_an_account_without_password_and_mails_the_one_time_link(world):
    response = invite(world.client_for("admin"), world)

    user = User.objects.get(username="hong.gildong")
    assert response.status_code == 302
    assert (user.get_full_name(), user.role, user.centre, user.email) == (
        "홍길동",
        Role.COUNSELOR,
        world.centre_x,
        "hong@example.kr",
    )
    assert not user.has_usable_password() and not user.is_superuser
    mail = Notification.objects.get(recipient="hong@example.kr")
    assert re.search(r"/accounts/reset/\S+/\S+/", mail.body)
    assert RoleChange.objects.filter(user=user, field="role", new_value="counselor", by_username="admin").exists()
    assert SecurityEvent.objects.filter(kind="invited", username="hong.gildong", by_username="admin").exists()


def test_invite__a_login_typed_twice__is_refused_and_nothing_is_created(world):
    invite(world.client_for("admin"), world)
    response = invite(world.client_for("admin"), world, username="HONG.gildong", email="other@example.kr")

    assert response.status_code == 400
    assert "This login is taken" in response.content.decode()
    assert User.objects.filter(username__iexact="hong.gildong").count() == 1


def test_invite__a_counselor_without_centre_or_with_another_centres_booth__is_refused(world):
    booth_y = BoothFactory(centre=world.centre_y)
    no_centre = invite(world.client_for("admin"), world, centre="")
    wrong_booth = invite(world.client_for("admin"), world, booth=booth_y.pk)

    assert no_centre.status_code == wrong_booth.status_code == 400
    assert "must belong to a centre" in no_centre.content.decode()
    assert "booth of the same centre" in wrong_booth.content.decode()
    assert not User.objects.filter(username="hong.gildong").exists()


@pytest.mark.parametrize("principal", ["manager_x", "counselor_x"])
def test_invite__by_a_manager_or_counselor__is_refused_with_the_korean_403_page(world, principal, korean):
    client = world.client_for(principal)
    response = invite(client, world)

    assert response.status_code == 403
    assert "이 페이지를 볼 권한이 없습니다" in response.content.decode()
    assert not User.objects.filter(username="hong.gildong").exists()


def test_edit__role_centre_and_booth_changes_each_go_to_the_rights_log(world):
    counselor = world.users["counselor_x"]
    booth = BoothFactory(centre=world.centre_y, name="Y 청년 창구")

    response = world.client_for("admin").post(
        reverse("administration:staff_edit", args=[counselor.pk]),
        {
            "name": "김 상담",
            "email": counselor.email,
            "phone": "",
            "role": "manager",
            "centre": world.centre_y.pk,
            "booth": booth.pk,
        },
    )

    counselor.refresh_from_db()
    assert response.status_code == 302
    assert (counselor.role, counselor.centre, counselor.booth, counselor.get_full_name()) == (
        Role.MANAGER,
        world.centre_y,
        booth,
        "김 상담",
    )
    logged = set(RoleChange.objects.filter(user=counselor, via="administration").values_list("field", flat=True))
    assert logged == {"role", "centre", "booth"}
    page = world.client_for("admin").get(reverse("administration:staff_detail", args=[counselor.pk])).content.decode()
    assert "Y 청년 창구" in page and world.centre_y.name in page and "Manager" in page  # names, not stored ids


def test_edit__an_administrator_cannot_take_away_their_own_role(world):
    admin = world.users["admin"]
    response = world.client_for("admin").post(
        reverse("administration:staff_edit", args=[admin.pk]),
        {"name": "관리자", "email": admin.email, "role": "counselor", "centre": world.centre_x.pk},
    )

    admin.refresh_from_db()
    assert response.status_code == 400 and admin.role == Role.ADMINISTRATOR
    assert "cannot change your own role" in response.content.decode()


def test_deactivate__ends_sessions_at_once_and_sends_to_the_open_work(world):
    counselor = world.users["counselor_x"]
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    counselor_client = world.client_for("counselor_x")
    assert counselor_client.get(reverse("worklist")).status_code == 200

    response = world.client_for("admin").post(reverse("administration:staff_deactivate", args=[counselor.pk]))

    counselor.refresh_from_db()
    assert response.status_code == 302 and response.url == reverse("administration:staff_reassign", args=[counselor.pk])
    assert not counselor.is_active
    assert counselor_client.get(reverse("worklist")).status_code == 302  # logged out
    page = world.client_for("admin").get(response.url).content.decode()
    assert world.seeker_a.name in page and world.vacancy_a.title in page
    assert RoleChange.objects.filter(user=counselor, field="active", new_value="0", via="administration").exists()


def test_second_factor_reset__removes_the_device_and_the_person_enrols_again(world):
    counselor = world.users["counselor_x"]
    totp_device(counselor)

    world.client_for("admin").post(reverse("administration:staff_second_factor_reset", args=[counselor.pk]))

    assert not TOTPDevice.objects.filter(user=counselor).exists()
    assert SecurityEvent.objects.filter(kind="otp_reset", username="counselor_x", by_username="admin").exists()
    client = Client()
    client.post(reverse("login"), {"username": "counselor_x", "password": "correct-horse-battery"})
    assert client.get(reverse("worklist")).url.startswith(reverse("security:otp_setup"))


def test_unlock__releases_a_locked_out_account_and_says_who_did_it(world, settings):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(
        username="counselor_x", ip_address="10.0.0.9", user_agent="x", failures_since_start=settings.AXES_FAILURE_LIMIT
    )
    listing = world.client_for("admin").get(reverse("administration:staff")).content.decode()
    assert "Locked" in listing

    world.client_for("admin").post(reverse("administration:staff_unlock", args=[world.users["counselor_x"].pk]))

    assert not AccessAttempt.objects.filter(username="counselor_x").exists()
    assert SecurityEvent.objects.filter(kind="unlocked", username="counselor_x", by_username="admin").exists()


def test_staff_list__a_manager_sees_their_centre_only_and_no_change_buttons(world):
    page = world.client_for("manager_x").get(reverse("administration:staff")).content.decode()

    assert "counselor_x" in page and "counselor_y" not in page
    assert "Invite a staff member" not in page
    other = world.client_for("manager_x").get(
        reverse("administration:staff_detail", args=[world.users["counselor_y"].pk])
    )
    assert other.status_code == 404


def test_staff_list__shows_last_login_and_recent_failures(world):
    from axes.models import AccessAttempt

    AccessAttempt.objects.create(username="counselor_y", ip_address="10.0.0.9", user_agent="x", failures_since_start=2)
    page = world.client_for("admin").get(reverse("administration:staff")).content.decode()

    assert "2 failed sign-ins" in page
    assert "Never" in page


def test_a_korean_name_is_greeted_whole_not_by_its_given_name(world):
    admin = User(username="admin2", last_name="관", first_name="리자")

    assert admin.get_short_name() == "관리자"


def test_the_django_admin__is_for_superusers_only(world):
    invite(world.client_for("admin"), world, username="new.admin", role="administrator", centre="")
    new_admin = User.objects.get(username="new.admin")
    new_admin.set_password("long-enough-password-1")
    new_admin.save()
    client = force_login_verified(Client(), new_admin)
    assert client.get(reverse("administration:staff")).status_code == 200
    assert client.get(reverse("admin:index")).status_code == 302  # to the admin's login: not theirs


def test_reassign__moves_the_chosen_seekers_and_tells_those_with_the_news_consent(world):
    from tests.factories import UserFactory

    counselor = world.users["counselor_x"]
    other = UserFactory(username="counselor_x2", counselor=True, centre=world.centre_x)
    told = SeekerFactory(
        counselor=counselor,
        booth=world.seeker_a.booth,
        name="박알림",
        phone="010-1111-2222",
        consented=["collection", "job_news"],
    )
    silent = SeekerFactory(
        counselor=counselor, booth=world.seeker_a.booth, name="최조용", phone="010-3333-4444", consented=["collection"]
    )
    stays = world.seeker_a

    response = world.client_for("manager_x").post(
        reverse("administration:staff_reassign", args=[counselor.pk]), {"seekers": [told.pk, silent.pk], "to": other.pk}
    )

    assert response.status_code == 302
    for seeker in (told, silent, stays):
        seeker.refresh_from_db()
    assert told.counselor == other and silent.counselor == other and stays.counselor == counselor
    assert Notification.objects.filter(recipient="010-1111-2222").exists()
    assert not Notification.objects.filter(recipient="010-3333-4444").exists()
    assert told.history.filter(kind="assigned").exists()


def test_reassign__to_a_counselor_of_another_centre__is_refused(world):
    counselor = world.users["counselor_x"]
    response = world.client_for("admin").post(
        reverse("administration:staff_reassign", args=[counselor.pk]),
        {"everyone": "on", "to": world.users["counselor_y"].pk},
    )

    world.seeker_a.refresh_from_db()
    assert response.status_code == 400 and world.seeker_a.counselor == counselor


def test_invite__sent_twice_by_a_double_click__makes_one_account_and_shows_it(world):
    client = world.client_for("admin")
    invite(client, world)
    again = invite(client, world)

    user = User.objects.get(username="hong.gildong")
    assert again.status_code == 302 and again.url == reverse("administration:staff_detail", args=[user.pk])
    assert Notification.objects.filter(recipient="hong@example.kr").count() == 1
