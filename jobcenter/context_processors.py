from django.http import HttpRequest
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from jobcenter.models import Role

# The main navigation of each role: (url name, label).
NAVIGATION = {
    None: [("employers:board", _("Job board")), ("events:calendar", _("Events calendar"))],
    Role.SEEKER: [
        ("seekers:home", _("My page")),
        ("employers:board", _("Job board")),
        ("events:calendar", _("Events calendar")),
    ],
    Role.EMPLOYER: [
        ("employers:portal", _("Employer portal")),
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
    ],
    Role.ADMINISTRATOR: [
        ("administration", _("Administration")),
        ("dashboard", _("Dashboard")),
        ("seekers:list", _("Job seekers")),
        ("events:manage_list", _("Events")),
    ],
}


def navigation(request: HttpRequest) -> dict:
    role = request.user.role if request.user.is_authenticated else None
    links = []
    for url_name, label in NAVIGATION.get(role, []):
        url = reverse(url_name)
        links.append({"url": url, "label": label, "current": request.path.startswith(url)})
    return {"nav_links": links}
