"""Error pages (400, 403, 404, 500, CSRF failure) in the site's layout and language, saying what happened
and where to go, for anonymous and signed-in users."""

import pytest
from django.test import Client
from django.urls import reverse

from tests.jobcenter.test_i18n import compiled_catalogs  # noqa: F401 - a fixture: the Korean catalogue


def _assert_in_layout(page: str) -> None:
    assert 'id="krds-header"' in page and 'id="krds-footer"' in page
    assert 'href="/"' in page  # the way back
    assert "403 Forbidden" not in page and "<h1>Not Found</h1>" not in page


@pytest.mark.parametrize("principal", ["anonymous", "seeker_a"])
def test_404__for_anyone__is_in_the_layout_and_says_where_to_go(world, principal):
    response = world.client_for(principal).get("/no-such-page/")
    page = response.content.decode()
    assert response.status_code == 404
    _assert_in_layout(page)
    assert "Page not found" in page
    if principal == "anonymous":
        assert "Go to the job board" in page and reverse("login") in page
    else:
        assert "Go to your start page" in page and "Log out" in page


def test_403__signed_in__says_whom_to_ask_and_keeps_the_menu(world):
    response = world.client_for("seeker_a").get(reverse("seekers:list"))
    page = response.content.decode()
    assert response.status_code == 403
    _assert_in_layout(page)
    assert "You may not open this page" in page
    assert "ask your job centre's manager" in page
    assert "My page" in page  # the seeker's own menu is still there


def test_400__a_bad_host__is_in_the_layout(world):
    response = Client().get("/", HTTP_HOST="evil.example")
    page = response.content.decode()
    assert response.status_code == 400
    _assert_in_layout(page)
    assert "The request could not be read" in page and "Nothing was saved" in page


@pytest.mark.parametrize("principal", ["anonymous", "counselor_x"])
def test_csrf_failure__is_in_the_layout_and_says_to_reload(world, principal):
    client = world.client_for(principal)
    client.handler.enforce_csrf_checks = True
    response = client.post(reverse("logout"))
    page = response.content.decode()
    assert response.status_code == 403
    _assert_in_layout(page)
    assert "The form had expired" in page and "reload the page" in page
    if principal == "counselor_x":
        assert "Worklist" in page  # signed in: the counselor's menu


@pytest.mark.urls("tests.jobcenter.error_urls")
@pytest.mark.parametrize("principal", ["anonymous", "seeker_a"])
def test_500__is_in_the_layout_and_says_it_is_our_fault(world, principal):
    client = world.client_for(principal)
    client.raise_request_exception = False
    response = client.get("/boom/")
    page = response.content.decode()
    assert response.status_code == 500
    _assert_in_layout(page)
    assert "Something went wrong on our side" in page
    assert ("Log out" in page) == (principal != "anonymous")


def test_404__in_korean__is_korean(world, settings):
    settings.LANGUAGE_CODE = "ko"
    response = world.client_for("anonymous").get("/no-such-page/")
    page = response.content.decode()
    assert '<html lang="ko">' in page
    assert "Page not found" not in page
