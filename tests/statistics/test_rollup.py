import datetime
from decimal import Decimal

import pytest

from jobcenter.statistics import selectors, services
from jobcenter.statistics.measures import MEASURES, RATES
from jobcenter.statistics.models import MonthlyFigure, StatisticsMonth
from tests.statistics.builders import MONTH, build_known_month

pytestmark = pytest.mark.django_db


def totals(centre) -> dict[str, Decimal]:
    rows = MonthlyFigure.objects.filter(month=MONTH, centre=centre, dimension="")
    return dict(rows.values_list("measure", "value"))


def members(centre, measure: str, dimension: str) -> dict[str, Decimal]:
    rows = MonthlyFigure.objects.filter(month=MONTH, centre=centre, measure=measure, dimension=dimension)
    return dict(rows.values_list("member", "value"))


# Hand-computed from tests/statistics/builders.py (see the comments there).
CENTRE_X = {
    "seekers_registered": 3,
    "seekers_active": 4,
    "seekers_served": 4,  # s1, s2, s3 and the February seeker's consultation at 23:30 on 31 March
    "employers_registered": 1,
    "vacancies_posted": 1,
    "openings_posted": 5,
    "openings_filled": 1,
    "consultations": 5,  # two of s1, the 31 March one, two at the mobile desk (1 April 00:30 is April's)
    "bookings_kept": 1,
    "bookings_missed": 1,
    "referrals": 3,
    "interviews": 2,
    "placements_referral": 1,
    "placements_self": 1,
    "placements": 2,
    "referrals_ended": 2,
    "referrals_hired": 1,
    "referral_mismatches": 1,
    "retained_3m": 1,
    "retention_known_3m": 2,
    "retained_6m": 0,
    "retention_known_6m": 0,
    "median_days_to_placement": Decimal("19.5"),
    "events_held": 1,
    "event_participants": 10,
    "event_interviews": 83,
    "event_hires": 63,
    "event_openings": 152,
    "outreach_visits": 2,
    "companies_visited": 1,
    "openings_discovered": 3,
    "openings_discovered_filled": 1,
    "desk_sessions": 1,
    "desk_consultations": 2,
    "desk_registrations": 1,
}


def test_known_month__every_measure_of_centre_x__matches_the_hand_computed_count(world):
    build_known_month(world)

    services.statistics_month_compute(month=MONTH)

    figures = totals(world.centre_x)
    got = {key: figures.get(key, Decimal(0)) for key in CENTRE_X}
    assert got == {key: Decimal(value) for key, value in CENTRE_X.items()}
    assert {m.key for m in MEASURES} == set(CENTRE_X), "a new measure needs its hand-computed value here"


def test_known_month__centre_y_and_the_city__count_their_own_and_everything(world):
    build_known_month(world)

    services.statistics_month_compute(month=MONTH)

    centre_y, city = totals(world.centre_y), totals(None)
    assert centre_y["seekers_registered"] == 1
    assert centre_y["seekers_served"] == 1
    assert centre_y["consultations"] == 1
    assert "placements" not in centre_y  # nothing: read as zero
    assert city["seekers_registered"] == 4
    assert city["seekers_served"] == 5
    assert city["consultations"] == 6
    assert city["median_days_to_placement"] == Decimal("19.5")


def test_known_month__rates__divide_as_defined_including_the_seeds_job_fair(world):
    build_known_month(world)
    services.statistics_month_compute(month=MONTH)

    board = selectors.dashboard(selectors.Scope(centre=world.centre_x), MONTH)

    rates = {figure.key: figure for figure in board.rates}
    assert rates["placement_rate"].value == Decimal("50.0")  # 2 placements ÷ 4 seekers served
    assert (rates["placement_rate"].numerator, rates["placement_rate"].denominator) == (2, 4)
    assert rates["referral_success"].value == Decimal("50.0")  # 1 hire ÷ 2 endings
    assert rates["retention_3m"].value == Decimal("50.0")  # 1 employed ÷ 2 known
    assert rates["retention_6m"].value is None  # nothing to divide by
    assert rates["event_hire_rate"].value == Decimal("41.4")  # 63 ÷ 152
    assert {rate.key for rate in RATES} == set(rates)


def test_known_month__breakdowns__by_booth_counselor_channel_reason_age_and_group(world):
    known = build_known_month(world)

    services.statistics_month_compute(month=MONTH)

    x = world.centre_x
    assert members(x, "seekers_registered", "booth") == {str(known.booth_1.pk): 2, str(known.booth_2.pk): 1}
    # seekers without an assigned counselor are that, not a missing value ("-", 기록 없음)
    assert members(x, "seekers_served", "counselor") == {str(world.users["counselor_x"].pk): 2, "unassigned": 2}
    assert members(x, "consultations", "channel") == {"visit": 2, "phone": 1, "mobile_desk": 2}
    assert members(x, "referral_mismatches", "reason") == {"wage": 1}
    assert members(x, "seekers_registered", "age_band") == {"15-29": 1, "50-64": 1, "30-39": 1}
    # Target groups overlap: s2 is in two groups, s3 in none.
    assert members(x, "seekers_registered", "target_group") == {
        "youth": 1,
        "5060": 1,
        "career_break_women": 1,
        "-": 1,
    }
    assert members(None, "consultations", "channel") == {"visit": 3, "phone": 1, "mobile_desk": 2}


def test_compute_month__twice__leaves_the_same_figures_and_marks_a_closed_month_official(world):
    build_known_month(world)

    services.statistics_month_compute(month=MONTH)
    first = set(
        MonthlyFigure.objects.filter(month=MONTH).values_list("centre", "measure", "dimension", "member", "value")
    )
    services.statistics_month_compute(month=MONTH)
    second = set(
        MonthlyFigure.objects.filter(month=MONTH).values_list("centre", "measure", "dimension", "member", "value")
    )

    assert first == second
    month = StatisticsMonth.objects.get(month=MONTH)
    assert month.status == StatisticsMonth.Status.OFFICIAL
    assert month.figure_count == len(second)


def test_compute_month__in_the_future__is_refused(world):
    from django.core.exceptions import ValidationError

    with pytest.raises(ValidationError):
        services.statistics_month_compute(month=services.current_month() + datetime.timedelta(days=40))
