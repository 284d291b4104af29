import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.db.backends.postgresql.psycopg_any import DateTimeTZRange

from events import services
from events.models import Interview, InterviewSlot, Registration
from tests.employers.factories import VacancyFactory
from tests.events.factories import (
    EventFactory,
    InterviewFactory,
    InterviewSlotFactory,
    ParticipationFactory,
    RegistrationFactory,
)
from tests.factories import UserFactory
from tests.seekers.factories import SeekerFactory


@pytest.fixture
def counselor(db):
    return UserFactory(counselor=True)


@pytest.mark.django_db
def test_schedule__books_the_slot_and_signs_the_seeker_up(counselor):
    slot = InterviewSlotFactory(capacity=2)
    seeker = SeekerFactory()

    interview = services.interview_schedule(slot=slot, seeker=seeker, by=counselor)

    slot.refresh_from_db()
    assert slot.booked == 1
    assert interview.period.lower == slot.starts_at
    registration = Registration.objects.get(event=slot.participation.event, seeker=seeker)
    assert registration.source == Registration.Source.INVITED
    assert interview.registration == registration


@pytest.mark.django_db
def test_schedule__into_a_full_slot__is_refused_and_saves_nothing(counselor):
    slot = InterviewSlotFactory(capacity=1)
    services.interview_schedule(slot=slot, seeker=SeekerFactory(), by=counselor)

    with pytest.raises(ValidationError, match="full"):
        services.interview_schedule(slot=slot, seeker=SeekerFactory(), by=counselor)
    assert Interview.objects.count() == 1


@pytest.mark.django_db
def test_schedule__overlapping_another_interview_of_the_seeker__is_refused(counselor):
    event = EventFactory()
    first = InterviewSlotFactory(participation=ParticipationFactory(event=event))
    overlapping = InterviewSlotFactory(
        participation=ParticipationFactory(event=event), starts_at=first.starts_at + datetime.timedelta(minutes=10)
    )
    seeker = SeekerFactory()
    services.interview_schedule(slot=first, seeker=seeker, by=counselor)

    with pytest.raises(ValidationError, match="already has an interview at that time"):
        services.interview_schedule(slot=overlapping, seeker=seeker, by=counselor)

    overlapping.refresh_from_db()
    assert overlapping.booked == 0


@pytest.mark.django_db
def test_schedule__back_to_back_slots__are_allowed(counselor):
    event = EventFactory()
    first = InterviewSlotFactory(participation=ParticipationFactory(event=event))
    after = InterviewSlotFactory(participation=ParticipationFactory(event=event), starts_at=first.ends_at)
    seeker = SeekerFactory()
    services.interview_schedule(slot=first, seeker=seeker, by=counselor)

    services.interview_schedule(slot=after, seeker=seeker, by=counselor)

    assert Interview.objects.filter(seeker=seeker).count() == 2


@pytest.mark.django_db
def test_database__refuses_overlapping_interviews_written_past_the_service():
    interview = InterviewFactory(in_slot=True)
    with pytest.raises(IntegrityError, match="interview_no_double_booking"), transaction.atomic():
        InterviewFactory(
            seeker=interview.seeker,
            participation=interview.participation,
            period=DateTimeTZRange(interview.period.lower, interview.period.upper, "[)"),
        )


@pytest.mark.django_db
def test_database__refuses_a_slot_counter_over_capacity():
    slot = InterviewSlotFactory(capacity=2)
    with pytest.raises(IntegrityError, match="interview_slot_not_overbooked"), transaction.atomic():
        InterviewSlot.objects.filter(pk=slot.pk).update(booked=3)


@pytest.mark.django_db
def test_cancelling_a_registration__frees_its_interview_slot(counselor):
    slot = InterviewSlotFactory(capacity=1)
    interview = services.interview_schedule(slot=slot, seeker=SeekerFactory(), by=counselor)

    services.registration_cancel(registration=interview.registration, by=counselor)

    slot.refresh_from_db()
    interview.refresh_from_db()
    assert slot.booked == 0
    assert interview.outcome == Interview.Outcome.CANCELLED
    services.interview_schedule(slot=slot, seeker=SeekerFactory(), by=counselor)


@pytest.mark.django_db
def test_outcome__follows_the_transition_table(counselor):
    from django.utils import timezone

    participation = ParticipationFactory(event=EventFactory(under_way=True))
    seeker = SeekerFactory()
    registration = RegistrationFactory(event=participation.event, seeker=seeker, checked_in_at=timezone.now())
    interview = InterviewFactory(participation=participation, seeker=seeker, registration=registration)
    services.interview_record_outcome(interview=interview, outcome="passed_first", by=counselor)

    with pytest.raises(ValidationError, match="cannot become"):
        services.interview_record_outcome(interview=interview, outcome="no_show", by=counselor)

    services.interview_record_outcome(interview=interview, outcome="hired", by=counselor)
    interview.refresh_from_db()
    assert interview.outcome == Interview.Outcome.HIRED
    assert list(interview.log.values_list("to_value", flat=True)) == ["passed_first", "hired"]


@pytest.mark.django_db
def test_slots_generate__cuts_the_time_into_slots_with_parallel_interviewers(counselor):
    participation = ParticipationFactory()
    start = participation.event.starts_at

    slots = services.slots_generate(
        participation=participation,
        first_start=start,
        last_end=start + datetime.timedelta(hours=1),
        minutes=20,
        interviewers=3,
        by=counselor,
    )

    assert [(s.ends_at - s.starts_at).seconds // 60 for s in slots] == [20, 20, 20]
    assert {s.capacity for s in slots} == {3}


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_bookings_of_one_slot__exactly_its_capacity_succeed():
    capacity = 3
    counselor = UserFactory(counselor=True)
    slot = InterviewSlotFactory(capacity=capacity)
    seekers = [SeekerFactory(booth=SeekerFactory().booth) for _ in range(50)]
    barrier = threading.Barrier(len(seekers))
    results: list[str] = []
    lock = threading.Lock()

    def book(seeker):
        try:
            barrier.wait(timeout=30)
            services.interview_schedule(slot=slot, seeker=seeker, by=counselor)
            outcome = "ok"
        except ValidationError:
            outcome = "full"
        except Exception as error:  # anything else is a failure the assertion below shows
            outcome = repr(error)
        finally:
            connection.close()
        with lock:
            results.append(outcome)

    threads = [threading.Thread(target=book, args=(seeker,)) for seeker in seekers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert sorted(set(results)) == ["full", "ok"], results
    assert results.count("ok") == capacity
    slot.refresh_from_db()
    assert slot.booked == capacity
    assert Interview.objects.filter(slot=slot).exclude(outcome="cancelled").count() == capacity


@pytest.mark.django_db
def test_interview_for_a_vacancy__becomes_a_referral_when_the_seeker_consented(counselor, world):
    pytest.importorskip("matching.services")
    from matching.models import Referral, ReferralState
    from seekers.models import Consent, ConsentText

    text = ConsentText.objects.filter(kind=ConsentText.Kind.SHARING).first() or ConsentText.objects.create(
        kind=ConsentText.Kind.SHARING, version=99, text="공유 동의", purpose="알선", items="이력", retention="3년"
    )
    Consent.objects.create(seeker=world.seeker_a, text=text, kind=text.kind, channel=Consent.Channel.BOOTH)
    event = EventFactory(centre=world.centre_x)
    participation = ParticipationFactory(event=event, company=world.company_a, vacancies=[world.vacancy_a])
    slot = InterviewSlotFactory(participation=participation)

    interview = services.interview_schedule(slot=slot, seeker=world.seeker_a, by=world.users["counselor_x"])

    referral = Referral.objects.get(pk=interview.referral_id)
    assert referral.vacancy == world.vacancy_a
    assert referral.state == ReferralState.INTERVIEW_SCHEDULED
    # The day comes: the fair starts, the seeker checks in and is interviewed (a result only after all that).
    from django.utils import timezone

    from events.models import Event
    from matching.models import Interview as ReferralInterview

    an_hour_ago = timezone.now() - datetime.timedelta(hours=1)
    Event.objects.filter(pk=event.pk).update(starts_at=an_hour_ago)
    Registration.objects.filter(pk=interview.registration_id).update(checked_in_at=timezone.now())
    ReferralInterview.objects.filter(referral_id=referral.pk).update(starts_at=an_hour_ago)
    interview = Interview.objects.get(pk=interview.pk)
    services.interview_record_outcome(interview=interview, outcome="hired", by=world.users["employer_a"])
    referral.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    assert referral.state == ReferralState.HIRED
    assert world.vacancy_a.openings_filled == 1


@pytest.mark.django_db
def test_interview_without_consent__still_takes_place_without_a_referral(counselor, world):
    vacancy = VacancyFactory(company=world.company_a, published=True)
    participation = ParticipationFactory(
        event=EventFactory(centre=world.centre_x), company=world.company_a, vacancies=[vacancy]
    )
    interview = services.interview_schedule(
        slot=InterviewSlotFactory(participation=participation), seeker=world.seeker_a, by=counselor
    )
    assert interview.referral_id is None
    assert interview.vacancy == vacancy
