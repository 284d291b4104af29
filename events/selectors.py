"""Reads scoped to the acting user. Another centre's event, another company's participation or another
seeker's registration is not found (404): its existence is not revealed."""

from django.db.models import Count, Prefetch, Q, QuerySet, Sum
from django.http import Http404
from django.utils import timezone

from employers.models import Company
from events.models import Event, EventSeries, Interview, InterviewSlot, Participation, Registration, RoomRequest
from jobcenter.models import Role, User
from seekers.models import Seeker


def events_for_user(user: User) -> QuerySet[Event]:
    """The events a member of staff manages: their centre's (an administrator's: every centre's)."""
    if user.role == Role.ADMINISTRATOR:
        return Event.objects.all()
    if user.is_centre_staff and user.centre_id:
        return Event.objects.filter(centre_id=user.centre_id)
    return Event.objects.none()


def get_event_for_user(user: User, pk: int) -> Event:
    """The event if the user manages it, else 404."""
    event = events_for_user(user).select_related("centre", "series").filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def event_list_for_staff(user: User) -> QuerySet[Event]:
    return events_for_user(user).annotate(
        confirmed=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
        waitlisted=Count("registrations", filter=Q(registrations__status=Registration.Status.WAITLISTED)),
    )


def public_events() -> QuerySet[Event]:
    """Upcoming events anyone may see on the calendar (never the video link: templates leave it out)."""
    return Event.objects.filter(
        state__in=[Event.State.PLANNED, Event.State.OPEN, Event.State.CLOSED], ends_at__gte=timezone.now()
    ).select_related("centre")


def get_public_event(pk: int) -> Event:
    event = public_events().filter(pk=pk).first()
    if event is None:
        raise Http404
    return event


def seeker_of(user: User) -> Seeker | None:
    return getattr(user, "seeker", None) if user.is_authenticated and user.is_seeker else None


def live_registration(event: Event, seeker: Seeker) -> Registration | None:
    """The seeker's sign-up for the event that is not cancelled (there is at most one), or None."""
    return event.registrations.filter(seeker=seeker).exclude(status=Registration.Status.CANCELLED).first()


def registrations_for_user(user: User) -> QuerySet[Registration]:
    """A seeker's own registrations; staff see those of their centre's events."""
    if user.is_seeker:
        seeker = seeker_of(user)
        return Registration.objects.filter(seeker=seeker) if seeker else Registration.objects.none()
    if user.is_centre_staff:
        return Registration.objects.filter(event__in=events_for_user(user))
    return Registration.objects.none()


def get_registration_for_user(user: User, pk: int) -> Registration:
    registration = registrations_for_user(user).select_related("event", "seeker").filter(pk=pk).first()
    if registration is None:
        raise Http404
    return registration


def company_of(user: User) -> Company | None:
    membership = getattr(user, "company_membership", None) if user.is_employer else None
    return membership.company if membership else None


def participations_for_user(user: User) -> QuerySet[Participation]:
    """An employer's own company's participations; staff see those of their centre's events."""
    if user.is_employer:
        company = company_of(user)
        return Participation.objects.filter(company=company) if company else Participation.objects.none()
    if user.is_centre_staff:
        return Participation.objects.filter(event__in=events_for_user(user))
    return Participation.objects.none()


def get_participation_for_user(user: User, pk: int) -> Participation:
    participation = participations_for_user(user).select_related("event", "company").filter(pk=pk).first()
    if participation is None:
        raise Http404
    return participation


def get_interview_for_user(user: User, pk: int) -> Interview:
    interview = (
        Interview.objects.filter(participation__in=participations_for_user(user))
        .select_related("event", "participation", "seeker")
        .filter(pk=pk)
        .first()
    )
    if interview is None:
        raise Http404
    return interview


def participation_with_schedule(participation: Participation) -> list[InterviewSlot]:
    """The booth's slots with their live interviews, in two queries."""
    live = Interview.objects.exclude(outcome=Interview.Outcome.CANCELLED).select_related("seeker", "vacancy")
    return list(participation.slots.prefetch_related(Prefetch("interviews", queryset=live, to_attr="live")))


def seekers_for_staff(user: User) -> QuerySet[Seeker]:
    """The seekers a counselor may sign up or schedule (the seekers app decides who that is)."""
    try:
        from seekers.selectors import seekers_for_user
    except ImportError:
        seekers_for_user = None
    if seekers_for_user is not None:
        return seekers_for_user(user)
    if user.role == Role.ADMINISTRATOR:
        return Seeker.objects.all()
    return Seeker.objects.filter(centre_id=user.centre_id) if user.centre_id else Seeker.objects.none()


def event_participations(event: Event) -> QuerySet[Participation]:
    return (
        event.participations.select_related("company")
        .prefetch_related("vacancies")
        .annotate(
            openings=Sum("vacancies__openings"),
        )
    )


def get_series_for_user(user: User, pk: int) -> EventSeries:
    """A series of a centre the user manages (an administrator: any), else 404."""
    series = EventSeries.objects.all()
    if user.role != Role.ADMINISTRATOR:
        series = series.filter(centre_id=user.centre_id) if user.is_centre_staff and user.centre_id else series.none()
    found = series.select_related("centre").filter(pk=pk).first()
    if found is None:
        raise Http404
    return found


def room_requests_for_user(user: User) -> QuerySet[RoomRequest]:
    """An employer's own company's requests; staff those made to their centre (an administrator: all)."""
    if user.is_employer:
        company = company_of(user)
        return RoomRequest.objects.filter(company=company) if company else RoomRequest.objects.none()
    if user.role == Role.ADMINISTRATOR:
        return RoomRequest.objects.all()
    if user.is_centre_staff and user.centre_id:
        return RoomRequest.objects.filter(centre_id=user.centre_id)
    return RoomRequest.objects.none()


def get_room_request_for_user(user: User, pk: int) -> RoomRequest:
    request = (
        room_requests_for_user(user)
        .select_related("company", "centre", "event", "decided_by")
        .prefetch_related("vacancies")
        .filter(pk=pk)
        .first()
    )
    if request is None:
        raise Http404
    return request


def checked_in_registrations(event: Event) -> QuerySet[Registration]:
    return event.registrations.filter(status=Registration.Status.CONFIRMED, checked_in_at__isnull=False).select_related(
        "seeker"
    )
