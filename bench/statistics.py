"""Benchmark of the placement statistics (issue 9). Prints one JSON object per figure: {"name", "value", "unit"}.

    .venv/bin/python bench/statistics.py                    # 10,000,000 events over five years
    .venv/bin/python bench/statistics.py --size 1000000     # a tenth of it

The events are consultations (80 %), referrals (15 %) and placements (5 %) of `size / 10` seekers in 20 centres
with 5 booths and 4 counselors each, spread over the 60 months before the current one. They are built with SQL
(generate_series) in their own database (`bench_statistics` on the embedded server, or BENCH_DATABASE_URL) and
reused while the size matches.

Figures:
- month_rollup_s: computing every measure of one month (the latest closed one) into the rollup table;
- dashboard_p95_ms: the manager's dashboard page through Django's test client, 100 requests over random months,
  with 60 months of rollups present (the measured month's figures copied to the other months, so that the
  rollup table has the size of five years; the page's cost depends on that size, not on the values);
- rollup_rows: figures written for the month.
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0:1] = [str(ROOT)]  # the project, not bench/ (see bench/common.py)

from bench.common import emit, insert_select, log, setup_django  # noqa: E402

BENCH_DB = "bench_statistics"
CENTRES, BOOTHS, COUNSELORS = 20, 5, 4


def build(size: int) -> None:
    from django.core.management import call_command
    from django.db import connection, transaction

    from employers.models import Company, Vacancy
    from jobcenter.models import Booth, Centre, Occupation, Region, Role, User
    from matching.models import FollowUp, Placement, Referral
    from seekers.models import Consultation, Seeker

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_meta (size bigint)")
        cursor.execute("SELECT size FROM bench_meta")
        row = cursor.fetchone()
        if row and row[0] == size:
            log(f"reusing {size:,} events in {connection.settings_dict['NAME']}")
            return
        log(f"building {size:,} events")
        cursor.execute(
            "TRUNCATE matching_followup, matching_placement, matching_referral, seekers_consultation,"
            " seekers_seeker, employers_vacancy, employers_company, jobcenter_monthlyfigure,"
            " jobcenter_statisticsmonth, bench_meta CASCADE"
        )
    region = Region.objects.get(code="28260")
    centres = []
    for c in range(CENTRES):
        centre, _ = Centre.objects.get_or_create(name=f"벤치 센터 {c:02d}", defaults={"region": region})
        centres.append(centre)
        for b in range(BOOTHS):
            Booth.objects.get_or_create(centre=centre, name=f"창구 {b}", defaults={"location": "1층"})
        for k in range(COUNSELORS):
            User.objects.update_or_create(
                username=f"bench_c{c:02d}_{k}", defaults={"role": Role.COUNSELOR, "centre": centre}
            )
        User.objects.update_or_create(
            username=f"bench_manager_{c:02d}", defaults={"role": Role.MANAGER, "centre": centre}
        )
    booths = list(Booth.objects.filter(centre__in=centres).order_by("pk").values_list("pk", "centre_id"))
    counselors = {
        centre_id: list(User.objects.filter(centre_id=centre_id, role=Role.COUNSELOR).values_list("pk", flat=True))
        for centre_id in {c.pk for c in centres}
    }
    counselor_by_booth = [counselors[centre_id][i % COUNSELORS] for i, (_, centre_id) in enumerate(booths)]
    occupations = list(Occupation.objects.filter(level="middle").values_list("code", flat=True))
    dongs = list(Region.objects.filter(parent_id="28260").values_list("code", flat=True)) or ["28260"]
    seekers = max(size // 10, 1000)
    consultations, referrals, placements = size * 80 // 100, size * 15 // 100, size * 5 // 100
    companies, vacancies = max(seekers // 50, 100), max(seekers // 20, 200)
    span = "interval '60 months'"
    start = "(date_trunc('month', now() AT TIME ZONE 'Asia/Seoul') - interval '60 months') AT TIME ZONE 'Asia/Seoul'"
    when = f"({start} + random() * {span})"
    n_booths = len(booths)
    booth_ids = f"(ARRAY{[b for b, _ in booths]})"
    booth_centres = f"(ARRAY{[c for _, c in booths]})"
    booth_counselors = f"(ARRAY{counselor_by_booth})"
    groups = "(ARRAY['{youth}','{4050}','{5060}','{career_break_women}','{}','{}','{disabled}','{youth,low_income}'])"
    steps = [
        (
            "seekers",
            insert_select(
                Seeker,
                {
                    "booth": f"{booth_ids}[1 + i % {n_booths}]",
                    "centre": f"{booth_centres}[1 + i % {n_booths}]",
                    "counselor": f"CASE WHEN i % 7 = 0 THEN NULL ELSE {booth_counselors}[1 + i % {n_booths}] END",
                    "name": "'벤치' || i",
                    "birth_date": "date '1955-01-01' + (random() * 18000)::int",
                    "region": f"(ARRAY{dongs})[1 + i % {len(dongs)}]",
                    "target_groups": f"{groups}[1 + i % 8]::varchar[]",
                    "registered_at": when,
                    "last_activity_at": "now()",
                    "status": "(ARRAY['active','active','placed','closed'])[1 + i % 4]",
                },
                f"generate_series(1, {seekers}) i",
            ),
        ),
        (
            "companies",
            insert_select(
                Company,
                {
                    "centre": f"{booth_centres}[1 + i % {n_booths}]",
                    "name": "'벤치기업' || i",
                    "business_number": "lpad(i::text, 10, '0')",
                    "region": f"(ARRAY{dongs})[1 + i % {len(dongs)}]",
                    "created_at": when,
                },
                f"generate_series(1, {companies}) i",
            ),
        ),
        (
            "vacancies",
            insert_select(
                Vacancy,
                {
                    "company": "co.id",
                    "centre": "co.centre_id",
                    "title": "'벤치 구인 ' || i",
                    "occupation": f"(ARRAY{occupations})[1 + i % {len(occupations)}]",
                    "openings": "1 + i % 4",
                    "wage_amount": "2500000",
                    "region": "co.region_id",
                    "status": "'published'",
                    "published_at": when,
                },
                f"generate_series(1, {vacancies}) i JOIN employers_company co"
                f" ON co.id = (SELECT min(id) FROM employers_company) + i % {companies}",
            ),
        ),
        (
            "consultations",
            insert_select(
                Consultation,
                {
                    "seeker": f"(SELECT min(id) FROM seekers_seeker) + (random() * {seekers - 1})::int",
                    "counselor": f"{booth_counselors}[1 + i % {n_booths}]",
                    "channel": "(ARRAY['visit','phone','online','mobile_desk','field'])[1 + i % 5]",
                    "started_at": when,
                },
                f"generate_series(1, {consultations}) i",
            ),
        ),
        (
            "referrals",
            insert_select(
                Referral,
                {
                    "seeker": "g.sid",
                    "vacancy": f"(SELECT min(id) FROM employers_vacancy) + (random() * {vacancies - 1})::int",
                    "centre": "s.centre_id",
                    "state": "g.state",
                    "ending_reason": "CASE WHEN g.state IN ('not_hired','declined','no_show','withdrawn')"
                    " THEN (ARRAY['wage','distance','hours','qualifications','other'])[1 + g.i % 5] ELSE '' END",
                    "created_at": "g.at",
                    "state_changed_at": "g.at + random() * interval '20 days'",
                },
                "(SELECT i, "
                f"(SELECT min(id) FROM seekers_seeker) + (random() * {seekers - 1})::int AS sid, {when} AS at,"
                " (ARRAY['hired','hired','not_hired','not_hired','declined','no_show','withdrawn','sent',"
                "'interviewed','not_hired'])[1 + i % 10] AS state"
                f" FROM generate_series(1, {referrals}) i) g JOIN seekers_seeker s ON s.id = g.sid"
                " ON CONFLICT DO NOTHING",
            ),
        ),
        (
            "placements through referral",
            insert_select(
                Placement,
                {
                    "seeker": "r.seeker_id",
                    "centre": "r.centre_id",
                    "source": "'referral'",
                    "referral": "r.id",
                    "vacancy": "r.vacancy_id",
                    "employer_name": "'벤치기업'",
                    "start_date": "(r.state_changed_at AT TIME ZONE 'Asia/Seoul')::date + 3",
                    "employment_type": "'full_time'",
                    "wage_amount": "2400000",
                    "weekly_hours": "40",
                },
                f"(SELECT * FROM matching_referral WHERE state = 'hired' LIMIT {placements * 6 // 10}) r",
            ),
        ),
        (
            "self-reported placements",
            insert_select(
                Placement,
                {
                    "seeker": "s.id",
                    "centre": "s.centre_id",
                    "source": "'self_reported'",
                    "employer_name": "'자가취업'",
                    "start_date": "(g.at AT TIME ZONE 'Asia/Seoul')::date",
                    "employment_type": "'full_time'",
                    "wage_amount": "2300000",
                    "weekly_hours": "40",
                },
                # The seeker is drawn per row in a subquery, as for the referrals: written in the join's ON clause,
                # the random draw did not depend on `i`, PostgreSQL evaluated it once, and 0 rows were made.
                f"(SELECT i, (SELECT min(id) FROM seekers_seeker) + (random() * {seekers - 1})::int AS sid,"
                f" {when} AS at FROM generate_series(1, {placements * 4 // 10}) i) g"
                " JOIN seekers_seeker s ON s.id = g.sid",
            ),
        ),
        (
            "follow-ups",
            insert_select(
                FollowUp,
                {
                    "placement": "p.id",
                    "months": "3",
                    "due_date": "p.start_date + 90",
                    "outcome": "(ARRAY['employed','employed','left','unreachable'])[1 + p.id % 4]",
                    "left_reason": "CASE WHEN p.id % 4 = 2 THEN '임금' ELSE '' END",
                    "contacted_at": "now()",
                },
                "matching_placement p WHERE p.id % 3 = 0",
            ),
        ),
    ]
    for label, statement in steps:
        started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            # The statements build consistent rows; skipping the per-row foreign-key triggers makes them fast.
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(statement)
            log(f"{label}: {cursor.rowcount:,} rows in {time.perf_counter() - started:.1f} s")
    with connection.cursor() as cursor:
        for table in ("seekers_seeker", "seekers_consultation", "matching_referral", "matching_placement"):
            cursor.execute(f"VACUUM ANALYZE {table}")
        cursor.execute("INSERT INTO bench_meta VALUES (%s)", [size])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=10_000_000, help="consultation, referral and placement events")
    parser.add_argument("--requests", type=int, default=100, help="dashboard requests timed")
    args = parser.parse_args()
    setup_django(BENCH_DB)

    from django.conf import settings
    from django.db import connection
    from django.test import Client

    from jobcenter.models import User
    from jobcenter.statistics import rollup, services
    from jobcenter.statistics.models import MonthlyFigure, StatisticsMonth

    settings.ALLOWED_HOSTS = ["*"]
    build(args.size)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM seekers_consultation) + (SELECT count(*) FROM matching_referral)"
            " + (SELECT count(*) FROM matching_placement)"
        )
        events = cursor.fetchone()[0]
    log(f"{events:,} events present")

    month = rollup.add_months(services.current_month(), -1)
    started = time.perf_counter()
    services.statistics_month_compute(month=month)
    emit("month_rollup_s", time.perf_counter() - started, "s")
    rows = MonthlyFigure.objects.filter(month=month).count()
    emit("rollup_rows", rows, "rows")

    # Five years of rollups: the measured month's figures under every other month.
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM jobcenter_monthlyfigure WHERE month <> %s", [month])
        cursor.execute("DELETE FROM jobcenter_statisticsmonth WHERE month <> %s", [month])
        for offset in range(1, 60):
            other = rollup.add_months(month, -offset)
            cursor.execute(
                "INSERT INTO jobcenter_monthlyfigure (month, centre_id, measure, dimension, member, value)"
                " SELECT %s, centre_id, measure, dimension, member, value"
                " FROM jobcenter_monthlyfigure WHERE month = %s",
                [other, month],
            )
            StatisticsMonth.objects.create(month=other, status="official")
        cursor.execute("ANALYZE jobcenter_monthlyfigure")

    client = Client()
    manager = User.objects.get(username="bench_manager_00")
    try:  # staff pass a second factor (django-otp) when the project requires one
        from tests.hardening.otp import force_login_verified

        force_login_verified(client, manager)
    except ImportError:
        client.force_login(manager)
    months = [rollup.add_months(month, -offset) for offset in range(0, 36)]
    client.get("/dashboard/")  # warm-up
    timings = []
    for _ in range(args.requests):
        chosen = random.choice(months)
        started = time.perf_counter()
        response = client.get("/dashboard/", {"month": f"{chosen:%Y-%m}"})
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (response.status_code, response.get("Location"))
    # (this file is named statistics.py, so the standard library's statistics module is out of reach)
    ordered = sorted(timings)
    emit("dashboard_p95_ms", ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))], "ms")
    emit("dashboard_median_ms", ordered[len(ordered) // 2], "ms")


if __name__ == "__main__":
    main()
