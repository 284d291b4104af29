"""Pages of the events app: counselors manage (manage_*), the public calendar, seekers' own registrations,
employers' participations. Every object is fetched through a selector scoped to the user (404 otherwise)."""

import io

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db.models import Q
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from employers.models import Vacancy
from events import selectors, services
from events.certificate import certificate_pdf
from events.forms import (
    CheckInForm,
    EmployerApplyForm,
    EventForm,
    OnTheSpotForm,
    OutcomeForm,
    ParticipationForm,
    RoomAcceptForm,
    RoomDeclineForm,
    RoomRequestForm,
    SeekerSearchForm,
    SeriesEditForm,
    SeriesForm,
    SlotsForm,
    TransitionForm,
    WalkInForm,
    add_centre_field,
)
from events.models import Event, EventKind, Interview, InterviewSlot, Participation, Registration, RoomRequest
from events.prematching import ranked_candidates
from events.qr import qr_data_uri
from events.report import event_report, event_report_pdf, event_report_xlsx
from jobcenter.confirm import confirm_page, is_confirmed
from jobcenter.db_router import current_reads
from jobcenter.formatting import date_iso, download_name, time_text
from jobcenter.models import Booth, Role
from jobcenter.params import id_param
from jobcenter.permissions import employer_required, role_required, seeker_required
from jobcenter.security.access import record_seekers_shown
from seekers.models import AccessRecord

# Counselors and managers manage their centre's events; administrators every centre's.
event_staff_required = role_required(Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR)
outcome_recorders_required = role_required(Role.EMPLOYER, Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR)
registration_readers_required = role_required(Role.SEEKER, Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR)


def _error_text(error: ValidationError) -> str:
    return " ".join(error.messages)


def _apply_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Counselors: events -------------------------------------------------------------------------------


@event_staff_required
def manage_list(request: HttpRequest) -> HttpResponse:
    events = selectors.event_list_for_staff(request.user).order_by("-starts_at")
    show = request.GET.get("show", "upcoming")
    if show != "all":
        events = events.filter(state__in=services.LIVE_STATES)
    open_room_requests = selectors.room_requests_for_user(request.user).filter(status=RoomRequest.Status.REQUESTED)
    return render(
        request,
        "events/manage_list.html",
        {"events": events[:200], "show": show, "open_room_requests": open_room_requests.count()},
    )


@event_staff_required
def manage_create(request: HttpRequest) -> HttpResponse:
    form = EventForm(request.POST or None, initial={"kind": request.GET.get("kind", EventKind.JOB_FAIR)})
    add_centre_field(form, request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        centre = data.pop("centre", None) or request.user.centre
        try:
            event = services.event_create(by=request.user, centre=centre, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The event was created."))
            return redirect("events:manage_detail", pk=event.pk)
    return render(request, "events/manage_form.html", {"form": form, "title": _("New event")})


@event_staff_required
def manage_series_create(request: HttpRequest) -> HttpResponse:
    form = add_centre_field(SeriesForm(request.POST or None), request.user)
    if request.method == "POST" and form.is_valid():
        data = dict(form.cleaned_data)
        centre = data.pop("centre", None) or request.user.centre
        try:
            series = services.series_create(by=request.user, centre=centre, **data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request, _("The series was created with %(count)s events.") % {"count": series.events.count()}
            )
            return redirect("events:manage_list")
    return render(request, "events/manage_form.html", {"form": form, "title": _("New recurring event")})


@event_staff_required
def manage_edit(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    form = EventForm(request.POST or None, instance=event, editing=True)
    if request.method == "POST" and form.is_valid():
        fields = {name: form.cleaned_data[name] for name in form.fields}
        try:
            services.event_update(event=Event.objects.get(pk=event.pk), by=request.user, **fields)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("events:manage_detail", pk=event.pk)
    return render(request, "events/manage_form.html", {"form": form, "title": event.title, "event": event})


@event_staff_required
def manage_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    search = SeekerSearchForm(request.GET or None)
    found = []
    if search.is_valid() and search.cleaned_data["q"]:
        q = search.cleaned_data["q"]
        found = list(selectors.seekers_for_staff(request.user).filter(Q(name__icontains=q) | Q(phone__contains=q))[:20])
    context = {
        "event": event,
        "registrations": event.registrations.select_related("seeker").exclude(status=Registration.Status.CANCELLED),
        "participations": selectors.event_participations(event) if event.has_employers else [],
        "sessions": event.sessions.all() if event.has_attendance else [],
        "transitions": [Event.State(s) for s in services.EVENT_TRANSITIONS[event.state]],
        "search": search,
        "found": found,
    }
    record_seekers_shown(request, [*(r.seeker for r in context["registrations"]), *found])  # 접속기록
    if request.htmx and request.GET.get("q") is not None:
        return render(request, "events/manage_detail.html#seeker-search", context)
    return render(request, "events/manage_detail.html", context)


@event_staff_required
@require_POST
def manage_transition(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    form = TransitionForm(request.POST)
    if form.is_valid():
        try:
            services.event_transition(event=event, to_state=form.cleaned_data["to_state"], by=request.user)
            messages.success(
                request, _("The event is now %(state)s.") % {"state": Event.State(form.cleaned_data["to_state"]).label}
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Choose a state from the list."))
    return redirect("events:manage_detail", pk=event.pk)


@event_staff_required
@require_POST
def manage_register(request: HttpRequest, pk: int) -> HttpResponse:
    """A counselor signs a seeker up (or, with walk_in, registers and checks them in on the spot)."""
    event = selectors.get_event_for_user(request.user, pk)
    seeker = selectors.seekers_for_staff(request.user).filter(pk=id_param(request.POST.get("seeker")) or 0).first()
    walk_in = request.POST.get("walk_in") == "1"
    target = "events:manage_checkin" if walk_in else "events:manage_detail"
    if seeker is None:
        messages.error(request, _("Choose a seeker from the search results."))
        return redirect(target, pk=event.pk)
    try:
        if walk_in:
            services.walk_in_register(event=event, seeker=seeker, by=request.user)
            messages.success(request, _("%(name)s was registered and checked in.") % {"name": seeker.name})
        else:
            registration = services.registration_create(
                event=event, seeker=seeker, by=request.user, source=Registration.Source.COUNSELOR
            )
            messages.success(
                request,
                _("%(name)s is signed up (%(status)s).")
                % {"name": seeker.name, "status": registration.get_status_display()},
            )
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect(target, pk=event.pk)


@event_staff_required
@require_POST
def manage_registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk)
    if not is_confirmed(request):
        return _confirm_cancel(
            request, registration, cancel_url=reverse("events:manage_detail", args=[registration.event_id])
        )
    try:
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(request, _("The registration of %(name)s was cancelled.") % {"name": registration.seeker.name})
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("events:manage_detail", pk=registration.event_id)


def _confirm_cancel(request: HttpRequest, registration: Registration, *, cancel_url: str) -> HttpResponse:
    """Cancelling a registration asks first and says what happens (the place and any interview go)."""
    return confirm_page(
        request,
        title=_("Cancel the registration?"),
        consequence=_(
            "The registration of %(name)s for “%(event)s” is cancelled: the place goes to the next person on the "
            "waiting list and the interviews booked for the event are cancelled. Signing up again is possible "
            "only while places and sign-up are open."
        )
        % {"name": registration.seeker.name, "event": registration.event.title},
        confirm_label=_("Yes, cancel the registration"),
        cancel_url=cancel_url,
    )


# --- Counselors: employers, slots, pre-matching -------------------------------------------------------


@event_staff_required
def manage_participation_add(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    if not event.has_employers:
        raise Http404
    vacancies = (
        Vacancy.objects.filter(centre_id=event.centre_id, status=Vacancy.Status.PUBLISHED)
        .select_related("company")
        .order_by("company__name", "title")
    )
    form = ParticipationForm(request.POST or None, vacancies=vacancies)
    if request.method == "POST" and form.is_valid():
        chosen = list(form.cleaned_data["vacancies"])
        try:
            services.participation_create(
                event=event,
                company=chosen[0].company,
                vacancies=chosen,
                booth=form.cleaned_data["booth"],
                by=request.user,
                status=Participation.Status.CONFIRMED,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("%(company)s takes part.") % {"company": chosen[0].company.name})
            return redirect("events:manage_detail", pk=event.pk)
    return render(request, "events/manage_form.html", {"form": form, "title": _("Add an employer"), "event": event})


@event_staff_required
def manage_participation(request: HttpRequest, pk: int) -> HttpResponse:
    participation = selectors.get_participation_for_user(request.user, pk)
    event = participation.event
    slots_form = SlotsForm(
        initial={"first_start": event.starts_at, "last_end": event.ends_at, "minutes": 20, "interviewers": 1}
    )
    return _participation_page(
        request, participation, "events/manage_participation.html", {"slots_form": slots_form, **_staff_extra(event)}
    )


def _staff_extra(event: Event) -> dict:
    confirmed = event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("seeker")
    return {"registrations": confirmed.order_by("seeker__name")}


def _participation_page(request: HttpRequest, participation: Participation, template: str, extra: dict) -> HttpResponse:
    slots = selectors.participation_with_schedule(participation)
    on_the_spot = (
        participation.interviews.filter(slot__isnull=True).exclude(outcome="cancelled").select_related("seeker")
    )
    context = {
        "participation": participation,
        "event": participation.event,
        "vacancies": participation.vacancies.all(),
        "slots": slots,
        "on_the_spot": on_the_spot,
        "outcome_form": OutcomeForm(),
        "transitions": [Participation.Status(s) for s in services.PARTICIPATION_TRANSITIONS[participation.status]],
        **extra,
    }
    return render(request, template, context)


@event_staff_required
@require_POST
def manage_participation_transition(request: HttpRequest, pk: int) -> HttpResponse:
    participation = selectors.get_participation_for_user(request.user, pk)
    to_status = request.POST.get("to_status", "")
    if to_status not in Participation.Status.values:
        messages.error(request, _("Choose a status from the list."))
    else:
        try:
            services.participation_transition(participation=participation, to_status=to_status, by=request.user)
            messages.success(
                request, _("The participation is now %(status)s.") % {"status": Participation.Status(to_status).label}
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
    return redirect("events:manage_participation", pk=participation.pk)


@event_staff_required
@require_POST
def manage_slots_generate(request: HttpRequest, pk: int) -> HttpResponse:
    participation = selectors.get_participation_for_user(request.user, pk)
    form = SlotsForm(request.POST)
    if form.is_valid():
        try:
            slots = services.slots_generate(participation=participation, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("%(count)s slots were added.") % {"count": len(slots)})
            return redirect("events:manage_participation", pk=participation.pk)
    return _participation_page(
        request,
        participation,
        "events/manage_participation.html",
        {"slots_form": form, **_staff_extra(participation.event)},
    )


@event_staff_required
@require_POST
def manage_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    """Book a seeker into one of the event's slots (from pre-matching or a booth page)."""
    event = selectors.get_event_for_user(request.user, pk)
    slot = (
        InterviewSlot.objects.filter(participation__event=event)
        .select_related("participation__event", "participation__company")
        .filter(pk=id_param(request.POST.get("slot")) or 0)
        .first()
    )
    seeker = selectors.seekers_for_staff(request.user).filter(pk=id_param(request.POST.get("seeker")) or 0).first()
    if slot is None or seeker is None:
        messages.error(request, _("Choose a seeker and a slot."))
    else:
        vacancy = slot.participation.vacancies.filter(pk=id_param(request.POST.get("vacancy")) or 0).first()
        try:
            services.interview_schedule(slot=slot, seeker=seeker, by=request.user, vacancy=vacancy)
            messages.success(
                request,
                _("%(name)s is scheduled with %(company)s at %(time)s.")
                % {
                    "name": seeker.name,
                    "company": slot.participation.company.name,
                    "time": time_text(slot.starts_at),
                },
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
    if request.POST.get("next") == "prematching" or slot is None:
        return redirect("events:manage_prematching", pk=event.pk)
    return redirect("events:manage_participation", pk=slot.participation_id)


@event_staff_required
def manage_prematching(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    if not event.has_employers:
        raise Http404
    signed_up = selectors.seekers_for_staff(request.user).filter(
        event_registrations__event=event, event_registrations__status=Registration.Status.CONFIRMED
    )
    active = selectors.seekers_for_staff(request.user).filter(status="active")
    blocks = []
    participations = event.participations.filter(status=Participation.Status.CONFIRMED).select_related("company")
    for participation in participations.prefetch_related("vacancies"):
        free_slots = [slot for slot in participation.slots.all() if slot.free > 0]
        for vacancy in participation.vacancies.all():
            among_signed_up, scored_1 = ranked_candidates(vacancy, signed_up, limit=10)
            among_active, scored_2 = ranked_candidates(vacancy, active.exclude(pk__in=signed_up.values("pk")), limit=10)
            blocks.append(
                {
                    "participation": participation,
                    "vacancy": vacancy,
                    "signed_up": among_signed_up,
                    "active": among_active,
                    "by_scorer": scored_1 and scored_2,
                    "free_slots": free_slots,
                }
            )
    return render(request, "events/manage_prematching.html", {"event": event, "blocks": blocks})


# --- Counselors: on the day ----------------------------------------------------------------------------


@event_staff_required
def manage_checkin(request: HttpRequest, pk: int) -> HttpResponse:
    """Check people in by code (typed, or scanned: the QR code opens this page with ?code=) or by name."""
    event = selectors.get_event_for_user(request.user, pk)
    form = CheckInForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    checked = None
    if request.method == "POST":
        registration_id = id_param(request.POST.get("registration"))
        registration = None
        if registration_id:
            registration = event.registrations.select_related("seeker").filter(pk=registration_id).first()
        elif form.is_valid():
            registration = event.registrations.select_related("seeker").filter(code=form.cleaned_data["code"]).first()
            if registration is None:
                form.add_error("code", _("No registration for this event has this code."))
        if registration is not None:
            try:
                checked = services.registration_check_in(registration=registration, by=request.user)
                messages.success(request, _("%(name)s is checked in.") % {"name": checked.seeker.name})
                return redirect("events:manage_checkin", pk=event.pk)
            except ValidationError as error:
                form.add_error(None, error)
    search = SeekerSearchForm(request.GET or None)
    results, walk_in_candidates = [], []
    if search.is_valid() and search.cleaned_data["q"]:
        q = search.cleaned_data["q"]
        results = list(
            event.registrations.exclude(status=Registration.Status.CANCELLED)
            .filter(Q(seeker__name__icontains=q) | Q(seeker__phone__contains=q))
            .select_related("seeker")[:20]
        )
        registered = [r.seeker_id for r in results]
        walk_in_candidates = list(
            selectors.seekers_for_staff(request.user)
            .filter(Q(name__icontains=q) | Q(phone__contains=q))
            .exclude(pk__in=registered)[:10]
        )
    counts = event.registrations.exclude(status=Registration.Status.CANCELLED).aggregate(
        confirmed=_count(Q(status=Registration.Status.CONFIRMED)), checked_in=_count(Q(checked_in_at__isnull=False))
    )
    context = {
        "event": event,
        "form": form,
        "search": search,
        "results": results,
        "walk_in_candidates": walk_in_candidates,
        "counts": counts,
    }
    record_seekers_shown(request, [*(r.seeker for r in results), *walk_in_candidates])  # 접속기록
    if request.htmx and request.method == "GET" and "q" in request.GET:
        return render(request, "events/manage_checkin.html#search-results", context)
    return render(request, "events/manage_checkin.html", context)


def _count(condition: Q):
    from django.db.models import Count

    return Count("pk", filter=condition)


@event_staff_required
def manage_attendance(request: HttpRequest, pk: int) -> HttpResponse:
    event_ids = selectors.events_for_user(request.user).values("pk")
    from events.models import EventSession

    session = EventSession.objects.filter(event__in=event_ids).select_related("event").filter(pk=pk).first()
    if session is None:
        raise Http404
    registrations = session.event.registrations.filter(status=Registration.Status.CONFIRMED).select_related("seeker")
    if request.method == "POST":
        present = [id_param(value) for value in request.POST.getlist("present") if id_param(value)]
        try:
            count = services.attendance_record(session=session, present_ids=present, by=request.user)
        except ValidationError as error:
            messages.error(request, _error_text(error))
        else:
            messages.success(request, _("Attendance saved: %(count)s present.") % {"count": count})
        return redirect("events:manage_attendance", pk=session.pk)
    present = set(session.attendances.filter(present=True).values_list("registration_id", flat=True))
    record_seekers_shown(request, [registration.seeker for registration in registrations])  # 접속기록
    return render(
        request,
        "events/manage_attendance.html",
        {"session": session, "event": session.event, "registrations": registrations, "present": present},
    )


@event_staff_required
def manage_report(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    return render(request, "events/manage_report.html", {"event": event, "report": event_report(event)})


@event_staff_required
def manage_report_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    content = event_report_xlsx(event_report(event))
    return FileResponse(
        io.BytesIO(content),
        as_attachment=True,
        filename=download_name(_("Event report"), event.title, date_iso(event.starts_at), extension="xlsx"),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@event_staff_required
def manage_report_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_event_for_user(request.user, pk)
    return FileResponse(
        io.BytesIO(event_report_pdf(event_report(event))),
        as_attachment=True,
        filename=download_name(_("Event report"), event.title, date_iso(event.starts_at), extension="pdf"),
        content_type="application/pdf",
    )


# --- Interview outcomes (employers and staff) ---------------------------------------------------------


@outcome_recorders_required
@require_POST
def interview_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    interview = selectors.get_interview_for_user(request.user, pk)
    form = OutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.interview_record_outcome(
                interview=interview, outcome=form.cleaned_data["outcome"], by=request.user
            )
            messages.success(
                request,
                _("%(name)s: %(outcome)s")
                % {"name": interview.seeker.name, "outcome": Interview.Outcome(form.cleaned_data["outcome"]).label},
            )
        except ValidationError as error:
            messages.error(request, _error_text(error))
    else:
        messages.error(request, _("Choose an outcome from the list."))
    if request.user.is_employer:
        return redirect("events:employer_participation", pk=interview.participation_id)
    return redirect("events:manage_participation", pk=interview.participation_id)


@event_staff_required
@require_http_methods(["GET", "POST"])
def interview_correct(request: HttpRequest, pk: int) -> HttpResponse:
    """Correct a recorded outcome: a confirmation step that says what will happen and asks why (no JavaScript)."""
    from matching.forms import CorrectionForm

    interview = selectors.get_interview_for_user(request.user, pk)
    form = CorrectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.interview_correct_outcome(interview=interview, by=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The outcome was undone. Record the right outcome now."))
            return redirect("events:manage_participation", pk=interview.participation_id)
    return render(
        request,
        "events/interview_correct.html",
        {"interview": interview, "form": form},
        status=400 if request.method == "POST" else 200,
    )


# --- The public calendar and seekers ------------------------------------------------------------------


def calendar(request: HttpRequest) -> HttpResponse:
    events = selectors.public_events().order_by("starts_at")
    kind = request.GET.get("kind", "")
    if kind in EventKind.values:
        events = events.filter(kind=kind)
    return render(request, "events/calendar.html", {"events": events[:100], "kinds": EventKind.choices, "kind": kind})


def public_detail(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_public_event(pk)
    seeker = selectors.seeker_of(request.user)
    registration = None
    if seeker is not None:
        with current_reads():  # the page may lag, the viewer's own sign-up may not (jobcenter/db_router.py)
            registration = selectors.live_registration(event, seeker)
    return render(
        request,
        "events/public_detail.html",
        {
            "event": event,
            "seeker": seeker,
            "registration": registration,
            "problem": services.sign_up_problem(event),
            "sessions": event.sessions.all(),
        },
    )


@seeker_required
@require_POST
def sign_up(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_public_event(pk)
    seeker = selectors.seeker_of(request.user)
    if seeker is None:
        messages.error(request, _("Register as a job seeker first; then you can sign up for events."))
        return redirect("events:public_detail", pk=event.pk)
    existing = selectors.live_registration(event, seeker)
    if existing is not None:  # a second click, or the page sent again: their sign-up, not an error (nor a rollback)
        messages.info(request, _("You have already signed up for this event."))
        return redirect("events:my_registration", pk=existing.pk)
    try:
        registration = services.registration_create(event=event, seeker=seeker, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
        return redirect("events:public_detail", pk=event.pk)
    if registration.status == Registration.Status.WAITLISTED:
        messages.warning(request, _("The event is full: you are on the waiting list."))
    else:
        messages.success(request, _("You are signed up."))
    return redirect("events:my_registration", pk=registration.pk)


@seeker_required
def my_registrations(request: HttpRequest) -> HttpResponse:
    registrations = selectors.registrations_for_user(request.user).select_related("event").order_by("-event__starts_at")
    return render(request, "events/my_registrations.html", {"registrations": registrations})


@seeker_required
def my_registration(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk)
    checkin_url = request.build_absolute_uri(
        reverse("events:manage_checkin", kwargs={"pk": registration.event_id}) + f"?code={registration.code}"
    )
    interviews = registration.interviews.exclude(outcome="cancelled").select_related(
        "participation__company", "vacancy"
    )
    return render(
        request,
        "events/my_registration.html",
        {
            "registration": registration,
            "event": registration.event,
            "qr": qr_data_uri(checkin_url) if registration.status == Registration.Status.CONFIRMED else None,
            "interviews": interviews,
        },
    )


@seeker_required
@require_POST
def my_registration_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk)
    if not is_confirmed(request):
        return _confirm_cancel(
            request, registration, cancel_url=reverse("events:my_registration", args=[registration.pk])
        )
    try:
        services.registration_cancel(registration=registration, by=request.user)
        messages.success(request, _("Your registration was cancelled."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("events:my_registrations")


@registration_readers_required
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    registration = selectors.get_registration_for_user(request.user, pk)
    if registration.completed_at is None:
        raise Http404
    # A PDF is not read by the access log's middleware (it reads text responses): its name and birth date, recorded
    # here when staff print it.
    record_seekers_shown(request, [registration.seeker], action=AccessRecord.Action.EXPORT)
    return FileResponse(
        io.BytesIO(certificate_pdf(registration)),
        filename=download_name(_("Certificate of completion"), registration.seeker.name, extension="pdf"),
        content_type="application/pdf",
    )


# --- Employers --------------------------------------------------------------------------------------------


@employer_required
def employer_events(request: HttpRequest) -> HttpResponse:
    company = selectors.company_of(request.user)
    participations = (
        selectors.participations_for_user(request.user).select_related("event").order_by("-event__starts_at")
    )
    taken = participations.exclude(status__in=["declined", "withdrawn"]).values("event_id")
    open_events = (
        selectors.public_events()
        .filter(kind__in=EventKind.with_employers(), state__in=[Event.State.PLANNED, Event.State.OPEN])
        .exclude(pk__in=taken)
        .order_by("starts_at")[:50]
    )
    return render(
        request,
        "events/employer_events.html",
        {
            "company": company,
            "participations": participations,
            "open_events": open_events if company else [],
            "room_requests": selectors.room_requests_for_user(request.user).select_related("event")[:20],
        },
    )


@employer_required
def employer_apply(request: HttpRequest, pk: int) -> HttpResponse:
    event = selectors.get_public_event(pk)
    company = selectors.company_of(request.user)
    if company is None or not event.has_employers:
        raise Http404
    vacancies = company.vacancies.filter(status=Vacancy.Status.PUBLISHED)
    form = EmployerApplyForm(request.POST or None, vacancies=vacancies)
    if request.method == "POST" and form.is_valid():
        try:
            participation = services.participation_create(
                event=event,
                company=company,
                vacancies=form.cleaned_data["vacancies"],
                note=form.cleaned_data["note"],
                by=request.user,
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your application was sent to the centre."))
            return redirect("events:employer_participation", pk=participation.pk)
    return render(request, "events/employer_apply.html", {"event": event, "form": form, "company": company})


@employer_required
def employer_participation(request: HttpRequest, pk: int) -> HttpResponse:
    participation = selectors.get_participation_for_user(request.user, pk)
    return _participation_page(request, participation, "events/employer_participation.html", {})


# --- Series as a whole ----------------------------------------------------------------------------------


@event_staff_required
def manage_series_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Change all future dates of a series at once; held and past dates keep what happened."""
    series = selectors.get_series_for_user(request.user, pk)
    form = SeriesEditForm(request.POST or None, instance=series)
    upcoming = series.events.filter(state__in=services.LIVE_STATES, starts_at__gt=timezone.now()).order_by("starts_at")
    if request.method == "POST" and form.is_valid():
        try:
            changed = services.series_update(series=series, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The series was saved: %(count)s future events changed.") % {"count": changed})
            return redirect("events:manage_series_edit", pk=series.pk)
    return render(request, "events/manage_series.html", {"series": series, "form": form, "upcoming": upcoming})


@event_staff_required
@require_POST
def manage_series_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    series = selectors.get_series_for_user(request.user, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Cancel the series"),
            consequence=_(
                "Every date still to come is cancelled and everyone signed up is told. This cannot be undone."
            ),
            confirm_label=_("Cancel all future dates"),
            cancel_url=reverse("events:manage_series_edit", args=[series.pk]),
        )
    try:
        cancelled = services.series_cancel(series=series, by=request.user)
    except ValidationError as error:
        messages.error(request, _error_text(error))
    else:
        messages.success(
            request, _("The series was cancelled: %(count)s future events cancelled.") % {"count": cancelled}
        )
    return redirect("events:manage_series_edit", pk=series.pk)


# --- Walk-ins who never registered ------------------------------------------------------------------------


@event_staff_required
def manage_walk_in(request: HttpRequest, pk: int) -> HttpResponse:
    """Register a person at the door as a job seeker (consent taken by the staff member) and check them in."""
    event = selectors.get_event_for_user(request.user, pk)
    booths = Booth.objects.filter(centre_id=event.centre_id, is_active=True).order_by("name")
    form = WalkInForm(request.POST or None, booths=booths, initial={"name": request.GET.get("q", "")})
    if request.method == "POST" and form.is_valid():
        try:
            registration = services.walk_in_register_new(
                event=event,
                by=request.user,
                booth=form.cleaned_data["booth"],
                data=form.seeker_data(),
                consents=form.consents(),
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was registered as a job seeker and checked in (code %(code)s).")
                % {"name": registration.seeker.name, "code": registration.code},
            )
            return redirect("events:manage_checkin", pk=event.pk)
    return render(request, "events/manage_walk_in.html", {"event": event, "form": form})


# --- On-the-spot interviews (job fairs) -------------------------------------------------------------------


@outcome_recorders_required
def on_the_spot(request: HttpRequest, pk: int) -> HttpResponse:
    """Record an interview without a slot at a booth: staff, or the employer at its own booth."""
    participation = selectors.get_participation_for_user(request.user, pk)
    event = participation.event
    staff = request.user.is_centre_staff
    if not event.has_employers or participation.status != Participation.Status.CONFIRMED:
        raise Http404
    checked_in = list(selectors.checked_in_registrations(event).order_by("seeker__name")) if staff else None
    form = OnTheSpotForm(request.POST or None, vacancies=participation.vacancies.all(), checked_in=checked_in)
    if request.method == "POST" and form.is_valid():
        registrations = selectors.checked_in_registrations(event)
        if form.cleaned_data.get("registration"):
            registration = registrations.filter(pk=form.cleaned_data["registration"]).first()
        else:
            registration = event.registrations.select_related("seeker").filter(code=form.cleaned_data["code"]).first()
        if registration is None:
            form.add_error("code", _("Nobody registered for this event has this code."))
        else:
            try:
                interview = services.interview_record_on_the_spot(
                    participation=participation,
                    registration=registration,
                    vacancy=form.cleaned_data["vacancy"],
                    outcome=form.cleaned_data["outcome"],
                    by=request.user,
                )
            except ValidationError as error:
                _apply_errors(form, error)
            else:
                messages.success(
                    request,
                    _("Interview with %(name)s recorded: %(outcome)s.")
                    % {"name": registration.seeker.name, "outcome": interview.get_outcome_display()},
                )
                return redirect("events:on_the_spot", pk=participation.pk)
    interviews = (
        participation.interviews.filter(slot__isnull=True)
        .exclude(outcome=Interview.Outcome.CANCELLED)
        .select_related("seeker", "vacancy")
        .order_by("-created_at")
    )
    back = "events:manage_participation" if staff else "events:employer_participation"
    return render(
        request,
        "events/on_the_spot.html",
        {
            "participation": participation,
            "event": event,
            "form": form,
            "interviews": interviews,
            "outcome_form": OutcomeForm(),
            "back_url": reverse(back, kwargs={"pk": participation.pk}),
        },
    )


# --- The permanent interview room: employers ask, counselors decide -----------------------------------------


@employer_required
def employer_room_request_create(request: HttpRequest) -> HttpResponse:
    company = selectors.company_of(request.user)
    if company is None:
        raise Http404
    vacancies = company.vacancies.filter(status=Vacancy.Status.PUBLISHED).order_by("title")
    form = RoomRequestForm(request.POST or None, vacancies=vacancies)
    if request.method == "POST" and form.is_valid():
        try:
            room_request = services.room_request_create(
                company=company,
                by=request.user,
                vacancies=form.cleaned_data["vacancies"],
                preferred_dates=form.preferred_dates(),
                start_time=form.cleaned_data["start_time"],
                end_time=form.cleaned_data["end_time"],
                interviewers=form.cleaned_data["interviewers"],
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("Your request was sent to the centre."))
            return redirect("events:employer_room_request", pk=room_request.pk)
    return render(request, "events/employer_room_request_form.html", {"form": form, "company": company})


@employer_required
def employer_room_request(request: HttpRequest, pk: int) -> HttpResponse:
    room_request = selectors.get_room_request_for_user(request.user, pk)
    participation = None
    if room_request.event_id:
        participation = room_request.event.participations.filter(company=room_request.company).first()
    return render(
        request,
        "events/employer_room_request.html",
        {"room_request": room_request, "participation": participation},
    )


@employer_required
@require_POST
def employer_room_request_withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    room_request = selectors.get_room_request_for_user(request.user, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Withdraw the request?"),
            consequence=_("The centre stops looking for a date for your interviews."),
            confirm_label=_("Withdraw the request"),
            cancel_url=reverse("events:employer_room_request", args=[room_request.pk]),
        )
    try:
        services.room_request_withdraw(request=room_request, by=request.user)
        messages.success(request, _("Your request was withdrawn."))
    except ValidationError as error:
        messages.error(request, _error_text(error))
    return redirect("events:employer_room_request", pk=room_request.pk)


@event_staff_required
def manage_room_requests(request: HttpRequest) -> HttpResponse:
    requests = (
        selectors.room_requests_for_user(request.user)
        .select_related("company", "event")
        .prefetch_related("vacancies")
        .order_by("-created_at")
    )
    show = request.GET.get("show", "open")
    if show != "all":
        requests = requests.filter(status=RoomRequest.Status.REQUESTED)
    return render(request, "events/manage_room_requests.html", {"room_requests": requests[:200], "show": show})


@event_staff_required
def manage_room_request(request: HttpRequest, pk: int) -> HttpResponse:
    room_request = selectors.get_room_request_for_user(request.user, pk)
    return _room_request_page(request, room_request)


def _room_request_page(
    request: HttpRequest, room_request: RoomRequest, accept_form=None, decline_form=None
) -> HttpResponse:
    accept_form = accept_form or RoomAcceptForm(
        request=room_request,
        initial={
            "start_time": room_request.start_time,
            "end_time": room_request.end_time,
            "venue": services.ROOM_VENUE,
            "slot_minutes": 30,
        },
    )
    return render(
        request,
        "events/manage_room_request.html",
        {
            "room_request": room_request,
            "accept_form": accept_form,
            "decline_form": decline_form or RoomDeclineForm(prefix="decline"),
            "log": room_request.log.select_related("by"),
        },
    )


@event_staff_required
@require_POST
def manage_room_request_accept(request: HttpRequest, pk: int) -> HttpResponse:
    room_request = selectors.get_room_request_for_user(request.user, pk)
    form = RoomAcceptForm(request.POST, request=room_request)
    if form.is_valid():
        try:
            room_request = services.room_request_accept(request=room_request, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The room is given. Now invite matching job seekers into the slots."))
            return redirect("events:manage_prematching", pk=room_request.event_id)
    return _room_request_page(request, room_request, accept_form=form)


@event_staff_required
@require_POST
def manage_room_request_decline(request: HttpRequest, pk: int) -> HttpResponse:
    room_request = selectors.get_room_request_for_user(request.user, pk)
    form = RoomDeclineForm(request.POST, prefix="decline")
    if form.is_valid():
        try:
            services.room_request_decline(request=room_request, by=request.user, comment=form.cleaned_data["comment"])
        except ValidationError as error:
            _apply_errors(form, error)
        else:
            messages.success(request, _("The request was declined; the employer was told why."))
            return redirect("events:manage_room_requests")
    return _room_request_page(request, room_request, decline_form=form)
