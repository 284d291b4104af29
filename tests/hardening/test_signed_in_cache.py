"""The signed-in user and second-factor device read through the cache (production, with Redis): two queries fewer
on every staff request, and every change to either row counts on the next request."""

import pytest
from django.core.cache import cache, caches
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


def test_a_staff_request__asks_the_cache_for_user_and_device_in_one_round_trip(world, signed_in_cache, monkeypatch):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200  # both now in the cache
    asked, inside_get_many = [], []
    backend = caches["default"]
    get, get_many = backend.get, backend.get_many

    def spy_get(key, *args, **kwargs):
        if not inside_get_many:  # the test cache's get_many calls get() for each key (Redis: one MGET)
            asked.append(("get", key))
        return get(key, *args, **kwargs)

    def spy_get_many(keys, **kwargs):
        asked.append(("get_many", *keys))
        inside_get_many.append(True)
        try:
            return get_many(keys, **kwargs)
        finally:
            inside_get_many.pop()

    monkeypatch.setattr(backend, "get", spy_get)
    monkeypatch.setattr(backend, "get_many", spy_get_many)
    with CaptureQueriesContext(connection) as captured:
        assert client.get(reverse("seekers:list")).status_code == 200
    signed_in = [call for call in asked if any(str(key).startswith("signed-in:") for key in call[1:])]
    device = TOTPDevice.objects.get(user=world.users["counselor_x"])
    user_key, device_key = f"signed-in:user:{world.users['counselor_x'].pk}", f"signed-in:device:{device.persistent_id}"
    assert signed_in == [("get_many", user_key, device_key)]
    assert not any('FROM "jobcenter_user"' in query["sql"] for query in captured.captured_queries)
    assert not any('FROM "otp_totp_totpdevice"' in query["sql"] for query in captured.captured_queries)


def test_an_unconfirmed_second_factor_device__asks_for_a_code_again_on_the_next_request(world, signed_in_cache):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    device = TOTPDevice.objects.get(user=world.users["counselor_x"])
    device.confirmed = False  # saved through the ORM, as django-otp's own views and the admin do
    device.save()
    assert client.get(reverse("seekers:list"))["Location"].startswith(reverse("security:otp_setup"))


def test_a_logout__signs_out_on_the_next_request__with_the_cache(world, signed_in_cache):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:list")).status_code == 200
    client.post(reverse("logout"))
    assert client.get(reverse("seekers:list"))["Location"].startswith(reverse("login"))


def test_a_changed_centre__counts_on_the_next_request(world, signed_in_cache):
    client = world.client_for("counselor_x")
    case_a = reverse("seekers:case", kwargs={"pk": world.seeker_a.pk})  # seeker A is registered at centre X
    assert client.get(case_a).status_code == 200
    user = User.objects.get(pk=world.users["counselor_x"].pk)
    user.centre = world.centre_y
    user.save(update_fields=["centre"])
    assert client.get(case_a).status_code == 404
