"""Job board search at scale: generates N published vacancies (default 100,000) once, then times the board.

    .venv/bin/python bench/vacancy_search.py [--size 100000] [--queries 300]

Prints one JSON object per figure: vacancy_search_p50_ms and vacancy_search_p95_ms (the whole filtered
board page, rendered through Django's test client: keyword searches in Korean, filters by occupation,
region, employment type, minimum wage and deadline, the three sorts and later pages, mixed), and
vacancy_search_keyword_p95_ms (keyword searches alone). The board caches each search's results for
PUBLIC_BOARD_CACHE_SECONDS (30 s), and these queries repeat (a dozen keywords), so those figures are mostly
cache hits; the same queries are then timed again with the cache off, as searches that never repeat would be:
vacancy_search_uncached_p50_ms, vacancy_search_uncached_p95_ms and vacancy_search_uncached_keyword_p95_ms.
Rows are generated in SQL in a separate database: BENCH_DATABASE_URL, else `<default name>_vbench` on the same
server (created and migrated on first run; the data stays for the next run, and a larger --size only adds the
missing rows), so the development data is never touched.
"""

import argparse
import random
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[0:1] = [str(ROOT)]  # the project, not bench/ (see bench/common.py)

from bench.common import emit, percentile, setup_django  # noqa: E402

JOBS = [
    "생산직", "조립원", "포장원", "검사원", "조리원", "조리보조", "주방보조", "경비원", "미화원", "청소원",
    "지게차 운전원", "배송기사", "물류 관리", "사무보조", "경리", "회계 사무원", "간호조무사", "요양보호사",
    "사회복지사", "보육교사", "영업사원", "판매원", "매장 관리", "바리스타", "제빵사", "용접공", "CNC 가공원",
    "전기 기사", "설비 정비원", "도장공", "택배 상하차", "식품 가공원", "프로그래머", "웹 디자이너", "상담원",
]  # fmt: skip
DUTIES = [
    "제품 조립 및 검사", "완제품 포장", "단체급식 조리", "시설 경비 및 순찰", "사무실 청소", "입출고 관리",
    "지게차 운전", "전화 상담 및 고객 응대", "재고 관리", "어르신 돌봄", "아동 보육", "회계 장부 정리",
    "도면 해독 및 가공", "설비 점검", "매장 진열 및 판매", "배송 및 상하차", "웹사이트 유지보수",
]  # fmt: skip
KEYWORDS = ["조리", "포장", "경비", "지게차", "사무", "요양보호사", "물류", "CNC", "상담", "용접", "판매원", "보육"]


def ensure_rows(size: int) -> None:
    from django.db import connection

    from employers.models import Company, Vacancy
    from jobcenter.models import Centre, Occupation, Region

    region = Region.objects.get(code="28260")
    centre, _ = Centre.objects.get_or_create(name="벤치마크 센터", defaults={"region": region})
    have = Vacancy.objects.filter(centre=centre).count()
    if have >= size:
        return
    print(f"generating {size - have} vacancies ...", file=sys.stderr)
    occupations = list(Occupation.objects.filter(level=Occupation.Level.MIDDLE).values_list("code", flat=True))
    regions = list(Region.objects.exclude(level=Region.Level.SIDO).values_list("code", flat=True))
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO employers_company (centre_id, name, business_number, representative, size, address,
                contact_name, contact_phone, contact_email, source, created_at, verified_at, region_id)
            SELECT %(centre)s, '벤치기업 ' || i || '(주)', lpad((9000000000 + i)::text, 10, '0'), '', '5-49', '',
                '', '', '', 'import', now(), now(), %(region)s
            FROM generate_series(1, 5000) AS i
            ON CONFLICT (business_number) DO NOTHING
            """,
            {"centre": centre.pk, "region": "28260"},
        )
        company_ids = list(Company.objects.filter(centre=centre).values_list("pk", flat=True))
        cursor.execute(
            """
            INSERT INTO employers_vacancy (company_id, centre_id, title, occupation_id, duties, openings,
                openings_filled, employment_type, wage_type, wage_amount, working_days, working_hours, weekly_hours,
                shifts, region_id, address, education_required, experience_years, certificates_required,
                suitable_for, benefits, deadline, contact, hiring_steps, accepts_accompanied_interview, source,
                status, review_comment, created_at, updated_at, published_at, application_method)
            SELECT
                (%(companies)s::bigint[])[1 + (random() * (array_length(%(companies)s::bigint[], 1) - 1))::int],
                %(centre)s,
                (%(jobs)s::text[])[1 + (random() * (array_length(%(jobs)s::text[], 1) - 1))::int]
                    || ' ' || (1 + (random() * 9)::int) || '명 모집',
                (%(occupations)s::text[])[1 + (random() * (array_length(%(occupations)s::text[], 1) - 1))::int],
                (%(duties)s::text[])[1 + (random() * (array_length(%(duties)s::text[], 1) - 1))::int]
                    || ', ' || (%(duties)s::text[])[1 + (random() * (array_length(%(duties)s::text[], 1) - 1))::int],
                1 + (random() * 5)::int, 0,
                (ARRAY['full_time','contract','part_time','temporary'])[1 + (random() * 3)::int],
                'monthly', 2200000 + (random() * 2000000)::int, '월–금', '09:00–18:00', 40, '',
                (%(regions)s::text[])[1 + (random() * (array_length(%(regions)s::text[], 1) - 1))::int],
                '', 'none', 0, '', '{}', '',
                CASE WHEN random() < 0.7 THEN current_date + (random() * 60)::int END,
                '', '', true, 'import', 'published', '',
                now() - (random() * interval '60 days'), now(), now() - (random() * interval '60 days'),
                CASE WHEN random() < 0.3 THEN 'both' ELSE 'centre' END
            FROM generate_series(1, %(count)s)
            """,
            {
                "companies": company_ids,
                "centre": centre.pk,
                "jobs": JOBS,
                "occupations": occupations,
                "duties": DUTIES,
                "regions": regions,
                "count": size - have,
            },
        )
        cursor.execute("ANALYZE employers_vacancy")
        cursor.execute("ANALYZE employers_company")


def queries(count: int, rng: random.Random) -> list[tuple[str, dict]]:
    from jobcenter.models import Occupation, Region

    occupations = list(Occupation.objects.values_list("code", flat=True))
    regions = list(Region.objects.exclude(level=Region.Level.SIDO).values_list("code", flat=True))
    result = []
    for _ in range(count):
        kind = rng.choice(["keyword", "keyword", "keyword_region", "occupation", "wage", "deadline", "page"])
        params: dict = {}
        if kind.startswith("keyword"):
            params["q"] = rng.choice(KEYWORDS)
        if kind == "keyword_region":
            params["region"] = rng.choice(regions)
        if kind == "occupation":
            params["occupation"] = rng.choice(occupations)
            params["employment_type"] = rng.choice(["full_time", "part_time", "contract"])
        if kind == "wage":
            params["min_wage"] = rng.choice([2500000, 3000000, 3500000])
            params["sort"] = "wage"
        if kind == "deadline":
            params["deadline_after"] = "2026-12-01"
            params["sort"] = "deadline"
        if kind == "page":
            params["page"] = rng.randint(2, 20)
        result.append((kind, params))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=100_000, help="published vacancies (default 100,000)")
    parser.add_argument("--queries", type=int, default=300)
    args = parser.parse_args()
    setup_django("jobcenter_vbench")
    ensure_rows(args.size)
    from django.conf import settings
    from django.core.cache import cache

    cache.clear()
    cached = run(args.queries, cache_seconds=settings.PUBLIC_BOARD_CACHE_SECONDS)
    report("vacancy_search", cached)
    uncached = run(args.queries, cache_seconds=0)  # every search computed, as if none ever repeated
    report("vacancy_search_uncached", uncached)


def run(count: int, *, cache_seconds: int) -> dict[str, list[float]]:
    from django.conf import settings
    from django.test import Client

    settings.PUBLIC_BOARD_CACHE_SECONDS = cache_seconds
    client = Client(HTTP_ACCEPT_LANGUAGE="ko")
    rng = random.Random(42)
    for _, params in queries(10, rng):  # warm-up
        client.get("/employers/jobs/", params)
    timings: dict[str, list[float]] = {}
    for kind, params in queries(count, rng):
        start = time.perf_counter()
        response = client.get("/employers/jobs/", params)
        elapsed = (time.perf_counter() - start) * 1000
        assert response.status_code == 200, (params, response.status_code)
        timings.setdefault(kind, []).append(elapsed)
    return timings


def report(prefix: str, timings: dict[str, list[float]]) -> None:
    every = [t for values in timings.values() for t in values]
    keyword = timings.get("keyword", []) + timings.get("keyword_region", [])
    emit(f"{prefix}_p50_ms", percentile(every, 0.5), "ms")
    emit(f"{prefix}_p95_ms", percentile(every, 0.95), "ms")
    emit(f"{prefix}_keyword_p95_ms", percentile(keyword, 0.95), "ms")
    for kind, values in sorted(timings.items()):
        print(f"  {prefix} {kind}: p95 {percentile(values, 0.95):.1f} ms over {len(values)}", file=sys.stderr)


if __name__ == "__main__":
    main()
