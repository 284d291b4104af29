"""Seekers: registration (web and booth), the case page, consultations, visit bookings, search, import."""

import datetime
import json
from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from jobcenter.confirm import confirm_page, is_confirmed
from jobcenter.formatting import datetime_text
from jobcenter.hooks import TimelineEntry, collect
from jobcenter.layout import kept_page
from jobcenter.models import STAFF_ROLES, Role, User
from jobcenter.params import date_param, id_param
from jobcenter.permissions import counselor_required, manager_required, role_required, seeker_required, staff_required
from jobcenter.security.backends import PASSWORD_BACKEND
from seekers import selectors, services
from seekers.case_page import case_page
from seekers.forms import (
    AssignForm,
    BookingOutcomeForm,
    CareerFormSet,
    CertificateFormSet,
    ClaimForm,
    ConsultationForm,
    ImportForm,
    RegistrationForm,
    RescheduleForm,
    SearchForm,
    SignupForm,
    SlotChoiceForm,
    StatusForm,
    row_data,
)
from seekers.importing import check_rows, read_table, seekers_import
from seekers.models import AccessRecord, Booking, ConsentText, Consultation, Seeker

TIMELINE_PAGE = 10
MAX_TIMELINE_PAGE = 1000  # a page number past this (typed into the address) shows this page
LIST_PAGE = 25
importer_required = role_required(Role.COUNSELOR, Role.ADMINISTRATOR)


def _form_errors(form, error: ValidationError) -> None:
    """Put a service's ValidationError on the form (per field when it names one)."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- the resident ------------------------------------------------------------------------------------


@seeker_required
def home(request: HttpRequest) -> HttpResponse:
    """The resident's own page: registration, bookings, consents, and what other apps add."""
    seeker = selectors.own_seeker(request.user)
    context: dict = {"seeker": seeker}
    if seeker is not None:
        context["bookings"] = seeker.bookings.filter(
            status=Booking.Status.BOOKED, starts_at__gte=timezone.now()
        ).select_related("booth")
        context["panels"] = sorted(collect("seeker_home_panels", seeker, request.user), key=lambda panel: panel.order)
        if seeker.status == Seeker.Status.ACTIVE:
            expires_at = seeker.last_activity_at + services.expiry_delta()
            if seeker.expired_at is not None or expires_at - timezone.now() <= EXPIRY_WARNING:
                context["expires_at"] = expires_at
    return render(request, "seekers/home.html", context)


# How long before a registration lapses for want of activity the resident's page warns of it.
EXPIRY_WARNING = datetime.timedelta(days=30)


def signup(request: HttpRequest) -> HttpResponse:
    """A resident makes an account, then fills in the registration form."""
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = User(
            username=form.cleaned_data["username"],
            role=Role.SEEKER,
            email=form.cleaned_data["email"],
            last_name=form.cleaned_data["last_name"],
            first_name=form.cleaned_data["first_name"],
        )
        try:
            from django.contrib.auth.password_validation import validate_password

            validate_password(form.cleaned_data["password"], user)
        except ValidationError as error:
            form.add_error("password", error)
        else:
            user.set_password(form.cleaned_data["password"])
            user.save()
            login(request, user, backend=PASSWORD_BACKEND)
            return redirect("seekers:register_self")
    return render(request, "seekers/signup.html", {"form": form})


def _registration_forms(request: HttpRequest, *, booths, instance=None, with_consents=True, initial=None):
    data = request.POST if request.method == "POST" else None
    form = RegistrationForm(data, booths=booths, instance=instance, with_consents=with_consents, initial=initial)
    careers = CareerFormSet(data, prefix="career", initial=_rows(instance, "careers"))
    certificates = CertificateFormSet(data, prefix="certificate", initial=_rows(instance, "certificates"))
    return form, careers, certificates


def _rows(instance, relation: str) -> list[dict]:
    if instance is None:
        return []
    fields = {
        "careers": ["company", "occupation", "started_on", "ended_on", "duties"],
        "certificates": ["kind", "name", "acquired_on"],
    }[relation]
    return list(getattr(instance, relation).values(*fields))


@seeker_required
def register_self(request: HttpRequest) -> HttpResponse:
    """구직등록 on the web by the resident, with their account."""
    if selectors.own_seeker(request.user) is not None:
        messages.info(request, _("You are already registered."))
        return redirect("seekers:home")
    initial = {"name": request.user.get_full_name(), "email": request.user.email}
    form, careers, certificates = _registration_forms(
        request, booths=selectors.booths_for_user(request.user), initial=initial
    )
    if request.method == "POST" and form.is_valid() and careers.is_valid() and certificates.is_valid():
        try:
            services.seeker_register(
                by=request.user,
                booth=form.cleaned_data["booth"],
                data=form.seeker_data(),
                consents=form.consents(),
                desired_occupations=form.cleaned_data["desired_occupations"],
                desired_regions=form.cleaned_data["desired_regions"],
                careers=row_data(careers),
                certificates=row_data(certificates),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("You are registered. You can now book a visit consultation."))
            return redirect("seekers:home")
    return render(
        request,
        "seekers/register.html",
        {"form": form, "careers": careers, "certificates": certificates, "self_registration": True},
    )


@seeker_required
def my_profile(request: HttpRequest) -> HttpResponse:
    """The resident keeps their registration form up to date."""
    seeker = selectors.own_seeker(request.user)
    if seeker is None:
        return redirect("seekers:register_self")
    return _edit(request, seeker, done=reverse("seekers:home"))


@seeker_required
def consents(request: HttpRequest) -> HttpResponse:
    """The resident sees, gives and withdraws consents."""
    seeker = selectors.own_seeker(request.user)
    if seeker is None:
        return redirect("seekers:register_self")
    if request.method == "POST":
        kind = request.POST.get("kind", "")
        action = request.POST.get("action", "")
        if kind not in ConsentText.Kind.values or action not in ("give", "withdraw"):
            messages.error(request, _("Choose a consent and what to do with it."))
        elif action == "give":
            try:
                services.consent_give(seeker=seeker, kind=kind, by=None)
                messages.success(request, _("Thank you: your consent is recorded."))
            except ValidationError as error:
                messages.error(request, " ".join(error.messages))
        elif kind == ConsentText.Kind.COLLECTION and not is_confirmed(request):
            # Withdrawing the required consent ends the registration and erases the data: ask first.
            return confirm_page(
                request,
                title=_("Withdraw the required consent?"),
                consequence=_(
                    "Without the consent to collect and use your personal data the centre cannot keep your "
                    "registration: it ends now, your personal data are erased, your referrals and bookings "
                    "stop, and this cannot be undone. You can register again later."
                ),
                confirm_label=_("Yes, withdraw and erase my data"),
                cancel_url=reverse("seekers:consents"),
            )
        elif not is_confirmed(request):
            return confirm_page(
                request,
                title=_("Withdraw this consent?"),
                consequence=_(
                    "From now on the centre acts as if you had not agreed. You can agree again here at any time."
                ),
                confirm_label=_("Yes, withdraw"),
                cancel_url=reverse("seekers:consents"),
            )
        else:
            services.consent_withdraw(seeker=seeker, kind=kind, by=request.user)
            if kind == ConsentText.Kind.COLLECTION:
                messages.success(request, _("Your registration is closed and your personal data erased."))
                return redirect("seekers:home")
            messages.success(request, _("Your consent is withdrawn."))
        return redirect("seekers:consents")
    active = {
        consent.kind: consent for consent in seeker.consents.filter(withdrawn_at__isnull=True).select_related("text")
    }
    rows = [
        {"kind": kind, "label": label, "consent": active.get(kind), "text": services.consent_text_current(kind)}
        for kind, label in ConsentText.Kind.choices
    ]
    return render(request, "seekers/consents.html", {"seeker": seeker, "rows": rows})


def claim(request: HttpRequest) -> HttpResponse:
    """A resident registered at a booth makes their account with the one-time code."""
    if request.user.is_authenticated:
        return redirect("home")
    form = ClaimForm(request.POST or None, initial={"code": request.GET.get("code", "")})
    if request.method == "POST" and form.is_valid():
        try:
            user = services.seeker_claim(
                code=form.cleaned_data["code"],
                birth_date=form.cleaned_data["birth_date"],
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password"],
                email=form.cleaned_data["email"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            login(request, user, backend=PASSWORD_BACKEND)
            messages.success(request, _("Your account is ready."))
            return redirect("seekers:home")
    return render(request, "seekers/claim.html", {"form": form})


# --- bookings ----------------------------------------------------------------------------------------


def _slots_context(form: SlotChoiceForm) -> dict:
    booth = day = None
    if form.is_bound:
        form.is_valid()
        booth, day = form.cleaned_data.get("booth"), form.cleaned_data.get("day")
    slots = services.booth_slots(booth=booth, day=day) if booth and day else []
    return {
        "booth": booth,
        "day": day,
        "slots": slots,
        "holiday": bool(day and services.is_holiday(day)),
        "weekend": bool(day and day.weekday() >= 5),
        "free_count": sum(slot.free for slot in slots),
        # A past day is refused by the form; say so where the times would be, also when htmx loads only them.
        "day_errors": form.errors.get("day", []) if form.is_bound else [],
    }


def _book(request: HttpRequest, *, seeker: Seeker, channel: str, done: str) -> HttpResponse:
    booths = selectors.booths_for_user(request.user)
    if request.user.is_seeker:
        booths = booths.filter(centre_id=seeker.centre_id)
    data = request.POST if request.method == "POST" else (request.GET if "booth" in request.GET else None)
    today = timezone.localdate()
    home_booth = booths.filter(pk=seeker.booth_id).first()
    first_day = services.booth_next_open_day(booth=home_booth, start=today) if home_booth and data is None else today
    form = SlotChoiceForm(data, booths=booths, initial={"booth": seeker.booth_id, "day": first_day})
    if request.method == "POST" and form.is_valid():
        if not form.cleaned_data.get("slot"):
            form.add_error("slot", _("Choose a free time."))
        else:
            try:
                booking = services.booking_create(
                    seeker=seeker,
                    booth=form.cleaned_data["booth"],
                    starts_at=form.cleaned_data["slot"],
                    by=request.user,
                    channel=channel,
                    topic=form.cleaned_data["topic"],
                )
            except ValidationError as error:
                form.add_error("slot", error)
            else:
                when = timezone.localtime(booking.starts_at)
                messages.success(
                    request,
                    _("Your visit is booked for %(when)s at %(booth)s.")
                    % {"when": datetime_text(when, weekday=True), "booth": booking.booth.name},
                )
                return redirect(done)
    context = {"form": form, "seeker": seeker, **_slots_context(form)}
    template = "seekers/book.html#slots" if request.htmx and request.method == "GET" else "seekers/book.html"
    return render(request, template, context)


@seeker_required
def book(request: HttpRequest) -> HttpResponse:
    """The resident books a visit consultation."""
    seeker = selectors.own_seeker(request.user)
    if seeker is None:
        return redirect("seekers:register_self")
    if seeker.status == Seeker.Status.CLOSED:
        messages.error(request, _("A closed registration cannot book a visit."))
        return redirect("seekers:home")
    return _book(request, seeker=seeker, channel=Booking.Channel.WEB, done=reverse("seekers:home"))


@staff_required
def booking_new(request: HttpRequest, pk: int) -> HttpResponse:
    """A counselor books a slot for a caller."""
    seeker = selectors.get_seeker_for_user(request.user, pk)
    return _book(request, seeker=seeker, channel=Booking.Channel.PHONE, done=reverse("seekers:case", args=[pk]))


def _after_booking(request: HttpRequest, booking: Booking) -> str:
    if request.user.is_seeker:
        return reverse("seekers:home")
    return reverse("seekers:case", args=[booking.seeker_id])


@role_required(Role.SEEKER, *STAFF_ROLES)
@require_POST
def booking_cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.get_booking_for_user(request.user, pk)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Cancel the visit?"),
            consequence=_("The visit on %(when)s at %(booth)s is cancelled and the time is freed for others.")
            % {"when": datetime_text(booking.starts_at), "booth": booking.booth.name},
            confirm_label=_("Yes, cancel the visit"),
            cancel_url=_after_booking(request, booking),
        )
    try:
        services.booking_cancel(booking=booking, by=request.user)
        messages.success(request, _("The visit is cancelled."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect(_after_booking(request, booking))


@role_required(Role.SEEKER, *STAFF_ROLES)
def booking_reschedule(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.get_booking_for_user(request.user, pk)
    if booking.status != Booking.Status.BOOKED:
        messages.error(request, _("Only a booked visit can be moved."))
        return redirect(_after_booking(request, booking))
    data = request.POST if request.method == "POST" else (request.GET if "day" in request.GET else None)
    form = RescheduleForm(data, initial={"day": timezone.localtime(booking.starts_at).date()})
    day = None
    if form.is_bound and form.is_valid():
        day = form.cleaned_data["day"]
        if request.method == "POST":
            if not form.cleaned_data.get("slot"):
                form.add_error("slot", _("Choose a free time."))
            else:
                try:
                    services.booking_reschedule(booking=booking, starts_at=form.cleaned_data["slot"], by=request.user)
                except ValidationError as error:
                    form.add_error("slot", error)
                else:
                    messages.success(request, _("The visit is moved."))
                    return redirect(_after_booking(request, booking))
    slots = services.booth_slots(booth=booking.booth, day=day) if day else []
    return render(
        request,
        "seekers/reschedule.html",
        {
            "form": form,
            "booking": booking,
            "slots": slots,
            "day": day,
            "holiday": bool(day and services.is_holiday(day)),
        },
    )


@counselor_required
@require_POST
def booking_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    booking = selectors.get_booking_for_user(request.user, pk)
    form = BookingOutcomeForm(request.POST)
    if form.is_valid():
        try:
            services.booking_set_outcome(booking=booking, status=form.cleaned_data["status"], by=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose an outcome."))
    return redirect(f"{reverse('seekers:day')}?day={timezone.localtime(booking.starts_at).date():%Y-%m-%d}")


@staff_required
def day(request: HttpRequest) -> HttpResponse:
    """The counselor's day: the bookings of each booth of their centre."""
    chosen = date_param(request.GET.get("day")) or timezone.localdate()
    booths = selectors.booths_for_user(request.user)
    booth_id = id_param(request.GET.get("booth"))
    if booth_id:
        booths = booths.filter(pk=booth_id)
    bookings = list(selectors.bookings_for_day(booths=booths, day=chosen))
    by_booth: dict = {}
    for booking in bookings:
        by_booth.setdefault(booking.booth, []).append(booking)
    return render(
        request,
        "seekers/day.html",
        {
            "day": chosen,
            "previous": chosen - datetime.timedelta(days=1),
            "next": chosen + datetime.timedelta(days=1),
            "by_booth": by_booth,
            "booths": selectors.booths_for_user(request.user),
            "booth_id": booth_id,
            "holiday": services.is_holiday(chosen),
            "outcome_form": BookingOutcomeForm(),
        },
    )


# --- staff: registration and the case page ------------------------------------------------------------


@staff_required
def register(request: HttpRequest) -> HttpResponse:
    """A counselor registers a walk-in or a caller at a booth; possible duplicates are shown first."""
    booths = selectors.booths_for_user(request.user)
    form, careers, certificates = _registration_forms(request, booths=booths, initial={"booth": request.user.booth_id})
    duplicates = []
    if request.method == "POST" and form.is_valid() and careers.is_valid() and certificates.is_valid():
        duplicates = list(
            services.possible_duplicates(
                selectors.seekers_for_user(request.user),
                name=form.cleaned_data["name"],
                birth_date=form.cleaned_data["birth_date"],
                phone=form.cleaned_data["phone"],
            )
        )
        if not duplicates or request.POST.get("confirm_duplicate"):
            try:
                seeker = services.seeker_register(
                    by=request.user,
                    booth=form.cleaned_data["booth"],
                    data=form.seeker_data(),
                    consents=form.consents(),
                    desired_occupations=form.cleaned_data["desired_occupations"],
                    desired_regions=form.cleaned_data["desired_regions"],
                    careers=row_data(careers),
                    certificates=row_data(certificates),
                    consent_channel=request.POST.get("consent_channel") or None,
                    # the counselor saw the possible duplicates (none, or confirmed another person)
                    allow_duplicate=True,
                )
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("%(name)s is registered.") % {"name": seeker.name})
                return redirect("seekers:case", pk=seeker.pk)
    return render(
        request,
        "seekers/register.html",
        {"form": form, "careers": careers, "certificates": certificates, "duplicates": duplicates},
    )


@dataclass
class TimelinePage:
    """One page of a seeker's timeline, newest first, and whether older entries follow."""

    entries: list[TimelineEntry]
    number: int
    has_next: bool

    def __iter__(self):
        return iter(self.entries)

    @property
    def next_page_number(self) -> int:
        return self.number + 1


def _timeline_page(seeker: Seeker, page: str | None) -> TimelinePage:
    """Page `page` of the timeline: the first for a missing or bad number, the last for one past the end. Each source
    gives only its newest entries up to the end of this page, so a long history costs what the page shows."""
    number = min(id_param(page) or 1, MAX_TIMELINE_PAGE)
    entries = _timeline(seeker, limit=number * TIMELINE_PAGE + 1)  # one more: are there older ones?
    number = min(number, max(1, -(-len(entries) // TIMELINE_PAGE)))
    start = (number - 1) * TIMELINE_PAGE
    return TimelinePage(
        entries[start : start + TIMELINE_PAGE], number=number, has_next=len(entries) > number * TIMELINE_PAGE
    )


def _timeline(seeker: Seeker, limit: int) -> list[TimelineEntry]:
    """The seeker's newest `limit` entries from every source, newest first (each read names the columns shown)."""
    consultations = seeker.consultations.only("seeker", "started_at", "channel", "topics", "notes")
    bookings = seeker.bookings.select_related("booth").only("seeker", "starts_at", "status", "topic", "booth__name")
    entries = [
        TimelineEntry(
            at=consultation.started_at,
            kind="consultation",
            title=_("Consultation (%(channel)s)") % {"channel": consultation.get_channel_display()},
            detail=", ".join(str(Consultation.Topic(topic).label) for topic in consultation.topics)
            + (f" — {consultation.notes}" if consultation.notes else ""),
        )
        for consultation in consultations.order_by("-started_at", "-pk")[:limit]
    ]
    entries += [
        TimelineEntry(
            at=booking.starts_at,
            kind="booking",
            title=_("Visit booking at %(booth)s: %(status)s")
            % {"booth": booking.booth.name, "status": booking.get_status_display()},
            detail=booking.topic,
        )
        for booking in bookings.order_by("-starts_at", "-pk")[:limit]
    ]
    entries += [
        TimelineEntry(
            at=entry.at,
            kind="history",
            title=entry.get_kind_display(),
            detail=_history_detail(entry),
        )
        for entry in seeker.history.order_by("-at", "-pk")[:limit]
    ]
    entries += collect("seeker_timeline", seeker, limit)
    entries.sort(key=lambda entry: entry.at, reverse=True)
    return entries[:limit]


def _display_value(kind: str, value: str) -> str:
    """A history entry's stored code as its label: a status, the way the seeker registered, a consent's kind."""
    choices = {"status": Seeker.Status, "registered": Seeker.Source, "consent": ConsentText.Kind}.get(kind)
    return str(choices(value).label) if choices and value in choices.values else value


def _history_detail(entry) -> str:
    if entry.kind == "consent":
        if entry.to_value:
            return _("%(consent)s: agreed") % {"consent": _display_value("consent", entry.to_value)}
        return _("%(consent)s: withdrawn") % {"consent": _display_value("consent", entry.from_value)}
    parts = (_display_value(entry.kind, entry.from_value), _display_value(entry.kind, entry.to_value))
    return " → ".join(part for part in parts if part)


@staff_required
def case(request: HttpRequest, pk: int) -> HttpResponse:
    """The staff case page: the full record, the timeline, and panels other apps add."""
    if "timeline" in request.GET:  # an older page of the timeline: its entries for htmx, or the whole page (not kept)
        seeker = selectors.get_seeker_for_user(request.user, pk)
        if request.htmx:
            timeline_page = _timeline_page(seeker, request.GET.get("timeline"))
            return render(request, "seekers/case.html#timeline", {"seeker": seeker, "timeline": timeline_page})
        services.access_record(user=request.user, seeker=seeker, action=AccessRecord.Action.VIEW, request=request)
        return render(request, "seekers/case.html", {**_case_context(request, seeker), "title": seeker.name})

    def render_page() -> tuple[str, dict]:
        seeker = selectors.get_seeker_for_user(request.user, pk)
        services.access_record(user=request.user, seeker=seeker, action=AccessRecord.Action.VIEW, request=request)
        return seeker.name, _case_context(request, seeker)

    title, body = case_page(request, pk, render_page)
    return kept_page(request, title=title, body=body)


def _case_context(request: HttpRequest, seeker: Seeker) -> dict:
    return {
        "seeker": seeker,
        "target_groups": selectors.visible_target_groups(seeker),  # sensitive ones only with the consent
        "timeline": _timeline_page(seeker, request.GET.get("timeline")),
        "panels": collect("seeker_case_panels", seeker, request.user),
        "consents": seeker.consents.select_related("text", "taken_by"),
        "careers": seeker.careers.select_related("occupation"),
        "certificates": seeker.certificates.all(),
        "occupations": seeker.desired_occupations.all(),
        "desired_regions": seeker.desired_regions.all(),
        "bookings": seeker.bookings.filter(status=Booking.Status.BOOKED, starts_at__gte=timezone.now()).select_related(
            "booth"
        ),
        "status_form": StatusForm(initial={"status": seeker.status}),
        "assign_form": AssignForm(
            counselors=selectors.counselors_for_seeker(seeker),
            booths=selectors.booths_for_user(request.user).filter(centre_id=seeker.centre_id),
            initial={"counselor": seeker.counselor_id, "booth": seeker.booth_id},
        ),
        "expires_at": seeker.last_activity_at + services.expiry_delta(),
    }


def _edit(request: HttpRequest, seeker: Seeker, *, done: str) -> HttpResponse:
    form, careers, certificates = _registration_forms(request, booths=None, instance=seeker, with_consents=False)
    if request.method == "POST" and form.is_valid() and careers.is_valid() and certificates.is_valid():
        try:
            services.seeker_update(
                seeker=seeker,
                by=request.user,
                data=form.seeker_data(),
                desired_occupations=form.cleaned_data["desired_occupations"],
                desired_regions=form.cleaned_data["desired_regions"],
                careers=row_data(careers),
                certificates=row_data(certificates),
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The registration is updated."))
            return redirect(done)
    return render(
        request,
        "seekers/register.html",
        {"form": form, "careers": careers, "certificates": certificates, "seeker": seeker, "editing": True},
    )


@staff_required
def edit(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = selectors.get_seeker_for_user(request.user, pk)
    if request.method == "POST":
        services.access_record(user=request.user, seeker=seeker, action=AccessRecord.Action.EDIT, request=request)
    return _edit(request, seeker, done=reverse("seekers:case", args=[pk]))


@staff_required
@require_POST
def set_status(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = selectors.get_seeker_for_user(request.user, pk)
    form = StatusForm(request.POST)
    if form.is_valid():
        try:
            services.seeker_set_status(
                seeker=seeker, status=form.cleaned_data["status"], by=request.user, note=form.cleaned_data["note"]
            )
            messages.success(request, _("The status is changed."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose a status."))
    return redirect("seekers:case", pk=pk)


@staff_required
@require_POST
def assign(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = selectors.get_seeker_for_user(request.user, pk)
    form = AssignForm(
        request.POST,
        counselors=selectors.counselors_for_seeker(seeker),
        booths=selectors.booths_for_user(request.user).filter(centre_id=seeker.centre_id),
    )
    if form.is_valid():
        try:
            services.seeker_assign(
                seeker=seeker,
                counselor=form.cleaned_data["counselor"],
                by=request.user,
                booth=form.cleaned_data["booth"],
            )
            messages.success(request, _("The counselor is assigned."))
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
    else:
        messages.error(request, _("Choose a counselor of the seeker's centre."))
    return redirect("seekers:case", pk=pk)


@staff_required
@require_POST
def renew(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = selectors.get_seeker_for_user(request.user, pk)
    try:
        services.seeker_renew(seeker=seeker, by=request.user)
        messages.success(request, _("The registration is renewed."))
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    return redirect("seekers:case", pk=pk)


@staff_required
@require_POST
def claim_code(request: HttpRequest, pk: int) -> HttpResponse:
    """Issue a one-time code with which the resident makes an account; shown once."""
    seeker = selectors.get_seeker_for_user(request.user, pk)
    try:
        code = services.claim_code_issue(seeker=seeker, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("seekers:case", pk=pk)
    claim_url = request.build_absolute_uri(reverse("seekers:claim")) + f"?code={code}"
    return render(request, "seekers/claim_code.html", {"seeker": seeker, "code": code, "claim_url": claim_url})


@staff_required
def consultation_new(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = selectors.get_seeker_for_user(request.user, pk)
    form = ConsultationForm(
        request.POST or None,
        booths=selectors.booths_for_user(request.user),
        initial={"booth": request.user.booth_id, "started_at": timezone.localtime().replace(second=0, microsecond=0)},
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.consultation_create(
                seeker=seeker,
                counselor=request.user,
                booth=form.cleaned_data["booth"],
                channel=form.cleaned_data["channel"],
                started_at=form.cleaned_data["started_at"],
                duration_minutes=form.cleaned_data["duration_minutes"],
                topics=form.cleaned_data["topics"],
                notes=form.cleaned_data["notes"],
                next_action=form.cleaned_data["next_action"],
                next_action_due=form.cleaned_data["next_action_due"],
            )
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The consultation is logged."))
            return redirect("seekers:case", pk=pk)
    return render(request, "seekers/consultation_form.html", {"form": form, "seeker": seeker})


# --- lists, export, import, access records -------------------------------------------------------------


def _search(request: HttpRequest):
    form = SearchForm(request.GET or None, booths=selectors.booths_for_user(request.user))
    queryset = selectors.seekers_for_user(request.user)
    if form.is_valid():
        data = form.cleaned_data
        queryset = selectors.seeker_search(
            queryset,
            selectors.SeekerSearch(
                name=data["name"],
                phone_tail=data["phone_tail"],
                birth_year=data["birth_year"],
                booth=data["booth"],
                status=data["status"],
                target_group=data["target_group"],
                occupation=data["occupation"].code if data["occupation"] else "",
                needs_renewal=data["needs_renewal"],
            ),
        )
    elif form.is_bound:
        queryset = queryset.none()
    return form, queryset


@staff_required
def seeker_list(request: HttpRequest) -> HttpResponse:
    """Find seekers; phones and birth dates are masked."""
    form, queryset = _search(request)
    page = Paginator(selectors.seeker_list(queryset), LIST_PAGE).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    context = {"form": form, "page": page, "query": query.urlencode()}
    template = "seekers/list.html#results" if request.htmx else "seekers/list.html"
    return render(request, template, context)


@staff_required
def export(request: HttpRequest) -> HttpResponse:
    """The search results as CSV (full personal data), with an access record per seeker. GET shows the reason
    form; only its POST downloads (jobcenter.security.access)."""
    from jobcenter.security.access import access_records_bulk, reason_or_form
    from jobcenter.security.exports import csv_response

    reason, ask = reason_or_form(request, title=_("Export job seekers"))
    if ask is not None:
        return ask
    _form, queryset = _search(request)
    seekers = list(selectors.seeker_list(queryset)[:10000])
    access_records_bulk(
        user=request.user, seekers=seekers, action=AccessRecord.Action.EXPORT, request=request, reason=reason
    )
    header = ["id", "name", "birth_date", "phone", "email", "booth", "status", "counselor", "desired_occupations"]
    rows = (
        [
            seeker.pk,
            seeker.name,
            seeker.birth_date.isoformat(),
            seeker.phone,
            seeker.email,
            seeker.booth.name,
            seeker.status_label,  # an overdue registration reads as expired here too
            str(seeker.counselor or ""),
            ";".join(occupation.code for occupation in seeker.desired_occupations.all()),
        ]
        for seeker in seekers
    )
    return csv_response(filename=f"seekers-{timezone.localdate():%Y%m%d}.csv", header=header, rows=rows)


IMPORT_SESSION_KEY = "seekers_import"


@importer_required
def import_seekers(request: HttpRequest) -> HttpResponse:
    """Upload, preview with each row's errors, then confirm; nothing is saved before a clean confirm."""
    booths = selectors.booths_for_user(request.user)
    form = ImportForm(booths=booths)
    context: dict = {"form": form}
    if request.method == "POST" and request.POST.get("action") == "confirm":
        pending = request.session.get(IMPORT_SESSION_KEY)
        if not pending or pending.get("token") != request.POST.get("token"):
            messages.error(request, _("The preview has expired. Upload the file again."))
            return redirect("seekers:import")
        result = seekers_import(rows=pending["rows"], by=request.user, centre_id=pending["centre_id"])
        del request.session[IMPORT_SESSION_KEY]
        AccessRecord.objects.create(
            user=request.user,
            centre_id=pending["centre_id"],
            action=AccessRecord.Action.IMPORT,
            ip_address=services.client_ip(request),
            path=request.path,
            reason=f"created {result.created}, skipped {result.skipped}",
        )
        messages.success(
            request,
            _("Import finished: %(created)d created, %(skipped)d already registered.")
            % {"created": result.created, "skipped": result.skipped},
        )
        return redirect("seekers:list")
    if request.method == "POST":
        form = ImportForm(request.POST, request.FILES, booths=booths)
        context["form"] = form
        if form.is_valid():
            try:
                raw_rows = read_table(form.cleaned_data["file"])
            except ValidationError as error:
                form.add_error("file", error)
            else:
                rows = check_rows(raw_rows, default_booth=form.cleaned_data["booth"])
                clean = bool(rows) and not any(row.errors for row in rows)
                context.update({"rows": rows, "clean": clean, "error_count": sum(bool(row.errors) for row in rows)})
                if clean:
                    token = timezone.now().strftime("%Y%m%d%H%M%S%f")
                    request.session[IMPORT_SESSION_KEY] = json.loads(
                        json.dumps(
                            {
                                "token": token,
                                "centre_id": form.cleaned_data["booth"].centre_id,
                                "rows": [row.cleaned for row in rows],
                            }
                        )
                    )
                    context["token"] = token
                    context["new_count"] = sum(not row.exists for row in rows)
    return render(request, "seekers/import.html", context)


@manager_required
def access_records(request: HttpRequest) -> HttpResponse:
    """Managers browse who opened or exported whose data."""
    records = selectors.access_records_for_user(request.user)
    action = request.GET.get("action", "")
    if action in AccessRecord.Action.values:
        records = records.filter(action=action)
    who = request.GET.get("who", "").strip()
    if who:
        records = records.filter(user__username__icontains=who)
    seeker_id = id_param(request.GET.get("seeker"))
    if seeker_id:
        records = records.filter(seeker_id=seeker_id)
    page = Paginator(records, 50).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "seekers/access_records.html",
        {
            "page": page,
            "actions": AccessRecord.Action.choices,
            "action": action,
            "who": who,
            "query": query.urlencode(),
        },
    )
