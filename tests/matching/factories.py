import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from jobcenter.models import EmploymentType
from matching.models import FollowUp, Interview, Placement, Referral, ReferralState, ReferralTransition
from seekers.models import Consent, ConsentText, Seeker
from tests.employers.factories import VacancyFactory
from tests.seekers.factories import SeekerFactory


def working_time(days: int = 3, hour: int = 10) -> datetime.datetime:
    """`hour` o'clock on the first weekday at least `days` ahead that is not a Korean public holiday: an interview
    time the scheduling rules accept whenever the tests run."""
    import holidays

    day = timezone.localdate() + datetime.timedelta(days=days)
    closed = holidays.country_holidays("KR", years=[day.year, day.year + 1])
    while day.weekday() >= 5 or day in closed:
        day += datetime.timedelta(days=1)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(hour)))


def give_consent(seeker: Seeker, kind: str = ConsentText.Kind.SHARING) -> Consent:
    from seekers.services import consent_text_current

    text = consent_text_current(kind)  # the shipped wording in effect (also after a flushed database)
    consent, _ = Consent.objects.get_or_create(
        seeker=seeker, kind=kind, withdrawn_at=None, defaults={"text": text, "channel": Consent.Channel.BOOTH}
    )
    return consent


class ConsentingSeekerFactory(SeekerFactory):
    """A seeker who consented to share their profile with employers."""

    class Meta:
        skip_postgeneration_save = True

    @factory.post_generation
    def sharing(seeker, create, extracted, **kwargs):
        if create and extracted is not False:
            give_consent(seeker)


class ReferralFactory(DjangoModelFactory):
    """A referral in any state, built directly (tests of the services build theirs through them)."""

    class Meta:
        model = Referral
        skip_postgeneration_save = True

    seeker = factory.SubFactory(ConsentingSeekerFactory)
    vacancy = factory.SubFactory(VacancyFactory, published=True)
    centre = factory.SelfAttribute("seeker.centre")
    state = ReferralState.PROPOSED

    class Params:
        sent = factory.Trait(state=ReferralState.SENT, waiting_since=factory.LazyFunction(timezone.now))
        late = factory.Trait(
            state=ReferralState.SENT,
            waiting_since=factory.LazyFunction(lambda: timezone.now() - datetime.timedelta(days=10)),
        )
        scheduled = factory.Trait(state=ReferralState.INTERVIEW_SCHEDULED)
        interviewed = factory.Trait(state=ReferralState.INTERVIEWED, waiting_since=factory.LazyFunction(timezone.now))
        not_hired = factory.Trait(state=ReferralState.NOT_HIRED, ending_reason="wage")

    @factory.post_generation
    def log(referral, create, extracted, **kwargs):
        if create:
            give_consent(referral.seeker)  # a referral exists only with the sharing consent
            ReferralTransition.objects.create(referral=referral, from_state="", to_state=referral.state)


class InterviewFactory(DjangoModelFactory):
    class Meta:
        model = Interview

    referral = factory.SubFactory(ReferralFactory, scheduled=True)
    starts_at = factory.LazyFunction(lambda: timezone.now() + datetime.timedelta(days=2))
    place = "본사 2층 회의실"

    class Params:
        today = factory.Trait(starts_at=factory.LazyFunction(lambda: timezone.localtime().replace(hour=14, minute=0)))
        accompanied_by_counselor = factory.Trait(accompanied=True)


class PlacementFactory(DjangoModelFactory):
    """A self-reported placement unless a referral is given."""

    class Meta:
        model = Placement

    seeker = factory.SubFactory(SeekerFactory)
    centre = factory.SelfAttribute("seeker.centre")
    source = Placement.Source.SELF_REPORTED
    employer_name = "서구물산(주)"
    start_date = factory.LazyFunction(lambda: timezone.localdate() - datetime.timedelta(days=40))
    employment_type = EmploymentType.FULL_TIME
    wage_amount = 2_300_000
    weekly_hours = 40


class FollowUpFactory(DjangoModelFactory):
    class Meta:
        model = FollowUp

    placement = factory.SubFactory(PlacementFactory)
    months = 1
    due_date = factory.LazyFunction(timezone.localdate)

    class Params:
        employed = factory.Trait(outcome=FollowUp.Outcome.EMPLOYED, contacted_at=factory.LazyFunction(timezone.now))
        left = factory.Trait(
            outcome=FollowUp.Outcome.LEFT, left_reason="임금 불만", contacted_at=factory.LazyFunction(timezone.now)
        )
