"""Reads of the outreach app, scoped to the acting user: staff see their own centre's outreach only."""

import datetime
from dataclasses import dataclass, field

from django.db.models import Count, F, Max, Q, QuerySet, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.shortcuts import get_object_or_404
from django.utils import timezone

from employers.models import Company
from jobcenter.models import Centre, Role, User
from outreach import interfaces
from outreach.models import (
    AgreementHire,
    Campaign,
    DeskSession,
    DifficultyCategory,
    DiscoveredVacancy,
    FollowUpAction,
    LocalHireAgreement,
    MobileDesk,
    OutreachTeam,
    PartnerInstitution,
    PartnerLinkage,
    Visit,
    VisitDifficulty,
    VisitPlan,
    VisitPlanTarget,
)


def _centre_filter(user: User) -> Q:
    """Staff with a centre see that centre's rows; an administrator sees every centre."""
    if user.role == Role.ADMINISTRATOR:
        return Q()
    return Q(centre_id=user.centre_id) if user.centre_id else Q(pk__in=[])


# --- Scoped querysets and access helpers (404 outside the user's centre) --------------------------


def teams_for_user(user: User) -> QuerySet[OutreachTeam]:
    return OutreachTeam.objects.filter(_centre_filter(user), is_active=True).prefetch_related("members")


def centre_staff(centre_id: int | None) -> QuerySet[User]:
    return User.objects.filter(centre_id=centre_id, role__in=[Role.COUNSELOR, Role.MANAGER], is_active=True).order_by(
        "last_name", "first_name"
    )


def plans_for_user(user: User) -> QuerySet[VisitPlan]:
    return (
        VisitPlan.objects.filter(_centre_filter(user))
        .select_related("team")
        .annotate(target_count=Count("targets", distinct=True), visited_count=Count("targets__visit", distinct=True))
    )


def get_plan_for_user(user: User, pk: int) -> VisitPlan:
    """The plan if it belongs to the user's centre, else 404."""
    return get_object_or_404(VisitPlan.objects.filter(_centre_filter(user)).select_related("team"), pk=pk)


def get_target_for_user(user: User, pk: int) -> VisitPlanTarget:
    """A planned visit of the user's centre, else 404."""
    return get_object_or_404(
        VisitPlanTarget.objects.filter(plan__in=VisitPlan.objects.filter(_centre_filter(user))).select_related(
            "plan", "company"
        ),
        pk=pk,
    )


def day_route(plan: VisitPlan, day: datetime.date) -> QuerySet[VisitPlanTarget]:
    return (
        plan.targets.filter(scheduled_on=day)
        .select_related("company", "company__region", "company__industry", "visit")
        .order_by("position", "pk")
    )


def visits_for_user(user: User) -> QuerySet[Visit]:
    return (
        Visit.objects.filter(_centre_filter(user))
        .select_related("company", "team")
        .annotate(vacancy_count=Count("discovered_vacancies", distinct=True))
    )


def get_visit_for_user(user: User, pk: int) -> Visit:
    """The visit if it belongs to the user's centre, else 404 (employers never reach a visit log)."""
    return get_object_or_404(Visit.objects.filter(_centre_filter(user)).select_related("company", "team"), pk=pk)


def visit_detail(visit: Visit) -> dict:
    return {
        "difficulties": list(visit.difficulties.all()),
        "follow_ups": list(visit.follow_ups.select_related("owner", "done_by")),
        "vacancies": list(visit.discovered_vacancies.select_related("vacancy", "vacancy__occupation")),
        "members": list(visit.members.all()),
        "history": list(visit.history.select_related("by")),
    }


def open_follow_ups_for(user: User) -> QuerySet[FollowUpAction]:
    """The worklist's follow-ups: the user's own, not yet done, soonest first."""
    return FollowUpAction.objects.filter(owner=user, done_at__isnull=True).select_related("visit__company")


def get_follow_up_for_user(user: User, pk: int) -> FollowUpAction:
    """A follow-up of a visit of the user's centre, else 404."""
    return get_object_or_404(
        FollowUpAction.objects.filter(visit__in=Visit.objects.filter(_centre_filter(user))).select_related("visit"),
        pk=pk,
    )


def todays_targets_for(user: User, day: datetime.date) -> QuerySet[VisitPlanTarget]:
    return (
        VisitPlanTarget.objects.filter(scheduled_on=day, plan__team__members=user, visit__isnull=True)
        .select_related("company", "plan")
        .order_by("plan", "position")
    )


def companies_to_visit(
    user: User,
    *,
    industry: str = "",
    size: str = "",
    region: str = "",
    not_visited_months: int | None = None,
    min_employees: int | None = None,
) -> QuerySet[Company]:
    """The user's centre's companies with when they were last visited, filtered for planning or a campaign."""
    companies = interfaces.companies_for_user(user).filter(centre_id=user.centre_id)
    companies = companies.select_related("industry", "region").annotate(
        last_visited_on=Max("outreach_visits__visited_on", filter=Q(outreach_visits__status=Visit.Status.COMPLETED))
    )
    if industry:
        companies = companies.filter(industry_id=industry)
    if size:
        companies = companies.filter(size=size)
    if region:
        companies = companies.filter(region_id__startswith=region)
    if min_employees is not None:
        companies = companies.filter(employee_count__gte=min_employees)
    if not_visited_months is not None:
        cutoff = timezone.localdate() - datetime.timedelta(days=round(not_visited_months * 30.44))
        companies = companies.filter(Q(last_visited_on__isnull=True) | Q(last_visited_on__lt=cutoff))
    return companies.order_by("region_id", "name")


def desks_for_user(user: User) -> QuerySet[MobileDesk]:
    return MobileDesk.objects.filter(_centre_filter(user))


def get_desk_for_user(user: User, pk: int) -> MobileDesk:
    """A desk of the user's centre, else 404."""
    return get_object_or_404(MobileDesk.objects.filter(_centre_filter(user)), pk=pk)


def get_session_for_user(user: User, pk: int) -> DeskSession:
    """A desk session of the user's centre, else 404."""
    return get_object_or_404(
        DeskSession.objects.filter(desk__in=MobileDesk.objects.filter(_centre_filter(user))).select_related("desk"),
        pk=pk,
    )


def desk_sessions(desk: MobileDesk) -> QuerySet[DeskSession]:
    return desk.sessions.prefetch_related("staff").annotate(
        consultation_count=Count("consultation_links", distinct=True),
        registration_count=Count("registration_links", distinct=True),
    )


def session_records(session: DeskSession) -> dict:
    return {
        "consultations": list(
            session.consultation_links.select_related("consultation__seeker", "consultation__counselor").order_by("pk")
        ),
        "registrations": list(session.registration_links.select_related("seeker").order_by("pk")),
        "staff": list(session.staff.all()),
    }


def seekers_matching(user: User, query: str):
    """The user's centre's seekers whose name or phone contains `query` (for picking one at a desk)."""
    from seekers.models import Seeker

    query = query.strip()
    if len(query) < 2:
        return Seeker.objects.none()
    seekers = Seeker.objects.filter(centre_id=user.centre_id)
    return seekers.filter(Q(name__icontains=query) | Q(phone__contains=query)).order_by("name")[:30]


def partners_for_user(user: User) -> QuerySet[PartnerInstitution]:
    return (
        PartnerInstitution.objects.filter(_centre_filter(user))
        .annotate(
            linkage_count=Count("linkages", distinct=True),
            pending_count=Count("linkages", filter=Q(linkages__outcome=PartnerLinkage.Outcome.PENDING), distinct=True),
        )
        .order_by("name")
    )


def get_partner_for_user(user: User, pk: int) -> PartnerInstitution:
    """A partner of the user's centre, else 404."""
    return get_object_or_404(PartnerInstitution.objects.filter(_centre_filter(user)), pk=pk)


def partner_linkages(partner: PartnerInstitution) -> QuerySet[PartnerLinkage]:
    return partner.linkages.select_related("seeker", "consent_taken_by", "outcome_recorded_by")


def seeker_linkages(seeker) -> QuerySet[PartnerLinkage]:
    return seeker.partner_linkages.select_related("partner", "consent_taken_by", "outcome_recorded_by")


def get_linkage_for_user(user: User, pk: int) -> PartnerLinkage:
    """A linkage to a partner of the user's centre, else 404."""
    return get_object_or_404(
        PartnerLinkage.objects.filter(
            partner__in=PartnerInstitution.objects.filter(_centre_filter(user))
        ).select_related("partner", "seeker", "consent_taken_by"),
        pk=pk,
    )


def agreements_for_user(user: User) -> QuerySet[LocalHireAgreement]:
    return (
        LocalHireAgreement.objects.filter(_centre_filter(user))
        .select_related("company")
        .annotate(hire_count=Count("hires", distinct=True))
    )


def get_agreement_for_user(user: User, pk: int) -> LocalHireAgreement:
    """An agreement of the user's centre, else 404."""
    return get_object_or_404(LocalHireAgreement.objects.filter(_centre_filter(user)).select_related("company"), pk=pk)


def agreement_hires(agreement: LocalHireAgreement) -> QuerySet[AgreementHire]:
    return agreement.hires.select_related("placement__seeker", "placement__vacancy", "linked_by").order_by(
        "-placement__start_date", "-pk"
    )


def get_agreement_hire_for_user(user: User, pk: int) -> AgreementHire:
    """A hire counted under an agreement of the user's centre, else 404."""
    return get_object_or_404(
        AgreementHire.objects.filter(agreement__in=LocalHireAgreement.objects.filter(_centre_filter(user))), pk=pk
    )


def placements_for_agreement(agreement: LocalHireAgreement):
    """Placements that may be counted under the agreement: its centre's, with its employer, not yet counted."""
    from matching.models import Placement

    placements = Placement.objects.filter(centre_id=agreement.centre_id, local_hire__isnull=True)
    if agreement.company_id is not None:
        placements = placements.filter(
            Q(vacancy__company_id=agreement.company_id) | Q(employer_name=agreement.company.name)
        )
    else:
        placements = placements.filter(employer_name__icontains=agreement.party_name)
    return placements.select_related("seeker").order_by("-start_date", "-pk")


def campaigns_for_user(user: User) -> QuerySet[Campaign]:
    return Campaign.objects.filter(_centre_filter(user)).annotate(
        company_count=Count("companies", distinct=True),
        vacancies_after=Count(
            "companies__vacancies",
            filter=Q(companies__vacancies__created_at__date__gte=F("sent_on")),
            distinct=True,
        ),
    )


def get_campaign_for_user(user: User, pk: int) -> Campaign:
    """A campaign of the user's centre, else 404."""
    return get_object_or_404(Campaign.objects.filter(_centre_filter(user)), pk=pk)


def campaign_vacancies(campaign: Campaign):
    """Vacancies the campaign's companies registered on or after the day the letters went out."""
    from employers.models import Vacancy

    return (
        Vacancy.objects.filter(company__in=campaign.companies.all(), created_at__date__gte=campaign.sent_on)
        .select_related("company")
        .order_by("-created_at")
    )


def campaign_vacancies_after(campaign: Campaign) -> int:
    return campaign_vacancies(campaign).count()


def campaign_companies(campaign: Campaign) -> QuerySet[Company]:
    return campaign.companies.select_related("industry", "region").order_by("name", "pk")


# --- The outreach report ---------------------------------------------------------------------------


@dataclass
class ReportRow:
    label: str
    # Outings (방문 회차): the days a team went out; one outing visits several companies.
    outings: int = 0
    visits: int = 0
    companies: int = 0
    vacancies: int = 0
    openings: int = 0
    openings_filled: int = 0


@dataclass
class OutreachReport:
    start: datetime.date
    end: datetime.date
    totals: ReportRow
    months: list[ReportRow]
    difficulties: list[tuple[str, int]]
    follow_ups_total: int
    follow_ups_done: int
    follow_ups_overdue: int
    desk_sessions: int
    desk_consultations: int
    desk_registrations: int
    desk_rows: list[dict] = field(default_factory=list)

    @property
    def fill_rate(self) -> float | None:
        """Openings filled ÷ openings discovered, in percent."""
        if not self.totals.openings:
            return None
        return round(100 * self.totals.openings_filled / self.totals.openings, 1)


def outreach_report(
    *, centre: Centre | None, start: datetime.date, end: datetime.date, team: OutreachTeam | None = None
) -> OutreachReport:
    """Completed visits of the period (one centre, or all when `centre` is None), optionally of one team."""
    visits = Visit.objects.filter(status=Visit.Status.COMPLETED, visited_on__range=(start, end))
    if centre is not None:
        visits = visits.filter(centre=centre)
    if team is not None:
        visits = visits.filter(team=team)

    totals = ReportRow(label="")
    by_month = {
        row["month"]: row
        for row in visits.annotate(month=ExtractMonth("visited_on"))
        .values("month")
        .annotate(visits=Count("pk"), companies=Count("company", distinct=True))
    }
    outings_by_month: dict[int, int] = {}
    for month, _team, _day in (
        visits.annotate(month=ExtractMonth("visited_on"))
        .values_list("month", "team", "visited_on")
        .order_by()
        .distinct()
    ):
        outings_by_month[month] = outings_by_month.get(month, 0) + 1
    found = DiscoveredVacancy.objects.filter(visit__in=visits)
    found_by_month = {
        row["month"]: row
        for row in found.annotate(month=ExtractMonth("visit__visited_on"))
        .values("month")
        .annotate(
            vacancies=Count("pk"),
            openings=Coalesce(Sum("vacancy__openings"), 0),
            filled=Coalesce(Sum("vacancy__openings_filled"), 0),
        )
    }
    months = []
    if start.year == end.year:
        for month in range(start.month, end.month + 1):
            visit_row, found_row = by_month.get(month, {}), found_by_month.get(month, {})
            months.append(
                ReportRow(
                    label=datetime.date(start.year, month, 1).isoformat(),
                    outings=outings_by_month.get(month, 0),
                    visits=visit_row.get("visits", 0),
                    companies=visit_row.get("companies", 0),
                    vacancies=found_row.get("vacancies", 0),
                    openings=found_row.get("openings", 0),
                    openings_filled=found_row.get("filled", 0),
                )
            )
    totals.outings = sum(outings_by_month.values())
    totals.visits = visits.count()
    totals.companies = visits.order_by().values("company").distinct().count()
    found_totals = found.aggregate(
        vacancies=Count("pk"),
        openings=Coalesce(Sum("vacancy__openings"), 0),
        filled=Coalesce(Sum("vacancy__openings_filled"), 0),
    )
    totals.vacancies = found_totals["vacancies"]
    totals.openings = found_totals["openings"]
    totals.openings_filled = found_totals["filled"]

    counts = dict(
        VisitDifficulty.objects.filter(visit__in=visits).values_list("category").annotate(n=Count("pk")).order_by()
    )
    difficulties = [(label, counts.get(value, 0)) for value, label in DifficultyCategory.choices]

    today = timezone.localdate()
    follow_ups = FollowUpAction.objects.filter(visit__in=visits).aggregate(
        total=Count("pk"),
        done=Count("pk", filter=Q(done_at__isnull=False)),
        overdue=Count("pk", filter=Q(done_at__isnull=True, due_on__lt=today)),
    )

    sessions = DeskSession.objects.filter(held_on__range=(start, end))
    if centre is not None:
        sessions = sessions.filter(desk__centre=centre)
    desk_counts = desk_session_counts(sessions)
    return OutreachReport(
        start=start,
        end=end,
        totals=totals,
        months=months,
        difficulties=difficulties,
        follow_ups_total=follow_ups["total"],
        follow_ups_done=follow_ups["done"],
        follow_ups_overdue=follow_ups["overdue"],
        desk_sessions=desk_counts["sessions"],
        desk_consultations=desk_counts["consultations"],
        desk_registrations=desk_counts["registrations"],
    )


def desk_session_counts(sessions: QuerySet[DeskSession]) -> dict[str, int]:
    """Sessions, and the consultations and registrations linked to them (real records, not typed totals)."""
    return sessions.aggregate(
        sessions=Count("pk", distinct=True),
        consultations=Count("consultation_links", distinct=True),
        registrations=Count("registration_links", distinct=True),
    )
