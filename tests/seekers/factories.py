import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from seekers.models import Booking, Consent, Consultation, Seeker
from seekers.services import consent_text_current, is_holiday
from tests.factories import BoothFactory, UserFactory, region


class SeekerFactory(DjangoModelFactory):
    class Meta:
        model = Seeker
        skip_postgeneration_save = True

    booth = factory.SubFactory(BoothFactory)
    centre = factory.SelfAttribute("booth.centre")
    name = factory.Sequence(lambda n: f"홍길동{n}")
    birth_date = datetime.date(1990, 5, 17)
    phone = factory.Sequence(lambda n: f"010-{1000 + n % 9000:04d}-{n % 10000:04d}")
    region = factory.LazyFunction(lambda: region("2826053000"))

    class Params:
        closed = factory.Trait(status=Seeker.Status.CLOSED)

    @factory.post_generation
    def consented(self, create, extracted, **kwargs):
        """`SeekerFactory(consented=["collection", "sharing"])` records those consents."""
        for kind in extracted or []:
            Consent.objects.create(seeker=self, kind=kind, text=consent_text_current(kind), channel="web")

    @factory.post_generation
    def dormant_since(self, create, extracted, **kwargs):
        # auto_now_add overrides the value given at creation; set it afterwards.
        if extracted:
            Seeker.objects.filter(pk=self.pk).update(last_activity_at=extracted)
            self.last_activity_at = extracted


def next_working_day(after: datetime.date | None = None) -> datetime.date:
    day = (after or timezone.localdate()) + datetime.timedelta(days=1)
    while day.weekday() >= 5 or is_holiday(day):
        day += datetime.timedelta(days=1)
    return day


def slot_on(day: datetime.date, hour: int = 10, minute: int = 0) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


class BookingFactory(DjangoModelFactory):
    class Meta:
        model = Booking

    seeker = factory.SubFactory(SeekerFactory)
    booth = factory.SelfAttribute("seeker.booth")
    # Successive half-hour slots of the next working day, from 09:00.
    starts_at = factory.Sequence(
        lambda n: (
            slot_on(next_working_day(), 9) + datetime.timedelta(minutes=30 * (n % 6) + (60 * 4 if n % 12 >= 6 else 0))
        )
    )
    ends_at = factory.LazyAttribute(lambda booking: booking.starts_at + datetime.timedelta(minutes=30))
    channel = Booking.Channel.WEB


class ConsultationFactory(DjangoModelFactory):
    class Meta:
        model = Consultation

    seeker = factory.SubFactory(SeekerFactory)
    counselor = factory.SubFactory(UserFactory, counselor=True)
    booth = factory.SelfAttribute("seeker.booth")
    channel = Consultation.Channel.VISIT
    started_at = factory.LazyFunction(timezone.now)
    topics = factory.LazyFunction(lambda: [Consultation.Topic.JOB_SEARCH])
