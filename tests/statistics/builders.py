"""A month built from known counts (March 2025), for the rollup tests and the dashboard tests."""

import datetime
from dataclasses import dataclass, field
from zoneinfo import ZoneInfo

from employers.models import Company, Vacancy
from events.models import Event, Interview, Registration
from matching.models import Placement, Referral, ReferralState
from outreach.models import DeskSessionConsultation, DeskSessionRegistration, DiscoveredVacancy, Visit
from seekers.models import Booking, Consultation, Seeker
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.events.factories import EventFactory, ParticipationFactory, RegistrationFactory
from tests.factories import BoothFactory
from tests.matching.factories import FollowUpFactory, InterviewFactory, PlacementFactory, ReferralFactory
from tests.outreach.factories import DeskSessionFactory, MobileDeskFactory, VisitFactory
from tests.seekers.factories import ConsultationFactory, SeekerFactory

KST = ZoneInfo("Asia/Seoul")
MONTH = datetime.date(2025, 3, 1)


def at(day: int, hour: int = 10, month: int = 3, year: int = 2025, minute: int = 0) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, minute, tzinfo=KST)


def registered(seeker: Seeker, when: datetime.datetime) -> Seeker:
    Seeker.objects.filter(pk=seeker.pk).update(registered_at=when)
    seeker.registered_at = when
    return seeker


def referral(seeker: Seeker, vacancy: Vacancy, *, created: datetime.datetime, state: str, **extra) -> Referral:
    made = ReferralFactory(seeker=seeker, vacancy=vacancy, centre=seeker.centre, state=state, **extra)
    Referral.objects.filter(pk=made.pk).update(
        created_at=created, state_changed_at=created + datetime.timedelta(days=5)
    )
    return made


@dataclass
class KnownMonth:
    booth_1: object
    booth_2: object
    seekers: dict = field(default_factory=dict)
    placements: dict = field(default_factory=dict)


def build_known_month(world) -> KnownMonth:
    """Centre X: three seekers served in March 2025 (two at booth 1, one at booth 2), centre Y: one.

    Hand-computed figures are in tests/statistics/test_rollup.py."""
    counselor = world.users["counselor_x"]
    booth_1 = world.seeker_a.booth
    booth_2 = BoothFactory(centre=world.centre_x, name="X 청년 창구")
    booth_y = world.seeker_b.booth
    s1 = registered(
        SeekerFactory(booth=booth_1, counselor=counselor, name="박민준", birth_date=datetime.date(1998, 4, 2),
                      target_groups=["youth"]),
        at(1, 9),
    )  # fmt: skip
    s2 = registered(
        SeekerFactory(booth=booth_1, counselor=counselor, name="최서연", birth_date=datetime.date(1970, 1, 5),
                      target_groups=["5060", "career_break_women"]),
        at(3),
    )  # fmt: skip
    s3 = registered(
        SeekerFactory(booth=booth_2, name="정하늘", birth_date=datetime.date(1985, 6, 1)), at(5)
    )  # no counselor, no target group
    s4 = registered(SeekerFactory(booth=booth_y, counselor=world.users["counselor_y"], name="한지우"), at(7))
    earlier = registered(SeekerFactory(booth=booth_1, name="오래된"), at(20, month=2))  # registered in February

    # Consultations: two for s1 (visit, phone), one for s4 at Y; one on the first minutes of April (not March),
    # one on the last minutes of March (counted), both for `earlier`... who is therefore served too.
    ConsultationFactory(seeker=s1, counselor=counselor, channel=Consultation.Channel.VISIT, started_at=at(10))
    ConsultationFactory(seeker=s1, counselor=counselor, channel=Consultation.Channel.PHONE, started_at=at(12))
    ConsultationFactory(seeker=s4, counselor=world.users["counselor_y"], started_at=at(11))
    ConsultationFactory(seeker=earlier, counselor=counselor, started_at=at(31, 23, minute=30))
    ConsultationFactory(seeker=earlier, counselor=counselor, started_at=at(1, 0, month=4, minute=30))

    # Bookings: s2 attended, s3 did not come, s1 cancelled one (does not count).
    Booking.objects.create(seeker=s2, booth=booth_1, starts_at=at(14), ends_at=at(14, 11), status="attended")
    Booking.objects.create(seeker=s3, booth=booth_2, starts_at=at(17), ends_at=at(17, 11), status="no_show")
    Booking.objects.create(seeker=s1, booth=booth_1, starts_at=at(18), ends_at=at(18, 11), status="cancelled")

    # Referrals: s1 hired, s2 not hired (wage), s3 still open.
    vacancy = world.vacancy_a
    r1 = referral(s1, vacancy, created=at(5), state=ReferralState.HIRED)
    r2 = referral(s2, VacancyFactory(company=world.company_a, published=True), created=at(6),
                  state=ReferralState.NOT_HIRED, ending_reason="wage")  # fmt: skip
    referral(s3, VacancyFactory(company=world.company_a, published=True), created=at(20), state=ReferralState.SENT)
    InterviewFactory(referral=r1, starts_at=at(10, 15))
    InterviewFactory(referral=r2, starts_at=at(11, 15))

    # Placements: s1 through the referral (19 days after registering), s3 self-reported (20 days).
    p1 = PlacementFactory(seeker=s1, source=Placement.Source.REFERRAL, referral=r1, vacancy=vacancy,
                          start_date=datetime.date(2025, 3, 20))  # fmt: skip
    p3 = PlacementFactory(seeker=s3, start_date=datetime.date(2025, 3, 25))

    # Retention at 3 months: placements of December 2024 — one still employed, one left, one not yet known.
    for name, outcome in (("employed", "employed"), ("left", "left"), ("unknown", None)):
        placement = PlacementFactory(seeker=SeekerFactory(booth=booth_1, name=f"유지{name}"),
                                     start_date=datetime.date(2024, 12, 10))  # fmt: skip
        if outcome == "employed":
            FollowUpFactory(placement=placement, months=3, employed=True)
        elif outcome == "left":
            FollowUpFactory(placement=placement, months=1, left=True)

    # Employers and vacancies: one company registered in March, one vacancy with 5 openings published then.
    company = CompanyFactory(centre=world.centre_x, name="삼월상사(주)")
    Company.objects.filter(pk=company.pk).update(created_at=at(4))
    VacancyFactory(company=company, published=True, openings=5)
    Vacancy.objects.filter(company=company).update(published_at=at(8))

    # The seeds' job fair: 152 openings, 63 hires on the day, 20 more interviews without a hire.
    fair = EventFactory(centre=world.centre_x, starts_at=at(26), ends_at=at(26, 16), state=Event.State.HELD)
    hire_seeker = SeekerFactory(booth=booth_1, name="박람회")
    participations = []
    for openings in (40, 40, 40, 32):
        employer = CompanyFactory(centre=world.centre_x)
        offered = VacancyFactory(company=employer, openings=openings)
        participations.append(ParticipationFactory(event=fair, company=employer, vacancies=[offered]))
    Interview.objects.bulk_create(
        [
            Interview(event=fair, participation=participations[i % 4], seeker=hire_seeker, outcome=outcome)
            for i, outcome in enumerate(["hired"] * 63 + ["interviewed"] * 20 + ["no_show"] * 5)
        ]
    )
    for index in range(10):
        registration = RegistrationFactory(event=fair, seeker=SeekerFactory(booth=booth_1, name=f"참가{index}"))
        Registration.objects.filter(pk=registration.pk).update(checked_in_at=at(26, 11))
    RegistrationFactory(event=fair, seeker=SeekerFactory(booth=booth_1, name="불참"))  # signed up, not checked in

    # Outreach: two completed visits to one company (one vacancy of 3 openings found, 1 filled since), a draft.
    visited = CompanyFactory(centre=world.centre_x, name="방문기업(주)")
    first = VisitFactory(centre=world.centre_x, company=visited, visited_on=datetime.date(2025, 3, 4), completed=True)
    VisitFactory(centre=world.centre_x, company=visited, visited_on=datetime.date(2025, 3, 18), completed=True)
    VisitFactory(centre=world.centre_x, company=visited, visited_on=datetime.date(2025, 3, 19))
    found = VacancyFactory(company=visited, openings=3, source="field_visit")
    Vacancy.objects.filter(pk=found.pk).update(openings_filled=1)
    DiscoveredVacancy.objects.create(visit=first, vacancy=found)
    assert Visit.objects.filter(status="completed").count() == 2

    # A mobile desk session with two consultations and one registration.
    session = DeskSessionFactory(desk=MobileDeskFactory(centre=world.centre_x), held_on=datetime.date(2025, 3, 13))
    for seeker in (s2, s3):
        consultation = ConsultationFactory(seeker=seeker, counselor=counselor, channel="mobile_desk",
                                           started_at=at(13, 14))  # fmt: skip
        DeskSessionConsultation.objects.create(session=session, consultation=consultation)
    DeskSessionRegistration.objects.create(session=session, seeker=s3)

    return KnownMonth(
        booth_1=booth_1,
        booth_2=booth_2,
        seekers={"s1": s1, "s2": s2, "s3": s3, "s4": s4, "earlier": earlier},
        placements={"p1": p1, "p3": p3},
    )
