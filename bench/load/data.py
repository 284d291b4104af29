"""Province-scale data for the load harness, in its own database (`bench_load`, or BENCH_LOAD_DATABASE_URL).

`--size` is the number of seekers; the rest follows: 10 events per seeker (consultations, referrals,
placements, built by bench/statistics.py's generator), one open vacancy per 10 seekers, sharing consents,
match profiles and stored top lists for the vacancies the journeys open, upcoming job fairs, and logged-in
sessions (staff with their second factor) written straight into the session table.
Built once with SQL and reused while the size matches (table bench_load_meta).
"""

import importlib.util
import json
import os
import secrets
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
BENCH_DB = "bench_load"
STAGE = 5  # bump when the build gains a step: an older build is then rebuilt


def log(message: str) -> None:
    print(f"# {message}", file=sys.stderr, flush=True)


def database_url() -> str:
    if "BENCH_LOAD_DATABASE_URL" in os.environ:
        return os.environ["BENCH_LOAD_DATABASE_URL"]
    from jobcenter import embedded_db

    embedded_db.DATABASE_NAME = BENCH_DB  # our own database on the embedded server, never dev or test
    return embedded_db.embedded_database_url(ROOT / ".pgdata")


def setup_django(url: str) -> None:
    os.environ["DATABASE_URL"] = url
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jobcenter.settings")
    import django

    django.setup()


def _statistics_bench():
    """bench/statistics.py (its name would shadow the standard library's `statistics` as a plain import)."""
    spec = importlib.util.spec_from_file_location("bench_statistics_generator", ROOT / "bench" / "statistics.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def build(size: int) -> None:
    from django.db import connection, transaction

    from employers.models import Vacancy
    from seekers.models import Consent, ConsentText

    generator = _statistics_bench()
    with connection.cursor() as cursor:
        cursor.execute("CREATE TABLE IF NOT EXISTS bench_load_meta (size bigint, stage int)")
        cursor.execute("SELECT size, stage FROM bench_load_meta")
        row = cursor.fetchone()
    if row == (size, STAGE):
        log(f"reusing {size:,} seekers in {connection.settings_dict['NAME']}")
        return
    started = time.perf_counter()
    with connection.cursor() as cursor:
        # A bulk build: no need to wait for each commit's WAL flush; big sorts for the index builds.
        cursor.execute("SET synchronous_commit = off")
        cursor.execute("SET maintenance_work_mem = '1GB'")
        cursor.execute("SET work_mem = '64MB'")
    generator.build(size * 10)  # events; it makes size / 10 ... i.e. `size` seekers, and reuses a matching build
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM bench_load_meta")
        cursor.execute("SELECT count(*) FROM employers_vacancy WHERE status = 'published'")
        have = cursor.fetchone()[0]
        cursor.execute(
            "SELECT (SELECT count(*) FROM seekers_consultation) + (SELECT count(*) FROM matching_referral)"
            " + (SELECT count(*) FROM matching_placement)"
        )
        events = cursor.fetchone()[0]
    wanted = size // 10
    from jobcenter.models import Occupation
    from matching.models import Placement

    occupations = list(Occupation.objects.filter(level="middle").values_list("code", flat=True))
    steps = []
    if have < wanted:
        companies = "(SELECT count(*) FROM employers_company)"
        steps.append(
            (
                "open vacancies",
                generator.insert_select(
                    Vacancy,
                    {
                        "company": "co.id",
                        "centre": "co.centre_id",
                        "title": "(ARRAY['생산직','사무보조','물류 상하차','요양보호사','조리원','미화원','경비원',"
                        "'판매원'])[1 + i % 8] || ' 모집 ' || i",
                        "duties": "'성실하게 근무하실 분을 찾습니다'",
                        "occupation": f"(ARRAY{occupations})[1 + i % {len(occupations)}]",
                        "openings": "1000",
                        "wage_amount": "(2100 + (i % 15) * 100) * 1000",
                        "weekly_hours": "40",
                        "region": "co.region_id",
                        "status": "'published'",
                        "published_at": "now() - (i % 60) * interval '1 day'",
                    },
                    f"generate_series(1, {wanted - have}) i JOIN employers_company co"
                    f" ON co.id = (SELECT min(id) FROM employers_company) + i % {companies}",
                ),
            )
        )
    if events < size * 10:
        # The generator's self-reported placements join on random() and draw (almost) none: top the events up to
        # ten per seeker with self-reported placements of random seekers.
        steps.append(
            (
                "self-reported placements",
                generator.insert_select(
                    Placement,
                    {
                        "seeker": "s.id",
                        "centre": "s.centre_id",
                        "source": "'self_reported'",
                        "employer_name": "'자가취업'",
                        "start_date": "current_date - (g.i % 1800)",
                        "employment_type": "'full_time'",
                        "wage_amount": "2300000",
                        "weekly_hours": "40",
                    },
                    f"(SELECT i, (SELECT min(id) FROM seekers_seeker) + (random() * {size - 1})::int AS sid"
                    f" FROM generate_series(1, {size * 10 - events}) i) g JOIN seekers_seeker s ON s.id = g.sid",
                ),
            )
        )
    text, _ = ConsentText.objects.get_or_create(
        kind="sharing", version=1, defaults={"text": "동의", "purpose": "알선", "items": "이력", "retention": "3년"}
    )
    steps.append(
        (
            "sharing consents",
            generator.insert_select(
                Consent,
                {"seeker": "s.id", "text": str(text.pk), "kind": "'sharing'", "channel": "'booth'"},
                "seekers_seeker s WHERE NOT EXISTS (SELECT 1 FROM seekers_consent c WHERE c.seeker_id = s.id)",
            ),
        )
    )
    # Every seeker wants one of the vacancies' occupations: without it the scorer's keys are empty, every stored list
    # is empty, and the candidates page and the case page's best vacancies never show a row (until stage 5).
    steps.append(
        (
            "desired occupations",
            f"""INSERT INTO seekers_seeker_desired_occupations (seeker_id, occupation_id)
            SELECT s.id, (ARRAY{occupations})[1 + s.id % {len(occupations)}] FROM seekers_seeker s
            WHERE NOT EXISTS (SELECT 1 FROM seekers_seeker_desired_occupations d WHERE d.seeker_id = s.id)""",
        )
    )
    for label, statement in steps:
        step_started = time.perf_counter()
        with transaction.atomic(), connection.cursor() as cursor:
            # Consistent rows built by SQL: no per-row triggers (foreign keys, the case page's change rows).
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(statement)
            log(f"{label}: {cursor.rowcount:,} rows in {time.perf_counter() - step_started:.1f} s")
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE employers_vacancy")
        cursor.execute("VACUUM ANALYZE seekers_consent")
    _profiles()
    with connection.cursor() as cursor:
        cursor.execute("INSERT INTO bench_load_meta VALUES (%s, %s)", [size, STAGE])
    log(f"built in {time.perf_counter() - started:.0f} s")


def _profiles() -> None:
    from django.db import connection

    from matching.scoring.profiles import profiles_refresh_seekers, profiles_refresh_vacancies

    started = time.perf_counter()
    profiles_refresh_seekers()
    profiles_refresh_vacancies()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE matching_seekermatchprofile, matching_vacancymatchprofile")
    log(f"match profiles in {time.perf_counter() - started:.0f} s")


def fixtures(sample: int = 200) -> dict:
    """Ids and sessions the journeys use. Recreated each run (sessions expire; referrals consume openings)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore
    from django.db import connection
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    from employers.models import Vacancy
    from events.models import Event, EventSession
    from jobcenter.models import Centre, Occupation, Role, User
    from jobcenter.security.backends import PASSWORD_BACKEND
    from jobcenter.security.middleware import LAST_SEEN_KEY
    from matching.scoring.results import row_matches_refresh
    from matching.scoring_models import MatchList
    from seekers.models import Seeker

    centre = Centre.objects.get(name="벤치 센터 00")
    counselors = list(User.objects.filter(centre=centre, role=Role.COUNSELOR).order_by("pk"))
    manager = User.objects.get(username="bench_manager_00")

    def session_for(user: User) -> str:
        store = SessionStore()
        store[SESSION_KEY] = str(user.pk)
        store[BACKEND_SESSION_KEY] = PASSWORD_BACKEND
        store[HASH_SESSION_KEY] = user.get_session_auth_hash()
        if user.role in (Role.COUNSELOR, Role.MANAGER, Role.ADMINISTRATOR):
            device = TOTPDevice.objects.filter(user=user, confirmed=True).first() or TOTPDevice.objects.create(
                user=user, name="bench", confirmed=True
            )
            store[DEVICE_ID_SESSION_KEY] = device.persistent_id  # the second factor, as after a TOTP code
            store[LAST_SEEN_KEY] = time.time()
        store.set_expiry(24 * 3600)
        store.create()
        return store.session_key

    # Seekers of centre 00 who may be referred (active, consented); some get an account for the events journey.
    seeker_ids = list(
        Seeker.objects.filter(centre=centre, status="active").order_by("?").values_list("pk", flat=True)[:sample]
    )
    seeker_users = []
    for pk in seeker_ids[:50]:
        user, _ = User.objects.get_or_create(username=f"bench_seeker_{pk}", defaults={"role": Role.SEEKER})
        Seeker.objects.filter(pk=pk, user__isnull=True).update(user=user)
        seeker_users.append(user)
    vacancy_ids = list(
        Vacancy.objects.filter(centre=centre, status="published").order_by("?").values_list("pk", flat=True)[:sample]
    )
    public_ids = list(Vacancy.objects.filter(status="published").order_by("?").values_list("pk", flat=True)[:sample])
    started = time.perf_counter()
    for pk in vacancy_ids[:50]:
        row_matches_refresh(list_kind=MatchList.FOR_VACANCY, pk=pk)
    log(f"stored candidates for 50 vacancies in {time.perf_counter() - started:.0f} s")
    started = time.perf_counter()
    for pk in seeker_ids:  # the case page's best vacancies
        row_matches_refresh(list_kind=MatchList.FOR_SEEKER, pk=pk)
    log(f"stored best vacancies for {len(seeker_ids)} seekers in {time.perf_counter() - started:.0f} s")
    Vacancy.objects.filter(pk__in=vacancy_ids).update(openings=30000)  # hires must not fill them mid-run
    events = list(Event.objects.filter(centre=centre, title__startswith="벤치 채용박람회").values_list("pk", flat=True))
    if not events:
        from django.utils import timezone

        start = timezone.now().replace(hour=1, minute=0, second=0, microsecond=0)
        for n in range(20):
            event = Event.objects.create(
                centre=centre,
                kind="job_fair",
                title=f"벤치 채용박람회 {n}",
                venue="서구청 대강당",
                starts_at=start + timezone.timedelta(days=7 + n),
                ends_at=start + timezone.timedelta(days=7 + n, hours=6),
                state=Event.State.OPEN,
            )
            EventSession.objects.create(event=event, starts_at=event.starts_at, ends_at=event.ends_at)
            events.append(event.pk)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT r.code FROM jobcenter_region r WHERE r.level = 'sigungu' AND EXISTS"
            " (SELECT 1 FROM employers_vacancy v WHERE v.region_id LIKE r.code || '%%') LIMIT 20"
        )
        regions = [code for (code,) in cursor.fetchall()]
    return {
        "csrf": secrets.token_hex(16),  # 32 characters: a CSRF secret Django accepts as cookie and header
        "counselor_sessions": [session_for(user) for user in counselors],
        "manager_session": session_for(manager),
        "seeker_sessions": [session_for(user) for user in seeker_users],
        "seekers": seeker_ids,
        "vacancies": vacancy_ids,
        "candidate_vacancies": vacancy_ids[:50],
        "public_vacancies": public_ids,
        "events": events,
        "occupations": list(Occupation.objects.filter(level="middle").values_list("code", flat=True)[:30]),
        "regions": regions,
        "words": ["생산", "사무", "물류", "요양", "조리", "미화", "경비", "판매", "벤치", "모집"],
    }


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--size", type=int, default=1_000_000, help="seekers")
    args = parser.parse_args()
    setup_django(database_url())
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    build(args.size)
    print(json.dumps(fixtures()))
