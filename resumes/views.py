"""Résumé builder, résumé clinic, online applications, and the résumé as sent to an employer."""

import io

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from employers.selectors import get_published_vacancy
from jobcenter.confirm import confirm_page, is_confirmed
from jobcenter.formatting import download_name
from jobcenter.models import Role
from jobcenter.permissions import counselor_required, role_required, seeker_required
from resumes import selectors, services
from resumes.forms import ApplicationForm, CommentForm, OpinionForm, ResumeForm
from resumes.models import Resume
from resumes.pdf import resume_pdf
from seekers.models import AccessRecord
from seekers.selectors import own_seeker
from seekers.services import access_record

# The seeker who owns it, and the counselors and managers of their centre (the administrator: any).
resume_readers_required = role_required(Role.SEEKER, Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR)
# The seeker, the centre's staff, and the employer the application was sent to.
application_readers_required = role_required(
    Role.SEEKER, Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR, Role.EMPLOYER
)


def _errors(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _own_seeker_or_register(request: HttpRequest):
    seeker = own_seeker(request.user)
    if seeker is None:
        messages.info(request, _("Register as a job seeker first: your résumé is built from your registration."))
    return seeker


def _own_resume(request: HttpRequest, pk: int) -> Resume:
    """The seeker's own résumé (404 for anyone else's); only its owner edits it."""
    resume = selectors.get_resume_for_user(request.user, pk)
    if resume.seeker.user_id != request.user.pk:
        raise PermissionDenied
    return resume


# --- The seeker's résumés -----------------------------------------------------------------------


@seeker_required
def resume_list(request: HttpRequest) -> HttpResponse:
    seeker = own_seeker(request.user)
    resumes = selectors.seeker_resumes(seeker) if seeker else Resume.objects.none()
    return render(request, "resumes/list.html", {"seeker": seeker, "resumes": resumes})


@seeker_required
@require_http_methods(["GET", "POST"])
def resume_new(request: HttpRequest) -> HttpResponse:
    seeker = _own_seeker_or_register(request)
    if seeker is None:
        return redirect("seekers:register_self")
    form = ResumeForm(request.POST or None, introduction=services.default_introduction())
    if request.method == "POST" and form.is_valid():
        try:
            resume = services.resume_create(
                seeker=seeker, title=form.cleaned_data["title"], introduction=form.introduction()
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("The résumé was saved. Check the preview below."))
            return redirect("resumes:detail", pk=resume.pk)
    facts = services.resume_facts(seeker)
    return render(request, "resumes/form.html", {"form": form, "facts": facts, "resume": None})


@seeker_required
@require_http_methods(["GET", "POST"])
def resume_edit(request: HttpRequest, pk: int) -> HttpResponse:
    resume = _own_resume(request, pk)
    form = ResumeForm(request.POST or None, introduction=resume.introduction, initial={"title": resume.title})
    if request.method == "POST" and form.is_valid():
        services.resume_update(
            resume=resume,
            title=form.cleaned_data["title"],
            introduction=form.introduction(),
            refresh=request.POST.get("refresh") == "1",
        )
        messages.success(request, _("The résumé was saved."))
        return redirect("resumes:detail", pk=resume.pk)
    return render(request, "resumes/form.html", {"form": form, "facts": resume.facts, "resume": resume})


@seeker_required
@require_POST
def resume_delete(request: HttpRequest, pk: int) -> HttpResponse:
    resume = _own_resume(request, pk)
    if not is_confirmed(request):
        # Deleting cannot be undone; applications keep their own copy (Application.document), so say so.
        return confirm_page(
            request,
            title=_("Delete the résumé?"),
            consequence=_(
                "The résumé “%(name)s” is deleted and cannot be restored. Applications you already sent keep the "
                "copy the employer received."
            )
            % {"name": resume.title},
            confirm_label=_("Yes, delete the résumé"),
            cancel_url=reverse("resumes:detail", args=[resume.pk]),
        )
    services.resume_delete(resume=resume)
    messages.success(request, _("The résumé was deleted. Applications already sent keep their copy."))
    return redirect("resumes:list")


@resume_readers_required
def resume_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The preview; counselors of the seeker's centre comment on it here (이력서 클리닉)."""
    resume = selectors.get_resume_for_user(request.user, pk)
    is_owner = resume.seeker.user_id == request.user.pk
    if not is_owner:
        access_record(user=request.user, seeker=resume.seeker, action=AccessRecord.Action.VIEW, request=request)
    context = {
        "resume": resume,
        "document": services.resume_document(resume),
        "comments": resume.comments.select_related("author"),
        "is_owner": is_owner,
        "comment_form": CommentForm() if request.user.role in (Role.COUNSELOR, Role.MANAGER) else None,
    }
    return render(request, "resumes/detail.html", context)


@resume_readers_required
def resume_download(request: HttpRequest, pk: int) -> HttpResponse:
    resume = selectors.get_resume_for_user(request.user, pk)
    if resume.seeker.user_id != request.user.pk:
        access_record(user=request.user, seeker=resume.seeker, action=AccessRecord.Action.EXPORT, request=request)
    document = services.resume_document(resume)
    return FileResponse(
        io.BytesIO(resume_pdf(document)),
        filename=download_name(_("Résumé"), document["name"], extension="pdf"),
        content_type="application/pdf",
    )


@counselor_required
@require_POST
def resume_comment(request: HttpRequest, pk: int) -> HttpResponse:
    resume = selectors.get_resume_for_user(request.user, pk)
    form = CommentForm(request.POST)
    if form.is_valid():
        services.resume_comment_add(resume=resume, by=request.user, body=form.cleaned_data["body"])
        messages.success(request, _("The comment was saved; the job seeker sees it with the résumé."))
        return redirect("resumes:detail", pk=resume.pk)
    context = {
        "resume": resume,
        "document": services.resume_document(resume),
        "comments": resume.comments.select_related("author"),
        "is_owner": False,
        "comment_form": form,
    }
    return render(request, "resumes/detail.html", context, status=400)


# --- Online application -------------------------------------------------------------------------


@seeker_required
@require_http_methods(["GET", "POST"])
def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """입사지원: choose a résumé, write a message, read what is shared with whom, agree, send."""
    vacancy = get_published_vacancy(pk)
    seeker = own_seeker(request.user)
    if seeker is None:
        messages.info(request, _("Register as a job seeker first; then you can write a résumé and apply."))
        return redirect("seekers:register_self")
    resumes = seeker.resumes.all()
    form = ApplicationForm(request.POST or None, resumes=resumes)
    problem = services.application_problem(vacancy)
    if request.method == "POST" and form.is_valid() and not problem:
        try:
            application = services.application_create(
                seeker=seeker,
                vacancy=vacancy,
                resume=form.cleaned_data["resume"],
                message=form.cleaned_data["message"],
                consent=form.cleaned_data["consent"],
                by=request.user,
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(
                request, _("Your application was sent to %(company)s.") % {"company": vacancy.company.name}
            )
            return redirect("resumes:application", pk=application.pk)
    context = {
        "vacancy": vacancy,
        "form": form,
        "problem": problem,
        "has_resumes": resumes.exists(),
        "consent_wording": services.consent_wording(vacancy),
    }
    return render(request, "resumes/apply.html", context, status=400 if form.is_bound else 200)


@application_readers_required
def application_detail(request: HttpRequest, pk: int) -> HttpResponse:
    """The résumé as sent with an application: the employer's copy (logged), the seeker's and the centre's view."""
    application = selectors.get_application_for_user(request.user, pk)
    referral = application.referral
    is_seeker = request.user.role == Role.SEEKER
    if not is_seeker:
        access_record(user=request.user, seeker=referral.seeker, action=AccessRecord.Action.VIEW, request=request)
    context = {
        "application": application,
        "referral": referral,
        "document": application.document,
        "is_seeker": is_seeker,
        "opinion_form": OpinionForm(
            initial={"opinion": application.counselor_opinion, "note": application.counselor_note}
        )
        if request.user.role in (Role.COUNSELOR, Role.MANAGER) and referral.is_open
        else None,
    }
    return render(request, "resumes/application.html", context)


@application_readers_required
def application_download(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_user(request.user, pk)
    seeker = application.referral.seeker
    if request.user.role != Role.SEEKER:
        access_record(
            user=request.user,
            seeker=seeker,
            action=AccessRecord.Action.EXPORT,
            request=request,
            reason=_("Résumé sent with an online application"),
        )
    return FileResponse(
        io.BytesIO(resume_pdf(application.document)),
        filename=download_name(_("Résumé"), application.document.get("name", ""), extension="pdf"),
        content_type="application/pdf",
    )


@counselor_required
@require_POST
def application_opinion(request: HttpRequest, pk: int) -> HttpResponse:
    application = selectors.get_application_for_user(request.user, pk)
    form = OpinionForm(request.POST)
    if form.is_valid():
        try:
            services.application_give_opinion(
                application=application,
                by=request.user,
                opinion=form.cleaned_data["opinion"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _errors(form, error)
        else:
            messages.success(request, _("Your opinion was saved and the job seeker will be told."))
            if request.POST.get("next") == "worklist":
                return redirect("worklist")
            return redirect("resumes:application", pk=application.pk)
    context = {
        "application": application,
        "referral": application.referral,
        "document": application.document,
        "is_seeker": False,
        "opinion_form": form,
    }
    return render(request, "resumes/application.html", context, status=400)
