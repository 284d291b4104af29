"""Figures add up: booths to their centre, centres to the city, every single-valued breakdown to its total."""

import datetime
import random
from decimal import Decimal

import pytest

from jobcenter.statistics import services
from jobcenter.statistics.measures import DIMENSIONS, MEASURES
from jobcenter.statistics.models import MonthlyFigure
from matching.models import Placement, Referral
from seekers.models import Booking, Consultation
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.factories import BoothFactory, CentreFactory, UserFactory
from tests.matching.factories import ReferralFactory
from tests.seekers.factories import SeekerFactory
from tests.statistics.builders import KST, MONTH, registered

pytestmark = pytest.mark.django_db


def generate(seed: int) -> list:
    """Three centres with booths and counselors, seekers with random groups and ages, and a month of activity."""
    rng = random.Random(seed)
    centres = []
    for c in range(3):
        centre = CentreFactory(name=f"합계센터 {seed}-{c}")
        booths = [BoothFactory(centre=centre) for _ in range(rng.randint(1, 3))]
        counselors = [UserFactory(counselor=True, centre=centre) for _ in range(2)] + [None]
        company = CompanyFactory(centre=centre)
        vacancies = [VacancyFactory(company=company, published=True, occupation_id=code) for code in ("81", "23")]
        centres.append(centre)
        for s in range(rng.randint(4, 9)):
            seeker = SeekerFactory(
                booth=rng.choice(booths),
                counselor=rng.choice(counselors),
                birth_date=datetime.date(rng.randint(1955, 2004), 1, 1),
                target_groups=rng.sample(["youth", "4050", "5060", "disabled"], rng.randint(0, 2)),
            )
            registered(seeker, datetime.datetime(2025, 3, rng.randint(1, 28), 10, tzinfo=KST))
            for _ in range(rng.randint(0, 3)):
                Consultation.objects.create(
                    seeker=seeker,
                    counselor=rng.choice(counselors),
                    booth=seeker.booth,
                    channel=rng.choice(["visit", "phone", "online"]),
                    started_at=datetime.datetime(2025, 3, rng.randint(1, 31), 9 + s % 8, tzinfo=KST),
                )
            if rng.random() < 0.3:
                day = rng.randint(1, 28)
                Booking.objects.create(
                    seeker=seeker,
                    booth=seeker.booth,
                    starts_at=datetime.datetime(2025, 3, day, 9, 30 * (s % 2), tzinfo=KST),
                    ends_at=datetime.datetime(2025, 3, day, 10, tzinfo=KST) + datetime.timedelta(minutes=30 * (s % 2)),
                    status=rng.choice(["attended", "no_show"]),
                )
            if rng.random() < 0.6:
                state = rng.choice(["sent", "hired", "not_hired"])
                referral = ReferralFactory(
                    seeker=seeker,
                    vacancy=rng.choice(vacancies),
                    state=state,
                    ending_reason="distance" if state == "not_hired" else "",
                )
                when = datetime.datetime(2025, 3, rng.randint(1, 20), 10, tzinfo=KST)
                Referral.objects.filter(pk=referral.pk).update(created_at=when, state_changed_at=when)
                if state == "hired":
                    Placement.objects.create(
                        seeker=seeker,
                        centre=centre,
                        source="referral",
                        referral=referral,
                        vacancy=referral.vacancy,
                        employer_name=company.name,
                        start_date=datetime.date(2025, 3, rng.randint(21, 31)),
                        employment_type="full_time",
                        wage_amount=2_400_000,
                        weekly_hours=40,
                    )
    return centres


def figure_map() -> dict:
    rows = MonthlyFigure.objects.filter(month=MONTH).values_list("centre_id", "measure", "dimension", "member", "value")
    return {(c, m, d, member): v for c, m, d, member, v in rows}


@pytest.mark.parametrize("seed", [1, 2])
def test_generated_month__booths_sum_to_their_centre_and_centres_to_the_city(world, seed):
    centres = generate(seed)
    services.statistics_month_compute(month=MONTH)
    figures = figure_map()
    centre_ids = [world.centre_x.pk, world.centre_y.pk, *[c.pk for c in centres]]
    checked = 0
    for measure in MEASURES:
        if not measure.additive:
            continue
        city = figures.get((None, measure.key, "", ""), Decimal(0))
        assert sum(figures.get((c, measure.key, "", ""), Decimal(0)) for c in centre_ids) == city, measure.key
        for key in measure.dims:
            if DIMENSIONS[key].multi:
                continue
            for centre_id in centre_ids:
                total = figures.get((centre_id, measure.key, "", ""), Decimal(0))
                parts = [v for (c, m, d, _), v in figures.items() if (c, m, d) == (centre_id, measure.key, key)]
                assert sum(parts, Decimal(0)) == total, (measure.key, key, centre_id)
                checked += bool(parts)
            if not DIMENSIONS[key].within_centre:
                parts = [v for (c, m, d, _), v in figures.items() if (c, m, d) == (None, measure.key, key)]
                assert sum(parts, Decimal(0)) == city, (measure.key, key)
    assert checked > 20  # the data exercised the breakdowns
    assert figures[(None, "seekers_served", "", "")] > 0
