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
