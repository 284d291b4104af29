"""The administration pages (issue 27): staff accounts, reassignment, closed days, consent texts. The
administrator changes; a manager reads their own centre's part (and moves their counselors' seekers)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from jobcenter.administration import selectors, services
from jobcenter.administration.forms import (
    BoothForm,
    CentreForm,
    ClosedDayForm,
    CodeTableForm,
    ConsentTextForm,
    InviteForm,
    LegalNoticeForm,
    NoticeTemplateForm,
    ReassignForm,
    StaffForm,
    WeekHoursFormSet,
    week_hours_initial,
)
from jobcenter.models import Booth, ClosedDay, Role, User
from jobcenter.permissions import administrator_required, manager_required


def _form_errors(form, error: ValidationError) -> None:
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


# --- Staff ----------------------------------------------------------------------------------------------------


@login_required
@manager_required
@require_GET
def staff_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "administration/staff_list.html",
        {"rows": selectors.staff_rows(request.user), "can_change": request.user.role == Role.ADMINISTRATOR},
    )


@login_required
@administrator_required
@require_http_methods(["GET", "POST"])
def staff_invite(request: HttpRequest) -> HttpResponse:
    repeated = _repeated_invitation(request)
    if repeated is not None:  # a second click on the button: the first one made the account
        return redirect("administration:staff_detail", pk=repeated.pk)
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            person = services.staff_invite(by=request.user, request=request, **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s is invited: the link to choose a password went to %(email)s.")
                % {"name": person.get_full_name(), "email": person.email},
            )
            return redirect("administration:staff_detail", pk=person.pk)
    return render(request, "administration/staff_invite.html", {"form": form}, status=400 if form.errors else 200)


def _repeated_invitation(request: HttpRequest) -> User | None:
    """The account this very invitation made a moment ago (same login and e-mail, no password yet), if any."""
    from datetime import timedelta

    from django.utils import timezone

    if request.method != "POST" or not request.POST.get("username"):
        return None
    return User.objects.filter(
        username__iexact=request.POST["username"].strip(),
        email__iexact=request.POST.get("email", "").strip(),
        date_joined__gte=timezone.now() - timedelta(minutes=REPEAT_MINUTES),
        password__startswith="!",  # unusable: the link has not been used
    ).first()


# A form sent again within this many minutes with the same content is the same action, not a mistake to refuse.
REPEAT_MINUTES = 2


@login_required
@manager_required
@require_GET
def staff_detail(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_staff_for_user(request.user, pk)
    can_change = request.user.role == Role.ADMINISTRATOR
    form = None
    if can_change:
        form = StaffForm(
            initial={
                "name": person.get_full_name(),
                "email": person.email,
                "phone": person.phone,
                "role": person.role,
                "centre": person.centre_id,
                "booth": person.booth_id,
                "other_booths": [booth.pk for booth in person.other_booths.all()],
            }
        )
    return render(request, "administration/staff_detail.html", _detail_context(request, person, form))


def _detail_context(request: HttpRequest, person: User, form) -> dict:
    return {
        "person": person,
        "form": form,
        "can_change": request.user.role == Role.ADMINISTRATOR,
        "is_self": person.pk == request.user.pk,
        "locked": person.username in selectors.locked_usernames([person.username]),
        "failures": selectors.failures_by_username([person.username]).get(person.username, 0),
        "recent_days": selectors.RECENT_DAYS,
        "has_device": person.totpdevice_set.filter(confirmed=True).exists(),
        "pending_invitation": person.is_active and not person.has_usable_password(),
        "work": selectors.open_work(person),
        "rights_log": selectors.rights_log(person),
        "security_log": selectors.security_log(person),
    }


@login_required
@administrator_required
@require_POST
def staff_edit(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_staff_for_user(request.user, pk)
    form = StaffForm(request.POST)
    if form.is_valid():
        try:
            changes = services.staff_update(user=person, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Saved.") + (" " + _("The change of rights is in the rights log.") if changes else ""),
            )
            return redirect("administration:staff_detail", pk=person.pk)
    person.refresh_from_db()
    return render(request, "administration/staff_detail.html", _detail_context(request, person, form), status=400)


def _account_action(request: HttpRequest, pk: int, action, done: str) -> HttpResponse:
    person = selectors.get_staff_for_user(request.user, pk)
    try:
        result = action(user=person, by=request.user, request=request)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
        return redirect("administration:staff_detail", pk=person.pk)
    messages.success(request, done % {"name": person.get_full_name() or person.username, "count": result or 0})
    return None


@login_required
@administrator_required
@require_POST
def staff_deactivate(request: HttpRequest, pk: int) -> HttpResponse:
    refused = _account_action(
        request,
        pk,
        services.staff_deactivate,
        _("%(name)s's account is deactivated; %(count)s open sessions were ended."),
    )
    if refused is not None:
        return refused
    person = selectors.get_staff_for_user(request.user, pk)
    if not selectors.open_work(person).empty:
        return redirect("administration:staff_reassign", pk=pk)
    return redirect("administration:staff_detail", pk=pk)


@login_required
@administrator_required
@require_POST
def staff_reactivate(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.get_staff_for_user(request.user, pk)
    try:
        services.staff_reactivate(user=person, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The account is active again."))
    return redirect("administration:staff_detail", pk=pk)


@login_required
@administrator_required
@require_POST
def staff_second_factor_reset(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_action(
        request,
        pk,
        services.staff_second_factor_reset,
        _("%(name)s's second factor is reset: they set up their authenticator app again at the next login."),
    ) or redirect("administration:staff_detail", pk=pk)


@login_required
@administrator_required
@require_POST
def staff_unlock(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_action(
        request, pk, services.staff_unlock, _("%(name)s's account is unlocked; they can log in again.")
    ) or redirect("administration:staff_detail", pk=pk)


@login_required
@administrator_required
@require_POST
def staff_invitation_resend(request: HttpRequest, pk: int) -> HttpResponse:
    return _account_action(
        request, pk, services.staff_invitation_send, _("A new link to choose a password went to %(name)s.")
    ) or redirect("administration:staff_detail", pk=pk)


# --- Reassignment ---------------------------------------------------------------------------------------------


@login_required
@manager_required
@require_http_methods(["GET", "POST"])
def staff_reassign(request: HttpRequest, pk: int) -> HttpResponse:
    """Move a counselor's seekers (all, or those ticked) to another counselor of the centre."""
    person = selectors.get_staff_for_user(request.user, pk)
    work = selectors.open_work(person)
    from seekers.models import Seeker

    caseload = Seeker.objects.filter(counselor=person).exclude(status=Seeker.Status.CLOSED).order_by("name", "pk")
    form = ReassignForm(request.POST or None, seekers=caseload, counselors=selectors.counselors_to_take_over(person))
    if request.method == "POST" and form.is_valid():
        chosen = list(caseload) if form.cleaned_data["everyone"] else list(form.cleaned_data["seekers"])
        try:
            moved = services.caseload_reassign(seekers=chosen, to=form.cleaned_data["to"], by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("%(count)s seekers now have %(name)s as their counselor.")
                % {"count": moved, "name": form.cleaned_data["to"].get_full_name()},
            )
            return redirect("administration:staff_reassign", pk=person.pk)
    return render(
        request,
        "administration/staff_reassign.html",
        {"person": person, "work": work, "form": form, "caseload": caseload},
        status=400 if form.errors else 200,
    )


# --- Calendar -------------------------------------------------------------------------------------------------


@login_required
@manager_required
@require_GET
def calendar(request: HttpRequest) -> HttpResponse:
    can_change = request.user.role == Role.ADMINISTRATOR
    form = ClosedDayForm(centres=selectors.centres_for(request.user)) if can_change else None
    return render(
        request,
        "administration/calendar.html",
        {"days": selectors.closed_days_for(request.user), "form": form, "can_change": can_change},
    )


@login_required
@administrator_required
@require_POST
def closed_day_add(request: HttpRequest) -> HttpResponse:
    """Two steps: the first POST lists the bookings and events of that day; the confirmed one closes it."""
    form = ClosedDayForm(request.POST, centres=selectors.centres_for(request.user))
    context = {"days": selectors.closed_days_for(request.user), "form": form, "can_change": True}
    if not form.is_valid():
        return render(request, "administration/calendar.html", context, status=400)
    data = form.cleaned_data
    if request.POST.get("confirm") != "1":
        try:
            services.closed_day_check(centre=data["centre"], date=data["date"])
        except ValidationError as error:
            _form_errors(form, error)
            return render(request, "administration/calendar.html", context, status=400)
        context.update(
            preview=True,
            bookings=list(selectors.bookings_on(centre=data["centre"], date=data["date"])),
            events=list(selectors.events_on(centre=data["centre"], date=data["date"])),
        )
        return render(request, "administration/calendar.html", context)
    if ClosedDay.objects.filter(centre=data["centre"], date=data["date"], reason=data["reason"]).exists():
        return redirect("administration:calendar")  # a second click on the confirmation: already done
    try:
        day, cancelled = services.closed_day_add(
            centre=data["centre"],
            date=data["date"],
            reason=data["reason"],
            by=request.user,
            notify_booked=data["notify"],
        )
    except ValidationError as error:
        _form_errors(form, error)
        return render(request, "administration/calendar.html", context, status=400)
    if cancelled and data["notify"]:
        text = _("%(centre)s is closed on %(date)s. %(count)s visits were cancelled and the people told.")
    elif cancelled:
        text = _("%(centre)s is closed on %(date)s. %(count)s visits were cancelled; nobody was told.")
    else:
        text = _("%(centre)s is closed on %(date)s. No visit was booked that day.")
    messages.success(request, text % {"centre": day.centre, "date": f"{day.date:%Y-%m-%d}", "count": len(cancelled)})
    return redirect("administration:calendar")


@login_required
@administrator_required
@require_POST
def closed_day_remove(request: HttpRequest, pk: int) -> HttpResponse:
    day = get_object_or_404(ClosedDay.objects.filter(centre__in=selectors.centres_for(request.user)), pk=pk)
    try:
        services.closed_day_remove(day=day, by=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The centre is open again that day."))
    return redirect("administration:calendar")


# --- Consent texts --------------------------------------------------------------------------------------------


@login_required
@manager_required
@require_GET
def consents(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "administration/consents.html",
        {"kinds": selectors.consent_kinds(), "can_change": request.user.role == Role.ADMINISTRATOR},
    )


@login_required
@administrator_required
@require_http_methods(["GET", "POST"])
def consent_new(request: HttpRequest, kind: str) -> HttpResponse:
    """A new version of one consent: write it, see what it changes, then publish it."""
    from seekers.models import ConsentText

    if kind not in ConsentText.Kind.values:
        raise Http404
    latest = ConsentText.objects.filter(kind=kind).order_by("-version").first()
    initial = (
        {"text": latest.text, "purpose": latest.purpose, "items": latest.items, "retention": latest.retention}
        if latest
        else {}
    )
    form = ConsentTextForm(request.POST or None, initial=initial)
    context = {"form": form, "kind": kind, "label": ConsentText.Kind(kind).label, "latest": latest}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if request.POST.get("confirm") != "1":
            context["preview"] = selectors.consent_change_preview(
                kind=kind, text=data["text"], purpose=data["purpose"], items=data["items"], retention=data["retention"]
            )
            return render(request, "administration/consent_new.html", context)
        try:
            text = services.consent_text_publish(kind=kind, by=request.user, **data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(
                request,
                _("Version %(version)s of “%(kind)s” is published; it takes effect on %(date)s.")
                % {"version": text.version, "kind": text.get_kind_display(), "date": f"{text.effective_on:%Y-%m-%d}"},
            )
            return HttpResponseRedirect(reverse("administration:consents"))
    return render(request, "administration/consent_new.html", context, status=400 if form.errors else 200)


# --- Centres and booths ---------------------------------------------------------------------------------------


def _centre_page(request: HttpRequest, centre, *, centre_form=None, booth_form=None, status: int = 200) -> HttpResponse:
    can_change = request.user.role == Role.ADMINISTRATOR
    if can_change:
        centre_form = centre_form or CentreForm(instance=centre, prefix="centre")
        booth_form = booth_form or BoothForm(prefix="booth")
    return render(
        request,
        "administration/centre.html",
        {
            "centre": centre,
            "booths": selectors.booth_rows(centre),
            "can_change": can_change,
            "centre_form": centre_form,
            "booth_form": booth_form,
            "closed_days": selectors.closed_days_for(request.user).filter(centre=centre),
        },
        status=status,
    )


@login_required
@manager_required
@require_GET
def centre_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _centre_page(request, selectors.get_centre_for_user(request.user, pk))


@login_required
@administrator_required
@require_POST
def centre_edit(request: HttpRequest, pk: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, pk)
    form = CentreForm(request.POST, instance=centre, prefix="centre")
    if form.is_valid():
        try:
            services.centre_update(centre=centre, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved. The footer, job pages and letters show the new details."))
            return redirect("administration:centre", pk=centre.pk)
    centre.refresh_from_db()
    return _centre_page(request, centre, centre_form=form, status=400)


@login_required
@administrator_required
@require_POST
def booth_new(request: HttpRequest, pk: int) -> HttpResponse:
    centre = selectors.get_centre_for_user(request.user, pk)
    form = BoothForm(request.POST, instance=Booth(centre=centre), prefix="booth")
    if form.is_valid():
        try:
            services.booth_save(booth=form.instance, by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("The booth is added."))
            return redirect("administration:centre", pk=centre.pk)
    return _centre_page(request, centre, booth_form=form, status=400)


@login_required
@administrator_required
@require_http_methods(["GET", "POST"])
def booth_edit(request: HttpRequest, pk: int) -> HttpResponse:
    booth = get_object_or_404(Booth.objects.filter(centre__in=selectors.centres_for(request.user)), pk=pk)
    form = BoothForm(request.POST or None, instance=booth)
    if request.method == "POST" and form.is_valid():
        try:
            services.booth_save(booth=form.instance, by=request.user)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved."))
            return redirect("administration:centre", pk=booth.centre_id)
    return render(
        request, "administration/booth_edit.html", {"booth": booth, "form": form}, status=400 if form.errors else 200
    )


# --- A booth's opening hours ----------------------------------------------------------------------------------


def _booth_for_user(request: HttpRequest, pk: int) -> Booth:
    """A booth of a centre the user may see (an administrator any, a manager their own); 404 otherwise."""
    return get_object_or_404(
        Booth.objects.filter(centre__in=selectors.centres_for(request.user)).select_related("centre"), pk=pk
    )


def _hours_page(request: HttpRequest, booth: Booth, *, formset=None, status: int = 200, **extra) -> HttpResponse:
    from seekers.services import DEFAULT_HOURS, DEFAULT_SLOT_MINUTES

    rows = list(booth.opening_hours.all())
    can_change = request.user.role == Role.ADMINISTRATOR
    if can_change and formset is None:
        initial = week_hours_initial(rows)
        if not rows:  # start from the usual hours the booth follows until it has its own
            (opens, starts), (ends, closes) = DEFAULT_HOURS
            usual = {
                "opens_at": opens,
                "break_starts": starts,
                "break_ends": ends,
                "closes_at": closes,
                "slot_minutes": DEFAULT_SLOT_MINUTES,
            }
            initial = [usual] * 5 + [{}, {}]
        formset = WeekHoursFormSet(prefix="hours", initial=initial)
    days = selectors.week_of(rows)
    return render(
        request,
        "administration/booth_hours.html",
        {
            "booth": booth,
            "days": days,
            "has_own_hours": bool(rows),
            "can_change": can_change,
            "formset": formset,
            "forms_by_day": list(zip(days, formset.forms, strict=True)) if formset is not None else [],
            "last_change": selectors.last_hours_change(booth),
            **extra,
        },
        status=status,
    )


@login_required
@manager_required
@require_GET
def booth_hours(request: HttpRequest, pk: int) -> HttpResponse:
    """The booth's week: when it takes visit bookings and how long a slot is. The administrator changes it."""
    return _hours_page(request, _booth_for_user(request, pk))


@login_required
@administrator_required
@require_POST
def booth_hours_edit(request: HttpRequest, pk: int) -> HttpResponse:
    """Two steps when coming visits fall outside the new hours: the first POST lists them, the confirmed one saves
    (cancelling them, and telling the people when ticked). Without such visits, one step."""
    booth = _booth_for_user(request, pk)
    formset = WeekHoursFormSet(request.POST, prefix="hours")
    if not formset.is_valid():
        return _hours_page(request, booth, formset=formset, status=400)
    rows = formset.rows()
    affected = selectors.bookings_outside_hours(booth=booth, rows=rows)
    seen = ",".join(str(booking.pk) for booking in affected)
    if affected and (request.POST.get("confirm") != "1" or request.POST.get("affected") != seen):
        return _hours_page(request, booth, formset=formset, preview=True, affected=affected, affected_ids=seen)
    notify_booked = request.POST.get("notify") == "on"
    try:
        cancelled = services.opening_hours_set(
            booth=booth, rows=rows, by=request.user, notify_booked=notify_booked, request=request
        )
    except ValidationError as error:
        return _hours_page(request, booth, formset=formset, status=400, refused=error.messages)
    if cancelled and notify_booked:
        text = ngettext(
            "Saved. %(count)s visit outside the new hours was cancelled and the person told.",
            "Saved. %(count)s visits outside the new hours were cancelled and the people told.",
            len(cancelled),
        )
    elif cancelled:
        text = ngettext(
            "Saved. %(count)s visit outside the new hours was cancelled; nobody was told.",
            "Saved. %(count)s visits outside the new hours were cancelled; nobody was told.",
            len(cancelled),
        )
    else:
        text = _("Saved. The booking form offers slots by the new hours.")
    messages.success(request, text % {"count": len(cancelled)})
    return redirect("administration:booth_hours", pk=booth.pk)


# --- Legal notices (the footer's links) -----------------------------------------------------------------------


def legal_notice(request: HttpRequest, kind: str) -> HttpResponse:
    """The privacy policy or the terms of use, for everyone (the footer links here)."""
    from jobcenter.models import LegalNotice

    if kind not in LegalNotice.Kind.values:
        raise Http404
    notice = LegalNotice.objects.filter(kind=kind).first()
    return render(
        request,
        "administration/legal_notice.html",
        {"notice": notice, "label": LegalNotice.Kind(kind).label, "kind": kind},
    )


@login_required
@administrator_required
@require_http_methods(["GET", "POST"])
def legal_notice_edit(request: HttpRequest, kind: str) -> HttpResponse:
    from django.utils import timezone

    from jobcenter.models import LegalNotice

    if kind not in LegalNotice.Kind.values:
        raise Http404
    notice = LegalNotice.objects.filter(kind=kind).first()
    initial = (
        {"text": notice.text, "effective_from": notice.effective_from}
        if notice
        else {"effective_from": timezone.localdate()}
    )
    form = LegalNoticeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.legal_notice_save(kind=kind, by=request.user, **form.cleaned_data)
        except ValidationError as error:
            _form_errors(form, error)
        else:
            messages.success(request, _("Saved. The footer links to the new text."))
            return redirect("legal_notice", kind=kind)
    return render(
        request,
        "administration/legal_notice_edit.html",
        {"form": form, "label": LegalNotice.Kind(kind).label, "kind": kind},
        status=400 if form.errors else 200,
    )


# --- Code tables ----------------------------------------------------------------------------------------------


@login_required
@administrator_required
@require_http_methods(["GET", "POST"])
def code_tables(request: HttpRequest) -> HttpResponse:
    """A newer official table from a file: the first POST shows what changes, the confirmed one loads it."""
    from jobcenter.administration import codes

    form = CodeTableForm(request.POST or None, request.FILES or None)
    context = {"form": form}
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        level = data.get("region_level") or "eupmyeondong"
        try:
            if request.POST.get("confirm") == "1":
                count = codes.load(text=data["text"], table=data["table"], region_level=level)
                messages.success(
                    request,
                    _("%(count)s rows loaded. Codes the file left out stay, so no record loses its code.")
                    % {"count": count},
                )
                return redirect("administration:code_tables")
            context.update(
                preview=codes.preview(text=data["text"], table=data["table"], region_level=level),
                text=data["text"],
                table=data["table"],
                region_level=level,
                listed=codes.LISTED,
            )
        except ValidationError as error:
            _form_errors(form, error)
    return render(request, "administration/code_tables.html", context, status=400 if form.errors else 200)


# --- Notice templates (e-mails and texts) ---------------------------------------------------------------------


def _notice(template: str):
    from jobcenter.notice_templates import NOTICE_TEMPLATES

    if template not in NOTICE_TEMPLATES:
        raise Http404
    return NOTICE_TEMPLATES[template]


def _notice_context(template: str, subject: str, body: str) -> dict:
    from jobcenter.notice_templates import VARIABLES, render_text, sample_values

    notice = _notice(template)
    samples = sample_values(template)
    return {
        "template": template,
        "notice": notice,
        "channels": _channel_labels(notice.channels),
        "variables": [(name, VARIABLES[name][0], VARIABLES[name][1]) for name in notice.variables],
        "preview_subject": render_text(subject, samples),
        "preview_body": render_text(body, samples),
    }


def _channel_labels(channels) -> str:
    from jobcenter.models import Notification

    return " · ".join(str(Notification.Channel(channel).label) for channel in channels)


@login_required
@manager_required
@require_GET
def notice_templates(request: HttpRequest) -> HttpResponse:
    """Every notice the product sends, when it is sent, by which channels, and whether the centre changed it."""
    from jobcenter.models import NoticeTemplateOverride
    from jobcenter.notice_templates import NOTICE_TEMPLATES

    overrides = {row.template: row for row in NoticeTemplateOverride.objects.select_related("updated_by")}
    rows = sorted(
        (
            {
                "template": name,
                "label": notice.label,
                "channels": _channel_labels(notice.channels),
                "override": overrides.get(name),
            }
            for name, notice in NOTICE_TEMPLATES.items()
        ),
        key=lambda row: str(row["label"]),
    )
    return render(
        request,
        "administration/notice_templates.html",
        {"rows": rows, "can_change": request.user.role == Role.ADMINISTRATOR},
    )


@login_required
@manager_required
@require_GET
def notice_template(request: HttpRequest, template: str) -> HttpResponse:
    """One notice: its text now (the centre's or the built-in one), the variables it accepts, a preview."""
    from jobcenter.models import NoticeTemplateOverride
    from jobcenter.notice_templates import starting_text

    override = NoticeTemplateOverride.objects.filter(template=template).select_related("updated_by").first()
    subject, body = (override.subject, override.body) if override else starting_text(template)
    context = _notice_context(template, subject, body)
    context.update(override=override, subject=subject, body=body, can_change=request.user.role == Role.ADMINISTRATOR)
    return render(request, "administration/notice_template.html", context)


@login_required
@administrator_required
@require_http_methods(["GET", "POST"])
def notice_template_edit(request: HttpRequest, template: str) -> HttpResponse:
    """The administrator's own subject and text: "Preview" shows it with sample values, "Save" sends it from now on."""
    from jobcenter.models import NoticeTemplateOverride
    from jobcenter.notice_templates import starting_text

    _notice(template)
    override = NoticeTemplateOverride.objects.filter(template=template).first()
    subject, body = (override.subject, override.body) if override else starting_text(template)
    form = NoticeTemplateForm(request.POST or None, template=template, initial={"subject": subject, "body": body})
    preview = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if "preview" in request.POST:
            preview = (data["subject"], data["body"])
        else:
            try:
                services.notice_template_save(template=template, by=request.user, request=request, **data)
            except ValidationError as error:
                _form_errors(form, error)
            else:
                messages.success(request, _("Saved. Notices sent from now on use this text."))
                return redirect("administration:notice_template", template=template)
    context = _notice_context(template, *(preview or ("", "")))
    context.update(form=form, preview=preview is not None, override=override)
    return render(request, "administration/notice_template_edit.html", context, status=400 if form.errors else 200)


@login_required
@administrator_required
@require_POST
def notice_template_restore(request: HttpRequest, template: str) -> HttpResponse:
    from jobcenter.confirm import confirm_page, is_confirmed

    _notice(template)
    if not is_confirmed(request):
        return confirm_page(
            request,
            title=_("Restore the default text?"),
            consequence=_("The centre's own text is deleted; notices are sent with the built-in text again."),
            confirm_label=_("Restore the default"),
            cancel_url=reverse("administration:notice_template", kwargs={"template": template}),
        )
    if services.notice_template_restore(template=template, by=request.user, request=request):
        messages.success(request, _("The default text is restored."))
    return redirect("administration:notice_template", template=template)
