"""The data check's rules for events and training cohorts (jobcenter/datacheck.py)."""

from collections.abc import Iterator

from django.db.models import Count, Exists, F, Max, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from events.models import Attendance, Event, Interview, Registration
from jobcenter.datacheck import Finding, Rule


def _event_finding(event: Event, label: str, detail: str) -> Finding:
    return Finding(
        label=f"{event.title} · {label}",
        url=reverse("events:manage_detail", args=[event.pk]),
        centre_id=event.centre_id,
        detail=detail,
    )


def _in_centre(queryset, centre_id: int | None, field: str = "event__centre_id"):
    return queryset if centre_id is None else queryset.filter(**{field: centre_id})


def outcomes_without_check_in(centre_id: int | None) -> Iterator[Finding]:
    """An interview held (interviewed, passed, hired) for someone not registered and checked in at the event."""
    checked_in = Registration.objects.filter(
        event=OuterRef("event"), seeker=OuterRef("seeker"), checked_in_at__isnull=False
    ).exclude(status=Registration.Status.CANCELLED)
    interviews = _in_centre(
        Interview.objects.filter(outcome__in=Interview.HELD_OUTCOMES).exclude(Exists(checked_in)), centre_id
    )
    for interview in interviews.select_related("event", "seeker").order_by("pk").iterator():
        yield _event_finding(
            interview.event,
            interview.seeker.name,
            _("%(outcome)s without a check-in") % {"outcome": interview.get_outcome_display()},
        )


def outcomes_before_the_event(centre_id: int | None) -> Iterator[Finding]:
    interviews = _in_centre(Interview.objects.filter(outcome_at__lt=F("event__starts_at")), centre_id)
    for interview in interviews.select_related("event", "seeker").order_by("pk").iterator():
        yield _event_finding(interview.event, interview.seeker.name, _("outcome recorded before the event started"))


def check_ins_off_the_event_days(centre_id: int | None) -> Iterator[Finding]:
    registrations = _in_centre(Registration.objects.filter(checked_in_at__isnull=False), centre_id)
    for registration in registrations.select_related("event", "seeker").order_by("pk").iterator():
        day = timezone.localdate(registration.checked_in_at)
        event = registration.event
        if not timezone.localdate(event.starts_at) <= day <= timezone.localdate(event.ends_at):
            yield _event_finding(
                event, registration.seeker.name, _("checked in on %(day)s") % {"day": f"{day:%Y-%m-%d}"}
            )


def attendance_for_sessions_not_held(centre_id: int | None) -> Iterator[Finding]:
    attendances = _in_centre(
        Attendance.objects.filter(present=True, session__starts_at__gt=F("recorded_at")),
        centre_id,
        "session__event__centre_id",
    )
    for attendance in attendances.select_related("session__event", "registration__seeker").order_by("pk").iterator():
        yield _event_finding(
            attendance.session.event,
            attendance.registration.seeker.name,
            _("present at the session of %(when)s before it took place")
            % {"when": f"{timezone.localtime(attendance.session.starts_at):%Y-%m-%d %H:%M}"},
        )


def completions_not_earned(centre_id: int | None) -> Iterator[Finding]:
    """Completed (수료) before the last session ended, or with less attendance than the cohort requires."""
    registrations = _in_centre(
        Registration.objects.filter(completed_at__isnull=False).annotate(
            sessions=Count("event__sessions", distinct=True),
            last_end=Max("event__sessions__ends_at"),
            attended=Count("attendances", filter=Q(attendances__present=True), distinct=True),
        ),
        centre_id,
    )
    for registration in registrations.select_related("event", "seeker").order_by("pk").iterator():
        early = registration.last_end is not None and registration.completed_at < registration.last_end
        short = registration.attended * 100 < registration.event.completion_percent * registration.sessions
        if early or short:
            yield _event_finding(
                registration.event,
                registration.seeker.name,
                _("completed with %(attended)s of %(sessions)s sessions%(early)s")
                % {
                    "attended": registration.attended,
                    "sessions": registration.sessions,
                    "early": _(", before the last session ended") if early else "",
                },
            )


RULES = [
    Rule(
        "event_outcome_without_check_in",
        gettext_lazy("Event interview results without a check-in"),
        outcomes_without_check_in,
        20,
    ),
    Rule(
        "event_outcome_before_start",
        gettext_lazy("Event results recorded before the event started"),
        outcomes_before_the_event,
        21,
    ),
    Rule(
        "event_check_in_off_day", gettext_lazy("Check-ins outside the event's days"), check_ins_off_the_event_days, 22
    ),
    Rule(
        "attendance_before_session",
        gettext_lazy("Attendance for sessions that had not taken place"),
        attendance_for_sessions_not_held,
        23,
    ),
    Rule(
        "completion_not_earned",
        gettext_lazy("Completions before the end or below the attendance required"),
        completions_not_earned,
        24,
    ),
]
