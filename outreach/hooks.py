"""What outreach adds to pages that span apps (see jobcenter/hooks.py)."""

from django.db.models.functions import Coalesce, Greatest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from employers.models import Company
from jobcenter.hooks import Panel, TimelineEntry
from jobcenter.models import Role
from outreach import selectors
from outreach.models import FollowUpAction, OutreachTeam, PartnerLinkage, Visit, VisitPlan, VisitPlanTarget

# What the panels of worklist_sections read: they are rendered again when one of these tables changes at the centre
# (jobcenter/worklist.py; tests/jobcenter/test_worklist_cache.py checks the list against the queries).
WORKLIST_READS = (
    FollowUpAction,
    Visit,
    VisitPlan,
    VisitPlanTarget,
    OutreachTeam,
    OutreachTeam.members.through,
    Company,
)


def worklist_sections(user) -> list[Panel]:
    """The user's open follow-ups from field visits, and today's planned visits of their teams."""
    today = timezone.localdate()
    # What the panels show: not every column of the follow-up, the visit, the plan and the company.
    follow_ups = list(
        selectors.open_follow_ups_for(user).only("description", "due_on", "done_at", "visit__company__name")[:50]
    )
    targets = selectors.todays_targets_for(user, today).select_related(None).select_related("company")
    targets = list(targets.only("plan", "company__name", "company__address"))
    panels = [
        Panel(
            key="outreach-follow-ups",
            title=_("Follow-ups from field visits"),
            template="outreach/panel_follow_ups.html",
            context={"follow_ups": follow_ups, "today": today},
            count=len(follow_ups),
            order=60,
        )
    ]
    if targets:
        panels.append(
            Panel(
                key="outreach-today",
                title=_("Field visits today"),
                template="outreach/panel_today.html",
                context={"targets": targets, "today": today},
                count=len(targets),
                order=61,
            )
        )
    return panels


def seeker_case_panels(seeker, user) -> list[Panel]:
    """The seeker's linkages to partner institutions (유관기관), with the consent each one rests on."""
    if not user.is_centre_staff:
        return []
    linkages = list(selectors.seeker_linkages(seeker))
    return [
        Panel(
            key="partner-linkages",
            title=_("Partner institutions"),
            template="outreach/panel_case_linkages.html",
            context={
                "seeker": seeker,
                "linkages": linkages,
                "can_link": user.role == Role.COUNSELOR and user.centre_id == seeker.centre_id,
            },
            count=sum(linkage.outcome == PartnerLinkage.Outcome.PENDING for linkage in linkages),
            order=70,
        )
    ]


def seeker_timeline(seeker, limit: int | None = None) -> list[TimelineEntry]:
    """The linkage entries (made, and its outcome) of the `limit` linkages with the newest of them (all when None):
    every one of the newest `limit` entries is among them."""
    entries = []
    latest = Greatest("created_at", Coalesce("outcome_recorded_at", "created_at"))
    for linkage in selectors.seeker_linkages(seeker).alias(latest=latest).order_by("-latest", "-pk")[:limit]:
        entries.append(
            TimelineEntry(
                at=linkage.created_at,
                kind="partner-linkage",
                title=_("Linked to %(partner)s for %(service)s")
                % {"partner": linkage.partner.name, "service": linkage.service},
                detail=_("Consent: %(channel)s, taken by %(by)s")
                % {"channel": linkage.get_consent_channel_display(), "by": linkage.consent_taken_by or "—"},
            )
        )
        if linkage.outcome_recorded_at:
            entries.append(
                TimelineEntry(
                    at=linkage.outcome_recorded_at,
                    kind="partner-linkage",
                    title=_("%(partner)s: %(outcome)s")
                    % {"partner": linkage.partner.name, "outcome": linkage.get_outcome_display()},
                    detail=linkage.outcome_notes,
                )
            )
    return entries
