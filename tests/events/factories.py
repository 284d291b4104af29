import datetime

import factory
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange
from django.utils import timezone
from factory.django import DjangoModelFactory

from events.models import (
    Event,
    EventKind,
    EventMode,
    EventSeries,
    EventSession,
    Interview,
    InterviewSlot,
    Participation,
    Registration,
    RoomRequest,
)
from tests.employers.factories import CompanyFactory
from tests.factories import CentreFactory
from tests.seekers.factories import SeekerFactory


def in_days(days: int, hour: int = 10) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour), tzinfo=timezone.get_current_timezone())


class EventFactory(DjangoModelFactory):
    """An open job fair a week from now, 10:00–16:00, with one session."""

    class Meta:
        model = Event
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    kind = EventKind.JOB_FAIR
    mode = EventMode.IN_PERSON
    title = factory.Sequence(lambda n: f"서구 채용한마당 {n}")
    venue = "서구청 대강당"
    starts_at = factory.LazyFunction(lambda: in_days(7, 10))
    ends_at = factory.LazyAttribute(lambda e: e.starts_at + datetime.timedelta(hours=6))
    state = Event.State.OPEN

    class Params:
        planned = factory.Trait(state=Event.State.PLANNED)
        video = factory.Trait(mode=EventMode.VIDEO, venue="", video_link="https://zoom.example/j/123")
        lecture = factory.Trait(kind=EventKind.LECTURE, title=factory.Sequence(lambda n: f"취업특강 {n}"))
        interview_day = factory.Trait(kind=EventKind.INTERVIEW_DAY)
        # Started an hour ago, on today: check-in, outcomes and attendance are possible (only on the day).
        under_way = factory.Trait(
            starts_at=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(hours=1)),
            ends_at=factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(hours=5)),
        )

    @factory.post_generation
    def with_session(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            EventSession.objects.create(event=obj, starts_at=obj.starts_at, ends_at=obj.ends_at)


class RegistrationFactory(DjangoModelFactory):
    class Meta:
        model = Registration

    event = factory.SubFactory(EventFactory)
    seeker = factory.SubFactory(SeekerFactory)
    status = Registration.Status.CONFIRMED
    code = factory.Sequence(lambda n: f"T{n:07d}")

    class Params:
        waitlisted = factory.Trait(
            status=Registration.Status.WAITLISTED, waitlisted_at=factory.LazyFunction(timezone.now)
        )


class ParticipationFactory(DjangoModelFactory):
    class Meta:
        model = Participation
        skip_postgeneration_save = True

    event = factory.SubFactory(EventFactory)
    company = factory.SubFactory(CompanyFactory, centre=factory.SelfAttribute("..event.centre"))
    status = Participation.Status.CONFIRMED
    booth = factory.Sequence(lambda n: f"A-{n:02d}")

    @factory.post_generation
    def vacancies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.vacancies.set(extracted)


class InterviewSlotFactory(DjangoModelFactory):
    class Meta:
        model = InterviewSlot

    participation = factory.SubFactory(ParticipationFactory)
    starts_at = factory.LazyAttribute(lambda s: s.participation.event.starts_at)
    ends_at = factory.LazyAttribute(lambda s: s.starts_at + datetime.timedelta(minutes=20))
    capacity = 2


class InterviewFactory(DjangoModelFactory):
    """An on-the-spot interview (no slot) at a participating booth."""

    class Meta:
        model = Interview

    participation = factory.SubFactory(ParticipationFactory)
    event = factory.SelfAttribute("participation.event")
    seeker = factory.SubFactory(SeekerFactory)
    outcome = Interview.Outcome.SCHEDULED

    class Params:
        in_slot = factory.Trait(
            slot=factory.SubFactory(InterviewSlotFactory, participation=factory.SelfAttribute("..participation")),
            period=factory.LazyAttribute(lambda i: DateTimeTZRange(i.slot.starts_at, i.slot.ends_at, "[)")),
        )


class EventSeriesFactory(DjangoModelFactory):
    """A Friday recruiting day series over the next four weeks (no events: services.series_create makes those)."""

    class Meta:
        model = EventSeries

    centre = factory.SubFactory(CentreFactory)
    title = "금요채용마당"
    kind = EventKind.INTERVIEW_DAY
    rule = EventSeries.Rule.WEEKLY
    weekday = 4
    first_date = factory.LazyFunction(lambda: timezone.localdate() + datetime.timedelta(days=1))
    last_date = factory.LazyAttribute(lambda s: s.first_date + datetime.timedelta(weeks=4))
    start_time = datetime.time(14)
    end_time = datetime.time(16)
    venue = "인천서부고용복지+센터 2층 면접실"


class RoomRequestFactory(DjangoModelFactory):
    """An employer's request for the permanent interview room, waiting for the centre's answer."""

    class Meta:
        model = RoomRequest
        skip_postgeneration_save = True

    company = factory.SubFactory(CompanyFactory)
    centre = factory.SelfAttribute("company.centre")
    preferred_dates = factory.LazyFunction(
        lambda: [timezone.localdate() + datetime.timedelta(days=10), timezone.localdate() + datetime.timedelta(days=12)]
    )
    start_time = datetime.time(10)
    end_time = datetime.time(12)
    interviewers = 2

    @factory.post_generation
    def vacancies(obj, create, extracted, **kwargs):
        if create and extracted:
            obj.vacancies.set(extracted)
