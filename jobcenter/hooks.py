"""How the apps contribute to pages that span them, without those pages importing every app.

An app may define, in `<app>/hooks.py`, any of these functions:

| hook | returns | shown on |
|---|---|---|
| `worklist_sections(user)` | list[Panel] | the counselor's worklist (jobcenter); `WORKLIST_READS`: the models read |
| `seeker_timeline(seeker, limit)` | list[TimelineEntry] | a seeker's case page timeline: the newest `limit` (seekers) |
| `seeker_case_panels(seeker, user)` | list[Panel] | a seeker's case page, for staff (seekers) |
| `seeker_case_versions(seeker_id, user)` | list[str] | SQL: its panels' versions (seekers/case_page.py) |
| `seeker_home_panels(seeker, user)` | list[Panel] | the resident's own page (seekers) |
| `vacancy_panels(vacancy, user)` | list[Panel] | a vacancy's page for counselors (employers) |
| `employer_vacancy_panels(vacancy, user)` | list[Panel] | a vacancy's page on the employer portal (employers) |
| `employer_portal_panels(company, user)` | list[Panel] | the employer portal home (employers) |

Pages call `collect(name, *args)` and get the concatenated results, in INSTALLED_APPS order.
"""

import datetime
import importlib
from dataclasses import dataclass, field
from types import ModuleType

from django.conf import settings

PROJECT_APPS = ["jobcenter", "seekers", "employers", "matching", "events", "outreach", "resumes"]


@dataclass
class Panel:
    """One box on a page: `template` is included with `panel` in its context; `count` shows in its heading."""

    key: str
    title: str
    template: str
    context: dict = field(default_factory=dict)
    count: int = 0
    order: int = 100
    # When the panel will show something else without any write (a row crosses a time threshold: a referral's
    # employer becomes late, a registration comes due for renewal); a cached page is rendered again from then on.
    until: datetime.datetime | None = None


@dataclass
class TimelineEntry:
    at: datetime.datetime
    kind: str
    title: str
    detail: str = ""
    url: str | None = None


def hook_modules(name: str) -> list[tuple[str, ModuleType]]:
    """(app, its hooks module) of each installed project app whose hooks define `name`, in PROJECT_APPS order."""
    found = []
    for app_name in PROJECT_APPS:
        if app_name not in settings.INSTALLED_APPS:
            continue
        try:
            module = importlib.import_module(f"{app_name}.hooks")
        except ModuleNotFoundError as error:
            if error.name != f"{app_name}.hooks":
                raise
            continue
        if hasattr(module, name):
            found.append((app_name, module))
    return found


def collect(name: str, *args) -> list:
    results: list = []
    for _app_name, module in hook_modules(name):
        results.extend(getattr(module, name)(*args))
    return results


def listed_and_counted(queryset, limit: int) -> tuple[list, int]:
    """The first `limit` rows of a panel's list and how many there are in all: counted by the database only when the
    list is full (a counselor's panels are mostly shorter than their limit, and each count is a query)."""
    rows = list(queryset[:limit])
    return rows, (queryset.count() if len(rows) == limit else len(rows))
