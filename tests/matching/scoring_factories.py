"""Builders of seekers and vacancies with the profile fields the scorer reads."""

import datetime

from employers.models import Vacancy
from jobcenter.models import Occupation, Region
from matching.scoring.profiles import profiles_refresh_seekers, profiles_refresh_vacancies
from seekers.models import Career, Certificate, Seeker
from tests.employers.factories import VacancyFactory
from tests.matching.factories import ConsentingSeekerFactory
from tests.seekers.factories import SeekerFactory


def matching_seeker(
    *,
    occupations: tuple[str, ...] = ("81",),
    region: str = "2826053000",
    desired_regions: tuple[str, ...] = (),
    careers: tuple[tuple[str, int, str], ...] = (),
    certificates: tuple[str, ...] = (),
    sharing: bool = True,
    **fields,
) -> Seeker:
    """A seeker wanting `occupations`, living in `region`; careers are (occupation, years, duties)."""
    factory = ConsentingSeekerFactory if sharing else SeekerFactory
    seeker = factory(region=Region.objects.get(code=region), **fields)
    seeker.desired_occupations.set(Occupation.objects.filter(code__in=occupations))
    seeker.desired_regions.set(Region.objects.filter(code__in=desired_regions))
    today = datetime.date.today()
    for occupation, years, duties in careers:
        Career.objects.create(
            seeker=seeker,
            company="이전직장",
            occupation=Occupation.objects.get(code=occupation),
            started_on=today - datetime.timedelta(days=365 * years + 1),
            ended_on=today,
            duties=duties,
        )
    for name in certificates:
        Certificate.objects.create(seeker=seeker, name=name)
    profiles_refresh_seekers(seeker_ids=[seeker.pk])  # what schedule_seeker's task does after a profile change
    return seeker


def matching_vacancy(*, occupation: str = "81", region: str = "2826053000", **fields) -> Vacancy:
    vacancy = VacancyFactory(
        published=True,
        occupation=Occupation.objects.get(code=occupation),
        region=Region.objects.get(code=region),
        **fields,
    )
    profiles_refresh_vacancies(vacancy_ids=[vacancy.pk])  # what schedule_vacancy's task does after a change
    return vacancy
