"""Writes of the outreach app: plans, visit logs, follow-ups, desks, partners, agreements, campaigns."""

import datetime
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import holidays
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from employers.models import Company
from jobcenter.models import Centre, Occupation, User
from outreach import interfaces
from outreach.models import (
    AgreementHire,
    Campaign,
    DeskSession,
    DeskSessionConsultation,
    DeskSessionRegistration,
    DiscoveredVacancy,
    FollowUpAction,
    LocalHireAgreement,
    MobileDesk,
    OutreachTeam,
    PartnerInstitution,
    PartnerLinkage,
    Visit,
    VisitDifficulty,
    VisitHistory,
    VisitPlan,
    VisitPlanTarget,
)

# --- Schedules -------------------------------------------------------------------------------------


def korean_holidays(start: datetime.date, end: datetime.date) -> holidays.HolidayBase:
    return holidays.country_holidays("KR", years=range(start.year, end.year + 1))


def schedule_dates(*, weekdays: Iterable[int], starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """Every day from `starts_on` to `ends_on` falling on one of `weekdays`, Korean public holidays skipped."""
    wanted = set(weekdays)
    closed = korean_holidays(starts_on, ends_on)
    days, day = [], starts_on
    while day <= ends_on:
        if day.weekday() in wanted and day not in closed:
            days.append(day)
        day += datetime.timedelta(days=1)
    return days


def desk_dates(*, desk: MobileDesk, starts_on: datetime.date, ends_on: datetime.date) -> list[datetime.date]:
    """The desk's days in the period: its weekday, in the listed weeks of the month (all weeks if none)."""
    days = schedule_dates(weekdays=[desk.weekday], starts_on=starts_on, ends_on=ends_on)
    if not desk.weeks_of_month:
        return days
    return [day for day in days if (day.day - 1) // 7 + 1 in desk.weeks_of_month]


# --- Teams and plans -------------------------------------------------------------------------------


@transaction.atomic
def team_create(*, centre: Centre, name: str, members: Sequence[User]) -> OutreachTeam:
    if OutreachTeam.objects.filter(centre=centre, name=name).exists():
        raise ValidationError(_("This centre already has a team of that name."))
    if any(member.centre_id != centre.pk for member in members):
        raise ValidationError(_("Team members must work at this centre."))
    team = OutreachTeam.objects.create(centre=centre, name=name)
    team.members.set(members)
    return team


@transaction.atomic
def visit_plan_create(
    *,
    by: User,
    team: OutreachTeam,
    title: str,
    weekdays: Sequence[int],
    starts_on: datetime.date,
    ends_on: datetime.date,
) -> VisitPlan:
    if ends_on < starts_on:
        raise ValidationError(_("The last day cannot be before the first day."))
    if not weekdays:
        raise ValidationError(_("Choose at least one weekday."))
    if not schedule_dates(weekdays=weekdays, starts_on=starts_on, ends_on=ends_on):
        raise ValidationError(_("No visit day falls in this period (holidays are skipped)."))
    return VisitPlan.objects.create(
        centre=team.centre,
        team=team,
        title=title,
        weekdays=sorted(set(weekdays)),
        starts_on=starts_on,
        ends_on=ends_on,
        created_by=by,
    )


def plan_days(plan: VisitPlan) -> list[datetime.date]:
    return schedule_dates(weekdays=plan.weekdays, starts_on=plan.starts_on, ends_on=plan.ends_on)


@transaction.atomic
def visit_plan_add_targets(
    *, plan: VisitPlan, companies: Sequence[Company], per_day: int = 3, from_day: datetime.date | None = None
) -> list[VisitPlanTarget]:
    """Put companies on the plan's days in the given order, filling each day up to `per_day` visits."""
    if per_day < 1:
        raise ValidationError(_("Plan at least one visit a day."))
    if any(company.centre_id != plan.centre_id for company in companies):
        raise ValidationError(_("Only companies served by this centre can be planned."))
    already = set(plan.targets.values_list("company_id", flat=True))
    load: dict[datetime.date, int] = {}
    for target in plan.targets.all():
        load[target.scheduled_on] = load.get(target.scheduled_on, 0) + 1
    days = [day for day in plan_days(plan) if from_day is None or day >= from_day]
    created = []
    for company in companies:
        if company.pk in already:
            continue
        day = next((d for d in days if load.get(d, 0) < per_day), None)
        if day is None:
            raise ValidationError(_("The plan's days are full: add fewer companies or allow more visits a day."))
        load[day] = load.get(day, 0) + 1
        created.append(VisitPlanTarget(plan=plan, company=company, scheduled_on=day, position=load[day]))
        already.add(company.pk)
    return VisitPlanTarget.objects.bulk_create(created)


@transaction.atomic
def visit_plan_remove_target(*, target: VisitPlanTarget) -> None:
    if hasattr(target, "visit"):
        raise ValidationError(_("This company was already visited; the visit stays in the log."))
    target.delete()


# --- Visit log -------------------------------------------------------------------------------------


def company_size_for(employee_count: int | None) -> str:
    """The company's size band for a head count ("" when unknown)."""
    if employee_count is None:
        return ""
    for bound, size in ((5, Company.Size.MICRO), (50, Company.Size.SMALL), (300, Company.Size.MEDIUM)):
        if employee_count < bound:
            return size
    return Company.Size.LARGE


@dataclass
class NewCompany:
    name: str
    business_number: str
    address: str = ""
    contact_name: str = ""
    contact_phone: str = ""
    industry: object = None
    region: object = None


@dataclass
class DiscoveredOpening:
    title: str
    occupation: Occupation
    openings: int
    employment_type: str
    wage_type: str = "monthly"
    wage_amount: int | None = None
    notes: str = ""


@dataclass
class FollowUp:
    description: str
    owner: User
    due_on: datetime.date


@dataclass
class VisitInput:
    """Everything the visit form collects, validated by the form."""

    visited_on: datetime.date
    company: Company | None = None
    new_company: NewCompany | None = None
    team: OutreachTeam | None = None
    members: Sequence[User] = ()
    person_met: str = ""
    person_met_role: str = ""
    employee_count: int | None = None
    business_conditions: str = ""
    difficulties: dict[str, str] = field(default_factory=dict)
    follow_ups: Sequence[FollowUp] = ()
    vacancies: Sequence[DiscoveredOpening] = ()
    plan_target: VisitPlanTarget | None = None


@transaction.atomic
def visit_save(*, by: User, data: VisitInput, visit: Visit | None = None, complete: bool = False) -> Visit:
    """Create or update a visit log with its difficulties, follow-ups and discovered vacancies.

    A new company is created on the spot (refused when its business number is already registered).
    Each discovered opening becomes a draft vacancy of the company, linked to the visit. With `complete`
    the visit leaves the draft state.
    """
    centre = visit.centre if visit else by.centre
    if centre is None:
        raise ValidationError(_("Only centre staff can log visits."))
    if visit is not None and visit.status == Visit.Status.COMPLETED:
        raise ValidationError(_("This visit is completed; reopen it to change it."))
    company = data.company
    if data.new_company is not None:
        company = interfaces.company_create(
            by=by,
            centre=centre,
            name=data.new_company.name,
            business_number=data.new_company.business_number,
            address=data.new_company.address,
            contact_name=data.new_company.contact_name,
            contact_phone=data.new_company.contact_phone,
            industry=data.new_company.industry,
            region=data.new_company.region,
            employee_count=data.employee_count,
            size=company_size_for(data.employee_count),
        )
    if company is None:
        raise ValidationError(_("Choose the company visited, or enter a new one."))
    if company.centre_id != centre.pk:
        raise ValidationError(_("Only companies served by this centre can be visited."))
    if data.employee_count is not None and company.employee_count != data.employee_count:
        # What the team heard on the visit is the freshest head count the centre has.
        company = interfaces.company_update(
            company=company,
            by=by,
            employee_count=data.employee_count,
            size=company_size_for(data.employee_count),
        )
    if data.team is not None and data.team.centre_id != centre.pk:
        raise ValidationError(_("Choose one of this centre's teams."))
    if any(member.centre_id != centre.pk for member in data.members):
        raise ValidationError(_("Visitors must work at this centre."))
    if data.plan_target is not None and data.plan_target.plan.centre_id != centre.pk:
        raise ValidationError(_("This planned visit belongs to another centre."))

    fields = {
        "company": company,
        "team": data.team,
        "visited_on": data.visited_on,
        "person_met": data.person_met,
        "person_met_role": data.person_met_role,
        "employee_count": data.employee_count,
        "business_conditions": data.business_conditions,
    }
    if visit is None:
        visit = Visit.objects.create(centre=centre, created_by=by, plan_target=data.plan_target, **fields)
        VisitHistory.objects.create(visit=visit, action=VisitHistory.Action.CREATED, by=by)
    else:
        for name, value in fields.items():
            setattr(visit, name, value)
        visit.save()
        VisitHistory.objects.create(visit=visit, action=VisitHistory.Action.UPDATED, by=by)
    visit.members.set(list(data.members) or [by])

    visit.difficulties.exclude(category__in=list(data.difficulties)).delete()
    for category, notes in data.difficulties.items():
        VisitDifficulty.objects.update_or_create(visit=visit, category=category, defaults={"notes": notes})

    for follow_up in data.follow_ups:
        if follow_up.owner.centre_id != centre.pk:
            raise ValidationError(_("A follow-up's owner must work at this centre."))
        FollowUpAction.objects.create(
            visit=visit, description=follow_up.description, owner=follow_up.owner, due_on=follow_up.due_on
        )

    for opening in data.vacancies:
        vacancy = interfaces.vacancy_create(
            by=by,
            company=company,
            title=opening.title,
            occupation=opening.occupation,
            openings=opening.openings,
            employment_type=opening.employment_type,
            wage_type=opening.wage_type,
            wage_amount=opening.wage_amount,
            duties=opening.notes or opening.title,
            region=company.region or centre.region,
            address=company.address,
        )
        DiscoveredVacancy.objects.create(visit=visit, vacancy=vacancy)

    if complete:
        visit_complete(by=by, visit=visit)
    return visit


def _visit_transition(*, by: User, visit: Visit, to: str, action: str) -> Visit:
    if to not in Visit.TRANSITIONS[visit.status]:
        raise ValidationError(
            _("A visit cannot go from %(old)s to %(new)s.")
            % {"old": visit.get_status_display(), "new": Visit.Status(to).label}
        )
    visit.status = to
    visit.completed_at = timezone.now() if to == Visit.Status.COMPLETED else None
    visit.save(update_fields=["status", "completed_at"])
    VisitHistory.objects.create(visit=visit, action=action, by=by)
    return visit


@transaction.atomic
def visit_complete(*, by: User, visit: Visit) -> Visit:
    return _visit_transition(by=by, visit=visit, to=Visit.Status.COMPLETED, action=VisitHistory.Action.COMPLETED)


@transaction.atomic
def visit_reopen(*, by: User, visit: Visit) -> Visit:
    return _visit_transition(by=by, visit=visit, to=Visit.Status.DRAFT, action=VisitHistory.Action.REOPENED)


@transaction.atomic
def follow_up_mark_done(*, by: User, follow_up: FollowUpAction) -> FollowUpAction:
    """Idempotent: marking a done follow-up again changes nothing."""
    follow_up = FollowUpAction.objects.select_for_update().get(pk=follow_up.pk)
    if follow_up.done_at is not None:
        return follow_up
    follow_up.done_at = timezone.now()
    follow_up.done_by = by
    follow_up.save(update_fields=["done_at", "done_by"])
    VisitHistory.objects.create(
        visit_id=follow_up.visit_id, action=VisitHistory.Action.FOLLOW_UP_DONE, note=follow_up.description[:300], by=by
    )
    return follow_up


# --- Mobile desks ----------------------------------------------------------------------------------


@transaction.atomic
def mobile_desk_create(*, centre: Centre, **fields) -> MobileDesk:
    if MobileDesk.objects.filter(centre=centre, name=fields["name"]).exists():
        raise ValidationError(_("This centre already has a desk of that name."))
    weeks = fields.get("weeks_of_month") or []
    if any(week not in range(1, 6) for week in weeks):
        raise ValidationError(_("Weeks of the month are numbered 1 to 5."))
    return MobileDesk.objects.create(centre=centre, **fields)


@transaction.atomic
def desk_session_open(
    *, desk: MobileDesk, held_on: datetime.date, staff: Sequence[User], notes: str = ""
) -> DeskSession:
    if desk.sessions.filter(held_on=held_on).exists():
        raise ValidationError(_("This desk already has a session on that day."))
    if any(member.centre_id != desk.centre_id for member in staff):
        raise ValidationError(_("Staff present must work at this centre."))
    session = DeskSession.objects.create(desk=desk, held_on=held_on, notes=notes)
    session.staff.set(staff)
    return session


def _booth_for_desk(*, by: User, desk: MobileDesk):
    """Registrations need a home booth: the counselor's own, else the centre's first active one."""
    from jobcenter.models import Booth

    if by.booth_id and by.booth.centre_id == desk.centre_id:
        return by.booth
    booth = Booth.objects.filter(centre_id=desk.centre_id, is_active=True).order_by("pk").first()
    if booth is None:
        raise ValidationError(_("The centre has no booth to register seekers at."))
    return booth


def _session_time(session: DeskSession) -> datetime.datetime:
    opens = session.desk.starts_at or datetime.time(10, 0)
    return timezone.make_aware(datetime.datetime.combine(session.held_on, opens))


@transaction.atomic
def desk_consultation_log(
    *, by: User, session: DeskSession, seeker, topics: Sequence[str] = (), notes: str = "", duration_minutes: int = 30
) -> DeskSessionConsultation:
    """A consultation taken at the desk: the seekers app's consultation (channel mobile desk), tagged here."""
    from seekers.models import Consultation
    from seekers.services import consultation_create

    if seeker.centre_id != session.desk.centre_id:
        raise ValidationError(_("This seeker is registered with another centre."))
    consultation = consultation_create(
        seeker=seeker,
        counselor=by,
        booth=None,
        channel=Consultation.Channel.MOBILE_DESK,
        started_at=_session_time(session),
        duration_minutes=duration_minutes,
        topics=topics,
        notes=notes,
    )
    return DeskSessionConsultation.objects.create(session=session, consultation=consultation)


@transaction.atomic
def desk_seeker_register(
    *, by: User, session: DeskSession, data: dict, consents: Sequence[str], log_consultation: bool = True
) -> DeskSessionRegistration:
    """Register a resident at the desk through the seekers services; the registration talk counts as a consultation."""
    from seekers.models import Consent
    from seekers.services import seeker_register

    seeker = seeker_register(
        by=by,
        booth=_booth_for_desk(by=by, desk=session.desk),
        data=data,
        consents=consents,
        consent_channel=Consent.Channel.BOOTH,
    )
    link = DeskSessionRegistration.objects.create(session=session, seeker=seeker)
    if log_consultation:
        desk_consultation_log(by=by, session=session, seeker=seeker, notes=_("Registered at the desk."))
    return link


# --- Partners --------------------------------------------------------------------------------------

PARTNER_FIELDS = {"name", "kind", "contact_name", "phone", "email", "address", "services"}


@transaction.atomic
def partner_create(*, centre: Centre, **fields) -> PartnerInstitution:
    if PartnerInstitution.objects.filter(centre=centre, name=fields["name"]).exists():
        raise ValidationError({"name": _("This centre already has a partner of that name.")})
    return PartnerInstitution.objects.create(centre=centre, **fields)


@transaction.atomic
def partner_update(*, partner: PartnerInstitution, **fields) -> PartnerInstitution:
    unknown = set(fields) - PARTNER_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    name = fields.get("name", partner.name)
    if PartnerInstitution.objects.filter(centre_id=partner.centre_id, name=name).exclude(pk=partner.pk).exists():
        raise ValidationError({"name": _("This centre already has a partner of that name.")})
    for key, value in fields.items():
        setattr(partner, key, value)
    partner.save()
    return partner


@transaction.atomic
def partner_link_seeker(
    *, by: User, partner: PartnerInstitution, seeker, service: str, consent_given: bool, consent_channel: str
) -> PartnerLinkage:
    """Send a seeker to a partner. Without the seeker's consent nothing is shared and nothing is saved.

    The consent is recorded on the linkage: who took it (`by`), when, and over which channel.
    """
    if not consent_given:
        raise ValidationError(_("The seeker's consent is needed before their details go to a partner."))
    if consent_channel not in PartnerLinkage.ConsentChannel.values:
        raise ValidationError({"consent_channel": _("Say how the seeker gave their consent.")})
    if seeker.centre_id != partner.centre_id:
        raise ValidationError(_("The seeker and the partner belong to different centres."))
    if by.centre_id is not None and by.centre_id != partner.centre_id:
        raise ValidationError(_("Only staff of the partner's centre can link seekers to it."))
    return PartnerLinkage.objects.create(
        partner=partner,
        seeker=seeker,
        service=service,
        consent_channel=consent_channel,
        consent_at=timezone.now(),
        consent_taken_by=by,
        created_by=by,
    )


@transaction.atomic
def partner_linkage_record_outcome(
    *, by: User, linkage: PartnerLinkage, outcome: str, notes: str = ""
) -> PartnerLinkage:
    """Record what came of a linkage, once: pending → received, declined or not eligible."""
    linkage = PartnerLinkage.objects.select_for_update().get(pk=linkage.pk)
    if outcome not in PartnerLinkage.TRANSITIONS[linkage.outcome]:
        raise ValidationError(
            {
                "outcome": _("The outcome cannot go from %(old)s to %(new)s.")
                % {"old": linkage.get_outcome_display(), "new": PartnerLinkage.Outcome(outcome).label}
            }
        )
    linkage.outcome = outcome
    linkage.outcome_notes = notes
    linkage.outcome_recorded_at = timezone.now()
    linkage.outcome_recorded_by = by
    linkage.save(update_fields=["outcome", "outcome_notes", "outcome_recorded_at", "outcome_recorded_by"])
    return linkage


# --- Local-hire agreements -------------------------------------------------------------------------

AGREEMENT_FIELDS = {"party_name", "signed_on", "job_types", "contact_name", "contact_phone", "notes"}


def _agreement_fields(*, centre_id: int, company: Company | None, fields: dict) -> dict:
    unknown = set(fields) - AGREEMENT_FIELDS
    if unknown:
        raise TypeError(f"Unknown fields: {sorted(unknown)}")
    if company is not None and company.centre_id != centre_id:
        raise ValidationError({"company": _("Only companies served by this centre can be chosen.")})
    if not fields.get("party_name"):
        if company is None:
            raise ValidationError({"party_name": _("Name the company or institution, or choose a registered company.")})
        fields["party_name"] = company.name
    return fields


@transaction.atomic
def agreement_create(*, centre: Centre, company: Company | None = None, **fields) -> LocalHireAgreement:
    fields = _agreement_fields(centre_id=centre.pk, company=company, fields=fields)
    return LocalHireAgreement.objects.create(centre=centre, company=company, **fields)


@transaction.atomic
def agreement_update(*, agreement: LocalHireAgreement, company: Company | None, **fields) -> LocalHireAgreement:
    fields = _agreement_fields(centre_id=agreement.centre_id, company=company, fields=fields)
    agreement.company = company
    for key, value in fields.items():
        setattr(agreement, key, value)
    agreement.save()
    return agreement


@transaction.atomic
def agreement_hire_link(*, by: User, agreement: LocalHireAgreement, placement) -> AgreementHire:
    """Count a placement as a hire under the agreement: same centre, same employer, not counted twice."""
    if placement.centre_id != agreement.centre_id:
        raise ValidationError({"placement": _("This placement was made at another centre.")})
    if agreement.company_id is not None:
        vacancy_company_id = placement.vacancy.company_id if placement.vacancy_id else None
        if vacancy_company_id != agreement.company_id and placement.employer_name != agreement.company.name:
            raise ValidationError({"placement": _("This placement is with another employer than the agreement's.")})
    if AgreementHire.objects.filter(placement=placement).exists():
        raise ValidationError({"placement": _("This placement is already counted under an agreement.")})
    return AgreementHire.objects.create(agreement=agreement, placement=placement, linked_by=by)


@transaction.atomic
def agreement_hire_unlink(*, hire: AgreementHire) -> None:
    hire.delete()


# --- Campaigns -------------------------------------------------------------------------------------


@transaction.atomic
def campaign_create(
    *,
    by: User,
    name: str,
    letter: str,
    sent_on: datetime.date,
    companies: Sequence[Company],
    criteria: dict,
) -> Campaign:
    if not companies:
        raise ValidationError(_("No company matches these criteria."))
    if any(company.centre_id != by.centre_id for company in companies):
        raise ValidationError(_("Only companies served by this centre can be chosen."))
    campaign = Campaign.objects.create(
        centre=by.centre, name=name, letter=letter, sent_on=sent_on, criteria=criteria, created_by=by
    )
    campaign.companies.set(companies)
    return campaign
