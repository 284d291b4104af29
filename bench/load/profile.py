"""Where each page of the load journeys spends its server time, on the load harness's data (bench_load).

    .venv/bin/python bench/load/profile.py                      # every page: time, queries, SQL time
    .venv/bin/python bench/load/profile.py --page seeker_case --tree   # and pyinstrument's call tree of one

Runs the pages in this process through Django's test client (no gunicorn, no locust), so the figures are the
server's own: median wall time, the number of queries and the time spent in SQL, one JSON line per page.
Needs the data of bench/load/run.py (it builds it when missing, like run.py).
"""

import argparse
import json
import os
import random
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))


def pages(world: dict) -> dict[str, tuple[str, str]]:
    """name: (who, url)."""
    rng = random.Random(1)
    return {
        "board_search": ("anonymous", f"/employers/jobs/?q={rng.choice(['생산', '물류'])}+{rng.randint(1, 999)}"),
        "board_filter": ("anonymous", f"/employers/jobs/?occupation={world['occupations'][0]}&sort=wage"),
        "board_detail": ("anonymous", f"/employers/jobs/{rng.choice(world['public_vacancies'])}/"),
        "seeker_case": ("counselor", f"/seekers/{rng.choice(world['seekers'])}/"),
        "seeker_list": ("counselor", "/seekers/"),
        "worklist": ("counselor", "/worklist/"),
        "candidates": ("counselor", f"/matching/vacancies/{rng.choice(world['candidate_vacancies'])}/candidates/"),
        "referral_form": ("counselor", "/matching/referrals/new/?seeker_q=벤치12&vacancy_q=모집"),
        "event_detail": ("seeker", f"/events/{rng.choice(world['events'])}/"),
        "dashboard": ("manager", "/dashboard/"),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="seekers, as for run.py")
    parser.add_argument("--requests", type=int, default=10, help="requests timed per page")
    parser.add_argument("--page", default="", help="only this page")
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree of one request")
    args = parser.parse_args()

    import data

    data.setup_django(data.database_url())
    from django.conf import settings
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jobcenter.models import Role, User
    from seekers.models import Seeker
    from tests.hardening.otp import force_login_verified

    settings.ALLOWED_HOSTS = ["*"]
    data.build(args.size)
    saved = Path(os.environ.get("LOAD_WORKDIR", "/tmp/jobcenter-load")) / "fixtures.json"
    world = json.loads(saved.read_text()) if saved.exists() else data.fixtures(sample=50)  # ids of run.py's last run
    counselor = User.objects.filter(username__startswith="bench_c00_", role=Role.COUNSELOR).order_by("pk").first()
    seeker = Seeker.objects.filter(pk__in=world["seekers"], user__isnull=False).select_related("user").first()
    users = {
        "counselor": counselor,
        "manager": User.objects.get(username="bench_manager_00"),
        "seeker": seeker.user if seeker else None,
    }
    clients = {"anonymous": Client(HTTP_ACCEPT_LANGUAGE="ko")}
    for who, user in users.items():
        clients[who] = force_login_verified(Client(HTTP_ACCEPT_LANGUAGE="ko"), user)

    for name, (who, url) in pages(world).items():
        if args.page and name != args.page:
            continue
        client = clients[who]
        response = client.get(url)  # warm-up
        assert response.status_code == 200, (name, url, response.status_code, response.get("Location"))
        timings, counts, sql = [], [], []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
            counts.append(len(captured.captured_queries))
            sql.append(sum(float(query["time"]) for query in captured.captured_queries) * 1000)
        line = {
            "name": f"profile_{name}",
            "value": round(statistics.median(timings), 1),
            "unit": "ms",
            "queries": max(counts),
            "sql_ms": round(statistics.median(sql), 1),
            "bytes": len(response.content),
        }
        print(json.dumps(line, ensure_ascii=False), flush=True)
        if args.tree:
            from pyinstrument import Profiler

            profiler = Profiler(interval=0.0005)
            with profiler:
                client.get(url)
            print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
            with CaptureQueriesContext(connection) as captured:
                client.get(url)
            for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:8]:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}", file=sys.stderr)


if __name__ == "__main__":
    main()
