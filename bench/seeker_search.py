"""Seeker name search at scale: generates N seekers (default 1,000,000) once, then times searches.

    .venv/bin/python bench/seeker_search.py [--size 1000000] [--queries 200]

Prints one JSON object per figure: seeker_search_p50_ms, seeker_search_p95_ms (names of two to three
syllables and phone tails, mixed) and seeker_search_2char_p95_ms (two-syllable names such as 김민, 이서).
Rows are generated in SQL in a separate database, `<default name>_bench` on the same server (created and
migrated on first run; the data stays for the next run, and a larger --size only adds the missing rows),
so the development data is never touched.
"""

import argparse
import json
import os
import random
import sys
import time
from pathlib import Path

# bench/statistics.py (issue 9's benchmark) would shadow the standard library's module of that name.
sys.path = [entry for entry in sys.path if Path(entry or ".").resolve() != Path(__file__).resolve().parent]
import statistics  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402


def use_bench_database() -> None:
    default = settings.DATABASES["default"]
    bench_name = f"{default['NAME']}_bench"
    with connections["default"].cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_database WHERE datname = %s", [bench_name])
        if cursor.fetchone() is None:
            cursor.execute(f'CREATE DATABASE "{bench_name}"')
    connections["default"].close()
    default["NAME"] = bench_name
    connections["default"].settings_dict["NAME"] = bench_name
    call_command("migrate", verbosity=0)


use_bench_database()

from django.core.paginator import Paginator  # noqa: E402
from django.db import connection  # noqa: E402

from jobcenter.models import Booth, Centre, Region, User  # noqa: E402
from seekers.models import Seeker  # noqa: E402
from seekers.selectors import SeekerSearch, seeker_list, seeker_search, seekers_for_user  # noqa: E402

FAMILY = "김이박최정강조윤장임한오서신권황안송전홍"
GIVEN = "민서준지우현수연하은도윤예원진영태호성아유재"


def ensure_rows(size: int) -> Centre:
    region = Region.objects.get(code="28260")
    centre, _ = Centre.objects.get_or_create(name="벤치마크 센터", defaults={"region": region})
    booth, _ = Booth.objects.get_or_create(centre=centre, name="벤치 창구", defaults={"location": "1층"})
    have = Seeker.objects.filter(centre=centre).count()
    if have >= size:
        return centre
    print(f"generating {size - have} seekers ...", file=sys.stderr)
    with connection.cursor() as cursor:
        cursor.execute(
            """
            INSERT INTO seekers_seeker (centre_id, booth_id, name, birth_date, phone, email, address_detail,
                education_level, major, desired_wage_type, employment_types, target_groups, shifts, status,
                external_ref, source, registered_at, last_activity_at, claim_code_hash)
            SELECT %(centre)s, %(booth)s,
                substr(%(family)s, 1 + (random() * 19)::int, 1)
                    || substr(%(given)s, 1 + (random() * 22)::int, 1)
                    || substr(%(given)s, 1 + (random() * 22)::int, 1),
                date '1950-01-01' + (random() * 20000)::int,
                '010-' || lpad((random() * 9999)::int::text, 4, '0')
                    || '-' || lpad((random() * 9999)::int::text, 4, '0'),
                '', '', 'high', '', 'monthly', '{}', '{}', '{}',
                (ARRAY['active','active','active','placed','on_hold','closed'])[1 + (random() * 5)::int],
                'bench-' || n, 'import', now() - (random() * 1000) * interval '1 day', now(), ''
            FROM generate_series(%(start)s, %(end)s) AS n
            """,
            {"centre": centre.pk, "booth": booth.pk, "family": FAMILY, "given": GIVEN, "start": have + 1, "end": size},
        )
        cursor.execute("ANALYZE seekers_seeker")
    return centre


def timed(user, search: SeekerSearch) -> float:
    started = time.perf_counter()
    page = Paginator(seeker_list(seeker_search(seekers_for_user(user), search)), 25).get_page(1)
    list(page.object_list)
    assert page.paginator.count >= 0
    return (time.perf_counter() - started) * 1000


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    centre = ensure_rows(args.size)
    user, _ = User.objects.get_or_create(username="bench-counselor", defaults={"role": "counselor", "centre": centre})
    rng = random.Random(7)
    two = [rng.choice(FAMILY) + rng.choice(GIVEN) for _ in range(args.queries)]
    mixed = []
    for index in range(args.queries):
        kind = index % 3
        if kind == 0:
            mixed.append(SeekerSearch(name=rng.choice(FAMILY) + rng.choice(GIVEN) + rng.choice(GIVEN)))
        elif kind == 1:
            mixed.append(SeekerSearch(name=rng.choice(GIVEN) + rng.choice(GIVEN)))
        else:
            mixed.append(SeekerSearch(phone_tail=f"{rng.randrange(10000):04d}"))
    for query in two[:5]:
        timed(user, SeekerSearch(name=query))  # warm the cache
    all_ms = [timed(user, search) for search in mixed]
    two_ms = [timed(user, SeekerSearch(name=query)) for query in two]
    figures = [
        ("seeker_search_p50_ms", statistics.median(all_ms)),
        ("seeker_search_p95_ms", percentile(all_ms, 0.95)),
        ("seeker_search_2char_p95_ms", percentile(two_ms, 0.95)),
    ]
    for name, value in figures:
        print(json.dumps({"name": name, "value": round(value, 1), "unit": "ms", "rows": args.size}))


if __name__ == "__main__":
    main()
