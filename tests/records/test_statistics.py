"""Statistics that say what happened: no negative durations, age bands in age order."""

import datetime
from decimal import Decimal

from django.utils import timezone

from jobcenter.statistics import selectors, services
from jobcenter.statistics.models import MonthlyFigure
from matching.models import Placement
from seekers.models import Seeker
from tests.matching.factories import PlacementFactory
from tests.seekers.factories import SeekerFactory
from tests.statistics.builders import MONTH, build_known_month


def test_median_days_to_placement__leaves_out_work_started_before_registration(world):
    build_known_month(world)
    # Registered on the 25th for a job found on their own on the 2nd: -23 days is no duration.
    late = SeekerFactory(booth=world.seeker_a.booth)
    registered = timezone.make_aware(datetime.datetime.combine(MONTH.replace(day=25), datetime.time(10)))
    Seeker.objects.filter(pk=late.pk).update(registered_at=registered)
    PlacementFactory(seeker=late, start_date=MONTH.replace(day=2))
    assert Placement.objects.filter(seeker=late).exists()

    services.statistics_month_compute(month=MONTH)

    median = MonthlyFigure.objects.get(
        month=MONTH, centre=world.centre_x, dimension="", measure="median_days_to_placement"
    ).value
    assert median >= 0
    assert median == Decimal("19.5")  # the known month's own placements, as without the late registration


def test_breakdown__age_bands_come_in_age_order(world, korean):
    build_known_month(world)
    services.statistics_month_compute(month=MONTH)
    (ages,) = [
        b for b in selectors.breakdowns(selectors.Scope(centre=world.centre_x), MONTH) if b.dimension == "age_band"
    ]
    assert [row.member for row in ages.rows] == ["15-29", "30-39", "50-64"]


def test_event_hire_rate__counts_only_the_events_held_in_the_month(world):
    from tests.events.factories import EventFactory, InterviewFactory, ParticipationFactory
    from tests.statistics.builders import at

    build_known_month(world)
    # An event of March that was not held (still "open"): its hire and openings are not the month's.
    planned = EventFactory(centre=world.centre_x, starts_at=at(20), ends_at=at(20, 16))
    participation = ParticipationFactory(event=planned, company=world.company_a, vacancies=[world.vacancy_a])
    InterviewFactory(participation=participation, seeker=world.seeker_a, outcome="hired")

    services.statistics_month_compute(month=MONTH)

    figures = dict(
        MonthlyFigure.objects.filter(month=MONTH, centre=world.centre_x, dimension="").values_list("measure", "value")
    )
    assert (figures["events_held"], figures["event_hires"], figures["event_openings"]) == (1, 63, 152)


def test_event_hire_rate__counts_each_vacancys_openings_once_per_event_in_the_month_and_the_report(world):
    """The seeds' job fair (002): 63 hires ÷ 152 openings = 41.4%, the same in the month's statistics and in the
    event report, also when a vacancy is listed at two booths of the fair (a partner's vacancy added by a counselor)."""
    from django.urls import reverse

    from events.models import Event, Participation
    from tests.statistics.builders import at

    build_known_month(world)
    fair = Event.objects.get(centre=world.centre_x, state=Event.State.HELD, starts_at=at(26))
    first, second, *_ = Participation.objects.filter(event=fair).order_by("pk")
    second.vacancies.add(*first.vacancies.all())  # the 40 openings of the first booth, listed at the second too

    services.statistics_month_compute(month=MONTH)
    client = world.client_for("manager_x")

    board = client.get(reverse("dashboard"), {"month": f"{MONTH:%Y-%m}"}).context["board"]
    measures = {figure.key: figure.value for figure in board.measures}
    rates = {figure.key: figure.value for figure in board.rates}
    assert (measures["events_held"], measures["event_hires"], measures["event_openings"]) == (1, 63, 152)
    assert rates["event_hire_rate"] == Decimal("41.4")

    report = world.client_for("counselor_x").get(reverse("events:manage_report", kwargs={"pk": fair.pk}))
    assert (report.context["report"].openings, report.context["report"].hires) == (152, 63)
    assert report.context["report"].hire_rate == Decimal("41.4")
    assert "41.4%" in report.content.decode()


def test_breakdowns__say_none_recorded_only_for_a_missing_value(world, korean):
    """A self-reported placement has no vacancy (so no occupation), a seeker may have no counselor assigned or be in
    no target group: none of these is a missing record, and none reads "기록 없음"."""
    from django.utils import translation

    from jobcenter.statistics.rollup import NONE

    build_known_month(world)
    services.statistics_month_compute(month=MONTH)

    with translation.override("ko"):
        found = {
            b.dimension: {row.member: row.label for row in b.rows}
            for b in selectors.breakdowns(selectors.Scope(centre=world.centre_x), MONTH)
        }
        page = world.client_for("manager_x").get("/dashboard/", {"month": f"{MONTH:%Y-%m}"}).content.decode()

    assert found["occupation"]["no_vacancy"] == "본인 신고 취업(구인표 없음)" and NONE not in found["occupation"]
    assert found["counselor"]["unassigned"] == "담당 상담사 미배정" and NONE not in found["counselor"]
    assert found["target_group"][NONE] == "해당 없음"
    assert "기록 없음" not in [label for members in found.values() for label in members.values()]
    assert "본인 신고 취업(구인표 없음)" in page and "담당 상담사 미배정" in page
