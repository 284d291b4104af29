"""Where each journey's machine time goes: CPU milliseconds per request of the web workers (gunicorn), the Celery
worker, the server's PostgreSQL backends, Redis and the load generator (locust), on the data and server of
bench/load/run.py. One JSON object per figure, `{"name": "cpu_<journey>_<part>", "value", "unit"}`.

    .venv/bin/python bench/load/cpu_split.py                                   # the one-query view and every journey
    .venv/bin/python bench/load/cpu_split.py --only BaselineQuery,SeekerPage --phase 20
    .venv/bin/python bench/load/cpu_split.py --only Mixed --phase 60 --steps         # and per page, kept or rendered

On a machine of two cores, a journey's throughput is about two seconds of CPU over its total per request, so the
ratio run.py reports is about the one-query view's total over the journey's: this says which part to cut. It counts
CPU time, not wall time, so other work on the machine slows the figures less than it slows run.py's (caches and
hyper-threads still do). The PostgreSQL figure is the backends of the server's and the worker's connections only
(application_name `loadserver`); the database's background writers are not in it.
"""

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import run  # noqa: E402 (beside this file)

APPLICATION_NAME = "loadserver"


def cpu_seconds(processes: list[psutil.Process]) -> float:
    total = 0.0
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:  # ended since it was listed
            continue
        total += times.user + times.system
    return total


def emit_steps(figure: str, logs) -> None:
    """Per page of the phase (the web workers' step_cpu.py lines): its requests, its share of the web CPU, and its
    mean CPU and median queries, for the visits that ran at most three queries (a kept page served) and the others
    apart (rendered, or a form sent)."""
    steps: dict[str, list[tuple[float, int]]] = {}
    for log in logs:
        for line in log.read_text().splitlines():
            view, cpu_ms, queries = line.split()
            steps.setdefault(view, []).append((float(cpu_ms), int(queries)))
    total = sum(cpu for visits in steps.values() for cpu, _ in visits) or 1
    for view, visits in sorted(steps.items()):
        kept = [cpu for cpu, queries in visits if queries <= 3]
        rendered = [(cpu, queries) for cpu, queries in visits if queries > 3]
        run.emit(
            f"cpu_{figure}_step_{view.replace(':', '_')}",
            round(sum(cpu for cpu, _ in visits) / total, 3),
            "share of web CPU",
            requests=len(visits),
            kept=len(kept),
            kept_ms=round(statistics.mean(kept), 2) if kept else None,
            rendered_ms=round(statistics.mean(cpu for cpu, _ in rendered), 2) if rendered else None,
            rendered_queries=statistics.median(queries for _, queries in rendered) if rendered else None,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--size", type=int, default=1_000_000, help="seekers, as for run.py")
    parser.add_argument("--phase", type=int, default=20, help="seconds each journey is measured")
    parser.add_argument("--users", type=int, default=50, help="concurrent locust users")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn worker processes")
    parser.add_argument("--redis-url", default="redis://127.0.0.1:6379/10", help="a spare Redis database")
    parser.add_argument("--only", default="", help="comma-separated user classes (default: BaselineQuery and all)")
    parser.add_argument(
        "--steps", action="store_true", help="and each page's web CPU and queries, first renderings apart (step_cpu.py)"
    )
    args = parser.parse_args()

    os.environ["SECRET_KEY"] = os.environ.get("LOAD_SECRET_KEY") or "cpu-split-" + os.urandom(24).hex()
    import data

    database_url = data.database_url()
    data.setup_django(database_url)
    from django.core.management import call_command
    from django.db import connection

    call_command("migrate", verbosity=0)
    data.build(args.size)
    workdir = Path(os.environ.get("LOAD_WORKDIR", "/tmp/jobcenter-load")) / "cpu"
    workdir.mkdir(parents=True, exist_ok=True)
    fixtures = workdir / "fixtures.json"
    fixtures.write_text(json.dumps(data.fixtures()))
    connection.close()

    env = run.server_env(database_url, args.redis_url)
    env["LOAD_STATIC_ROOT"] = str(workdir.parent / "static")
    env["PGAPPNAME"] = APPLICATION_NAME  # libpq's: names the server's backends in pg_stat_activity
    step_log = workdir / "steps"
    if args.steps:
        env["LOAD_STEP_CPU_LOG"] = str(step_log)
    subprocess.run([sys.executable, "manage.py", "collectstatic", "--no-input", "-v", "0"], cwd=run.ROOT, env=env)
    port = run.free_port()
    host = f"http://127.0.0.1:{port}"
    gunicorn = subprocess.Popen(
        [str(run.VENV_BIN / "gunicorn"), "jobcenter.baseline_views:wsgi_application", "--bind", f"127.0.0.1:{port}",
         "--workers", str(args.workers), "--worker-tmp-dir", "/dev/shm", "--backlog", "2048", "--log-level", "warning"],
        cwd=run.ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL,
    )  # fmt: skip
    worker = subprocess.Popen(
        [str(run.VENV_BIN / "celery"), "-A", "jobcenter", "worker", "--concurrency", "1",
         "--queues", "interactive,matching,statistics,celery", "--hostname", f"cpu-{os.getpid()}@%h",
         "--without-gossip", "--without-mingle", "--loglevel", "WARNING"],
        cwd=run.ROOT, env=env, start_new_session=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip
    try:
        run.wait_http(f"{host}/healthz", 60)
        import psycopg

        def parts() -> dict[str, list[psutil.Process]]:
            with psycopg.connect(database_url) as conn:
                backends = [pid for (pid,) in conn.execute(
                    "SELECT pid FROM pg_stat_activity WHERE application_name = %s", [APPLICATION_NAME]
                )]  # fmt: skip
            web, tasks = psutil.Process(gunicorn.pid), psutil.Process(worker.pid)
            return {
                "gunicorn": [web, *web.children(recursive=True)],
                "celery": [tasks, *tasks.children(recursive=True)],
                "postgres": [psutil.Process(pid) for pid in backends if psutil.pid_exists(pid)],
                "redis": [p for p in psutil.process_iter(["name"]) if (p.info["name"] or "").startswith("redis")],
            }

        classes = [name for name in args.only.split(",") if name] or ["BaselineQuery", *run.JOURNEYS]
        for user_class in classes:
            run.run_locust(user_class, host, args.users, 3, fixtures, workdir)  # warm-up, as run.py's
            for warm_up in workdir.glob("steps.*"):
                os.truncate(warm_up, 0)  # the workers keep them open, appending
            before_parts = parts()
            before = {part: cpu_seconds(processes) for part, processes in before_parts.items()}
            children_before = os.times()
            result = run.run_locust(user_class, host, args.users, args.phase, fixtures, workdir)
            children_after = os.times()
            for part, processes in parts().items():  # backends opened during the phase count from zero
                known = {process.pid for process in before_parts[part]}
                before_parts[part] += [process for process in processes if process.pid not in known]
            spent = {part: cpu_seconds(processes) - before[part] for part, processes in before_parts.items()}
            spent["locust"] = (children_after.children_user + children_after.children_system) - (
                children_before.children_user + children_before.children_system
            )
            requests = max(result["requests"], 1)
            figure = run.JOURNEYS.get(user_class, (user_class.lower(),))[0]
            for part, seconds in spent.items():
                run.emit(f"cpu_{figure}_{part}", round(1000 * seconds / requests, 2), "ms/request")
            run.emit(
                f"cpu_{figure}_total",
                round(1000 * sum(spent.values()) / requests, 2),
                "ms/request",
                rps=round(result["rps"], 1),
                errors=result["errors"],
                load_average=round(os.getloadavg()[0], 1),
            )
            if args.steps:
                emit_steps(figure, workdir.glob("steps.*"))
            time.sleep(1)
    finally:
        for process in (gunicorn, worker):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(process.pid, 15)


if __name__ == "__main__":
    main()
