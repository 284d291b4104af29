import contextlib
import functools

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError
from django.http import HttpRequest
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.translation import gettext_lazy as _

from jobcenter.models import STAFF_ROLES, Centre, Role

# The main navigation of each role: (url name, label).
NAVIGATION = {
    None: [
        ("front", _("For job seekers")),
        ("employers:board", _("Job board")),
        ("events:calendar", _("Events calendar")),
        ("seekers:signup", _("Register online")),
    ],
    Role.SEEKER: [
        ("seekers:home", _("My page")),
        ("resumes:list", _("My résumés")),
        ("employers:board", _("Job board")),
        ("alerts:list", _("My job alerts")),
        ("events:calendar", _("Events calendar")),
    ],
    Role.EMPLOYER: [
        ("employers:portal", _("Employer portal")),
        ("employers:talent", _("Talent search")),
        ("employers:board", _("Job board")),
        ("events:calendar", _("Events calendar")),
    ],
    Role.COUNSELOR: [
        ("worklist", _("Worklist")),
        ("seekers:list", _("Job seekers")),
        ("outreach:index", _("Outreach")),
        ("events:manage_list", _("Events")),
        ("employers:board", _("Job board")),
        ("dashboard", _("My figures")),
    ],
    Role.MANAGER: [
        ("dashboard", _("Dashboard")),
        ("worklist", _("Worklist")),
        ("seekers:list", _("Job seekers")),
        ("outreach:index", _("Outreach")),
        ("events:manage_list", _("Events")),
        ("employers:board", _("Job board")),
        ("administration:staff", _("Staff")),
    ],
    Role.ADMINISTRATOR: [
        ("administration", _("Administration")),
        ("dashboard", _("Dashboard")),
        ("seekers:list", _("Job seekers")),
        ("events:manage_list", _("Events")),
    ],
}


COUNSELING = (Role.COUNSELOR, Role.MANAGER)
# The side navigation of the staff areas, under the main menu entry it belongs to:
# (url name, label, roles that may open it).
SIDE_NAVIGATION = {
    "seekers:list": [
        ("seekers:list", _("Job seekers"), STAFF_ROLES),
        ("seekers:register", _("Register a walk-in"), STAFF_ROLES),
        ("seekers:day", _("Today's bookings"), STAFF_ROLES),
        ("matching:calendar", _("Accompanied interviews"), COUNSELING),
        ("matching:retention", _("Retention after placement"), COUNSELING),
    ],
    "outreach:index": [
        ("outreach:index", _("Outreach"), COUNSELING),
        ("outreach:visit_create", _("Log a visit"), COUNSELING),
        ("outreach:visit_list", _("Visits"), COUNSELING),
        ("outreach:plan_list", _("Visit plans"), COUNSELING),
        ("outreach:desk_list", _("Mobile desks"), COUNSELING),
        ("outreach:partner_list", _("Partners"), COUNSELING),
        ("outreach:agreement_list", _("Local-hire agreements"), COUNSELING),
        ("outreach:campaign_list", _("Campaigns"), COUNSELING),
        ("outreach:report", _("Report"), STAFF_ROLES),
    ],
    "administration": [
        ("administration", _("Overview"), (Role.ADMINISTRATOR,)),
        ("administration:staff", _("Staff"), (Role.ADMINISTRATOR,)),
        ("administration:staff_invite", _("Invite a staff member"), (Role.ADMINISTRATOR,)),
        ("administration:calendar", _("Closed days"), (Role.ADMINISTRATOR,)),
        ("administration:consents", _("Consent texts"), (Role.ADMINISTRATOR,)),
        ("administration:notice_templates", _("Notice templates"), (Role.ADMINISTRATOR,)),
        ("administration:code_tables", _("Code tables"), (Role.ADMINISTRATOR,)),
    ],
    "administration:staff": [
        ("administration:staff", _("Staff"), (Role.MANAGER,)),
        ("administration:calendar", _("Closed days"), (Role.MANAGER,)),
        ("administration:consents", _("Consent texts"), (Role.MANAGER,)),
        ("administration:notice_templates", _("Notice templates"), (Role.MANAGER,)),
    ],
    "events:manage_list": [
        ("events:manage_list", _("Events"), STAFF_ROLES),
        ("events:manage_create", _("New event"), STAFF_ROLES),
        ("events:manage_series_create", _("New recurring event"), STAFF_ROLES),
        ("events:manage_room_requests", _("Interview room requests"), STAFF_ROLES),
    ],
}
FOOTER_CENTRES_CACHE = ("footer-centres", 300)


def _centre_contacts() -> list[dict]:
    return list(Centre.objects.values("name", "address", "phone"))


def footer_centres() -> list[dict]:
    """The centres' contact details for the footer of every page, from the cache: they change a few times a
    year, and saving or deleting a centre refreshes them (refresh_footer_centres), so pages add no query."""
    key, timeout = FOOTER_CENTRES_CACHE
    try:
        return cache.get_or_set(key, _centre_contacts, timeout)
    except Exception:  # the cache's Redis is down: pages still serve, with one query more
        pass
    try:
        return _centre_contacts()
    except DatabaseError:  # and the database too (an error page): a footer without the centres' contacts
        return []


def refresh_footer_centres(**kwargs) -> None:
    """post_save / post_delete of Centre (jobcenter/apps.py)."""
    key, timeout = FOOTER_CENTRES_CACHE
    # The cache's Redis down: saving a centre must not fail for it (the footer's copy expires within its timeout).
    with contextlib.suppress(Exception):
        cache.set(key, _centre_contacts(), timeout)


@functools.lru_cache(maxsize=512)
def _url(url_name: str, script_prefix: str, urlconf: str) -> str:
    return reverse(url_name, urlconf=urlconf)


def navigation_url(url_name: str) -> str:
    """`reverse(url_name)` for the links of every page's navigation (a score of them for staff), kept: their
    addresses take no arguments and change only with the URLconf and the script prefix, which are in the key."""
    return _url(url_name, get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF)


def navigation(request: HttpRequest) -> dict:
    user = getattr(request, "user", None)  # missing when a middleware refused the request (400 page)
    role = user.role if user is not None and user.is_authenticated else None
    links = []
    section = None
    for url_name, label in NAVIGATION.get(role, []):
        url = navigation_url(url_name)
        current = request.path.startswith(url)
        links.append({"url": url, "label": label, "current": current})
        if current and section is None:
            section = (url_name, label, url)
    side_links = []
    if section is not None and role in STAFF_ROLES:
        for url_name, label, roles in SIDE_NAVIGATION.get(section[0], []):
            if role in roles:
                url = navigation_url(url_name)
                side_links.append({"url": url, "label": label, "current": request.path == url})
    crumbs = []
    if section is not None and request.path != section[2]:
        crumbs.append({"label": section[1], "url": section[2]})
    return {
        "nav_links": links,
        "side_nav": {"title": section[1], "links": side_links} if side_links else None,
        "section_crumbs": crumbs,
        "footer_centres": footer_centres,
    }
