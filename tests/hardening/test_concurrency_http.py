"""50 parallel HTTP clients against a real server process: gunicorn, as in docker-compose.yml, on the test database.

Each client is its own logged-in account with its own session (seekers; counselors who passed the second
factor for the staff-only interview schedule). They all wait at a barrier and POST at the same moment; the
database must end with exactly the capacity taken, and no client may see a server error.

- a visit-booking slot (one booth, one time: one visit);
- an event with 10 seats: exactly 10 confirmed, the other 40 on the waiting list;
- an interview slot with capacity 1: exactly one interview.
"""

import os
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client
from django.urls import reverse

from events.models import Interview, InterviewSlot, Registration
from seekers.models import Booking
from tests.celery_worker import worker_database_url
from tests.events.factories import EventFactory, InterviewSlotFactory, ParticipationFactory
from tests.factories import UserFactory
from tests.hardening.otp import force_login_verified
from tests.seekers.factories import SeekerFactory, next_working_day, slot_on

pytestmark = [pytest.mark.django_db(transaction=True)]

CLIENTS = 50


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
def server(transactional_db, tmp_path):
    """gunicorn serving jobcenter.wsgi on a free port, against the test database; its base URL."""
    port = free_port()
    log_path = tmp_path / "gunicorn.log"
    env = {key: value for key, value in os.environ.items() if key not in {"TESTING", "DEBUG", "REDIS_URL"}}
    env.update(
        DATABASE_URL=worker_database_url(),
        CONN_MAX_AGE="0",  # the test database is dropped at the end: hold no connection between requests
        EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
        ALLOWED_HOSTS="127.0.0.1",
    )
    command = [
        str(Path(sys.executable).with_name("gunicorn")),
        "jobcenter.wsgi:application",
        *("--bind", f"127.0.0.1:{port}", "--workers", "2", "--threads", "16", "--worker-class", "gthread"),
        *("--timeout", "120", "--backlog", "256", "--access-logfile", "-"),
    ]
    with log_path.open("w") as log:
        process = subprocess.Popen(command, cwd=settings.BASE_DIR, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 90
        while True:
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"gunicorn did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            try:
                if urllib.request.urlopen(url + reverse("healthz"), timeout=5).status == 200:
                    break
            except (OSError, urllib.error.URLError):
                time.sleep(0.3)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
    assert "Traceback" not in log_path.read_text(errors="replace"), log_path.read_text(errors="replace")[-5000:]


def session_cookies(user) -> dict[str, str]:
    """A session of the user's own (staff with the second factor passed) and a CSRF secret for the form."""
    client = force_login_verified(Client(), user)
    return {
        settings.SESSION_COOKIE_NAME: client.cookies[settings.SESSION_COOKIE_NAME].value,
        "csrftoken": uuid.uuid4().hex,
    }


def post_in_parallel(url: str, forms: list[tuple[dict, dict]]) -> list[int]:
    """POST each (form, cookies) to `url` at the same moment, each from its own thread; the status codes
    (redirects not followed; -1 for a client that never got an answer)."""
    barrier, statuses = threading.Barrier(len(forms)), [0] * len(forms)

    class NoRedirect(urllib.request.HTTPRedirectHandler):
        def redirect_request(self, *args, **kwargs):
            return None

    opener = urllib.request.build_opener(NoRedirect)

    def post(index: int, form: dict, cookies: dict) -> None:
        body = urllib.parse.urlencode({**form, "csrfmiddlewaretoken": cookies["csrftoken"]}).encode()
        request = urllib.request.Request(url, data=body, method="POST")
        request.add_header("Cookie", "; ".join(f"{key}={value}" for key, value in cookies.items()))
        request.add_header("Referer", url)
        barrier.wait(timeout=60)
        try:
            statuses[index] = opener.open(request, timeout=120).status
        except urllib.error.HTTPError as error:
            statuses[index] = error.code
        except OSError:
            statuses[index] = -1

    threads = [threading.Thread(target=post, args=(index, *form)) for index, form in enumerate(forms)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return statuses


def assert_every_client_answered_without_a_server_error(statuses: list[int]) -> None:
    assert len(statuses) == CLIENTS
    assert all(0 < status < 500 for status in statuses), statuses


def seekers_with_accounts(booth) -> list:
    return [SeekerFactory(booth=booth, user=UserFactory()) for _ in range(CLIENTS)]


def test_fifty_clients__book_one_visit_slot__exactly_one_visit_is_booked(world, server):
    booth = world.seeker_a.booth
    day = next_working_day()
    slot = slot_on(day, 10, 0)
    form = {"booth": booth.pk, "day": day.isoformat(), "slot": slot.isoformat()}

    statuses = post_in_parallel(
        server + reverse("seekers:book"),
        [(form, session_cookies(seeker.user)) for seeker in seekers_with_accounts(booth)],
    )

    assert_every_client_answered_without_a_server_error(statuses)
    assert Booking.objects.filter(booth=booth, starts_at=slot, status=Booking.Status.BOOKED).count() == 1
    assert statuses.count(302) == 1, statuses  # the one who got it goes home; the others see the form again


def test_fifty_clients__sign_up_for_an_event_with_ten_seats__ten_confirmed_and_forty_waiting(world, server):
    capacity = 10
    event = EventFactory(centre=world.centre_x, capacity=capacity)
    seekers = seekers_with_accounts(world.seeker_a.booth)

    statuses = post_in_parallel(
        server + reverse("events:sign_up", kwargs={"pk": event.pk}),
        [({}, session_cookies(seeker.user)) for seeker in seekers],
    )

    assert_every_client_answered_without_a_server_error(statuses)
    registrations = Registration.objects.filter(event=event)
    assert registrations.filter(status=Registration.Status.CONFIRMED).count() == capacity
    assert registrations.filter(status=Registration.Status.WAITLISTED).count() == CLIENTS - capacity
    assert registrations.values("seeker").distinct().count() == CLIENTS  # each signed up once


def test_fifty_counselors__schedule_fifty_seekers_into_a_one_place_interview_slot__exactly_one_interview(world, server):
    event = EventFactory(centre=world.centre_x)
    participation = ParticipationFactory(event=event, company=world.company_a, vacancies=[world.vacancy_a])
    slot = InterviewSlotFactory(participation=participation, capacity=1)
    booth = world.users["counselor_x"].booth
    counselors = [UserFactory(counselor=True, centre=world.centre_x, booth=booth) for _ in range(CLIENTS)]
    seekers = [SeekerFactory(booth=booth) for _ in range(CLIENTS)]

    statuses = post_in_parallel(
        server + reverse("events:manage_schedule", kwargs={"pk": event.pk}),
        [
            ({"slot": slot.pk, "seeker": seeker.pk, "vacancy": world.vacancy_a.pk}, session_cookies(counselor))
            for counselor, seeker in zip(counselors, seekers, strict=True)
        ],
    )

    assert_every_client_answered_without_a_server_error(statuses)
    assert Interview.objects.filter(slot=slot).exclude(outcome=Interview.Outcome.CANCELLED).count() == 1
    assert InterviewSlot.objects.get(pk=slot.pk).booked == 1
