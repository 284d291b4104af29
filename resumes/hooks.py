"""What résumés and online applications add to other apps' pages (see jobcenter/hooks.py)."""

from django.utils.translation import gettext as _

from employers.models import Company, Vacancy
from jobcenter.hooks import Panel, listed_and_counted
from matching.models import Referral
from resumes import selectors
from resumes.forms import OpinionForm
from resumes.models import Application
from seekers.models import Seeker

WORKLIST_LIMIT = 20


# What the panels of worklist_sections read: they are rendered again when one of these tables changes at the centre
# (jobcenter/worklist.py; tests/jobcenter/test_worklist_cache.py checks the list against the queries).
WORKLIST_READS = (Application, Referral, Seeker, Vacancy, Company)


def worklist_sections(user) -> list[Panel]:
    if not user.centre_id:
        return []
    applications = selectors.applications_to_review(user).only(  # what the panel shows: not every column of five tables
        "referral__state",
        "referral__created_at",
        "referral__seeker__name",
        "referral__seeker__centre",
        "referral__vacancy__title",
        "referral__vacancy__company__name",
    )
    items, count = listed_and_counted(applications, WORKLIST_LIMIT)
    return [
        Panel(
            key="applications-to-review",
            title=_("Online applications to review"),
            template="resumes/worklist_applications.html",
            context={"items": items, "form": OpinionForm()},
            count=count,
            order=18,
        )
    ]


def seeker_case_panels(seeker, user) -> list[Panel]:
    if not user.is_centre_staff:
        return []
    resumes = list(selectors.seeker_resumes(seeker))
    return [
        Panel(
            key="resumes",
            title=_("Résumés"),
            template="resumes/panel_case_resumes.html",
            context={"resumes": resumes},
            count=len(resumes),
            order=42,
        )
    ]


def seeker_home_panels(seeker, user) -> list[Panel]:
    if seeker is None:
        return []
    resumes = list(selectors.seeker_resumes(seeker))
    return [
        Panel(
            key="my-resumes",
            title=_("My résumés"),
            template="resumes/panel_my_resumes.html",
            context={"resumes": resumes},
            count=len(resumes),
            order=25,
        )
    ]
