"""Exports and downloads of personal data ask for a reason first; the reason goes into every access record."""

from collections.abc import Callable, Iterable
from contextvars import ContextVar
from dataclasses import dataclass, field

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from jobcenter.models import User
from jobcenter.security.services import client_ip

EXPORT_REASON_MIN_LENGTH = 10
OTHER_PURPOSE = "other"
# Common purposes a counselor picks from; "other" asks for the reason in the counselor's own words.
EXPORT_PURPOSES = [
    ("report", _("Monthly performance report to the city or the ministry")),
    ("handover", _("Handing over cases to another counselor")),
    ("event", _("Preparing the participant list of a job fair or programme")),
    ("audit", _("Checking records for an audit or a data correction")),
    (OTHER_PURPOSE, _("Other (write the reason below)")),
]


class ReasonForm(forms.Form):
    """Why a file of personal data is downloaded: a common purpose, or the reason written out (at least ten
    characters, so "aaaaa" or "업무" is no reason)."""

    purpose = forms.ChoiceField(label=_("Purpose of this download"), choices=EXPORT_PURPOSES, widget=forms.RadioSelect)
    reason = forms.CharField(
        label=_("Reason in your words"),
        required=False,
        max_length=200,
        help_text=_("Needed when you choose Other: at least 10 characters, for example which cases and why."),
    )

    def clean(self) -> dict:
        data = super().clean()
        purpose, written = data.get("purpose"), " ".join((data.get("reason") or "").split())
        if purpose == OTHER_PURPOSE or (purpose is None and written):
            if len(written) < EXPORT_REASON_MIN_LENGTH or len(set(written.replace(" ", ""))) < 3:
                self.add_error(
                    "reason",
                    _("Write the reason in at least %(count)d characters.") % {"count": EXPORT_REASON_MIN_LENGTH},
                )
            data["reason"] = written
        elif purpose:
            label = str(dict(EXPORT_PURPOSES)[purpose])
            data["reason"] = f"{label}: {written}" if written else label
        return data


def reason_or_form(request: HttpRequest, *, title: str) -> tuple[str | None, HttpResponse | None]:
    """The reason posted with this request, or the page asking for it. Only a POST downloads: a link or an
    image cannot start an export. The search being exported stays in the query string."""
    form = ReasonForm(request.POST if request.method == "POST" else None)
    if form.is_bound and form.is_valid():
        return form.cleaned_data["reason"][:200], None
    response = render(
        request,
        "security/export_reason.html",
        {"form": form, "title": title},
        status=400 if form.is_bound else 200,
    )
    return None, response


def access_records_bulk(
    *, user: User, seekers: Iterable, action: str, request: HttpRequest | None, reason: str = ""
) -> int:
    """One access record per seeker, with the reason (seekers.services.access_records_bulk has none)."""
    shown = [(seeker.pk, seeker.centre_id) for seeker in seekers]
    return _insert_records(user=user, shown=shown, action=action, request=request, reason=reason)


def record_kept_seekers(request: HttpRequest, seekers: list[tuple[int, int | None]]) -> int:
    """The view records of the seekers (id, centre) a kept rendering shows, written each time it is served without
    loading them (the worklist, the case page, the ranked candidates): what the view and the access log middleware
    wrote when it was rendered."""
    from seekers.models import AccessRecord

    view = AccessRecord.Action.VIEW
    return _insert_records(user=request.user, shown=seekers, action=view, request=request, reason="")


def _insert_records(
    *, user: User | None, shown: list[tuple[int, int | None]], action: str, request: HttpRequest | None, reason: str
) -> int:
    """The records of the seekers (id, centre) shown: one row each, written by one INSERT statement, built here
    rather than through model instances and bulk_create (which wraps its INSERT in BEGIN and COMMIT: three round
    trips on every visit of a kept page). Every access record is written here."""
    from django.db import connections, router
    from django.utils import timezone

    from seekers.models import AccessRecord

    if not shown:
        return 0
    ip, path = client_ip(request), (request.get_full_path()[:300] if request is not None else "")
    connection = connections[router.db_for_write(AccessRecord)]
    with connection.cursor() as cursor:
        cursor.execute(
            _INSERT_RECORDS,
            [
                user.pk if user is not None else None,
                action,
                timezone.now(),
                ip,
                path,
                reason[:200],
                [pk for pk, _ in shown],
                [centre_id for _, centre_id in shown],
            ],
        )
    collector = _request_seekers.get()
    if collector is not None:  # note_recorded's, without instances
        collector.recorded.update(pk for pk, _ in shown)
    return len(shown)


# AccessRecord's columns but the id; `at` is one time for the rows of one page, as the request's.
_INSERT_RECORDS = """INSERT INTO seekers_accessrecord
    (user_id, action, at, ip_address, path, reason, seeker_id, centre_id)
SELECT %s, %s, %s, %s::inet, %s, %s, shown.seeker_id, shown.centre_id
FROM UNNEST(%s::bigint[], %s::bigint[]) AS shown(seeker_id, centre_id)"""


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


# --- The access log no view can forget ---------------------------------------------------------------------------
# Every seeker row loaded while a request is answered is noted (a post_init receiver, jobcenter/security/
# receivers.py). When the response is ready, `AccessLogMiddleware` writes one VIEW record for each noted seeker
# whose name, phone or e-mail the response carries and that the view did not record itself (the case page, edits,
# exports record with their own action). A new page, fragment or download that shows a seeker is thereby logged
# without doing anything; tests/hardening/test_access_record_sweep.py walks every URL to prove it.


@dataclass
class _RequestSeekers:
    loaded: dict = field(default_factory=dict)
    recorded: set = field(default_factory=set)


_request_seekers: ContextVar[_RequestSeekers | None] = ContextVar("request_seekers", default=None)
# Bodies larger than this (a long list) are still searched; beyond this many loaded seekers only the first ones
# are checked, so a page listing thousands costs no more than a few milliseconds.
MAX_SEEKERS_CHECKED = 2000
TEXT_TYPES = ("text/html", "application/json", "text/csv", "text/plain")


def note_seeker_loaded(instance) -> None:
    """post_init receiver: remember a seeker loaded during this request (nothing outside a request)."""
    collector = _request_seekers.get()
    if collector is not None and len(collector.loaded) < MAX_SEEKERS_CHECKED:
        collector.loaded.setdefault(id(instance), instance)


def note_recorded(seekers: Iterable) -> None:
    """The view wrote its own records for these seekers: the middleware writes none again."""
    collector = _request_seekers.get()
    if collector is not None:
        collector.recorded.update(seeker.pk for seeker in seekers if seeker is not None)


def personal_markers(seeker) -> list[str]:
    """What identifies the seeker in a response: name, phone and e-mail as loaded (deferred fields are not read)."""
    from django.utils.html import escape

    values = [seeker.__dict__.get(name) for name in ("name", "phone", "email")]
    markers = []
    for value in values:
        if isinstance(value, str) and len(value) >= 2:
            markers.append(value)
            if escape(value) != value:
                markers.append(str(escape(value)))
    return markers


def seekers_shown_in(text: str, user) -> list:
    """The seekers loaded so far in this request whose personal data `text` carries, that no view recorded and
    that are not `user`'s own: the records AccessLogMiddleware would write for a response of this text. A page
    that keeps a rendering (jobcenter/worklist.py) keeps them with it, and records them itself whenever it
    serves the rendering again without loading them."""
    collector = _request_seekers.get()
    if collector is None:
        return []
    unique = {}
    for seeker in collector.loaded.values():
        if seeker.pk and seeker.pk not in collector.recorded and seeker.__dict__.get("user_id") != user.pk:
            unique.setdefault(seeker.pk, seeker)
    return [seeker for seeker in unique.values() if any(marker in text for marker in personal_markers(seeker))]


def seekers_in_response(response: HttpResponse, seekers: Iterable) -> list:
    content_type = response.get("Content-Type", "")
    if response.streaming or not content_type.startswith(TEXT_TYPES):
        return []
    body = response.content.decode(response.charset or "utf-8", errors="ignore")
    return [seeker for seeker in seekers if any(marker in body for marker in personal_markers(seeker))]


class AccessLogMiddleware:
    """Writes the access records a view did not: one per seeker whose personal data the response shows to someone
    other than that seeker."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        collector = _RequestSeekers()
        token = _request_seekers.set(collector)
        try:
            response = self.get_response(request)
        finally:
            _request_seekers.reset(token)
        user = getattr(request, "user", None)
        if not collector.loaded or user is None or not user.is_authenticated or response.status_code >= 500:
            return response
        unique = {}
        for seeker in collector.loaded.values():
            if seeker.pk and seeker.pk not in collector.recorded and seeker.__dict__.get("user_id") != user.pk:
                unique.setdefault(seeker.pk, seeker)
        shown = seekers_in_response(response, unique.values())
        if shown:
            from seekers.models import AccessRecord

            access_records_bulk(user=user, seekers=shown, action=AccessRecord.Action.VIEW, request=request)
            response.personal_data = True
        return response
