"""Staff pages do not write the session on every request: the idle clock is stored at most once a minute."""

import time

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobcenter.security.middleware import LAST_SEEN_KEY


def session_writes(client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return sum(1 for query in captured.captured_queries if query["sql"].startswith('UPDATE "django_session"'))


def set_last_seen(client, seconds_ago: float) -> float:
    session = client.session
    session[LAST_SEEN_KEY] = time.time() - seconds_ago
    session.save()
    return session[LAST_SEEN_KEY]


def test_staff_page__seen_less_than_a_minute_ago__does_not_write_the_session(world):
    client = world.client_for("counselor_x")
    stored = set_last_seen(client, 10)

    assert session_writes(client, reverse("seekers:list")) == 0
    assert client.session[LAST_SEEN_KEY] == stored


def test_staff_page__seen_more_than_a_minute_ago__stores_the_new_time(world):
    client = world.client_for("counselor_x")
    set_last_seen(client, 90)

    assert session_writes(client, reverse("seekers:list")) == 1
    assert time.time() - client.session[LAST_SEEN_KEY] < 5


def test_staff_session__idle_thirty_minutes_after_a_request_that_did_not_store_the_time__still_ends(world):
    client = world.client_for("counselor_x")
    set_last_seen(client, 30)
    client.get(reverse("seekers:list"))  # within the minute: not stored again
    set_last_seen(client, 30 * 60 + 1)

    response = client.get(reverse("seekers:list"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))
