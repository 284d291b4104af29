"""Throttles a header cannot defeat: the client address behind TRUSTED_PROXIES (used by axes, the API throttle,
the login and password-reset throttles and the access log), counts in the shared cache, logins throttled per
address across usernames and per account across addresses, password resets per address and per account."""

import pytest
from django.core import mail
from django.db import connection
from django.test import Client, RequestFactory
from django.urls import reverse

from jobcenter.security.models import SecurityEvent
from jobcenter.security.services import client_ip
from seekers.models import AccessRecord

PASSWORD = "correct-horse-battery"
PROXY = "10.0.0.2"  # the reverse proxy gunicorn sees


def behind_proxy(client_address: str, spoofed: str = "") -> dict:
    """What gunicorn gets behind one proxy that appends the address it received from."""
    forwarded = f"{spoofed}, {client_address}" if spoofed else client_address
    return {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": forwarded}


@pytest.mark.parametrize(
    "hops,meta,expected",
    [
        (0, {"REMOTE_ADDR": "203.0.113.9", "HTTP_X_FORWARDED_FOR": "1.2.3.4"}, "203.0.113.9"),
        (1, behind_proxy("203.0.113.9"), "203.0.113.9"),
        (1, behind_proxy("203.0.113.9", spoofed="1.2.3.4, 5.6.7.8"), "203.0.113.9"),
        (2, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "1.2.3.4, 203.0.113.9, 10.0.0.1"}, "203.0.113.9"),
        (1, {"REMOTE_ADDR": PROXY, "HTTP_X_FORWARDED_FOR": "not-an-address"}, PROXY),
    ],
)
def test_client_ip__is_read_from_the_right_of_the_trusted_proxies(hops, meta, expected, settings):
    settings.TRUSTED_PROXIES = hops
    assert client_ip(RequestFactory().get("/", **meta)) == expected


def test_public_api__a_new_forwarded_for_value_is_no_new_client(db, settings):
    settings.TRUSTED_PROXIES = 1
    client, url = Client(), reverse("employers:api_vacancies")
    statuses = [
        client.get(url, **behind_proxy("203.0.113.9", spoofed=f"192.0.2.{n % 250}")).status_code for n in range(121)
    ]
    assert statuses[:120] == [200] * 120 and statuses[120] == 429
    assert client.get(url, **behind_proxy("203.0.113.10")).status_code == 200  # another client is not throttled


def test_public_api__counts_in_the_shared_cache_not_in_each_process(db):
    Client().get(reverse("employers:api_vacancies"), REMOTE_ADDR="203.0.113.9")
    with connection.cursor() as cursor:  # without Redis the shared cache is a PostgreSQL table every worker reads
        cursor.execute("SELECT count(*) FROM security_shared_cache WHERE cache_key LIKE %s", ["%throttle_public_api%"])
        assert cursor.fetchone()[0] == 1


def test_login__one_address_trying_many_usernames__is_stopped_with_the_time_to_try_again(world, settings):
    settings.TRUSTED_PROXIES = 1
    client = Client()
    for n in range(20):
        response = client.post(
            reverse("login"), {"username": f"guess{n}", "password": "wrong-password-1"}, **behind_proxy("203.0.113.9")
        )
        assert response.status_code == 200
    refused = client.post(
        reverse("login"), {"username": "seeker_a", "password": PASSWORD}, **behind_proxy("203.0.113.9", "192.0.2.1")
    )
    assert refused.status_code == 429 and int(refused["Retry-After"]) > 0
    assert "Try again after" in refused.content.decode() and "_auth_user_id" not in client.session
    other = Client().post(
        reverse("login"), {"username": "seeker_a", "password": PASSWORD}, **behind_proxy("203.0.113.10")
    )
    assert other.status_code == 302  # the account itself is not locked for others


def test_login__one_account_tried_from_many_addresses__is_stopped(world, settings):
    for n in range(10):
        Client().post(
            reverse("login"), {"username": "seeker_a", "password": "wrong-password-1"}, REMOTE_ADDR=f"198.51.100.{n}"
        )
    refused = Client().post(
        reverse("login"), {"username": "seeker_a", "password": PASSWORD}, REMOTE_ADDR="198.51.100.99"
    )
    assert refused.status_code == 429 and "Try again after" in refused.content.decode()


def test_axes_and_the_access_log__see_the_client_behind_the_proxy(world, settings):
    settings.TRUSTED_PROXIES = 1
    client = Client()
    for _n in range(5):
        client.post(
            reverse("login"), {"username": "seeker_b", "password": "wrong-password-1"}, **behind_proxy("203.0.113.7")
        )
    assert SecurityEvent.objects.get(kind=SecurityEvent.Kind.LOCKED).ip_address == "203.0.113.7"
    world.client_for("counselor_x").get(
        reverse("seekers:case", kwargs={"pk": world.seeker_a.pk}), **behind_proxy("203.0.113.8", spoofed="1.1.1.1")
    )
    assert AccessRecord.objects.get().ip_address == "203.0.113.8"


def test_password_reset__per_address__is_stopped_with_the_time_to_try_again(world):
    client = Client()
    for n in range(5):
        response = client.post(reverse("password_reset"), {"email": f"nobody{n}@example.kr"}, REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 302
    refused = client.post(reverse("password_reset"), {"email": "x@example.kr"}, REMOTE_ADDR="203.0.113.9")
    assert refused.status_code == 429 and "Try again after" in refused.content.decode()


def test_password_reset__per_account__sends_no_more_mail_and_says_nothing(world):
    email = world.users["seeker_a"].email
    assert email
    responses = [
        Client().post(reverse("password_reset"), {"email": email}, REMOTE_ADDR=f"198.51.100.{n}") for n in range(6)
    ]
    assert {response.status_code for response in responses} == {302}
    assert {response["Location"] for response in responses} == {reverse("password_reset_done")}
    assert len(mail.outbox) == 3
