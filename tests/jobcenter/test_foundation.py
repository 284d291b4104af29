import pytest
from django.urls import reverse

from jobcenter.models import Booth, Centre, Occupation, Region, Role, User


@pytest.mark.parametrize(
    ("principal", "landing"),
    [
        ("seeker_a", "seekers:home"),
        ("employer_a", "employers:portal"),
        ("counselor_x", "worklist"),
        ("manager_x", "dashboard"),
        ("admin", "administration"),
    ],
)
def test_each_role_lands_on_its_own_page_after_login(world, principal, landing):
    response = world.client_for(principal).get(reverse("home"))
    assert response.status_code == 302
    assert response["Location"] == reverse(landing)


def test_login_page_logs_a_counselor_in_and_asks_for_the_second_factor_before_the_worklist(world, client):
    world.users["counselor_x"].set_password("a-long-password-1")
    world.users["counselor_x"].save()
    response = client.post(reverse("login"), {"username": "counselor_x", "password": "a-long-password-1"})
    assert response.status_code == 302
    # Staff pass a second factor first (jobcenter/security): a counselor without a device sets one up.
    landing = client.get(response["Location"], follow=True).redirect_chain[-1][0]
    assert landing.startswith(reverse("security:otp_setup"))
    assert "next=%2F" in landing


def test_login_with_a_wrong_password_shows_an_error_in_korean(world, client, settings):
    settings.LANGUAGE_CODE = "ko"
    response = client.post(reverse("login"), {"username": "counselor_x", "password": "wrong"})
    assert response.status_code == 200
    assert "아이디 또는 비밀번호가 맞지 않습니다" in response.content.decode()


def test_shipped_code_tables_are_loaded(db):
    assert Region.objects.filter(level=Region.Level.SIDO).count() == 17
    assert Region.objects.get(code="52").name_ko == "전북특별자치도"
    assert Occupation.objects.filter(level=Occupation.Level.MAJOR).count() == 10
    assert Occupation.objects.filter(level=Occupation.Level.MIDDLE).count() == 35
    assert Occupation.objects.get(code="53").parent_id == "5"


def test_a_counselor_without_a_centre_is_refused_by_the_database(db):
    from django.db import IntegrityError

    with pytest.raises(IntegrityError):
        User.objects.create(username="nocentre", role=Role.COUNSELOR)


def test_booth_names_are_unique_within_a_centre(db):
    from django.db import IntegrityError

    centre = Centre.objects.create(name="센터", region=Region.objects.get(code="28260"))
    Booth.objects.create(centre=centre, name="1번 창구", location="1층")
    with pytest.raises(IntegrityError):
        Booth.objects.create(centre=centre, name="1번 창구", location="2층")


def test_healthz_reports_the_database(db, client):
    response = client.get(reverse("healthz"))
    assert response.status_code == 200
    assert response.json()["database"] == "ok"
