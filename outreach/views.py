"""Outreach pages. Thin: fetch through a scoped selector, validate a form, call one service, respond."""

import datetime

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.http import content_disposition_header, url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.confirm import confirm_page, is_confirmed
from jobcenter.formatting import download_name
from jobcenter.models import Role
from jobcenter.params import id_param
from jobcenter.permissions import counselor_required, role_required
from jobcenter.security.access import record_seekers_shown
from outreach import forms, selectors, services
from outreach.models import PartnerInstitution, Visit

report_readers_required = role_required(Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR)


def _errors_to_form(form, error: ValidationError) -> None:
    """Show a service's refusal on the form (field errors where the form has the field)."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Overview --------------------------------------------------------------------------------------


@counselor_required
def index(request: HttpRequest) -> HttpResponse:
    today = timezone.localdate()
    context = {
        "today": today,
        "todays_targets": selectors.todays_targets_for(request.user, today),
        "drafts": selectors.visits_for_user(request.user).filter(status=Visit.Status.DRAFT)[:20],
        "recent": selectors.visits_for_user(request.user).filter(status=Visit.Status.COMPLETED)[:10],
        "plans": selectors.plans_for_user(request.user).filter(ends_on__gte=today)[:10],
        "teams": selectors.teams_for_user(request.user),
    }
    return render(request, "outreach/index.html", context)


@counselor_required
@require_http_methods(["GET", "POST"])
def team_create(request: HttpRequest) -> HttpResponse:
    form = forms.TeamForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_create(
                centre=request.user.centre, name=form.cleaned_data["name"], members=list(form.cleaned_data["members"])
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The team is ready."))
            return redirect("outreach:plan_create")
    return render(request, "outreach/team_form.html", {"form": form})


# --- Visit plans -----------------------------------------------------------------------------------


@counselor_required
def plan_list(request: HttpRequest) -> HttpResponse:
    plans = selectors.plans_for_user(request.user)
    return render(request, "outreach/plan_list.html", {"plans": plans})


@counselor_required
@require_http_methods(["GET", "POST"])
def plan_create(request: HttpRequest) -> HttpResponse:
    form = forms.VisitPlanForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            plan = services.visit_plan_create(by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The plan is made. Now choose the companies to visit."))
            return redirect("outreach:plan_detail", pk=plan.pk)
    return render(request, "outreach/plan_form.html", {"form": form})


@counselor_required
@require_http_methods(["GET", "POST"])
def plan_detail(request: HttpRequest, pk: int) -> HttpResponse:
    plan = selectors.get_plan_for_user(request.user, pk)
    filter_form = forms.CompanyFilterForm(request.GET or None, centre=request.user.centre)
    candidates = selectors.companies_to_visit(request.user, **filter_form.filters()).exclude(
        pk__in=plan.targets.values("company_id")
    )
    add_form = forms.AddTargetsForm(request.POST or None, user=request.user)
    if request.method == "POST" and add_form.is_valid():
        try:
            added = services.visit_plan_add_targets(
                plan=plan,
                companies=list(add_form.cleaned_data["companies"]),
                per_day=add_form.cleaned_data["per_day"],
                from_day=max(plan.starts_on, timezone.localdate()),
            )
        except ValidationError as error:
            _errors_to_form(add_form, error)
        else:
            messages.success(request, _("%(count)s companies added to the plan.") % {"count": len(added)})
            return redirect("outreach:plan_detail", pk=plan.pk)
    targets = plan.targets.select_related("company", "visit").order_by("scheduled_on", "position")
    days: dict[datetime.date, list] = {day: [] for day in services.plan_days(plan)}
    for target in targets:
        days.setdefault(target.scheduled_on, []).append(target)
    context = {
        "plan": plan,
        "days": sorted(days.items()),
        "filter_form": filter_form,
        "add_form": add_form,
        "candidates": candidates[:200],
        "candidate_count": candidates.count(),
    }
    return render(request, "outreach/plan_detail.html", context)


@counselor_required
def plan_day(request: HttpRequest, pk: int, day: str) -> HttpResponse:
    """The day's route: printable, and readable on a phone, with addresses and contacts."""
    plan = selectors.get_plan_for_user(request.user, pk)
    try:
        date = datetime.date.fromisoformat(day)
    except ValueError as error:
        raise Http404 from error
    return render(
        request, "outreach/plan_day.html", {"plan": plan, "day": date, "targets": selectors.day_route(plan, date)}
    )


# --- Visit log -------------------------------------------------------------------------------------


def _visit_forms(request: HttpRequest, *, initial: dict | None = None):
    data = request.POST if request.method == "POST" else None
    form = forms.VisitForm(data, user=request.user, initial=initial)
    vacancies = forms.DiscoveredVacancyFormSet(data, prefix="vacancies")
    follow_ups = forms.FollowUpFormSet(data, prefix="followups", form_kwargs={"user": request.user})
    return form, vacancies, follow_ups


def _save_visit(request: HttpRequest, form, vacancies, follow_ups, *, visit=None, plan_target=None):
    """Validate all three and save through the service; returns the visit, or None with errors on the forms."""
    if not (form.is_valid() and vacancies.is_valid() and follow_ups.is_valid()):
        return None
    data = form.to_input(
        vacancies=[f.opening() for f in vacancies.forms if f.has_changed() and f.cleaned_data],
        follow_ups=[f.follow_up() for f in follow_ups.forms if f.has_changed() and f.cleaned_data],
        plan_target=plan_target,
    )
    try:
        return services.visit_save(
            by=request.user, data=data, visit=visit, complete=request.POST.get("action") == "complete"
        )
    except ValidationError as error:
        _errors_to_form(form, error)
        return None


@counselor_required
@require_http_methods(["GET", "POST"])
def visit_create(request: HttpRequest) -> HttpResponse:
    target = None
    initial = {"visited_on": timezone.localdate()}
    target_id = request.GET.get("target") or request.POST.get("target")
    if target_id:
        if not id_param(target_id):
            raise Http404
        target = selectors.get_target_for_user(request.user, id_param(target_id))
        if hasattr(target, "visit"):
            return redirect("outreach:visit_detail", pk=target.visit.pk)
        team = target.plan.team
        initial |= {"company": target.company, "team": team, "members": list(team.members.all())}
    form, vacancies, follow_ups = _visit_forms(request, initial=initial)
    if request.method == "POST":
        visit = _save_visit(request, form, vacancies, follow_ups, plan_target=target)
        if visit is not None:
            if visit.status == Visit.Status.COMPLETED:
                messages.success(request, _("The visit is logged."))
            else:
                messages.success(request, _("The visit is saved as a draft. Finish it when you can."))
            return redirect("outreach:visit_detail", pk=visit.pk)
    context = {"form": form, "vacancies": vacancies, "follow_ups": follow_ups, "target": target}
    return render(request, "outreach/visit_form.html", context)


@counselor_required
@require_http_methods(["GET", "POST"])
def visit_edit(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for_user(request.user, pk)
    if visit.status != Visit.Status.DRAFT:
        messages.error(request, _("This visit is completed; reopen it to change it."))
        return redirect("outreach:visit_detail", pk=visit.pk)
    initial = {
        "visited_on": visit.visited_on,
        "team": visit.team,
        "members": list(visit.members.all()),
        "company": visit.company,
        "person_met": visit.person_met,
        "person_met_role": visit.person_met_role,
        "employee_count": visit.employee_count,
        "business_conditions": visit.business_conditions,
    }
    for difficulty in visit.difficulties.all():
        initial[f"difficulty_{difficulty.category}"] = True
        initial[f"difficulty_{difficulty.category}_notes"] = difficulty.notes
    form, vacancies, follow_ups = _visit_forms(request, initial=initial)
    if request.method == "POST":
        saved = _save_visit(request, form, vacancies, follow_ups, visit=visit)
        if saved is not None:
            messages.success(request, _("The visit is saved."))
            return redirect("outreach:visit_detail", pk=saved.pk)
    context = {"form": form, "vacancies": vacancies, "follow_ups": follow_ups, "visit": visit}
    return render(request, "outreach/visit_form.html", context)


@counselor_required
def visit_list(request: HttpRequest) -> HttpResponse:
    visits = selectors.visits_for_user(request.user)
    status = request.GET.get("status", "")
    if status in Visit.Status.values:
        visits = visits.filter(status=status)
    return render(
        request, "outreach/visit_list.html", {"visits": visits[:200], "status": status, "statuses": Visit.Status}
    )


@counselor_required
def visit_detail(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for_user(request.user, pk)
    return render(request, "outreach/visit_detail.html", {"visit": visit, **selectors.visit_detail(visit)})


@counselor_required
@require_POST
def visit_reopen(request: HttpRequest, pk: int) -> HttpResponse:
    visit = selectors.get_visit_for_user(request.user, pk)
    try:
        services.visit_reopen(by=request.user, visit=visit)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("outreach:visit_edit", pk=visit.pk)


@counselor_required
def business_number_check(request: HttpRequest) -> HttpResponse:
    """htmx: tell the person filling the visit log at once whether the company is already registered."""
    number = forms.interfaces.normalise_business_number(request.GET.get("new_business_number", ""))
    form = forms.VisitForm({"new_business_number": number, "new_name": "-"}, user=request.user)
    form.is_valid()
    errors = form.errors.get("new_business_number", []) if number else []
    return render(request, "outreach/visit_form.html#business-number-check", {"number": number, "errors": errors})


@counselor_required
@require_POST
def follow_up_done(request: HttpRequest, pk: int) -> HttpResponse:
    follow_up = selectors.get_follow_up_for_user(request.user, pk)
    follow_up = services.follow_up_mark_done(by=request.user, follow_up=follow_up)
    if request.htmx:
        return render(request, "outreach/panel_follow_ups.html#follow-up", {"follow_up": follow_up})
    messages.success(request, _("Follow-up marked as done."))
    next_url = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
        return redirect(next_url)
    return redirect(reverse("outreach:visit_detail", kwargs={"pk": follow_up.visit_id}))


# --- Report ----------------------------------------------------------------------------------------


@report_readers_required
def report(request: HttpRequest) -> HttpResponse:
    """Per team and month (or year): visits, companies, openings found and filled, difficulties, desks."""
    form = forms.ReportForm(request.GET or {"year": timezone.localdate().year}, user=request.user)
    result = None
    if form.is_valid():
        start, end = form.period()
        centre = None if request.user.role == Role.ADMINISTRATOR else request.user.centre
        result = selectors.outreach_report(centre=centre, start=start, end=end, team=form.cleaned_data.get("team"))
    return render(request, "outreach/report.html", {"form": form, "report": result})


# --- Mobile counseling desks -----------------------------------------------------------------------


@counselor_required
def desk_list(request: HttpRequest) -> HttpResponse:
    return render(request, "outreach/desk_list.html", {"desks": selectors.desks_for_user(request.user)})


@counselor_required
@require_http_methods(["GET", "POST"])
def desk_create(request: HttpRequest) -> HttpResponse:
    form = forms.MobileDeskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            desk = services.mobile_desk_create(centre=request.user.centre, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect("outreach:desk_detail", pk=desk.pk)
    return render(request, "outreach/desk_form.html", {"form": form})


@counselor_required
@require_http_methods(["GET", "POST"])
def desk_detail(request: HttpRequest, pk: int) -> HttpResponse:
    desk = selectors.get_desk_for_user(request.user, pk)
    today = timezone.localdate()
    upcoming = services.desk_dates(desk=desk, starts_on=today, ends_on=today + datetime.timedelta(days=62))
    form = forms.DeskSessionForm(
        request.POST or None,
        user=request.user,
        initial={"held_on": upcoming[0] if upcoming else today, "staff": [request.user]},
    )
    if request.method == "POST" and form.is_valid():
        try:
            session = services.desk_session_open(desk=desk, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            return redirect("outreach:session_detail", pk=session.pk)
    context = {"desk": desk, "sessions": selectors.desk_sessions(desk), "upcoming": upcoming, "form": form}
    return render(request, "outreach/desk_detail.html", context)


def _session_context(request: HttpRequest, session, **forms_) -> dict:
    query = request.GET.get("q", "")
    seekers = selectors.seekers_matching(request.user, query)
    return {
        "session": session,
        "query": query,
        "found": seekers,
        "consultation_form": forms_.get("consultation_form")
        or forms.DeskConsultationForm(seekers=seekers, initial={"seeker": seekers[0] if len(seekers) == 1 else None}),
        "registration_form": forms_.get("registration_form") or forms.DeskRegistrationForm(),
        **selectors.session_records(session),
    }


@counselor_required
def session_detail(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    return render(request, "outreach/session_detail.html", _session_context(request, session))


@counselor_required
@require_POST
def session_consultation(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    from seekers.selectors import seekers_for_user

    form = forms.DeskConsultationForm(request.POST, seekers=seekers_for_user(request.user))
    if form.is_valid():
        try:
            services.desk_consultation_log(
                by=request.user,
                session=session,
                seeker=form.cleaned_data["seeker"],
                topics=form.cleaned_data["topics"],
                notes=form.cleaned_data["notes"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The consultation is logged."))
            return redirect("outreach:session_detail", pk=session.pk)
    context = _session_context(request, session, consultation_form=form)
    return render(request, "outreach/session_detail.html", context, status=400)


@counselor_required
@require_POST
def session_registration(request: HttpRequest, pk: int) -> HttpResponse:
    session = selectors.get_session_for_user(request.user, pk)
    form = forms.DeskRegistrationForm(request.POST)
    if form.is_valid():
        try:
            services.desk_seeker_register(
                by=request.user, session=session, data=form.seeker_data(), consents=form.consents()
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The resident is registered as a job seeker."))
            return redirect("outreach:session_detail", pk=session.pk)
    context = _session_context(request, session, registration_form=form)
    return render(request, "outreach/session_detail.html", context, status=400)


# --- Partner institutions --------------------------------------------------------------------------
# Counselors of the centre change these; managers read them.

counselor_only = role_required(Role.COUNSELOR)


@counselor_required
def partner_list(request: HttpRequest) -> HttpResponse:
    partners = selectors.partners_for_user(request.user)
    kind = request.GET.get("kind", "")
    if kind in PartnerInstitution.Kind.values:
        partners = partners.filter(kind=kind)
    context = {"partners": partners, "kind": kind, "kinds": PartnerInstitution.Kind.choices}
    return render(request, "outreach/partner_list.html", context)


@counselor_only
@require_http_methods(["GET", "POST"])
def partner_create(request: HttpRequest) -> HttpResponse:
    form = forms.PartnerForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            partner = services.partner_create(centre=request.user.centre, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The partner institution is saved."))
            return redirect("outreach:partner_detail", pk=partner.pk)
    return render(request, "outreach/partner_form.html", {"form": form})


@counselor_only
@require_http_methods(["GET", "POST"])
def partner_edit(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    form = forms.PartnerForm(request.POST or None, instance=partner)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_update(partner=partner, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The partner institution is saved."))
            return redirect("outreach:partner_detail", pk=partner.pk)
    return render(request, "outreach/partner_form.html", {"form": form, "partner": partner})


@counselor_required
def partner_detail(request: HttpRequest, pk: int) -> HttpResponse:
    partner = selectors.get_partner_for_user(request.user, pk)
    context = {"partner": partner, "linkages": selectors.partner_linkages(partner)[:200]}
    return render(request, "outreach/partner_detail.html", context)


@counselor_only
@require_http_methods(["GET", "POST"])
def linkage_create(request: HttpRequest, seeker_pk: int) -> HttpResponse:
    """Link a seeker to a partner for a service, with the seeker's consent recorded."""
    from seekers.selectors import get_seeker_for_user

    seeker = get_seeker_for_user(request.user, seeker_pk)
    form = forms.PartnerLinkForm(request.POST or None, partners=selectors.partners_for_user(request.user))
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_link_seeker(by=request.user, seeker=seeker, **form.cleaned_data)
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The seeker is linked to the partner."))
            return redirect("seekers:case", pk=seeker.pk)
    record_seekers_shown(request, [seeker])  # 접속기록
    return render(request, "outreach/linkage_form.html", {"form": form, "seeker": seeker})


@counselor_only
@require_http_methods(["GET", "POST"])
def linkage_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    linkage = selectors.get_linkage_for_user(request.user, pk)
    form = forms.LinkageOutcomeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.partner_linkage_record_outcome(
                by=request.user,
                linkage=linkage,
                outcome=form.cleaned_data["outcome"],
                notes=form.cleaned_data["outcome_notes"],
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The outcome is recorded."))
            return redirect("outreach:partner_detail", pk=linkage.partner_id)
    record_seekers_shown(request, [linkage.seeker])  # 접속기록
    return render(request, "outreach/linkage_outcome.html", {"form": form, "linkage": linkage})


# --- Local-hire agreements -------------------------------------------------------------------------


@counselor_required
def agreement_list(request: HttpRequest) -> HttpResponse:
    return render(request, "outreach/agreement_list.html", {"agreements": selectors.agreements_for_user(request.user)})


@counselor_only
@require_http_methods(["GET", "POST"])
def agreement_create(request: HttpRequest) -> HttpResponse:
    form = forms.AgreementForm(request.POST or None, user=request.user)
    if request.method == "POST" and form.is_valid():
        try:
            agreement = services.agreement_create(
                centre=request.user.centre, company=form.cleaned_data["company"], **form.service_fields()
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("outreach:agreement_detail", pk=agreement.pk)
    return render(request, "outreach/agreement_form.html", {"form": form})


@counselor_only
@require_http_methods(["GET", "POST"])
def agreement_edit(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for_user(request.user, pk)
    form = forms.AgreementForm(request.POST or None, user=request.user, instance=agreement)
    if request.method == "POST" and form.is_valid():
        try:
            # The form wrote its values onto the instance; the service saves them, or refuses.
            services.agreement_update(
                agreement=agreement, company=form.cleaned_data["company"], **form.service_fields()
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The agreement is saved."))
            return redirect("outreach:agreement_detail", pk=agreement.pk)
    return render(request, "outreach/agreement_form.html", {"form": form, "agreement": agreement})


def _agreement_page(request: HttpRequest, agreement, form=None, status: int = 200) -> HttpResponse:
    placements = selectors.placements_for_agreement(agreement)
    context = {
        "agreement": agreement,
        "hires": selectors.agreement_hires(agreement),
        "form": form or forms.AgreementHireForm(placements=placements),
        "can_change": request.user.role == Role.COUNSELOR,
    }
    return render(request, "outreach/agreement_detail.html", context, status=status)


@counselor_required
def agreement_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _agreement_page(request, selectors.get_agreement_for_user(request.user, pk))


@counselor_only
@require_POST
def agreement_hire_add(request: HttpRequest, pk: int) -> HttpResponse:
    agreement = selectors.get_agreement_for_user(request.user, pk)
    form = forms.AgreementHireForm(request.POST, placements=selectors.placements_for_agreement(agreement))
    if form.is_valid():
        try:
            services.agreement_hire_link(by=request.user, agreement=agreement, placement=form.cleaned_data["placement"])
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The hire is counted under the agreement."))
            return redirect("outreach:agreement_detail", pk=agreement.pk)
    return _agreement_page(request, agreement, form=form, status=400)


@counselor_only
@require_POST
def agreement_hire_remove(request: HttpRequest, pk: int) -> HttpResponse:
    hire = selectors.get_agreement_hire_for_user(request.user, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Remove the hire from the agreement?"),
            consequence=_("The hire of %(name)s is no longer counted under the agreement; the placement itself stays.")
            % {"name": hire.placement.seeker.name},
            confirm_label=_("Remove"),
            cancel_url=reverse("outreach:agreement_detail", args=[hire.agreement_id]),
        )
    services.agreement_hire_unlink(hire=hire)
    messages.success(request, _("The hire is no longer counted under the agreement."))
    return redirect("outreach:agreement_detail", pk=hire.agreement_id)


# --- Campaigns -------------------------------------------------------------------------------------

CAMPAIGN_FILTERS = ("industry", "size", "region", "not_visited_months", "min_employees")


@counselor_required
def campaign_list(request: HttpRequest) -> HttpResponse:
    return render(request, "outreach/campaign_list.html", {"campaigns": selectors.campaigns_for_user(request.user)})


@counselor_only
@require_http_methods(["GET", "POST"])
def campaign_create(request: HttpRequest) -> HttpResponse:
    """Choose companies by filter (GET), then write the letter and save the campaign (POST)."""
    source = request.POST if request.method == "POST" else request.GET
    filter_form = forms.CompanyFilterForm(
        {key: source.get(key, "") for key in CAMPAIGN_FILTERS}, centre=request.user.centre
    )
    filters = filter_form.filters()
    companies = selectors.companies_to_visit(request.user, **filters)
    form = forms.CampaignForm(
        request.POST or None, initial={"sent_on": timezone.localdate(), "letter": _default_letter(request.user)}
    )
    if request.method == "POST" and filter_form.is_valid() and form.is_valid():
        try:
            campaign = services.campaign_create(
                by=request.user,
                companies=list(companies),
                criteria={key: value for key, value in filters.items() if value not in ("", None)},
                **form.cleaned_data,
            )
        except ValidationError as error:
            _errors_to_form(form, error)
        else:
            messages.success(request, _("The campaign is saved. Download the letters and the contact list."))
            return redirect("outreach:campaign_detail", pk=campaign.pk)
    context = {
        "filter_form": filter_form,
        "form": form,
        "filter_items": [(key, source.get(key, "")) for key in CAMPAIGN_FILTERS if source.get(key)],
        "preview": companies[:50],
        "company_count": companies.count(),
    }
    return render(request, "outreach/campaign_form.html", context)


def _default_letter(user) -> str:
    return _(
        "Dear {contact},\n\n"
        "%(centre)s helps {company} find local staff free of charge: we advertise your vacancies, "
        "refer prepared job seekers and arrange interviews.\n\n"
        "Please call us at {centre_phone} or register your vacancy on our job board."
    ) % {"centre": user.centre.name if user.centre_id else ""}


@counselor_required
def campaign_detail(request: HttpRequest, pk: int) -> HttpResponse:
    campaign = selectors.get_campaign_for_user(request.user, pk)
    vacancies = selectors.campaign_vacancies(campaign)
    context = {
        "campaign": campaign,
        "criteria": [
            (forms.CompanyFilterForm.base_fields[key].label, value)
            for key, value in campaign.criteria.items()
            if key in forms.CompanyFilterForm.base_fields
        ],
        "company_count": campaign.companies.count(),
        "companies": selectors.campaign_companies(campaign)[:100],
        "vacancy_count": vacancies.count(),
        "vacancies": vacancies[:50],
    }
    return render(request, "outreach/campaign_detail.html", context)


@counselor_required
def campaign_letters(request: HttpRequest, pk: int) -> HttpResponse:
    from outreach.campaign_docs import letters_pdf

    campaign = selectors.get_campaign_for_user(request.user, pk)
    content = letters_pdf(campaign=campaign, companies=list(selectors.campaign_companies(campaign)))
    response = HttpResponse(content, content_type="application/pdf")
    name = download_name(campaign.name, _("Letters"), extension="pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


@counselor_required
def campaign_contacts(request: HttpRequest, pk: int) -> HttpResponse:
    from outreach.campaign_docs import contacts_xlsx

    campaign = selectors.get_campaign_for_user(request.user, pk)
    content = contacts_xlsx(campaign=campaign, companies=list(selectors.campaign_companies(campaign)))
    response = HttpResponse(content, content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    name = download_name(campaign.name, _("Contacts"), extension="xlsx")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response
