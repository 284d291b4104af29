"""A seeker's job alerts, and the signed unsubscribe link that works without logging in."""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from alerts import selectors, services
from alerts.forms import JobAlertForm
from jobcenter.permissions import seeker_required
from seekers.models import ConsentText
from seekers.selectors import own_seeker


@seeker_required
def alert_list(request: HttpRequest) -> HttpResponse:
    seeker = own_seeker(request.user)
    if seeker is None:
        return redirect("seekers:register_self")
    context = {
        "alerts": selectors.alerts_of(seeker),
        "consented": seeker.has_active_consent(ConsentText.Kind.JOB_NEWS),
    }
    return render(request, "alerts/list.html", context)


@seeker_required
def alert_new(request: HttpRequest) -> HttpResponse:
    """Save a search; the board's "save this search" link fills in its filters."""
    seeker = own_seeker(request.user)
    if seeker is None:
        return redirect("seekers:register_self")
    needs_consent = not seeker.has_active_consent(ConsentText.Kind.JOB_NEWS)
    if request.method == "POST":
        form = JobAlertForm(request.POST, needs_consent=needs_consent)
        if form.is_valid():
            try:
                with transaction.atomic():
                    if needs_consent:
                        from seekers.services import consent_give

                        consent_give(seeker=seeker, kind=ConsentText.Kind.JOB_NEWS, by=None)
                        seeker.refresh_from_db()
                    services.alert_create(seeker=seeker, data=form.cleaned_data)
            except ValidationError as error:
                form.add_error(None, error)
            else:
                messages.success(request, _("Your job alert is saved. New vacancies will be sent to you."))
                return redirect("alerts:list")
    else:
        initial = {
            key: request.GET[key]
            for key in ("q", "occupation", "region", "employment_type", "min_wage")
            if request.GET.get(key)
        }
        if request.GET.get("kind") == "profile":
            initial["kind"] = "profile"
        if seeker.email == "" and seeker.phone:
            initial["channel"] = "sms"
        form = JobAlertForm(initial=initial, needs_consent=needs_consent)
    return render(request, "alerts/new.html", {"form": form, "seeker": seeker})


@seeker_required
@require_POST
def alert_stop(request: HttpRequest, pk: int) -> HttpResponse:
    seeker = own_seeker(request.user)
    if seeker is None:
        return redirect("seekers:register_self")
    alert = selectors.get_alert_for_seeker(seeker, pk)
    services.alert_stop(alerts=[alert])
    messages.success(request, _("The job alert is stopped."))
    return redirect("alerts:list")


def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    """The link in every alert message. GET asks (mail scanners follow links), POST stops; no login needed."""
    alerts = services.alerts_from_token(token)
    if not alerts:
        return render(request, "alerts/unsubscribe.html", {"invalid": True}, status=404)
    done = all(not alert.is_active for alert in alerts)
    if request.method == "POST":
        services.alert_stop(alerts=alerts)
        done = True
    return render(request, "alerts/unsubscribe.html", {"alerts": alerts, "done": done, "token": token})
