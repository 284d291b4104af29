"""A series changed or cancelled as a whole: only its dates still to come."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, EventKind, EventSeries
from jobcenter.models import Notification
from tests.events.factories import RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def series(world):
    today = timezone.localdate()
    created = services.series_create(
        by=world.users["counselor_x"],
        centre=world.centre_x,
        title="금요채용마당",
        kind=EventKind.INTERVIEW_DAY,
        rule=EventSeries.Rule.WEEKLY,
        weekday=today.weekday(),
        first_date=today - datetime.timedelta(days=14),
        last_date=today + datetime.timedelta(days=28),
        start_time=datetime.time(14),
        end_time=datetime.time(16),
        venue="2층 면접실",
    )
    # The dates already past were held.
    created.events.filter(starts_at__lt=timezone.now() - datetime.timedelta(days=1)).update(state=Event.State.HELD)
    return created


def future(series):
    return series.events.filter(starts_at__gt=timezone.now())


def test_series_edit__changes_every_future_date_and_leaves_held_dates_alone(world, series):
    held_before = list(series.events.filter(state=Event.State.HELD).values_list("venue", "starts_at"))
    response = world.client_for("counselor_x").post(
        reverse("events:manage_series_edit", kwargs={"pk": series.pk}),
        {
            "title": "금요채용마당",
            "mode": "in_person",
            "start_time": "13:00",
            "end_time": "15:30",
            "venue": "3층 대강당",
        },
    )
    assert response.status_code == 302
    assert future(series).exists()
    for event in future(series):
        assert event.venue == "3층 대강당"
        assert timezone.localtime(event.starts_at).time() == datetime.time(13)
        assert timezone.localtime(event.ends_at).time() == datetime.time(15, 30)
        assert event.sessions.get().starts_at == event.starts_at
    assert list(series.events.filter(state=Event.State.HELD).values_list("venue", "starts_at")) == held_before
    series.refresh_from_db()
    assert series.venue == "3층 대강당"


def test_series_edit__with_end_before_start__shows_the_error_and_changes_nothing(world, series):
    response = world.client_for("counselor_x").post(
        reverse("events:manage_series_edit", kwargs={"pk": series.pk}),
        {"title": "금요채용마당", "mode": "in_person", "start_time": "15:00", "end_time": "14:00", "venue": "3층"},
    )
    assert response.status_code == 200
    assert "The end time must be after the start time." in response.content.decode()
    assert not series.events.filter(venue="3층").exists()


def test_series_cancel__cancels_future_dates_tells_participants_and_keeps_held_ones(world, series):
    upcoming = future(series).first()
    RegistrationFactory(event=upcoming, seeker=world.seeker_a)
    held = series.events.filter(state=Event.State.HELD).count()
    response = world.client_for("counselor_x").post(
        reverse("events:manage_series_cancel", kwargs={"pk": series.pk}), {"confirm": "1"}
    )
    assert response.status_code == 302
    assert not future(series).exclude(state=Event.State.CANCELLED).exists()
    assert series.events.filter(state=Event.State.HELD).count() == held
    series.refresh_from_db()
    assert series.cancelled_at is not None
    assert Notification.objects.filter(recipient=world.seeker_a.phone).exists()


def test_series_cancel__twice__is_refused(world, series):
    services.series_cancel(series=series, by=world.users["counselor_x"])
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("events:manage_series_cancel", kwargs={"pk": series.pk}), {"confirm": "1"}, follow=True
    )
    assert "already cancelled" in response.content.decode()
