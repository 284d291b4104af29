"""Password change and reset through the real views and mail, and the admin site for administrators only."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.factories import UserFactory

NEW_PASSWORD = "blue-river-morning-42"


def test_password_change__with_the_right_old_password__lets_the_user_log_in_with_the_new_one(world, client):
    client = world.client_for("counselor_x")  # staff pass the second factor first
    response = client.post(
        reverse("password_change"),
        {"old_password": "correct-horse-battery", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("password_change_done")
    client.logout()
    assert client.login(username="counselor_x", password=NEW_PASSWORD)
    assert not client.login(username="counselor_x", password="correct-horse-battery")


def test_password_change__with_a_wrong_old_password__shows_an_error_and_keeps_the_password(world, client):
    client = world.client_for("counselor_x")  # staff pass the second factor first
    response = client.post(
        reverse("password_change"),
        {"old_password": "wrong-password", "new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    world.users["counselor_x"].refresh_from_db()
    assert world.users["counselor_x"].check_password("correct-horse-battery")


def test_password_reset__mails_a_link_that_sets_a_new_password(world, client, settings):
    settings.LANGUAGE_CODE = "ko"  # the mail goes out in the product's default language
    user = world.users["seeker_a"]
    response = client.post(reverse("password_reset"), {"email": user.email})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    [message] = mail.outbox
    assert message.to == [user.email]
    assert message.subject == "일자리센터 비밀번호 재설정"
    link = re.search(r"https?://[^/\s]+(/accounts/reset/\S+/)", message.body).group(1)

    # The mailed link redirects to a form on a token-free URL (Django keeps the token in the session).
    form_page = client.get(link, follow=True)
    assert form_page.status_code == 200
    assert form_page.context["validlink"] is True
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert done.status_code == 302
    assert done["Location"] == reverse("password_reset_complete")
    assert client.login(username="seeker_a", password=NEW_PASSWORD)

    # The link works once.
    client.logout()
    again = client.get(link, follow=True)
    assert again.context["validlink"] is False


def test_password_reset__for_an_unknown_address__sends_nothing_and_reveals_nothing(world, client):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.kr"})
    assert response.status_code == 302
    assert response["Location"] == reverse("password_reset_done")
    assert mail.outbox == []


@pytest.mark.parametrize("principal", ["seeker_a", "employer_a", "counselor_x", "manager_x"])
def test_admin_site__is_closed_to_everyone_but_administrators(world, principal):
    response = world.client_for(principal).get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("admin:login"))


def test_admin_site__is_closed_to_a_counselor_even_with_is_staff_set_by_mistake(world):
    counselor = world.users["counselor_x"]
    counselor.is_staff = True
    counselor.is_superuser = True
    counselor.save()
    response = world.client_for("counselor_x").get(reverse("admin:index"))
    assert response.status_code == 302


def test_admin_site__opens_for_an_administrator_with_the_users_and_centres(world):
    response = world.client_for("admin").get(reverse("admin:index"))
    assert response.status_code == 200
    page = response.content.decode()
    assert reverse("admin:jobcenter_user_changelist") in page
    assert reverse("admin:jobcenter_centre_changelist") in page


def test_admin_site__user_list_loads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for number in range(20):
        UserFactory(username=f"extra{number}", counselor=True, centre=world.centre_x)
    client = world.client_for("admin")
    with django_assert_max_num_queries(12):
        assert client.get(reverse("admin:jobcenter_user_changelist")).status_code == 200
