"""`python3 dev.py run` as a newcomer starts it: the whole system on the demo data (not factories).

One run for the module, on a database of its own on the test server (DATABASE_URL) and its own embedded Redis in a
temporary folder, so a developer's demo in `.pgdata/` and `.redisdata/` is left alone:
- /healthz says the broker is ok, and a Celery worker and beat run beside the web server;
- the demo counselor's first seeker has ranked vacancies with their explanations, computed by the worker after
  `seed_demo` scheduled the scorer, with nobody saving anything;
- a counselor records a hire and the manager's dashboard shows it without "compute again", within the time the
  README states (the running month is recomputed by beat every STATISTICS_REFRESH_SECONDS, 120 s);
- Ctrl+C (SIGINT to the run's process group, as a terminal sends it) leaves none of its processes behind.
"""

import os
import re
import signal
import socket
import subprocess
import time
import urllib.request

import psutil
import psycopg
import pytest
from django.conf import settings
from django.utils import timezone
from django_otp.oath import TOTP

from jobcenter.demo_logins import DEMO_PASSWORD
from jobcenter.security.demo import DEMO_TOTP_KEY
from tests.browser.conftest import CHROMIUM
from tests.celery_worker import worker_database_url

pytestmark = pytest.mark.browser

READY_WITHIN_S = 180  # the "within 3 minutes of the install finishing"
DASHBOARD_WITHIN_S = 150  # README: STATISTICS_REFRESH_SECONDS (120 s) plus the recomputation, with some slack


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthz(base_url: str) -> dict | None:
    import json

    try:
        with urllib.request.urlopen(f"{base_url}/healthz", timeout=5) as response:
            return json.loads(response.read())
    except OSError:
        return None


class LiveRun:
    def __init__(self, process: subprocess.Popen, base_url: str, database_url: str, log_path) -> None:
        self.process, self.base_url, self.database_url, self.log_path = process, base_url, database_url, log_path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-6000:]

    def processes(self) -> list[psutil.Process]:
        try:
            root = psutil.Process(self.process.pid)
            return [root, *root.children(recursive=True)]
        except psutil.NoSuchProcess:
            return []

    def query(self, sql: str, params: tuple = ()) -> list[tuple]:
        with psycopg.connect(self.database_url) as connection:
            return connection.execute(sql, params).fetchall()


@pytest.fixture(scope="module")
def live_run(tmp_path_factory):
    if not os.path.exists(CHROMIUM):
        pytest.skip(f"Chromium not found at {CHROMIUM}")
    name = settings.DATABASES["default"]["TEST"]["NAME"] + "_live_demo"
    database_url = worker_database_url(name)
    with psycopg.connect(worker_database_url("postgres"), autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')
    folder = tmp_path_factory.mktemp("live-demo")
    port = free_port()
    env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG", "REDIS_URL"}}
    env.update(
        DATABASE_URL=database_url,
        REDIS_DATA_DIR=str(folder / "redisdata"),
        EMAIL_FILE_PATH=str(folder / "devmail"),
        NO_COLOR="1",
    )
    log_path = folder / "run.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["python3", "dev.py", "run", "--port", str(port)],
            cwd=settings.BASE_DIR,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group: the test's Ctrl+C goes to it alone
        )
    run = LiveRun(process, f"http://127.0.0.1:{port}", database_url, log_path)
    try:
        yield run
    finally:
        if process.poll() is None:  # a test failed before the last one stopped it: stop it, then kill what is left
            left = run.processes()
            os.killpg(process.pid, signal.SIGINT)
            _, alive = psutil.wait_procs(left, timeout=60)
            for survivor in alive:
                survivor.kill()
        with psycopg.connect(worker_database_url("postgres"), autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture
def live_page(browser, live_run):
    context = browser.new_context(base_url=live_run.base_url, locale="en-US", bypass_csp=True)
    page = context.new_page()
    page.set_default_timeout(20_000)
    yield page
    context.close()


_used_steps: dict[str, int] = {}


def log_in(page, username: str) -> None:
    page.goto("/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", DEMO_PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    if "/accounts/2fa/verify/" in page.url:  # the demo staff's shared authenticator secret (README)
        totp = TOTP(DEMO_TOTP_KEY, step=30, t0=0, digits=6)
        while _used_steps.get(username) == totp.t():  # a code is accepted once: wait for the next one
            time.sleep(1)
        _used_steps[username] = totp.t()
        page.fill("#id_token", f"{totp.token():06d}")
        page.click("main form button[type=submit]")
        page.wait_for_load_state()


def log_out(page) -> None:
    page.click("header form[action$='/logout/'] button")
    page.wait_for_load_state()


def install_finished_at(live_run, timeout: float) -> float:
    """When the supervisor printed its first line: `dev.py run`'s install (skipped when up to date) is over."""
    deadline = time.monotonic() + timeout
    while "redis  | " not in live_run.log_path.read_text(errors="replace"):
        assert live_run.process.poll() is None, live_run.log()
        assert time.monotonic() < deadline, f"the supervisor did not start within {timeout}s:\n{live_run.log()}"
        time.sleep(0.5)
    return time.monotonic()


def test_1_the_run_is_live__broker_ok__worker_and_beat_running__the_demo_ranked(live_run, live_page):
    deadline = install_finished_at(live_run, timeout=600) + READY_WITHIN_S
    while (health := healthz(live_run.base_url)) is None or health.get("broker") != "ok":
        assert live_run.process.poll() is None, live_run.log()
        assert time.monotonic() < deadline, f"not live within {READY_WITHIN_S}s:\n{live_run.log()}"
        time.sleep(2)
    assert health == {"status": "ok", "database": "ok", "broker": "ok"}
    commands = [" ".join(process.cmdline()) for process in live_run.processes()]
    assert any("celery" in command and " worker" in command for command in commands), commands
    assert any("celery" in command and " beat" in command for command in commands), commands
    assert any("valkey-server" in command for command in commands), commands

    # The demo counselor's first seeker (the demo's own seeker account, 김민준), with nobody saving anything.
    [(seeker_id,)] = live_run.query("SELECT id FROM seekers_seeker WHERE name = %s ORDER BY id LIMIT 1", ("김민준",))
    log_in(live_page, "counselor")
    rows = live_page.locator("#vacancy-rows > tr")
    while True:
        live_page.goto(f"/matching/seekers/{seeker_id}/vacancies/")
        if rows.count() and "No vacancies yet" not in rows.first.inner_text():
            break
        assert time.monotonic() < deadline, f"no ranked vacancies within {READY_WITHIN_S}s:\n{live_run.log()}"
        time.sleep(3)
    print(f"ranked {READY_WITHIN_S - (deadline - time.monotonic()):.0f}s after the install finished")
    # the explanations (the first row may be the "conditions not met" heading when every match breaks one)
    assert "All parts of the score" in live_page.locator("main").inner_text()
    rows.locator("details summary").first.click()  # the first ranked entry (a heading row has none)
    assert live_page.locator("#vacancy-rows .match-parts-table tbody tr").count() > 0  # why it ranks there


def dashboard_placements(page) -> int:
    page.goto("/dashboard/")
    text = page.locator("#figure-placements .stat-value").inner_text()
    return int(re.sub(r"\D", "", text) or 0)


def test_2_a_hire_reaches_the_managers_dashboard_without_compute_again(live_run, live_page):
    assert healthz(live_run.base_url), "the run is not up (see the first test)"
    log_in(live_page, "manager")
    before = dashboard_placements(live_page)
    assert "Recomputed every 2 minutes." in live_page.locator(".stat-status").inner_text()
    log_out(live_page)

    # A referral of the manager's centre with an interview; the demo's is at 14:00 today (Asia/Seoul), so it is
    # moved two hours back, as if it had taken place (a hire is not recorded before its interview). Then the
    # counselor records the hire.
    [(referral_id,)] = live_run.query(
        "SELECT r.id FROM matching_referral r JOIN jobcenter_centre c ON c.id = r.centre_id"
        " JOIN matching_interview i ON i.referral_id = r.id"
        " WHERE c.name = %s AND r.state IN ('interview_scheduled', 'interviewed') ORDER BY r.id LIMIT 1",
        ("인천 서구 일자리센터",),
    )
    live_run.query(
        "UPDATE matching_interview SET starts_at = now() - interval '2 hours' WHERE referral_id = %s"
        " RETURNING referral_id",
        (referral_id,),
    )
    log_in(live_page, "counselor")
    live_page.goto(f"/matching/referrals/{referral_id}/")
    live_page.fill("#id_p-start_date", timezone.localdate().isoformat())  # the running month (Asia/Seoul)
    live_page.fill("#id_p-weekly_hours", "40")
    live_page.locator("main form[action$='/hire/'] button[type=submit]").click()
    live_page.wait_for_load_state()
    assert "The hire was recorded." in live_page.content()
    hired_at = time.monotonic()
    log_out(live_page)

    log_in(live_page, "manager")
    while (after := dashboard_placements(live_page)) == before:
        waited = time.monotonic() - hired_at
        assert waited < DASHBOARD_WITHIN_S, f"the hire was not on the dashboard after {waited:.0f}s"
        time.sleep(5)
    assert after == before + 1
    print(f"the hire reached the dashboard after {time.monotonic() - hired_at:.0f}s")


def test_3_ctrl_c_stops_every_process_of_the_run(live_run):
    processes = live_run.processes()
    assert len(processes) >= 6, [process.cmdline() for process in processes]  # dev.py, supervisor, 4 servers
    os.killpg(live_run.process.pid, signal.SIGINT)  # what the terminal does on Ctrl+C
    live_run.process.wait(timeout=60)
    gone, alive = psutil.wait_procs(processes, timeout=30)
    assert alive == [], [process.cmdline() for process in alive]
    assert "stopped" in live_run.log()
    assert healthz(live_run.base_url) is None
