"""Benchmark of the matching scorer (issue 6). Prints one JSON object per figure: {"name", "value", "unit"}.

    .venv/bin/python bench/matching.py                      # 1,000,000 seekers, 100,000 vacancies
    .venv/bin/python bench/matching.py --size 100000 --database bench_jobcenter_100k   # a second, smaller set
    .venv/bin/python bench/matching.py --build-only         # build the data (in the background: ~25 min)

Data lives in its own database (`bench_jobcenter` on the embedded server, or BENCH_DATABASE_URL), never the
dev or test ones; it is built once with SQL (generate_series) and reused while its size matches.
Figures: match_new_vacancy_s (publish one vacancy -> its stored top 50 and the seekers' lists updated),
match_changed_seeker_s (one seeker changed -> the same), candidate_page_p95_ms (the counselor's candidates
page through Django's test client), full_refresh_s (every profile rebuilt and every top-50 list recomputed,
two worker processes as on the 2-core target machine).
"""

import argparse
import random
import sys
import time
from multiprocessing import get_context
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0:1] = [str(ROOT)]  # the project, not bench/ (see bench/common.py)

from bench.common import emit, insert_select, setup_django  # noqa: E402

BENCH_DB = "bench_jobcenter"
# Share of seekers and vacancies by 시도, roughly by population.
SIDO_WEIGHTS = {
    "11": 18, "26": 6, "27": 5, "28": 6, "29": 3, "30": 3, "31": 2, "36": 1, "41": 27,
    "51": 3, "43": 3, "44": 4, "52": 3, "46": 3, "47": 5, "48": 6, "50": 1,
}  # fmt: skip


def build(seekers: int, vacancies: int) -> None:
    from django.core.management import call_command
    from django.db import connection

    from employers.models import Company, Vacancy
    from jobcenter.models import Booth, Centre, Occupation, Region, Role, User
    from matching.scoring.profiles import profiles_refresh_seekers, profiles_refresh_vacancies
    from matching.scoring_models import SeekerMatchList, SeekerMatchProfile, VacancyMatchList, VacancyMatchProfile
    from seekers.models import Consent, ConsentText, Seeker

    call_command("migrate", verbosity=0)
    with connection.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM seekers_seeker")
        if cursor.fetchone()[0] == seekers:
            print(f"# reusing {seekers} seekers in {connection.settings_dict['NAME']}", file=sys.stderr)
            return
        print(f"# building {seekers} seekers and {vacancies} vacancies", file=sys.stderr)
        # The scorer's stored profiles and lists, named through their models: a table named by hand here
        # (matching_matchresult, which matching 0003 removed) stopped this script on a fresh database.
        stored = (SeekerMatchProfile, VacancyMatchProfile, SeekerMatchList, VacancyMatchList)
        cursor.execute(f"TRUNCATE {', '.join(model._meta.db_table for model in stored)}")
        cursor.execute("TRUNCATE seekers_seeker, employers_vacancy, employers_company CASCADE")
    # Regions: 15 시군구 of 10 읍면동 each per 시도, around the 시도 centroid.
    for sido in Region.objects.filter(level=Region.Level.SIDO):
        lat, lon = sido.latitude or 36.5, sido.longitude or 127.5
        for g in range(15):
            code = f"{sido.code}{900 + g:03d}"
            Region.objects.update_or_create(
                code=code,
                defaults={"name_ko": f"벤치구{g}", "level": "sigungu", "parent": sido,
                          "latitude": lat + (g % 5) * 0.05, "longitude": lon + (g // 5) * 0.05},
            )  # fmt: skip
            for d in range(10):
                Region.objects.update_or_create(
                    code=f"{code}{d:03d}00",
                    defaults={"name_ko": f"벤치동{d}", "level": "eupmyeondong", "parent_id": code,
                              "latitude": lat + (g % 5) * 0.05 + d * 0.004, "longitude": lon + (g // 5) * 0.05},
                )  # fmt: skip
    centre, _ = Centre.objects.get_or_create(name="벤치 센터", defaults={"region": Region.objects.get(code="11")})
    booth, _ = Booth.objects.get_or_create(centre=centre, name="벤치 창구", defaults={"location": "1층"})
    User.objects.update_or_create(username="bench_counselor", defaults={"role": Role.COUNSELOR, "centre": centre})
    sidos = [code for code, weight in SIDO_WEIGHTS.items() for _ in range(weight)]
    middles = list(Occupation.objects.filter(level="middle").values_list("code", flat=True))
    text, _ = ConsentText.objects.get_or_create(
        kind="sharing", version=1, defaults={"text": "동의", "purpose": "알선", "items": "이력", "retention": "3년"}
    )
    pick_sido = f"(ARRAY{sidos})[1 + floor(random() * {len(sidos)})::int]"
    region = (
        f"{pick_sido} || (900 + floor(random() * 15)::int)::text || lpad(floor(random() * 10)::text, 3, '0') || '00'"
    )
    pick_middle = f"(ARRAY{middles})[1 + floor(random() * {len(middles)})::int]"
    duties = "(ARRAY['사출기 조작 및 품질 검사','지게차 운전 및 상하차','주방 보조 및 조리','건물 청소 및 미화'," \
             "'사무 보조 및 문서 작성','매장 판매 및 재고 관리','요양 보호 및 돌봄','택배 분류 및 포장'])" \
             "[1 + floor(random() * 8)::int]"  # fmt: skip
    certificates = "(ARRAY['지게차 자격증','1종 보통','2종 보통 운전면허','용접기능사','요양보호사','한식조리기능사'," \
                   "'컴활 2급','전기기능사','사내 안전교육 이수'])[1 + floor(random() * 9)::int]"  # fmt: skip
    with connection.cursor() as cursor:
        cursor.execute("SET work_mem = '256MB'")
        cursor.execute(
            insert_select(
                Seeker,
                {
                    "centre": str(centre.pk), "booth": str(booth.pk), "name": "'구직자' || i",
                    "birth_date": "date '1960-01-01' + (random() * 15000)::int", "region": region,
                    "desired_wage": "(2000 + floor(random() * 15) * 100)::int * 1000",
                    "employment_types": "ARRAY['full_time']::varchar[]", "external_ref": "'S' || i",
                    "target_groups": "CASE WHEN random() < 0.2 THEN ARRAY['5060'] ELSE '{}' END::varchar[]",
                    "shifts": "CASE WHEN random() < 0.3 THEN ARRAY['day'] ELSE '{}' END::varchar[]",
                },
                f"generate_series(1, {seekers}) i",
            )
        )  # fmt: skip
        cursor.execute(
            "INSERT INTO seekers_seeker_desired_occupations (seeker_id, occupation_id) "
            f"SELECT DISTINCT s.id, {pick_middle} FROM seekers_seeker s, generate_series(1, 2)"
        )
        cursor.execute(
            f"INSERT INTO seekers_career (seeker_id, company, occupation_id, started_on, ended_on, duties) "
            f"SELECT s.id, '이전직장', {pick_middle}, date '2015-01-01', date '2020-01-01', {duties} "
            "FROM seekers_seeker s WHERE random() < 0.6"
        )
        # Certificates as people write them (aliases of the certificate table, and free text), for 30% of seekers
        cursor.execute(
            "INSERT INTO seekers_certificate (seeker_id, kind, name) "
            f"SELECT s.id, 'certificate', {certificates} FROM seekers_seeker s WHERE random() < 0.3"
        )
        cursor.execute(
            insert_select(
                Consent,
                {"seeker": "s.id", "text": str(text.pk), "kind": "'sharing'", "channel": "'booth'"},
                "seekers_seeker s, generate_series(1, 1) i",
            )
        )
    companies = Company.objects.bulk_create(
        [Company(centre=centre, name=f"벤치기업{n}", business_number=f"{9000000000 + n}") for n in range(1000)]
    )
    first_company = min(company.pk for company in companies)
    with connection.cursor() as cursor:
        cursor.execute(
            insert_select(
                Vacancy,
                {
                    "company": f"{first_company} + i % 1000", "centre": str(centre.pk), "title": "'공고' || i",
                    "occupation": pick_middle, "duties": duties, "openings": "2", "employment_type": "'full_time'",
                    "wage_amount": "(2000 + floor(random() * 15) * 100)::int * 1000", "region": region,
                    "status": "'published'", "published_at": "now()", "weekly_hours": "40",
                    "external_ref": "'V' || i",
                    "suitable_for": "CASE WHEN random() < 0.1 THEN ARRAY['5060'] ELSE '{}' END::varchar[]",
                    "shifts": "CASE WHEN random() < 0.1 THEN '2교대' ELSE '' END",
                    "certificates_required": f"CASE WHEN random() < 0.2 THEN {certificates} ELSE '' END",
                },
                f"generate_series(1, {vacancies}) i",
            )
        )  # fmt: skip
        cursor.execute("ANALYZE")
    started = time.perf_counter()
    profiles_refresh_seekers()
    profiles_refresh_vacancies()
    with connection.cursor() as cursor:  # merge the GIN pending lists and gather statistics after the bulk load
        cursor.execute("VACUUM ANALYZE matching_seekermatchprofile, matching_vacancymatchprofile")
    print(f"# profiles built in {time.perf_counter() - started:.1f} s", file=sys.stderr)


def _batch(args: tuple[str, list[int]]) -> int:
    from django.db import connection

    from matching.scoring.results import batch_matches_refresh

    count = batch_matches_refresh(list_kind=args[0], ids=args[1])
    connection.close()
    return count


def full_refresh(workers: int) -> float:
    from django.db import connections

    from matching.scoring.results import list_ids, profiles_refresh_all
    from matching.scoring_models import MatchList
    from matching.scoring_tasks import FULL_REFRESH_BATCH

    started = time.perf_counter()
    counts = profiles_refresh_all()
    with connections["default"].cursor() as cursor:
        cursor.execute("VACUUM ANALYZE matching_seekermatchprofile, matching_vacancymatchprofile")
    print(f"# profiles {counts}: {time.perf_counter() - started:.0f} s", file=sys.stderr)
    jobs = [(kind, ids) for kind, size in FULL_REFRESH_BATCH.items() for ids in list_ids(kind, batch_size=size)]
    connections.close_all()
    with get_context("fork").Pool(workers) as pool:
        for done, _ in enumerate(pool.imap(_batch, jobs), start=1):
            if done % 50 == 0 or done == len(jobs) or jobs[done - 1][0] != jobs[min(done, len(jobs) - 1)][0]:
                elapsed = time.perf_counter() - started
                print(f"# {done}/{len(jobs)} batches (to list {jobs[done - 1][0]}), {elapsed:.0f} s", file=sys.stderr)
    assert MatchList.FOR_VACANCY  # both kinds are in FULL_REFRESH_BATCH
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="active seekers (vacancies: a tenth)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of the per-row operations")
    parser.add_argument("--workers", type=int, default=2, help="processes of the full refresh")
    parser.add_argument("--skip-full-refresh", action="store_true")
    parser.add_argument("--build-only", action="store_true", help="build (or check) the data and stop")
    parser.add_argument("--database", default=BENCH_DB, help="database name on the embedded server")
    args = parser.parse_args()
    setup_django(args.database)
    from django.db import connection
    from django.test import Client

    from employers.models import Vacancy
    from jobcenter.models import User
    from matching.scoring.results import row_matches_refresh
    from matching.scoring_models import MatchList

    build(args.size, args.size // 10)
    if args.build_only:
        return
    if not args.skip_full_refresh:
        emit("full_refresh_s", full_refresh(args.workers), "s")
    rng = random.Random(6)
    with connection.cursor() as cursor:
        cursor.execute("SELECT max(id) FROM seekers_seeker")
        max_seeker = cursor.fetchone()[0]
    vacancy_ids = list(Vacancy.objects.order_by("?").values_list("pk", flat=True)[: args.runs])

    timings = []
    for pk in vacancy_ids:  # as if just published: its profile and lists are rebuilt from scratch
        started = time.perf_counter()
        row_matches_refresh(list_kind=MatchList.FOR_VACANCY, pk=pk)
        timings.append(time.perf_counter() - started)
    emit("match_new_vacancy_s", max(timings), "s")

    timings = []
    for _ in range(args.runs):
        pk = rng.randint(max_seeker - args.size + 1, max_seeker)
        started = time.perf_counter()
        row_matches_refresh(list_kind=MatchList.FOR_SEEKER, pk=pk)
        timings.append(time.perf_counter() - started)
    emit("match_changed_seeker_s", max(timings), "s")

    from tests.hardening.otp import force_login_verified  # staff pass the second factor

    client = force_login_verified(Client(), User.objects.get(username="bench_counselor"))
    pages = list(Vacancy.objects.order_by("?").values_list("pk", flat=True)[:100])
    timings = []
    for pk in pages:
        started = time.perf_counter()
        response = client.get(f"/matching/vacancies/{pk}/candidates/")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, (response.status_code, response.get("Location"))
    timings.sort()
    emit("candidate_page_p95_ms", timings[max(0, round(0.95 * len(timings)) - 1)], "ms")


if __name__ == "__main__":
    main()
