"""Findings of a QA walk through the integrated build, each tried through the page a user would use."""

import datetime

from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from tests.events.factories import EventFactory


def test_worklist_next_two_weeks__lists_only_events_from_today_not_a_course_already_running(world):
    running = EventFactory(
        centre=world.centre_x,
        kind=EventKind.TRAINING,
        title="지난달 시작한 용접 과정",
        state=Event.State.CLOSED,
        starts_at=timezone.now() - datetime.timedelta(days=20),
        ends_at=timezone.now() + datetime.timedelta(days=10),
    )
    soon = EventFactory(centre=world.centre_x, title="다음 주 채용한마당")
    later = EventFactory(
        centre=world.centre_x,
        title="한 달 뒤 채용한마당",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=6),
    )

    page = world.client_for("counselor_x").get(reverse("worklist")).content.decode()

    assert soon.title in page
    assert running.title not in page
    assert later.title not in page


def test_overdue_registration__reads_as_expired_not_active_before_the_nightly_task_has_run(world, korean):
    from seekers.models import Seeker

    Seeker.objects.filter(pk=world.seeker_a.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=200), expired_at=None
    )
    client = world.client_for("counselor_x")

    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    listing = client.get(reverse("seekers:list")).content.decode()

    heading = case.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "유효기간 만료" in heading and "활동 중" not in heading
    row = listing.split(world.seeker_a.name, 1)[1].split("</tr>", 1)[0]
    assert "유효기간 만료" in row and "활동 중" not in row
