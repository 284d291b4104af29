"""What events adds to pages of other apps (jobcenter/hooks.py)."""

import datetime

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, Participation, Registration
from events.selectors import events_for_user
from jobcenter.hooks import Panel, TimelineEntry


def seeker_home_panels(seeker, user) -> list[Panel]:
    registrations = list(
        seeker.event_registrations.exclude(status=Registration.Status.CANCELLED)
        .filter(event__ends_at__gte=timezone.now() - datetime.timedelta(days=30))
        .select_related("event")
        .order_by("event__starts_at")[:10]
    )
    return [
        Panel(
            key="events",
            title=_("My events"),
            template="events/panel_seeker.html",
            context={"registrations": registrations},
            count=len(registrations),
            order=40,
        )
    ]


def seeker_timeline(seeker, limit: int | None = None) -> list[TimelineEntry]:
    """The seeker's newest `limit` sign-ups (all when None)."""
    entries = []
    registrations = seeker.event_registrations.select_related("event").only(
        "seeker", "created_at", "status", "event__title"
    )
    for registration in registrations.order_by("-created_at", "-pk")[:limit]:
        entries.append(
            TimelineEntry(
                at=registration.created_at,
                kind="event",
                title=_("Signed up for %(title)s") % {"title": registration.event.title},
                detail=registration.get_status_display(),
            )
        )
    return entries


def employer_portal_panels(company, user) -> list[Panel]:
    participations = list(
        Participation.objects.filter(company=company)
        .exclude(status__in=[Participation.Status.DECLINED, Participation.Status.WITHDRAWN])
        .filter(event__ends_at__gte=timezone.now() - datetime.timedelta(days=30))
        .select_related("event")
        .order_by("event__starts_at")[:10]
    )
    return [
        Panel(
            key="events",
            title=_("Job fairs and interview days"),
            template="events/panel_employer.html",
            context={"participations": participations},
            count=len(participations),
            order=40,
        )
    ]


# What the panels of worklist_sections read: they are rendered again when one of these tables changes at the centre
# (jobcenter/worklist.py; tests/jobcenter/test_worklist_cache.py checks the list against the queries).
WORKLIST_READS = (Event,)


def worklist_sections(user) -> list[Panel]:
    # From today on: an event (or a course) that began before today is not "in the next two weeks", even while it runs.
    today = timezone.localdate()
    start = datetime.datetime.combine(today, datetime.time.min, tzinfo=timezone.get_current_timezone())
    events = list(
        events_for_user(user)
        .filter(state__in=[Event.State.PLANNED, Event.State.OPEN, Event.State.CLOSED])
        .filter(starts_at__gte=start, starts_at__lt=start + datetime.timedelta(days=15))
        .only("title", "starts_at", "state")
        .order_by("starts_at")[:10]
    )
    return [
        Panel(
            key="events",
            title=_("Events in the next two weeks"),
            template="events/panel_worklist.html",
            context={"events": events, "manage_url": reverse("events:manage_list")},
            count=len(events),
            order=60,
        )
    ]
