"""Where each page of the load journeys spends its server time, on the load harness's data (bench_load).

    .venv/bin/python bench/load/page_profile.py                      # every page: time, queries, SQL time
    .venv/bin/python bench/load/page_profile.py --page seeker_case --tree   # and pyinstrument's call tree of one

(Not named profile.py: on the path of the load server it would shadow the standard library's `profile`.)

Runs the pages in this process through Django's test client (no gunicorn, no locust), so the figures are the
server's own: median wall time, the number of queries and the time spent in SQL, one JSON line per page.
`referral_to_hire` is the Referral journey's three POSTs (create, send, hire), timed together.
Needs the data of bench/load/run.py (it builds it when missing, like run.py). The settings are the environment's:
with REDIS_URL set, as for run.py's server, sessions, the signed-in user and Celery tasks go through Redis as in
production; without it, tasks run in this process and the figures include them.
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

import journey_forms  # noqa: E402 (beside this file)


def pages(world: dict) -> dict[str, tuple[str, object]]:
    """name: (who, a function of the client that makes the page's requests and returns the last response)."""
    rng = random.Random(1)

    def get(url: str):
        return lambda client: client.get(url)

    def post(client, url: str, data: dict):
        """A POST whose redirect is not followed, as locust's: the message it leaves for the next page is dropped
        (kept, the test client would send every earlier message back and make each response re-encode them all)."""
        response = client.post(url, data)
        client.cookies.pop("messages", None)
        return response

    def referral_to_hire(client):
        """The Referral journey of the locustfile: create, send, hire (three POSTs, each answered by a redirect)."""
        created = post(
            client,
            "/matching/referrals/new/",
            {
                "seeker": rng.choice(world["seekers"]),
                "vacancy": rng.choice(world["vacancies"]),
                "note": journey_forms.NOTE,
            },
        )
        location = created.get("Location", "")
        if not location.startswith("/matching/referrals/"):
            return created  # the pair already has an open referral: the form again
        post(client, f"{location}transition/", journey_forms.SEND)
        return post(client, f"{location}hire/", journey_forms.HIRE)

    return {
        "board_search": ("anonymous", get(f"/employers/jobs/?q={rng.choice(['생산', '물류'])}+{rng.randint(1, 999)}")),
        "board_filter": ("anonymous", get(f"/employers/jobs/?occupation={world['occupations'][0]}&sort=wage")),
        "board_detail": ("anonymous", get(f"/employers/jobs/{rng.choice(world['public_vacancies'])}/")),
        "seeker_case": ("counselor", get(f"/seekers/{rng.choice(world['seekers'])}/")),
        "seeker_list": ("counselor", get("/seekers/")),
        "worklist": ("counselor", get("/worklist/")),
        "candidates": ("counselor", get(f"/matching/vacancies/{rng.choice(world['candidate_vacancies'])}/candidates/")),
        "referral_form": ("counselor", get("/matching/referrals/new/?seeker_q=벤치12&vacancy_q=모집")),
        "referral_to_hire": ("counselor", referral_to_hire),
        "event_detail": ("seeker", get(f"/events/{rng.choice(world['events'])}/")),
        "dashboard": ("manager", get("/dashboard/")),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="seekers, as for run.py")
    parser.add_argument("--requests", type=int, default=10, help="requests timed per page")
    parser.add_argument("--page", default="", help="only this page")
    parser.add_argument("--tree", action="store_true", help="print pyinstrument's call tree of --requests requests")
    parser.add_argument("--queries", action="store_true", help="print every query of one request, in order")
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

    for name, (who, fetch) in pages(world).items():
        if args.page and name != args.page:
            continue
        client = clients[who]
        response = fetch(client)  # warm-up
        assert response.status_code in (200, 302), (name, response.status_code, response.get("Location"))
        timings, counts, sql = [], [], []
        for _ in range(args.requests):
            with CaptureQueriesContext(connection) as captured:
                started = time.perf_counter()
                fetch(client)
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
                for _ in range(args.requests):
                    fetch(client)
            print(profiler.output_text(unicode=True, color=False, show_all=False), file=sys.stderr)
            with CaptureQueriesContext(connection) as captured:
                fetch(client)
            for query in sorted(captured.captured_queries, key=lambda q: -float(q["time"]))[:8]:
                print(f"  {float(query['time']) * 1000:7.1f} ms  {query['sql'][:400]}", file=sys.stderr)
        if args.queries:
            with CaptureQueriesContext(connection) as captured:
                fetch(client)
            for number, query in enumerate(captured.captured_queries, 1):
                print(f"{number:3d} {float(query['time']) * 1000:6.2f} ms  {query['sql'][:300]}", file=sys.stderr)


if __name__ == "__main__":
    main()
