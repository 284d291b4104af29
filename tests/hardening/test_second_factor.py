"""Staff must pass a TOTP second factor before any page with personal data; seekers and employers are not asked."""

import re

import pytest
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.hardening.otp import current_code, totp_device

PASSWORD = "correct-horse-battery"


def password_login(username: str) -> Client:
    client = Client()
    response = client.post(reverse("login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302, response.content.decode()[:500]
    return client


@pytest.mark.parametrize("principal", ["counselor_x", "manager_x", "admin"])
def test_staff__after_the_password_alone__reach_no_personal_data_page(world, principal):
    client = password_login(principal)
    for url in (
        reverse("seekers:list"),
        reverse("seekers:case", kwargs={"pk": world.seeker_a.pk}),
        reverse("seekers:export"),
        reverse("dashboard"),
        reverse("admin:index"),
    ):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("security:otp_setup")), url
        assert world.seeker_a.name not in response.content.decode()


def test_staff_without_a_device__enrol_with_the_qr_code_and_then_reach_the_case_page(world):
    client = password_login("counselor_x")
    case = reverse("seekers:case", kwargs={"pk": world.seeker_a.pk})
    setup = client.get(case, follow=True)
    page = setup.content.decode()
    assert 'src="data:image/svg+xml' in page  # the QR code, as an SVG data URI (CSP allows data: images)
    uri = re.search(r"otpauth://totp/[^<\s\"]+", page).group(0)
    assert "secret=" in uri
    device = TOTPDevice.objects.get(user=world.users["counselor_x"])
    assert not device.confirmed
    secret = re.search(r"secret=([A-Z2-7]+)", uri).group(1)
    assert " ".join(secret[i : i + 4] for i in range(0, len(secret), 4)) in page  # the secret, typed by hand

    wrong = client.post(setup.redirect_chain[-1][0], {"token": "000000"})
    assert wrong.status_code == 400
    assert client.get(case).status_code == 302

    done = client.post(setup.redirect_chain[-1][0], {"token": current_code(device)})
    assert done.status_code == 302
    assert done["Location"] == case
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(case).status_code == 200


def test_staff_with_a_device__enter_a_code_and_cannot_enrol_a_new_one_instead(world):
    device = totp_device(world.users["manager_x"])
    client = password_login("manager_x")
    response = client.get(reverse("seekers:list"))
    assert response["Location"].startswith(reverse("security:otp_verify"))
    # The setup page does not hand an attacker with the password a fresh secret.
    assert client.get(reverse("security:otp_setup"))["Location"].startswith(reverse("security:otp_verify"))
    assert TOTPDevice.objects.filter(user=world.users["manager_x"]).count() == 1

    assert client.post(response["Location"], {"token": "12ab56"}).status_code == 400
    assert (
        client.post(
            response["Location"], {"token": "999999" if current_code(device) != "999999" else "111111"}
        ).status_code
        == 400
    )
    verified = client.post(response["Location"], {"token": current_code(device)})
    assert verified["Location"] == reverse("seekers:list")
    assert client.get(reverse("seekers:list")).status_code == 200


def test_the_verify_page_refuses_to_send_the_user_to_another_site(world):
    device = totp_device(world.users["counselor_x"])
    client = password_login("counselor_x")
    response = client.post(
        reverse("security:otp_verify") + "?next=https://evil.example/", {"token": current_code(device)}
    )
    assert response["Location"] == reverse("worklist")


def test_an_htmx_request_of_an_unverified_staff_member_is_redirected_by_htmx(world):
    totp_device(world.users["counselor_x"])
    client = password_login("counselor_x")
    response = client.get(reverse("seekers:list"), headers={"HX-Request": "true"})
    assert response.status_code == 204
    assert response["HX-Redirect"].startswith(reverse("security:otp_verify"))


@pytest.mark.parametrize(("principal", "home"), [("seeker_a", "seekers:home"), ("employer_a", "employers:portal")])
def test_seekers_and_employers__are_not_asked_for_a_second_factor(world, principal, home):
    client = password_login(principal)
    assert client.get(reverse(home)).status_code == 200


def test_the_second_factor_is_asked_again_after_logging_out(world):
    device = totp_device(world.users["counselor_x"])
    client = password_login("counselor_x")
    client.post(reverse("security:otp_verify"), {"token": current_code(device)})
    assert client.get(reverse("seekers:list")).status_code == 200
    client.post(reverse("logout"))
    client = password_login("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 302
