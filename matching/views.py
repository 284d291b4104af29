"""Pages of the referral workflow. Thin: fetch through a scoped selector, validate a form, call one service."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from jobcenter.confirm import confirm_page, is_confirmed
from jobcenter.models import Role
from jobcenter.params import id_param
from jobcenter.permissions import counselor_required, employer_required, role_required, seeker_required
from matching import selectors, services
from matching.forms import (
    CorrectionForm,
    FollowUpForm,
    InterviewForm,
    PlacementForm,
    ReferralForm,
    SelfReportedPlacementForm,
    TransitionForm,
    label_notes,
)
from matching.models import Referral, ReferralState

# Endings that close a referral on the centre's side: the page asks for a confirmation first.
CONFIRM_FIRST = (ReferralState.WITHDRAWN, ReferralState.DECLINED)

# Counselors and managers of the referral's centre, and the employer the referral was sent to.
referral_parties_required = role_required(Role.COUNSELOR, Role.MANAGER, Role.EMPLOYER)


def _add_service_error(form, error: ValidationError) -> None:
    for message in error.messages:
        form.add_error(None, message)


def _back(request: HttpRequest, default: str) -> str:
    """Where to go after an action: the worklist when it came from there, else `default`."""
    return reverse("worklist") if request.POST.get("next") == "worklist" else default


# --- Referral ---------------------------------------------------------------------------------


@counselor_required
@require_http_methods(["GET", "POST"])
def referral_new(request: HttpRequest) -> HttpResponse:
    """Refer a seeker to a vacancy, each picked from search results (a centre has tens of thousands of seekers)."""
    if request.method == "POST":
        form = ReferralForm(request.POST, user=request.user)
        if form.is_valid():
            try:
                referral = services.referral_create(
                    by=request.user,
                    seeker=form.cleaned_data["seeker"],
                    vacancy=form.cleaned_data["vacancy"],
                    note=form.cleaned_data["note"],
                    interest=_interest(
                        request,
                        form.cleaned_data["interest"],
                        form.cleaned_data["seeker"],
                        form.cleaned_data["vacancy"],
                    ),
                    current=True,  # the form read the seeker's consent and the vacancy's openings just now
                )
            except ValidationError as error:
                _add_service_error(form, error)
            else:
                messages.success(request, _("The referral was proposed. Send it to the employer when ready."))
                return redirect("matching:referral", pk=referral.pk)
    else:
        # ?seeker=&vacancy=&interest= preselect; ?seeker_q= and ?vacancy_q= search (the search box's htmx request,
        # or the form sent with its Search button when JavaScript is off, which keeps what was already filled in).
        fields = ("seeker", "vacancy", "interest", "seeker_q", "vacancy_q", "note")
        initial = {key: request.GET[key] for key in fields if request.GET.get(key)}
        form = ReferralForm(initial=initial, user=request.user)
        if request.htmx and request.GET.get("find") in ("seeker", "vacancy"):
            return render(request, f"matching/referral_new.html#{request.GET['find']}-options", {"form": form})
    return render(request, "matching/referral_new.html", {"form": form, "match": _pair_match(form)})


def _pair_match(form):
    """How the chosen seeker fits the chosen vacancy (the scorer's summary, broken conditions first), when the
    form names both and the user may see them; None otherwise."""
    from matching.scoring import ranked_match
    from matching.scoring.results import current_weights, explained_pairs

    chosen = {}
    for name in ("seeker", "vacancy"):
        value = form.data.get(name) if form.is_bound else form.initial.get(name)
        pk = id_param(str(value or ""))
        chosen[name] = form.fields[name].queryset.filter(pk=pk).first() if pk else None
    if chosen["seeker"] is None or chosen["vacancy"] is None:
        return None
    weights = current_weights().as_dict()
    pair = (chosen["seeker"].pk, chosen["vacancy"].pk)
    parts = explained_pairs([pair], weights).get(pair)
    if not parts:  # not profiled yet
        return None
    return ranked_match(seeker_id=pair[0], vacancy_id=pair[1], rank_score=0, parts=parts, weights=weights)


def _interest(request: HttpRequest, interest_id: int | None, seeker, vacancy):
    """The seeker's interest request the referral answers, when the employers app has them."""
    if not interest_id:
        return None
    try:
        from employers.models import Interest
    except ImportError:
        return None
    return Interest.objects.filter(pk=interest_id, seeker=seeker, vacancy=vacancy).first()


@referral_parties_required
def referral_detail(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.get_referral_for_user(request.user, pk)
    if request.user.role != Role.SEEKER:  # staff or the employer opened the seeker's shared profile
        from seekers.models import AccessRecord
        from seekers.services import access_record

        access_record(user=request.user, seeker=referral.seeker, action=AccessRecord.Action.VIEW, request=request)
    return render(request, "matching/referral.html", _referral_context(request, referral))


def _referral_context(request: HttpRequest, referral: Referral, **forms) -> dict:
    user = request.user
    context = {
        "referral": referral,
        "transitions": selectors.transitions_for_viewer(referral, user),
        "interview": getattr(referral, "interview", None),
        "targets": services.allowed_targets(referral, user),
        "is_employer": user.is_employer,
        "sharing_consent": (consent := selectors.sharing_consent(referral.seeker) if user.is_employer else None),
        "profile": selectors.shared_profile(referral.seeker, consent) if consent else None,
        "confirm_first": ",".join(CONFIRM_FIRST),
        "placement": getattr(referral, "placement", None) if referral.state == ReferralState.HIRED else None,
    }
    context["application"] = _application_of(referral)
    if context["application"] is not None and user.is_employer:
        context["profile"] = None  # the employer reads the résumé the seeker sent instead (resumes app)
    context["transition_form"] = forms.get("transition_form") or TransitionForm(referral=referral, user=user)
    if referral.state in services.CORRECTABLE_OUTCOMES and user.is_centre_staff:
        context["correction_problem"] = services.correction_problem(referral, user)
        context["correction_form"] = forms.get("correction_form") or CorrectionForm()
    context["interview_form"] = forms.get("interview_form") or InterviewForm(
        user=user, initial=_interview_initial(context["interview"])
    )
    context["placement_form"] = forms.get("placement_form") or PlacementForm(
        initial={
            "employment_type": referral.vacancy.employment_type,
            "wage_type": referral.vacancy.wage_type,
            "wage_amount": referral.vacancy.wage_amount,
            "weekly_hours": referral.vacancy.weekly_hours,
        }
    )
    label_notes(user, context["transition_form"], context["interview_form"], context["placement_form"])
    return context


def _application_of(referral: Referral):
    """The online application a referral is (resumes.Application), or None."""
    if referral.source != "application":
        return None
    from resumes.models import Application

    return Application.objects.filter(referral_id=referral.pk).first()


def _interview_initial(interview) -> dict:
    if interview is None:
        return {}
    from django.utils import timezone

    local = timezone.localtime(interview.starts_at)
    return {
        "date": local.date(),
        "time": local.time(),
        "place": interview.place,
        "video_link": interview.video_link,
        "accompanied": interview.accompanied,
    }


@referral_parties_required
@require_POST
def referral_transition(request: HttpRequest, pk: int) -> HttpResponse:
    sending = request.POST.get(f"{TransitionForm.prefix}-to_state") == ReferralState.SENT
    referral = selectors.get_referral_to_move(request.user, pk, sending=sending)
    form = TransitionForm(request.POST, referral=referral, user=request.user)
    if form.is_valid() and form.cleaned_data["to_state"] in CONFIRM_FIRST and request.POST.get("confirm") != "1":
        # Closing a referral asks first, on a step that says what will happen (works without JavaScript).
        context = {
            "referral": referral,
            "form": form,
            "state": ReferralState(form.cleaned_data["to_state"]),
            "next": request.POST.get("next", ""),
        }
        template = "matching/referral_confirm.html#confirm" if request.htmx else "matching/referral_confirm.html"
        return render(request, template, context)
    if form.is_valid():
        try:
            services.referral_transition(
                referral=referral,
                to_state=form.cleaned_data["to_state"],
                by=request.user,
                reason=form.cleaned_data["reason"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            if request.htmx:
                return HttpResponse("")
            messages.success(request, _("The referral was updated."))
            return redirect(_back(request, reverse("matching:referral", args=[referral.pk])))
    return render(
        request,
        "matching/referral.html",
        _referral_context(request, _again(request, pk), transition_form=form),
        status=400,
    )


def _again(request: HttpRequest, pk: int) -> Referral:
    """The referral as the page shows it, read anew: the copy a refused step read holds only what the step needed,
    and the step may have changed it in memory before it was refused."""
    return selectors.get_referral_for_user(request.user, pk)


def _undo_consequence(referral) -> str:
    if referral.state == ReferralState.HIRED:
        return _(
            "Undoing the hire removes the placement and its follow-ups, gives the vacancy its opening back and "
            "returns the referral to its state before the hire."
        )
    return _("The referral returns to its state before this outcome; then record the right one.")


@referral_parties_required
@require_http_methods(["GET", "POST"])
def referral_interview(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        selectors.get_referral_for_user(request.user, pk, to_change=True)  # 404 unless the user may see it
        return redirect("matching:referral", pk=pk)
    referral = selectors.get_referral_to_move(request.user, pk)
    form = InterviewForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            services.referral_schedule_interview(
                referral=referral,
                by=request.user,
                starts_at=form.cleaned_data["starts_at"],
                place=form.cleaned_data["place"],
                video_link=form.cleaned_data["video_link"],
                accompanied=form.cleaned_data.get("accompanied", False),
                note=form.cleaned_data["note"],
                override_reason=form.cleaned_data["override_reason"],
            )
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The interview was scheduled and the seeker will be told."))
            return redirect("matching:referral", pk=referral.pk)
    return render(
        request,
        "matching/referral.html",
        _referral_context(request, _again(request, pk), interview_form=form),
        status=400,
    )


@referral_parties_required
@require_http_methods(["GET", "POST"])
def referral_hire(request: HttpRequest, pk: int) -> HttpResponse:
    if request.method != "POST":
        selectors.get_referral_for_user(request.user, pk, to_change=True)  # 404 unless the user may see it
        return redirect("matching:referral", pk=pk)
    referral = selectors.get_referral_to_move(request.user, pk)
    form = PlacementForm(request.POST)
    if form.is_valid():
        try:
            services.placement_record(by=request.user, referral=referral, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The hire was recorded."))
            return redirect("matching:referral", pk=referral.pk)
    return render(
        request,
        "matching/referral.html",
        _referral_context(request, _again(request, pk), placement_form=form),
        status=400,
    )


@counselor_required
@require_POST
def referral_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Undo a recorded outcome with a reason (a hire undone gives back the placement and the vacancy's opening)."""
    referral = selectors.get_referral_for_user(request.user, pk, to_change=True)
    form = CorrectionForm(request.POST)
    if form.is_valid() and not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Undo this outcome?"),
            consequence=_undo_consequence(referral),
            confirm_label=_("Undo this outcome"),
            cancel_url=reverse("matching:referral", args=[referral.pk]),
        )
    if form.is_valid():
        try:
            services.referral_correct_outcome(referral=referral, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The outcome was undone. Record the right outcome now."))
            return redirect("matching:referral", pk=referral.pk)
    referral.refresh_from_db()
    return render(
        request, "matching/referral.html", _referral_context(request, referral, correction_form=form), status=400
    )


@counselor_required
@require_POST
def referral_chase(request: HttpRequest, pk: int) -> HttpResponse:
    referral = selectors.get_referral_for_user(request.user, pk, to_change=True)
    try:
        services.referral_chase(referral=referral, by=request.user)
    except ValidationError as error:
        if request.htmx:
            return HttpResponse(" ".join(error.messages), status=400)
        messages.error(request, " ".join(error.messages))
    else:
        if request.htmx:
            return HttpResponse("")
        messages.success(request, _("Noted: the employer was contacted."))
    return redirect(_back(request, reverse("matching:referral", args=[referral.pk])))


# --- Seeker's referrals, placement, follow-up --------------------------------------------------


@counselor_required
def referral_history(request: HttpRequest, pk: int) -> HttpResponse:
    """A referral's state changes, loaded when a counselor opens "History" under it on the case page (the panel lists
    twenty referrals: their tables, rendered with the page, were a fifth of its rendering)."""
    from seekers.models import AccessRecord
    from seekers.services import access_record

    referral = selectors.get_referral_for_user(request.user, pk, to_change=True)
    access_record(user=request.user, seeker=referral.seeker, action=AccessRecord.Action.VIEW, request=request)
    return render(
        request,
        "matching/_transitions.html",
        {"transitions": selectors.transitions_for_viewer(referral, request.user)},
    )


@counselor_required
def seeker_referrals(request: HttpRequest, pk: int) -> HttpResponse:
    """A seeker's referrals, placements and follow-ups (the same panels the case page shows)."""
    from matching.hooks import seeker_case_panels

    seeker = selectors.get_seeker_for_user(request.user, pk)
    from seekers.models import AccessRecord
    from seekers.services import access_record

    access_record(user=request.user, seeker=seeker, action=AccessRecord.Action.VIEW, request=request)
    return render(
        request,
        "matching/seeker.html",
        {
            "seeker": seeker,
            "panels": seeker_case_panels(seeker, request.user, full_history=True),
        },
    )


@counselor_required
@require_http_methods(["GET", "POST"])
def placement_new(request: HttpRequest, pk: int) -> HttpResponse:
    """Record a placement the seeker found on their own."""
    seeker = selectors.get_seeker_for_user(request.user, pk)
    form = SelfReportedPlacementForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.placement_record(by=request.user, seeker=seeker, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            messages.success(request, _("The self-reported placement was recorded."))
            return redirect("matching:seeker", pk=seeker.pk)
    return render(request, "matching/placement_new.html", {"form": form, "seeker": seeker})


@counselor_required
@require_http_methods(["GET", "POST"])
def follow_up(request: HttpRequest, pk: int) -> HttpResponse:
    item = selectors.get_follow_up_for_user(request.user, pk)
    form = FollowUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.followup_record(follow_up=item, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _add_service_error(form, error)
        else:
            if request.htmx:
                return HttpResponse("")
            messages.success(request, _("The follow-up was recorded."))
            return redirect(_back(request, reverse("matching:seeker", args=[item.placement.seeker_id])))
    if request.htmx and request.method == "POST":
        # The worklist item again, with the errors; htmx swaps only successful responses.
        return render(request, "matching/worklist_follow_ups.html#follow-up-item", {"item": item, "form": form})
    return render(request, "matching/follow_up.html", {"item": item, "form": form})


# --- Calendar, retention, portal, my page --------------------------------------------------------


@counselor_required
def calendar(request: HttpRequest) -> HttpResponse:
    """Upcoming accompanied interviews (동행면접) of the counselor's centre."""
    interviews = selectors.accompanied_interviews(request.user)[:200]
    return render(request, "matching/calendar.html", {"interviews": interviews})


@counselor_required
def retention(request: HttpRequest) -> HttpResponse:
    figures = [selectors.retention_for_user(request.user, months=months) for months in (3, 6)]
    return render(request, "matching/retention.html", {"figures": figures})


@employer_required
def portal_referrals(request: HttpRequest) -> HttpResponse:
    """The employer's referred candidates, over all its vacancies."""
    referrals = selectors.employer_referrals(request.user)[:200]
    return render(request, "matching/portal_referrals.html", {"referrals": referrals})


@seeker_required
def my_referrals(request: HttpRequest) -> HttpResponse:
    seeker = getattr(request.user, "seeker", None)
    referrals = selectors.seeker_referrals(seeker) if seeker else Referral.objects.none()
    return render(request, "matching/my_referrals.html", {"seeker": seeker, "referrals": referrals})
