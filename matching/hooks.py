"""What the referral workflow adds to pages of other apps (see jobcenter/hooks.py)."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Company, Vacancy
from jobcenter.hooks import Panel, TimelineEntry, listed_and_counted
from matching import selectors
from matching.forms import FollowUpForm
from matching.models import EndingReason, FollowUp, Interview, Placement, Referral, ReferralState, ReferralTransition
from seekers.models import Seeker

WORKLIST_LIMIT = 20
# What the worklist shows of today's interviews (templates/matching/worklist_interviews.html): the worklist is rendered
# again after every change at the centre, and compiling a read of five joined tables' every column (123) cost more
# than the database's work.
WORKLIST_INTERVIEW_FIELDS = (
    "starts_at",
    "accompanied",
    "place",
    "video_link",
    *(f"referral__{field}" for field in selectors.WORKLIST_REFERRAL_FIELDS),
    "accompanied_by__username",
    "accompanied_by__last_name",
    "accompanied_by__first_name",
)

# What the panels of worklist_sections read: they are rendered again when one of these tables changes at the centre
# (jobcenter/worklist.py; tests/jobcenter/test_worklist_cache.py checks the list against the queries).
WORKLIST_READS = (Referral, Interview, Placement, FollowUp, Seeker, Vacancy, Company)


def worklist_sections(user) -> list[Panel]:
    if not user.centre_id:
        return []
    now = timezone.now()
    interviews, interview_count = listed_and_counted(
        selectors.interviews_today(user).only(*WORKLIST_INTERVIEW_FIELDS), WORKLIST_LIMIT
    )
    waiting, waiting_count = listed_and_counted(selectors.referrals_waiting_on_employer(user, now=now), WORKLIST_LIMIT)
    follow_ups, follow_up_count = listed_and_counted(selectors.follow_ups_due(user), WORKLIST_LIMIT)
    requests, request_count = listed_and_counted(selectors.employer_requests_waiting(user), WORKLIST_LIMIT)
    return [
        Panel(
            key="employer-requests",
            title=_("Employers asking for a referral"),
            template="matching/worklist_employer_requests.html",
            context={"items": requests},
            count=request_count,
            order=18,
        ),
        Panel(
            key="interviews-today",
            title=_("Today's interviews"),
            template="matching/worklist_interviews.html",
            context={"items": interviews},
            count=interview_count,
            order=15,
        ),
        Panel(
            key="referrals-waiting",
            title=_("Referrals waiting on employers"),
            template="matching/worklist_waiting.html",
            context={"items": waiting, "reasons": EndingReason.choices},
            count=waiting_count,
            order=20,
            until=selectors.next_waiting_on_employer_at(user, now=now),  # a referral's employer becomes late
        ),
        Panel(
            key="follow-ups-due",
            title=_("Follow-ups due"),
            template="matching/worklist_follow_ups.html",
            context={"items": follow_ups, "form": FollowUpForm()},
            count=follow_up_count,
            order=30,
        ),
    ]


# The case page shows this many of a seeker's referrals (open ones first, then the newest) and placements (the newest);
# the seeker's referrals and placements page shows them all. A long history would otherwise make every case page
# longer and slower to render.
CASE_PAGE_REFERRALS = 20
CASE_PAGE_PLACEMENTS = 10


def _first(queryset, limit: int | None) -> tuple[list, bool]:
    """The first `limit` rows (all when None), and whether there are more."""
    if limit is None:
        return list(queryset), False
    rows = list(queryset[: limit + 1])  # one more: are there others?
    return rows[:limit], len(rows) > limit


def seeker_case_panels(seeker, user, *, full_history: bool = False) -> list[Panel]:
    if not user.is_centre_staff:
        return []
    referrals, more_referrals = _first(
        selectors.case_panel_referrals(seeker, with_history=full_history), None if full_history else CASE_PAGE_REFERRALS
    )
    placements, more_placements = _first(
        selectors.seeker_placements(seeker), None if full_history else CASE_PAGE_PLACEMENTS
    )
    return [
        Panel(
            key="referrals",
            title=_("Referrals"),
            template="matching/panel_case_referrals.html",
            # The case page loads each referral's history when it is opened; the referrals page shows it with them.
            context={"seeker": seeker, "referrals": referrals, "more": more_referrals, "with_history": full_history},
            count=sum(referral.is_open for referral in referrals),
            order=40,
        ),
        Panel(
            key="placements",
            title=_("Placements and follow-up"),
            template="matching/panel_case_placements.html",
            context={"seeker": seeker, "placements": placements, "outcomes": FollowUp.Outcome, "more": more_placements},
            count=seeker.placements.count() if more_placements else len(placements),
            order=41,
        ),
    ]


def seeker_timeline(seeker, limit: int | None = None) -> list[TimelineEntry]:
    """The newest `limit` (all when None) of the seeker's referral steps, and of their placements."""
    entries = []
    transitions = (
        ReferralTransition.objects.filter(referral__seeker=seeker)
        .select_related("referral__vacancy__company")
        .only("at", "to_state", "note", "referral__vacancy__title", "referral__vacancy__company__name")
        .order_by("-at", "-pk")[:limit]
    )
    for transition in transitions:
        vacancy = transition.referral.vacancy
        entries.append(
            TimelineEntry(
                at=transition.at,
                kind="referral",
                title=_("Referral to %(company)s · %(title)s: %(state)s")
                % {
                    "company": vacancy.company.name,
                    "title": vacancy.title,
                    "state": ReferralState(transition.to_state).label,
                },
                detail=transition.note,
                url=reverse("matching:referral", args=[transition.referral_id]),
            )
        )
    placements = seeker.placements.only("seeker", "recorded_at", "employer_name", "source")
    for placement in placements.order_by("-recorded_at", "-pk")[:limit]:
        entries.append(
            TimelineEntry(
                at=placement.recorded_at,
                kind="placement",
                title=_("Placed at %(employer)s") % {"employer": placement.employer_name},
                detail=placement.get_source_display(),
            )
        )
    return entries


def seeker_home_panels(seeker, user) -> list[Panel]:
    if seeker is None:
        return []
    referrals = [referral for referral in selectors.seeker_referrals(seeker) if referral.state != "proposed"]
    return [
        Panel(
            key="my-referrals",
            title=_("My referrals and interviews"),
            template="matching/panel_my_referrals.html",
            context={"referrals": referrals},
            count=sum(referral.is_open for referral in referrals),
            order=30,
        )
    ]


def vacancy_panels(vacancy, user) -> list[Panel]:
    if not user.is_centre_staff:
        return []
    referrals = list(selectors.referrals_for_user(user).filter(vacancy=vacancy).with_list_data()[:100])
    return [
        Panel(
            key="vacancy-referrals",
            title=_("Referred seekers"),
            template="matching/panel_vacancy_referrals.html",
            context={"vacancy": vacancy, "referrals": referrals},
            count=sum(referral.is_open for referral in referrals),
            order=40,
        )
    ]


def employer_vacancy_panels(vacancy, user) -> list[Panel]:
    referrals = list(selectors.employer_referrals(user, vacancy=vacancy)[:100])
    return [
        Panel(
            key="candidates",
            title=_("Referred candidates"),
            template="matching/panel_candidates.html",
            context={"referrals": referrals},
            count=sum(referral.is_open for referral in referrals),
            order=40,
        )
    ]


def employer_portal_panels(company, user) -> list[Panel]:
    referrals = selectors.employer_referrals(user).filter(state__in=("sent", "interview_scheduled", "interviewed"))
    items = list(referrals[:10])
    return [
        Panel(
            key="candidates-open",
            title=_("Candidates waiting for your answer"),
            template="matching/panel_candidates.html",
            context={"referrals": items, "more_url": reverse("matching:portal_referrals")},
            count=referrals.count(),
            order=40,
        )
    ]


def vacancy_pipeline_counts(vacancy_ids: list[int]) -> list[dict]:
    """Referred, interviewed and hired counts per vacancy for the employer portal (employers.selectors)."""
    return [selectors.pipeline_counts(vacancy_ids)]


# The scorer's panels (matching/scoring_hooks.py), after this module's own.
from matching import scoring_hooks  # noqa: E402

vacancy_panels = scoring_hooks.appended(vacancy_panels, scoring_hooks.scoring_vacancy_panels)
seeker_case_panels = scoring_hooks.appended(seeker_case_panels, scoring_hooks.scoring_seeker_case_panels)
# The scorer's best vacancies change when a vacancy closes or a list is recomputed, not with the seeker's records:
# the cached case page's key holds their version (seekers/case_page.py).
seeker_case_versions = scoring_hooks.scoring_seeker_case_versions
