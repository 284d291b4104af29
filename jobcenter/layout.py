"""The header and footer of every page (templates/base.html), rendered once and kept in the process.

Every page showed them by rendering their templates again: the footer loops over every centre's contacts (a score
at province scale) and the header over the menu, some 1 ms of a staff page's few. What they show depends on a few
values, and those are the key of a kept rendering:

- the footer: the centres' contacts (read from the cache on every page, as before: jobcenter/context_processors.py
  `footer_centres`, refreshed when a centre is saved or deleted), the language and the URLconf;
- the header: the language and URLconf, the signed-in user's name and role, the menu's links with the current one.
  The two things that differ on every request, the CSRF token and the page's address (the language form sends it
  back as `next`), are marks in the kept rendering, replaced on the way out by the request's own, escaped as the
  template escapes them. A mark holds a `<`, which no escaped value can hold, so nothing else is replaced.

Each rendering is made from its key alone (`_header` sees nothing else), so a kept one is what the template would
render for the request.
"""

import functools
import hashlib
import re
from collections.abc import Callable
from dataclasses import dataclass

from django.conf import settings
from django.contrib import messages
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse
from django.middleware.csrf import get_token
from django.shortcuts import render
from django.template.loader import render_to_string
from django.urls import get_script_prefix, get_urlconf
from django.utils.html import conditional_escape
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

from jobcenter.context_processors import footer_centres, navigation

CSRF_MARK = mark_safe("<csrf-token>")
NEXT_PATH_MARK = mark_safe("<next-path>")

# (language, script prefix, URLconf): (the centres' contacts, the footer rendered with them)
_footers: dict[tuple, tuple[list[dict], SafeString]] = {}


def _where() -> tuple[str, str, str]:
    """What the templates' words and links depend on besides their arguments."""
    return get_language(), get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF


def footer_html(centres: list[dict]) -> SafeString:
    """templates/components/footer.html for these centres: rendered again only when the centres' contacts differ
    from the kept rendering's (a centre was saved or deleted, or the cache's copy expired and was read again)."""
    where = _where()
    kept = _footers.get(where)
    if kept is None or kept[0] != centres:
        kept = (centres, render_to_string("components/footer.html", {"centres": centres}))
        _footers[where] = kept
    return kept[1]


@dataclass(frozen=True)
class _Viewer:
    """What the header shows of the signed-in user."""

    name: str
    get_role_display: str
    is_authenticated: bool = True

    def __str__(self) -> str:
        return self.name


@functools.lru_cache(maxsize=1024)
def _header(where: tuple, viewer: _Viewer | None, links: tuple, with_csrf: bool) -> SafeString:
    context = {
        "user": viewer,
        "links": [{"url": url, "label": label, "current": current} for url, label, current in links],
        "csrf_token": CSRF_MARK if with_csrf else None,
        "next_path": NEXT_PATH_MARK,
    }
    return render_to_string("components/header.html", context)


def header_html(*, user, links, csrf_token, request) -> SafeString:
    """templates/components/header.html for this user, menu, CSRF token and request (the page's address), as the
    page's context holds them (the 500 page has no menu or token, and perhaps no user)."""
    viewer = None
    if getattr(user, "is_authenticated", False):
        viewer = _Viewer(name=str(user), get_role_display=str(user.get_role_display()))
    links = tuple((str(link["url"]), str(link["label"]), bool(link["current"])) for link in links or ())
    with_csrf = bool(csrf_token) and csrf_token != "NOTPROVIDED"  # what {% csrf_token %} renders nothing for
    html = _header(_where(), viewer, links, with_csrf)
    if with_csrf:
        html = html.replace(CSRF_MARK, conditional_escape(csrf_token))
    path = request.get_full_path() if request is not None else ""
    return mark_safe(html.replace(NEXT_PATH_MARK, conditional_escape(path)))


# --- The whole page around a kept body ----------------------------------------------------------------------------
# A page whose body is kept (the case page, the candidates page) still rendered templates/base.html around it on every
# visit: ~0.9 ms of a visit's ~6 ms in the web process. base.html shows the same thing to the same user on the same
# section of the site, but for the title, the body, the CSRF token and the address; those are marks in a shell kept per
# process, put in on the way out in one pass (a mark inside a value put in is never replaced).
_TITLE_MARK = "KeptPageTitleMark"
_BODY_MARK = "KeptPageBodyMark"
_CSRF_MARK = "KeptPageCsrfMark"
_PATH_MARK = "KeptPagePathMark"
_MARKS = re.compile("|".join((_TITLE_MARK, _BODY_MARK, _CSRF_MARK, _PATH_MARK)))
_SHELLS_KEPT = 256
_shells: dict[tuple, str] = {}


class _ShellRequest:
    """The request as the shell's templates see it, but for its address, which is a mark (the header's language
    form sends it back)."""

    def __init__(self, request: HttpRequest) -> None:
        self._request = request

    def __getattr__(self, name: str):
        return getattr(self._request, name)

    def get_full_path(self, force_append_slash: bool = False) -> str:
        return _PATH_MARK


def kept_page(request: HttpRequest, *, title: str, body: SafeString) -> HttpResponse:
    """templates/layout/kept_page.html (base.html with this title and body) for this request: the same bytes that
    rendering it would give. Rendered in full when the request carries messages (base.html shows them once)."""
    if len(messages.get_messages(request)):
        return render(request, "layout/kept_page.html", {"title": title, "body": body})
    user = request.user
    nav = navigation(request)
    key = (
        _where(),
        str(user),
        str(user.get_role_display()) if user.is_authenticated else "",
        repr([(str(link["url"]), str(link["label"]), link["current"]) for link in nav["nav_links"]]),
        repr(nav["side_nav"]),
        repr(nav["section_crumbs"]),
        repr(footer_centres()),
    )
    shell = _shells.get(key)
    if shell is None:
        marks = {"title": _TITLE_MARK, "body": _BODY_MARK, "csrf_token": _CSRF_MARK}
        shell = render_to_string("layout/kept_page.html", marks, request=_ShellRequest(request))
        if len(_shells) >= _SHELLS_KEPT:
            _shells.clear()
        _shells[key] = shell
    values = {
        _TITLE_MARK: conditional_escape(title),
        _BODY_MARK: body,
        _CSRF_MARK: conditional_escape(get_token(request)),
        _PATH_MARK: conditional_escape(request.get_full_path()),
    }
    return HttpResponse(_MARKS.sub(lambda match: values[match.group()], shell))


def kept_for_visitors(
    request: HttpRequest, name: str, render_page: Callable[[], tuple[str, SafeString]]
) -> HttpResponse | None:
    """The public page `name` at this address for a visitor not signed in: its title and body as `render_page()` gives
    them, kept PUBLIC_BOARD_CACHE_SECONDS per address and language (what the page shows a visitor is the same for
    every visitor, and the public pages may lag that long: jobcenter/db_router.py), around the kept shell. None for a
    signed-in user (whose page shows their own links and forms) or with the cache off: the view renders the page.

    The job board and the job pages are more than half of what a province's site serves; their fragments were kept
    already, but putting the page together again (the filter form, the search's queryset, five cache reads) cost
    twice the one-query view."""
    seconds = settings.PUBLIC_BOARD_CACHE_SECONDS
    if request.user.is_authenticated or seconds <= 0:
        return None
    address = hashlib.sha256(request.get_full_path().encode()).hexdigest()
    key = f"public-page:{name}:{get_language()}:{address}"
    kept = cache.get(key)
    if kept is None:
        kept = render_page()
        cache.set(key, kept, seconds)
    title, body = kept
    return kept_page(request, title=title, body=mark_safe(body))  # rendered and escaped by the page's template
