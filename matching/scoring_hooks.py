"""The scorer's panels on pages of other apps (jobcenter/hooks.py); matching/hooks.py re-exports them."""

from collections.abc import Callable

from django.urls import reverse
from django.utils.translation import gettext as _

from jobcenter.hooks import Panel
from jobcenter.permissions import COUNSELING_ROLES
from matching.scoring.selectors import seeker_list_version_sql, stored_candidates, stored_vacancies

PANEL_SIZE = 5


def scoring_vacancy_panels(vacancy, user) -> list[Panel]:
    if user.role not in COUNSELING_ROLES:
        return []
    found = stored_candidates(user=user, vacancy=vacancy, limit=PANEL_SIZE)
    more_url = reverse("matching:vacancy_candidates", args=[vacancy.pk])
    context = {"found": found, "kind": "candidates", "more_url": more_url}
    return [
        Panel(
            key="match-candidates",
            title=_("Best candidates"),
            template="matching/scoring_panel.html",
            context=context,
            order=35,
        )
    ]


def scoring_seeker_case_panels(seeker, user) -> list[Panel]:
    if user.role not in COUNSELING_ROLES:
        return []
    found = stored_vacancies(user=user, seeker=seeker, limit=PANEL_SIZE)
    more_url = reverse("matching:seeker_vacancies", args=[seeker.pk])
    context = {"found": found, "kind": "vacancies", "more_url": more_url}
    return [
        Panel(
            key="match-vacancies",
            title=_("Best vacancies"),
            template="matching/scoring_panel.html",
            context=context,
            order=35,
        )
    ]


def scoring_seeker_case_versions(seeker_id: str, user) -> list[str]:
    """The version of what `scoring_seeker_case_panels` shows, for the cached case page's key: an SQL expression."""
    if user.role not in COUNSELING_ROLES:
        return []
    return [seeker_list_version_sql(seeker_id)]


def appended(hook: Callable | None, extra: Callable) -> Callable:
    """`hook`'s panels followed by `extra`'s: lets matching/hooks.py add the scorer's panels to its own."""

    def combined(*args, **options) -> list:
        return [*(hook(*args, **options) if hook else []), *extra(*args)]

    combined.__name__ = getattr(hook, "__name__", extra.__name__)
    return combined
