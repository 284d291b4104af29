import datetime

import pytest
from django.urls import reverse

from outreach import selectors
from outreach.models import DeskSessionConsultation, DifficultyCategory, Visit
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.outreach.factories import (
    DeskSessionFactory,
    DiscoveredVacancyFactory,
    FollowUpActionFactory,
    MobileDeskFactory,
    OutreachTeamFactory,
    VisitDifficultyFactory,
    VisitFactory,
)
from tests.seekers.factories import ConsultationFactory, SeekerFactory

pytestmark = pytest.mark.django_db

YEAR = 2025


def outing_days() -> list[datetime.date]:
    """48 Tuesdays and Wednesdays of the year, four a month."""
    days = []
    for month in range(1, 13):
        day = datetime.date(YEAR, month, 1)
        month_days = []
        while len(month_days) < 4:
            if day.weekday() in (1, 2):
                month_days.append(day)
            day += datetime.timedelta(days=1)
        days += month_days
    return days


def seed_year(world):
    """Seed 000's year: 48 outings to 129 companies finding 521 openings; 16 desk sessions, 182 consultations."""
    team = OutreachTeamFactory(centre=world.centre_x, members=[world.users["counselor_x"]])
    days = outing_days()
    assert len(days) == 48
    companies_per_day = [3] * 33 + [2] * 15
    visits = []
    for day, count in zip(days, companies_per_day, strict=True):
        for _ in range(count):
            company = CompanyFactory(centre=world.centre_x)
            visits.append(
                VisitFactory(centre=world.centre_x, team=team, company=company, visited_on=day, completed=True)
            )
    assert len(visits) == 129
    for index, visit in enumerate(visits):
        openings = 5 if index < 5 else 4  # 5 × 5 + 124 × 4 = 521
        filled = 2 if index % 3 == 0 else 0  # 43 visits × 2 = 86 filled later
        DiscoveredVacancyFactory(
            visit=visit, vacancy=VacancyFactory(company=visit.company, openings=openings, openings_filled=filled)
        )
    for visit in visits[:40]:
        VisitDifficultyFactory(visit=visit, category=DifficultyCategory.HIRING)
    for visit in visits[:10]:
        VisitDifficultyFactory(visit=visit, category=DifficultyCategory.WAGES_SUBSIDIES)
    FollowUpActionFactory(visit=visits[0], owner=world.users["counselor_x"], done=True)
    FollowUpActionFactory(visit=visits[1], owner=world.users["counselor_x"], due_on=datetime.date(YEAR, 2, 1))

    desk = MobileDeskFactory(centre=world.centre_x)
    seekers = [SeekerFactory(booth=world.seeker_a.booth) for _ in range(20)]
    consultations_per_session = [12] * 6 + [11] * 10  # 182
    for month, count in zip(range(16), consultations_per_session, strict=True):
        session = DeskSessionFactory(desk=desk, held_on=datetime.date(YEAR, 1, 9) + datetime.timedelta(days=21 * month))
        for n in range(count):
            consultation = ConsultationFactory(seeker=seekers[n], channel="mobile_desk")
            DeskSessionConsultation.objects.create(session=session, consultation=consultation)
    return team


def noise(world, team):
    """What the report must not count: a draft, another year, another centre."""
    VisitFactory(centre=world.centre_x, team=team, visited_on=datetime.date(YEAR, 5, 6))  # draft
    VisitFactory(centre=world.centre_x, team=team, visited_on=datetime.date(YEAR - 1, 12, 3), completed=True)
    VisitFactory(centre=world.centre_y, company=world.company_b, visited_on=datetime.date(YEAR, 5, 6), completed=True)
    DeskSessionFactory(desk=MobileDeskFactory(centre=world.centre_y), held_on=datetime.date(YEAR, 5, 8))


def test_report__for_the_seeds_year__counts_48_outings_129_companies_521_openings_and_the_desks(world):
    team = seed_year(world)
    noise(world, team)

    report = selectors.outreach_report(
        centre=world.centre_x, start=datetime.date(YEAR, 1, 1), end=datetime.date(YEAR, 12, 31)
    )

    assert report.totals.outings == 48
    assert report.totals.visits == 129
    assert report.totals.companies == 129
    assert report.totals.vacancies == 129
    assert report.totals.openings == 521
    assert report.totals.openings_filled == 86
    assert report.fill_rate == round(100 * 86 / 521, 1)
    assert sum(row.outings for row in report.months) == 48
    assert [row.outings for row in report.months] == [4] * 12
    assert dict(report.difficulties)[DifficultyCategory.HIRING.label] == 40
    assert dict(report.difficulties)[DifficultyCategory.WAGES_SUBSIDIES.label] == 10
    assert (report.follow_ups_total, report.follow_ups_done, report.follow_ups_overdue) == (2, 1, 1)
    assert (report.desk_sessions, report.desk_consultations) == (16, 182)


def test_report_page__for_a_team_and_month__shows_that_months_figures(world, django_assert_max_num_queries):
    team = seed_year(world)
    other_team = OutreachTeamFactory(centre=world.centre_x)
    VisitFactory(centre=world.centre_x, team=other_team, visited_on=datetime.date(YEAR, 3, 4), completed=True)
    client = world.client_for("manager_x")

    with django_assert_max_num_queries(20):
        response = client.get(reverse("outreach:report"), {"year": YEAR, "month": 3, "team": team.pk})

    report = response.context["report"]
    assert (report.totals.outings, report.totals.visits, report.totals.companies) == (4, 12, 12)
    assert report.totals.openings == 48
    assert '<tr id="report-totals">' in response.content.decode()


def test_report__counts_a_company_visited_twice_once(world):
    for day in (3, 4):
        VisitFactory(
            centre=world.centre_x, company=world.company_a, visited_on=datetime.date(YEAR, 6, day), completed=True
        )
    report = selectors.outreach_report(
        centre=world.centre_x, start=datetime.date(YEAR, 6, 1), end=datetime.date(YEAR, 6, 30)
    )
    assert (report.totals.visits, report.totals.companies) == (2, 1)


def test_report__is_refused_to_employers_and_seekers(world):
    assert world.client_for("employer_a").get(reverse("outreach:report")).status_code == 403
    assert world.client_for("seeker_a").get(reverse("outreach:report")).status_code == 403


def test_report__a_bad_month__shows_a_form_error_not_a_500(world):
    response = world.client_for("manager_x").get(reverse("outreach:report"), {"year": YEAR, "month": 13})
    assert response.status_code == 200
    assert response.context["form"].errors["month"]
    assert Visit.objects.count() == 0
