"""The signed-in user and second-factor device read through the cache (production, with Redis): two queries fewer
on every staff request, and every change to either row counts on the next request."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.models import User


@pytest.fixture
def signed_in_cache(settings):
    settings.SIGNED_IN_CACHE_SECONDS = 60
    cache.clear()
    yield
    cache.clear()


def queries_of_second_request(client, url: str) -> list[str]:
    assert client.get(url).status_code == 200
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return [query["sql"] for query in captured.captured_queries]


def test_a_staff_request__with_the_cache__reads_neither_user_nor_device_from_the_database(world, settings):
    url = reverse("seekers:list")
    settings.SIGNED_IN_CACHE_SECONDS = 0
    uncached = queries_of_second_request(world.client_for("counselor_x"), url)
    settings.SIGNED_IN_CACHE_SECONDS = 60
    cache.clear()
    cached = queries_of_second_request(world.client_for("counselor_x"), url)
    assert len(uncached) - len(cached) == 2
    assert any('FROM "otp_totp_totpdevice"' in sql for sql in uncached)
    assert not any('FROM "otp_totp_totpdevice"' in sql for sql in cached)


def test_a_deactivated_account__is_signed_out_on_its_next_request(world, signed_in_cache):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    user = User.objects.get(pk=world.users["counselor_x"].pk)
    user.is_active = False
    user.save(update_fields=["is_active"])  # the row alone: its sessions are still there
    assert client.get(reverse("seekers:list"))["Location"].startswith(reverse("login"))


def test_a_changed_password__signs_out_the_other_sessions_on_their_next_request(world, signed_in_cache):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    user = User.objects.get(pk=world.users["counselor_x"].pk)
    user.set_password("another-horse-battery-staple")
    user.save()
    assert client.get(reverse("seekers:list"))["Location"].startswith(reverse("login"))


def test_a_removed_second_factor_device__asks_for_a_new_one_on_the_next_request(world, signed_in_cache):
    client = world.client_for("counselor_x")
    case = reverse("seekers:case", kwargs={"pk": world.seeker_a.pk})
    assert client.get(case).status_code == 200
    TOTPDevice.objects.filter(user=world.users["counselor_x"]).delete()  # an administrator resets it
    response = client.get(case)
    assert response["Location"].startswith(reverse("security:otp_setup"))


def test_a_changed_role__counts_on_the_next_request(world, signed_in_cache):
    from jobcenter.models import Role

    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    user = User.objects.get(pk=world.users["counselor_x"].pk)
    user.role = Role.SEEKER
    user.save(update_fields=["role"])
    assert client.get(reverse("seekers:list")).status_code == 403
