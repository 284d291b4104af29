"""Employer portal, sign-up and invitations, and the counselor's pages for companies and vacancies."""

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import content_disposition_header
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from employers import selectors, services
from employers.forms import (
    CompanyForm,
    CounselorCompanyForm,
    CounselorVacancyForm,
    InvitationAcceptForm,
    InviteForm,
    ReturnForm,
    SignupForm,
    VacancyForm,
)
from employers.models import Company, CompanyInvitation, Vacancy
from jobcenter.confirm import confirm_page, is_confirmed
from jobcenter.formatting import date_iso, download_name
from jobcenter.hooks import collect
from jobcenter.permissions import counselor_required, employer_required, staff_required
from jobcenter.security.backends import PASSWORD_BACKEND


def _apply_errors(form, error: ValidationError) -> None:
    """Show a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.message_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error.messages)


def _own_company(request: HttpRequest) -> Company:
    company = selectors.company_of_employer(request.user)
    if company is None:
        raise PermissionDenied
    return company


# --- Sign-up and invitations (public) ----------------------------------------------------------


def signup(request: HttpRequest) -> HttpResponse:
    """A new employer registers its account and company; a counselor verifies the company later."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.employer_signup(
                username=data["username"],
                password=data["password1"],
                email=data["email"],
                last_name=data["last_name"],
                first_name=data["first_name"],
                phone=data["phone"],
                centre=data["centre"],
                company_fields={"business_number": data["business_number"], **form.company_fields()},
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            login(request, user, backend=PASSWORD_BACKEND)
            messages.success(
                request,
                _("Welcome. You can write vacancies now; the centre verifies your company before they are published."),
            )
            return redirect("employers:portal")
    return render(request, "employers/signup.html", {"form": form})


def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = CompanyInvitation.objects.select_related("company").filter(token=token).first()
    if invitation is None:
        raise Http404
    if invitation.accepted_at is not None:
        messages.info(request, _("This invitation has already been used. Please log in."))
        return redirect("login")
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            user = services.invitation_accept(
                invitation=invitation,
                username=data["username"],
                password=data["password1"],
                last_name=data["last_name"],
                first_name=data["first_name"],
                phone=data["phone"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            login(request, user, backend=PASSWORD_BACKEND)
            messages.success(request, _("Welcome. You now act for %(company)s.") % {"company": invitation.company})
            return redirect("employers:portal")
    return render(request, "employers/invitation_accept.html", {"form": form, "invitation": invitation})


# --- Employer portal ---------------------------------------------------------------------------


@employer_required
def portal(request: HttpRequest) -> HttpResponse:
    """The employer's home: its company, its vacancies with their state and counts."""
    company = selectors.company_of_employer(request.user)
    if company is None:
        return render(request, "employers/portal.html", {"company": None})
    vacancies = list(selectors.portal_vacancies(company))
    counts = selectors.vacancy_counts([vacancy.pk for vacancy in vacancies])
    rows = [(vacancy, counts[vacancy.pk]) for vacancy in vacancies]
    return render(
        request,
        "employers/portal.html",
        {
            "company": company,
            "rows": rows,
            "members": company.members.select_related("user"),
            "invite_form": InviteForm(),
            "panels": collect("employer_portal_panels", company, request.user),
        },
    )


@employer_required
def portal_invite(request: HttpRequest) -> HttpResponse:
    """Invite a colleague to share the company's portal."""
    company = _own_company(request)
    if request.method != "POST":
        return redirect("employers:portal")
    form = InviteForm(request.POST)
    if form.is_valid():
        services.company_invite(
            company=company,
            email=form.cleaned_data["email"],
            by=request.user,
            base_url=request.build_absolute_uri("/")[:-1],
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("employers:portal")


@employer_required
def portal_company(request: HttpRequest) -> HttpResponse:
    """The employer edits its own company's details."""
    from employers.forms import PortalCompanyForm

    company = _own_company(request)
    form = PortalCompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        services.company_update(company=company, by=request.user, **form.company_fields())
        messages.success(request, _("Changes saved."))
        return redirect("employers:portal")
    return render(request, "employers/company_form.html", {"form": form, "portal": True})


@employer_required
def portal_vacancy_new(request: HttpRequest) -> HttpResponse:
    company = _own_company(request)
    form = VacancyForm(request.POST or None, initial={"region": company.region_id, "contact": company.contact_phone})
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                by=request.user, company=company, source=Vacancy.Source.PORTAL, **form.vacancy_fields()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Submit it when it is ready for the centre to review."))
            return redirect("employers:portal_vacancy", pk=vacancy.pk)
    return render(request, "employers/vacancy_form.html", {"form": form, "company": company, "portal": True})


@employer_required
def portal_vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    counts = selectors.vacancy_counts([vacancy.pk])[vacancy.pk]
    return render(
        request,
        "employers/portal_vacancy.html",
        {
            "vacancy": vacancy,
            "counts": counts,
            "events": vacancy.events.select_related("by")[:20],
            "panels": collect("employer_vacancy_panels", vacancy, request.user),
        },
    )


@employer_required
def portal_vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    if vacancy.status != Vacancy.Status.DRAFT:
        messages.error(request, _("Only a draft can be edited. Ask the centre, or copy the vacancy."))
        return redirect("employers:portal_vacancy", pk=vacancy.pk)
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=vacancy, by=request.user, **form.vacancy_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("employers:portal_vacancy", pk=vacancy.pk)
    return render(
        request,
        "employers/vacancy_form.html",
        {"form": form, "vacancy": vacancy, "company": vacancy.company, "portal": True},
    )


@employer_required
@require_POST
def portal_vacancy_submit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    try:
        services.vacancy_submit(vacancy=vacancy, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return redirect(
            "employers:portal_vacancy_edit" if vacancy.status == Vacancy.Status.DRAFT else "employers:portal_vacancy",
            pk=vacancy.pk,
        )
    messages.success(request, _("Submitted. The centre will review the vacancy and publish it."))
    return redirect("employers:portal_vacancy", pk=vacancy.pk)


@employer_required
@require_POST
def portal_vacancy_copy(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    copy = services.vacancy_copy(vacancy=vacancy, by=request.user)
    messages.success(request, _("A copy was made as a new draft. Check it, set the deadline and submit it."))
    return redirect("employers:portal_vacancy_edit", pk=copy.pk)


def _close_vacancy(request: HttpRequest, pk: int, *, back_to: str) -> HttpResponse:
    """Close a vacancy the user may reach, then return to the employer's or the counselor's page of it."""
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Close this vacancy?"),
            consequence=_("It leaves the job board and takes no more referrals."),
            confirm_label=_("Close"),
            cancel_url=reverse(back_to, args=[vacancy.pk]),
        )
    try:
        services.vacancy_close(vacancy=vacancy, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The vacancy is closed."))
    return redirect(back_to, pk=vacancy.pk)


@employer_required
@require_POST
def portal_vacancy_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _close_vacancy(request, pk, back_to="employers:portal_vacancy")


# --- Counselors: companies ---------------------------------------------------------------------


@staff_required
def companies(request: HttpRequest) -> HttpResponse:
    query = request.GET.get("q", "").strip()[:100]
    companies = selectors.companies_for_user(request.user).annotate(
        vacancy_count=Count("vacancies", filter=Q(vacancies__status=Vacancy.Status.PUBLISHED)),
        member_count=Count("members", distinct=True),
    )
    if query:
        companies = companies.filter(Q(name__icontains=query) | Q(business_number__contains=query.replace("-", "")))
    return render(request, "employers/companies.html", {"companies": companies[:200], "query": query})


@counselor_required
def company_new(request: HttpRequest) -> HttpResponse:
    """A counselor records a company met by phone, at the centre or on a field visit (no account yet)."""
    form = CounselorCompanyForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            company = services.company_create(
                by=request.user,
                centre=request.user.centre,
                source=form.cleaned_data["source"],
                business_number=form.cleaned_data["business_number"],
                **form.company_fields(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Company recorded."))
            return redirect("employers:company", pk=company.pk)
    return render(request, "employers/company_form.html", {"form": form})


@staff_required
def company(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.get_company_for_user(request.user, pk)
    return render(
        request,
        "employers/company.html",
        {
            "company": company,
            "vacancies": company.vacancies.select_related("occupation").order_by("-created_at")[:100],
            "members": company.members.select_related("user"),
            "invitations": company.invitations.all()[:10],
            "invite_form": InviteForm(initial={"email": company.contact_email}),
        },
    )


@counselor_required
def company_edit(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.get_company_for_user(request.user, pk)
    form = CompanyForm(request.POST or None, instance=company)
    if request.method == "POST" and form.is_valid():
        services.company_update(company=company, by=request.user, **form.company_fields())
        messages.success(request, _("Changes saved."))
        return redirect("employers:company", pk=company.pk)
    return render(request, "employers/company_form.html", {"form": form, "company": company})


@counselor_required
@require_POST
def company_verify(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.get_company_for_user(request.user, pk)
    services.company_verify(company=company, by=request.user)
    messages.success(request, _("%(company)s is verified.") % {"company": company})
    return redirect("employers:company", pk=company.pk)


@counselor_required
@require_POST
def company_invite(request: HttpRequest, pk: int) -> HttpResponse:
    company = selectors.get_company_for_user(request.user, pk)
    form = InviteForm(request.POST)
    if form.is_valid():
        services.company_invite(
            company=company,
            email=form.cleaned_data["email"],
            by=request.user,
            base_url=request.build_absolute_uri("/")[:-1],
        )
        messages.success(request, _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]})
    else:
        messages.error(request, _("Enter a valid e-mail address."))
    return redirect("employers:company", pk=company.pk)


@counselor_required
def company_vacancy_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A counselor records a vacancy for a company (taken by phone, on a visit, at a job fair)."""
    company = selectors.get_company_for_user(request.user, pk)
    form = CounselorVacancyForm(
        request.POST or None, initial={"region": company.region_id, "source": Vacancy.Source.COUNSELOR}
    )
    if request.method == "POST" and form.is_valid():
        try:
            vacancy = services.vacancy_create(
                by=request.user, company=company, source=form.cleaned_data["source"], **form.vacancy_fields()
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Draft saved. Publish it when it is complete."))
            return redirect("employers:vacancy", pk=vacancy.pk)
    return render(request, "employers/vacancy_form.html", {"form": form, "company": company})


# --- Counselors: vacancies ---------------------------------------------------------------------


@staff_required
def vacancies(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    vacancies = selectors.vacancies_for_user(request.user).order_by("-updated_at")
    if status in Vacancy.Status.values:
        vacancies = vacancies.filter(status=status)
    return render(
        request,
        "employers/vacancies.html",
        {"vacancies": vacancies[:200], "status": status, "statuses": Vacancy.Status.choices},
    )


@staff_required
def vacancy(request: HttpRequest, pk: int) -> HttpResponse:
    """A vacancy for the centre's staff: content, history, review actions and other apps' panels."""
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    return render(
        request,
        "employers/vacancy.html",
        {
            "vacancy": vacancy,
            "events": vacancy.events.select_related("by")[:30],
            "return_form": ReturnForm(),
            "problems": {**services.vacancy_completeness_errors(vacancy), **services.vacancy_law_errors(vacancy)},
            "panels": collect("vacancy_panels", vacancy, request.user),
        },
    )


@counselor_required
def vacancy_edit(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    form = VacancyForm(request.POST or None, instance=vacancy)
    if request.method == "POST" and form.is_valid():
        try:
            services.vacancy_update(vacancy=vacancy, by=request.user, **form.vacancy_fields())
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("employers:vacancy", pk=vacancy.pk)
    return render(
        request, "employers/vacancy_form.html", {"form": form, "vacancy": vacancy, "company": vacancy.company}
    )


@counselor_required
@require_POST
def vacancy_publish(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    try:
        services.vacancy_publish(vacancy=vacancy, by=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("Published on the job board."))
    return redirect("employers:vacancy", pk=vacancy.pk)


@counselor_required
@require_POST
def vacancy_return(request: HttpRequest, pk: int) -> HttpResponse:
    vacancy = selectors.get_vacancy_for_user(request.user, pk)
    form = ReturnForm(request.POST)
    if form.is_valid():
        try:
            services.vacancy_return(vacancy=vacancy, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Sent back to the employer with your comment."))
            return redirect("employers:vacancy", pk=vacancy.pk)
    return render(
        request,
        "employers/vacancy.html",
        {
            "vacancy": vacancy,
            "events": vacancy.events.select_related("by")[:30],
            "return_form": form,
            "problems": {},
            "panels": collect("vacancy_panels", vacancy, request.user),
        },
        status=400,
    )


@counselor_required
@require_POST
def vacancy_close(request: HttpRequest, pk: int) -> HttpResponse:
    return _close_vacancy(request, pk, back_to="employers:vacancy")


@counselor_required
@require_POST
def interest_handle(request: HttpRequest, pk: int) -> HttpResponse:
    interest = selectors.open_interests_for_counselor(request.user).filter(pk=pk).first()
    if interest is None:
        raise Http404
    services.interest_handle(interest=interest, user=request.user)
    messages.success(request, _("Marked as handled."))
    return redirect("worklist")


# --- Job bulletin ------------------------------------------------------------------------------


@staff_required
def bulletins(request: HttpRequest) -> HttpResponse:
    return render(request, "employers/bulletins.html", {"bulletins": selectors.bulletins_for_user(request.user)[:24]})


@counselor_required
@require_POST
def bulletin_generate(request: HttpRequest) -> HttpResponse:
    """Issue the centre's bulletin now (the beat task does it on the 1st and the 15th)."""
    from employers.bulletin import bulletin_issue

    bulletin = bulletin_issue(centre_id=request.user.centre_id)
    messages.success(request, _("The bulletin is ready: %(count)s vacancies.") % {"count": bulletin.vacancy_count})
    return redirect("employers:bulletins")


@staff_required
def bulletin_download(request: HttpRequest, pk: int) -> HttpResponse:
    bulletin = selectors.get_bulletin_for_user(request.user, pk)
    response = HttpResponse(bytes(bulletin.pdf), content_type="application/pdf")
    name = download_name(_("Job bulletin"), bulletin.centre.name, date_iso(bulletin.issue_date), extension="pdf")
    response["Content-Disposition"] = content_disposition_header(as_attachment=True, filename=name)
    return response


# --- Import from CSV or Excel ------------------------------------------------------------------


@counselor_required
def import_new(request: HttpRequest) -> HttpResponse:
    from employers.forms import ImportForm
    from employers.models import ImportBatch

    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        batch = ImportBatch.objects.create(
            centre_id=request.user.centre_id,
            kind=form.cleaned_data["kind"],
            filename=upload.name[:200],
            content=upload.read(),
            uploaded_by=request.user,
        )
        return redirect("employers:import_preview", pk=batch.pk)
    return render(request, "employers/import_new.html", {"form": form})


@counselor_required
def import_preview(request: HttpRequest, pk: int) -> HttpResponse:
    """Each row's errors; the import button appears only for a clean file, and saves all rows at once."""
    from employers.imports import import_apply
    from employers.imports import import_preview as preview_rows
    from employers.models import ImportBatch

    batch = ImportBatch.objects.filter(centre_id=request.user.centre_id, pk=pk).first()
    if batch is None:
        raise Http404
    if request.method == "POST" and batch.applied_at is None:
        try:
            import_apply(batch=batch, by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            batch.refresh_from_db()
            messages.success(
                request,
                _("Imported: %(created)s new, %(unchanged)s already present.")
                % {"created": batch.created_count, "unchanged": batch.unchanged_count},
            )
        return redirect("employers:import_preview", pk=batch.pk)
    preview = preview_rows(batch)
    return render(request, "employers/import_preview.html", {"batch": batch, "preview": preview})
