"""The header and footer of every page, kept rendered in the process (jobcenter/layout.py): the same bytes as their
component templates rendered for the page, for any viewer, language and address, and a changed centre, name or
role shows at once."""

import re

import pytest
from django.contrib.auth.models import AnonymousUser
from django.template import engines
from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from jobcenter import layout
from jobcenter.models import Role, User

# What templates/base.html rendered before the header and footer were kept.
RENDERED = (
    '{% include "components/header.html" with links=nav_links next_path=request.get_full_path %}'
    '{% include "components/footer.html" with centres=footer_centres %}'
)
KEPT = "{% load layout %}{% site_header %}{% site_footer %}"
SEPARATOR = "\n<!-- kept -->\n"
PATHS = ["/", "/worklist/", "/dashboard/", "/seekers/?q=<b>\"'&x=1%262", "/administration/staff/", "/events/"]


def rendered_and_kept(user, path: str, language: str, *, with_request: bool = True) -> tuple[str, str]:
    """Both, in one rendering of one context (so with the same CSRF token)."""
    request = RequestFactory().get(path)
    request.user = user
    template = engines["django"].from_string(RENDERED + SEPARATOR + KEPT)
    with translation.override(language):
        if with_request:  # a page: the context processors run
            page = template.render({}, request)
        else:  # the 500 page: no context processors (jobcenter/error_views.py)
            page = template.render({"user": user, "request": request})
    rendered, kept = page.split(SEPARATOR)
    return rendered, kept


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("principal", ["anonymous", "seeker_a", "employer_a", "counselor_x", "manager_x", "admin"])
def test_the_kept_header_and_footer__are_the_components_rendered_for_the_page(world, principal, language):
    user = AnonymousUser() if principal == "anonymous" else world.users[principal]
    for path in PATHS:
        for _visit in range(2):  # rendered, then kept
            rendered, kept = rendered_and_kept(user, path, language)
            assert kept == rendered, (principal, path)
        assert 'name="csrfmiddlewaretoken"' in kept and "센터 X" in kept
    kept = rendered_and_kept(user, PATHS[3], language)[1]
    assert 'value="/seekers/?q=%3Cb%3E%22&#x27;&amp;x=1%262"' in kept  # escaped as the template escapes it


@pytest.mark.parametrize("principal", [None, "counselor_x"])
def test_the_500_pages_header_and_footer__without_context_processors__are_the_components_rendered(world, principal):
    user = world.users[principal] if principal else None
    for _visit in range(2):
        rendered, kept = rendered_and_kept(user, "/seekers/", "ko", with_request=False)
        assert kept == rendered
    assert "csrfmiddlewaretoken" not in kept


def test_a_kept_header__is_reused_for_another_address_with_that_address_in_the_language_form(world):
    user = world.users["counselor_x"]
    rendered_and_kept(user, "/seekers/?page=1", "ko")
    hits = layout._header.cache_info().hits
    rendered, kept = rendered_and_kept(user, "/seekers/?page=2", "ko")
    assert layout._header.cache_info().hits == hits + 1
    assert 'value="/seekers/?page=2"' in kept and kept == rendered


def test_a_changed_name_or_role__shows_in_the_header_at_once(world):
    user = User.objects.get(pk=world.users["counselor_x"].pk)
    rendered_and_kept(user, "/worklist/", "en")
    user.first_name, user.last_name, user.role = "", "새이름", Role.MANAGER
    user.save()
    rendered, kept = rendered_and_kept(user, "/worklist/", "en")
    assert kept == rendered and "새이름 · Manager" in kept


def test_a_saved_centre__shows_in_every_footer_at_once(world):
    user = world.users["counselor_x"]
    rendered_and_kept(user, "/worklist/", "ko")
    world.centre_y.phone = "031-555-0199"
    world.centre_y.save()
    rendered, kept = rendered_and_kept(user, "/worklist/", "ko")
    assert kept == rendered and 'href="tel:031-555-0199"' in kept


def test_a_pages_forms_and_htmx__share_the_requests_csrf_token(world):
    page = world.client_for("counselor_x").get(reverse("worklist")).content.decode()
    header = page[page.index('<header id="krds-header"') : page.index("</header>")]
    tokens = set(re.findall(r'name="csrfmiddlewaretoken" value="([^"]+)"', header))
    tokens |= set(re.findall(r'"X-CSRFToken": "([^"]+)"', page))
    assert len(tokens) == 1
    assert "<csrf-token>" not in page and "<next-path>" not in page


# --- The whole page around a kept body (layout.kept_page) ----------------------------------------------------------


def kept_and_rendered_page(monkeypatch, user, path: str, language: str, *, title: str, body: str) -> tuple[str, str]:
    """`kept_page`'s response and the template rendered for the same request, with one CSRF token for both (each
    `get_token` call masks the token anew)."""
    from django.contrib.messages.storage.fallback import FallbackStorage
    from django.shortcuts import render
    from django.utils.safestring import mark_safe

    token = f"token-for-{path}"
    monkeypatch.setattr("django.template.context_processors.get_token", lambda request: token)
    monkeypatch.setattr(layout, "get_token", lambda request: token)
    request = RequestFactory().get(path)
    request.user = user
    request.session = {}
    request._messages = FallbackStorage(request)
    with translation.override(language):
        kept = layout.kept_page(request, title=title, body=mark_safe(body)).content.decode()
        rendered = render(request, "layout/kept_page.html", {"title": title, "body": mark_safe(body)}).content.decode()
    return kept, rendered


@pytest.mark.parametrize("language", ["ko", "en"])
@pytest.mark.parametrize("principal", ["counselor_x", "manager_x", "admin"])
def test_a_kept_page__is_the_template_rendered_for_the_request(world, monkeypatch, principal, language):
    layout._shells.clear()
    user = world.users[principal]
    for path in ["/seekers/1/", "/seekers/2/?q=<b>\"'", "/matching/vacancies/3/candidates/", "/worklist/"]:
        for visit in range(2):  # the shell rendered, then kept
            title = f"김<민>수 {visit} KeptPageBodyMark"  # a mark in a value put in is not replaced
            body = f"<p>본문 {path} KeptPageTitleMark KeptPageCsrfMark</p>"
            kept, rendered = kept_and_rendered_page(monkeypatch, user, path, language, title=title, body=body)
            assert kept == rendered, (principal, path, visit)
            assert "김&lt;민&gt;수" in kept and body in kept and "token-for-" in kept


def test_a_kept_shell__serves_every_seeker_of_the_section_and_a_renamed_user_gets_another(world, monkeypatch):
    layout._shells.clear()
    user = User.objects.get(pk=world.users["counselor_x"].pk)
    for pk in range(1, 6):
        kept_and_rendered_page(monkeypatch, user, f"/seekers/{pk}/", "ko", title=str(pk), body="<p></p>")
    assert len(layout._shells) == 1
    user.last_name, user.first_name = "새이름", ""
    user.save()
    kept, rendered = kept_and_rendered_page(monkeypatch, user, "/seekers/1/", "ko", title="1", body="<p></p>")
    assert kept == rendered and "새이름" in kept and len(layout._shells) == 2


def test_a_kept_page_with_messages__shows_them_once(world, monkeypatch, client):
    from django.contrib.messages.storage.fallback import FallbackStorage

    monkeypatch.setattr(layout, "get_token", lambda request: "t")
    request = RequestFactory().get("/seekers/1/")
    request.user = world.users["counselor_x"]
    request.session = {}
    request._messages = FallbackStorage(request)
    from django.contrib import messages

    messages.success(request, "상담을 기록했습니다.")
    with translation.override("ko"):
        page = layout.kept_page(request, title="t", body="<p></p>").content.decode()
    assert page.count("상담을 기록했습니다.") == 1
