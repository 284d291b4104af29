"""What the employers app adds to pages that span apps (see jobcenter/hooks.py)."""

from django.utils.translation import gettext as _

from employers import selectors
from employers.models import Company, Interest, Vacancy
from jobcenter.hooks import Panel
from jobcenter.models import User
from seekers.models import Seeker

# What the panels of worklist_sections read: they are rendered again when one of these tables changes at the centre
# (jobcenter/worklist.py; tests/jobcenter/test_worklist_cache.py checks the list against the queries).
WORKLIST_READS = (Vacancy, Company, Interest, Seeker)


def worklist_sections(user: User) -> list[Panel]:
    """Vacancies to review, companies to verify, and seekers' interest to turn into referrals."""
    panels = []
    # What the panel shows: not every column of the vacancy and what the vacancy pages join with it.
    queue = selectors.review_queue(user).select_related(None).select_related("company")
    queue = list(queue.only("title", "updated_at", "company__name")[:20])
    panels.append(
        Panel(
            key="vacancy-review",
            title=_("Vacancies to review"),
            template="employers/panels/review_queue.html",
            context={"vacancies": queue},
            count=len(queue),
            order=20,
        )
    )
    companies = selectors.unverified_companies(user).select_related(None).only("name", "business_number")
    companies = list(companies[:20])
    if companies:
        panels.append(
            Panel(
                key="company-verification",
                title=_("Companies to verify"),
                template="employers/panels/unverified_companies.html",
                context={"companies": companies},
                count=len(companies),
                order=21,
            )
        )
    interests = list(
        selectors.open_interests_for_counselor(user).only(  # what the panel shows: not every column of three tables
            "created_at", "seeker__name", "seeker__centre", "vacancy__title", "vacancy__company__name"
        )[:30]
    )
    panels.append(
        Panel(
            key="referral-requests",
            title=_("Referral requests from the job board"),
            template="employers/panels/interests.html",
            context={"interests": interests},
            count=len(interests),
            order=22,
        )
    )
    return panels
