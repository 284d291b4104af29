from decimal import Decimal

import pytest

from events.models import Interview, Participation
from events.report import event_report, event_report_xlsx, hire_rate
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.events.factories import EventFactory, RegistrationFactory
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def spread(total: int, parts: int) -> list[int]:
    return [total // parts + (1 if i < total % parts else 0) for i in range(parts)]


def build_seed_job_fair():
    """Seed 002: 28 companies, 152 openings, 405 interviews, 63 hired on the day."""
    event = EventFactory(title="2015년 양주·의정부·동두천 일자리사랑 채용박람회", state="held")
    seekers = [SeekerFactory() for _ in range(405)]
    interviews = []
    hires_left, seeker_iter = 63, iter(seekers)
    for index, (openings, count, hires) in enumerate(
        zip(spread(152, 28), spread(405, 28), spread(63, 28), strict=True)
    ):
        company = CompanyFactory(centre=event.centre)
        participation = Participation.objects.create(
            event=event, company=company, booth=f"B-{index:02d}", status=Participation.Status.CONFIRMED
        )
        participation.vacancies.set([VacancyFactory(company=company, openings=openings, published=True)])
        for n in range(count):
            outcome = Interview.Outcome.HIRED if n < hires else Interview.Outcome.INTERVIEWED
            interviews.append(
                Interview(event=event, participation=participation, seeker=next(seeker_iter), outcome=outcome)
            )
        hires_left -= hires
    Interview.objects.bulk_create(interviews)
    return event


def test_hire_rate__divides_hires_by_openings():
    assert hire_rate(63, 152) == Decimal("41.4")
    assert hire_rate(1, 0) is None


def test_report__of_the_seed_job_fair__shows_a_41_4_percent_hire_rate(django_assert_max_num_queries):
    event = build_seed_job_fair()

    with django_assert_max_num_queries(3):
        report = event_report(event)

    assert (report.companies, report.openings, report.interviews, report.hires) == (28, 152, 405, 63)
    assert report.hire_rate == Decimal("41.4")
    assert sum(row.hires for row in report.rows) == 63


def test_report__counts_registrations_check_ins_and_round_one_passes():
    event = EventFactory()
    RegistrationFactory(event=event)
    RegistrationFactory(event=event, checked_in_at=event.starts_at)
    RegistrationFactory(event=event, waitlisted=True)
    company = CompanyFactory(centre=event.centre)
    participation = Participation.objects.create(event=event, company=company, status="confirmed")
    participation.vacancies.set([VacancyFactory(company=company, openings=4)])
    for outcome in ["passed_first", "hired", "no_show", "scheduled", "cancelled"]:
        Interview.objects.create(event=event, participation=participation, seeker=SeekerFactory(), outcome=outcome)

    report = event_report(event)

    assert (report.registrations, report.waitlisted, report.checked_in) == (2, 1, 1)
    row = report.rows[0]
    assert (row.scheduled, row.interviews, row.passed_first, row.hires) == (4, 2, 2, 1)
    assert row.hire_rate == Decimal("25.0")


def test_report_xlsx__has_a_row_per_employer_and_the_total():
    from io import BytesIO

    from openpyxl import load_workbook

    event = build_seed_job_fair()
    sheet = load_workbook(BytesIO(event_report_xlsx(event_report(event)))).active

    rows = list(sheet.iter_rows(values_only=True))
    total = rows[-1]
    assert total[2:] == (152, 405, 405, 63, 63, 41.4)
    assert len(rows) == 4 + 28 + 1
