"""Demo statistics: two years of official monthly figures as imported from the centre's earlier system, and
the last three months computed from the demo records (the running month included).

Run by `manage.py seed_demo` after every app has made its records. Idempotent: imported months are written
once; the computed months are computed again on each run.
"""

import datetime
import random

from django.db import transaction

from jobcenter.demo import Demo
from jobcenter.models import Booth
from jobcenter.statistics import rollup, services
from jobcenter.statistics.models import MonthlyFigure, StatisticsMonth

IMPORTED_MONTHS = 24
# A month of 인천 서구 (seed 000: 115,598 consultations, 20,968 referrals, 4,791 placements a year) per booth,
# for a centre of six booths; the branch is about a third of the main centre.
PER_BOOTH = {
    "seekers_registered": 95,
    "seekers_active": 900,
    "seekers_served": 560,
    "consultations": 1600,
    "referrals": 290,
    "referrals_ended": 260,
    "referrals_hired": 55,
    "placements_referral": 55,
    "placements_self": 12,
    "interviews": 120,
    "bookings_kept": 60,
    "bookings_missed": 9,
}
# The demo's own records are about a hundredth of that (some sixty active seekers): the imported history is scaled to
# them, so the last three months, computed from those records, continue the 24-month trend instead of falling to
# nearly nothing (which every month-on-month and year-on-year figure then read as a collapse).
DEMO_SCALE = 0.012


def _imported_month(month: datetime.date, booths: list[Booth], rng: random.Random) -> None:
    season = 1.0 + 0.15 * ((month.month in (1, 2, 3)) - (month.month in (7, 8)))
    rows: list[MonthlyFigure] = []
    totals: dict[tuple[int | None, str], int] = {}
    for booth in booths:
        scale = 1.0 if booth.centre.name.startswith("인천") else 0.35
        values = {
            key: max(1, round(base * DEMO_SCALE * scale * season * rng.uniform(0.85, 1.15)))
            for key, base in PER_BOOTH.items()
        }
        values["placements"] = values["placements_referral"] + values["placements_self"]
        values["referrals_hired"] = values["placements_referral"]
        for key, value in values.items():
            rows.append(MonthlyFigure(month=month, centre=booth.centre, measure=key, dimension="booth",
                                      member=str(booth.pk), value=value))  # fmt: skip
            for centre_id in (booth.centre_id, None):
                totals[(centre_id, key)] = totals.get((centre_id, key), 0) + value
    rows += [
        MonthlyFigure(month=month, centre_id=centre_id, measure=key, value=value)
        for (centre_id, key), value in totals.items()
    ]
    MonthlyFigure.objects.bulk_create(rows)
    StatisticsMonth.objects.create(month=month, status=StatisticsMonth.Status.OFFICIAL)


def seed(demo: Demo) -> None:
    booths = list(Booth.objects.filter(centre__in=demo.centres).select_related("centre"))
    this_month = services.current_month()
    rng = random.Random(2026)
    with transaction.atomic():
        for offset in range(IMPORTED_MONTHS + 2, 2, -1):
            month = rollup.add_months(this_month, -offset)
            if not StatisticsMonth.objects.filter(month=month).exists():
                _imported_month(month, booths, rng)
    for offset in (2, 1, 0):
        services.statistics_month_compute(month=rollup.add_months(this_month, -offset))
