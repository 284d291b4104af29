"""Exports and downloads of personal data ask for a reason first; the reason goes into every access record."""

from collections.abc import Iterable

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from jobcenter.models import User
from jobcenter.security.services import client_ip


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you need this download?"),
        min_length=5,
        max_length=200,
        help_text=_("For example: monthly report to the city, handing over cases to a new counselor."),
    )


def reason_or_form(request: HttpRequest, *, title: str) -> tuple[str | None, HttpResponse | None]:
    """The reason given with this request, or the page asking for it (GET keeps every other parameter)."""
    form = ReasonForm(request.GET if "reason" in request.GET else None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["reason"], None
    carried = [(key, value) for key, values in request.GET.lists() if key != "reason" for value in values]
    response = render(
        request,
        "security/export_reason.html",
        {"form": form, "title": title, "carried": carried},
        status=400 if form.is_bound else 200,
    )
    return None, response


def access_records_bulk(
    *, user: User, seekers: Iterable, action: str, request: HttpRequest | None, reason: str = ""
) -> int:
    """One access record per seeker, with the reason (seekers.services.access_records_bulk has none)."""
    from seekers.models import AccessRecord

    ip, path = client_ip(request), (request.get_full_path()[:300] if request is not None else "")
    records = [
        AccessRecord(
            user=user,
            seeker=seeker,
            centre_id=seeker.centre_id,
            action=action,
            ip_address=ip,
            path=path,
            reason=reason[:200],
        )
        for seeker in seekers
    ]
    AccessRecord.objects.bulk_create(records, batch_size=1000)
    return len(records)


def record_seekers_shown(request: HttpRequest, seekers: Iterable, *, action: str = "") -> int:
    """One access record per distinct seeker whose name and contact a staff page shows (check-in lists, the
    scorer's candidates, statistics drill-down with names, partner linkage pages). Seekers and employers
    viewing their own matters are not logged here."""
    from jobcenter.models import STAFF_ROLES
    from seekers.models import AccessRecord

    if getattr(request.user, "role", None) not in STAFF_ROLES:
        return 0
    unique = {seeker.pk: seeker for seeker in seekers if seeker is not None}
    if not unique:
        return 0
    return access_records_bulk(
        user=request.user, seekers=unique.values(), action=action or AccessRecord.Action.VIEW, request=request
    )
