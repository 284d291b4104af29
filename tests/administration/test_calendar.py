"""A centre's own closed days (issue 27): slots disappear, booked visits are cancelled and told, series skip them."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import ClosedDay, Notification
from seekers.models import Booking
from seekers.services import booking_create, booth_slots
from tests.seekers.factories import BookingFactory, next_working_day, slot_on

pytestmark = pytest.mark.django_db


def close(client, world, day, *, confirm=True, notify=True):
    data = {"centre": world.centre_x.pk, "date": f"{day:%Y-%m-%d}", "reason": "창립기념일"}
    if confirm:
        data["confirm"] = "1"
    if notify:
        data["notify"] = "on"
    return client.post(reverse("administration:closed_day_add"), data)


def test_closing__first_lists_the_bookings_of_that_day_and_changes_nothing(world):
    day = next_working_day()
    booking = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 10), ends_at=slot_on(day, 10, 30))

    response = close(world.client_for("admin"), world, day, confirm=False)

    assert response.status_code == 200
    assert world.seeker_a.name in response.content.decode()
    assert not ClosedDay.objects.exists()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_closing__confirmed__cancels_the_bookings_tells_the_seekers_and_removes_the_slots(world):
    day = next_working_day()
    booth = world.seeker_a.booth
    world.seeker_a.phone = "010-5555-6666"
    world.seeker_a.save()
    booking = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 10), ends_at=slot_on(day, 10, 30))
    other_centre = BookingFactory(seeker=world.seeker_b, starts_at=slot_on(day, 10), ends_at=slot_on(day, 10, 30))
    assert booth_slots(booth=booth, day=day)

    response = close(world.client_for("admin"), world, day)

    assert response.status_code == 302
    booking.refresh_from_db()
    other_centre.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED and other_centre.status == Booking.Status.BOOKED
    text = Notification.objects.get(recipient="010-5555-6666")
    assert "창립기념일" in text.body
    assert booth_slots(booth=booth, day=day) == []
    with pytest.raises(ValidationError, match="창립기념일"):
        booking_create(seeker=world.seeker_a, booth=booth, starts_at=slot_on(day, 11), by=None, channel="web")


def test_closing__without_telling__cancels_but_sends_nothing(world):
    day = next_working_day()
    world.seeker_a.phone = "010-5555-6666"
    world.seeker_a.save()
    BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 10), ends_at=slot_on(day, 10, 30))

    close(world.client_for("admin"), world, day, notify=False)

    assert not Notification.objects.filter(recipient="010-5555-6666").exists()


@pytest.mark.parametrize("days_ahead", [0, -3])
def test_closing__today_or_a_past_day__is_refused(world, days_ahead):
    day = timezone.localdate() + datetime.timedelta(days=days_ahead)
    response = close(world.client_for("admin"), world, day)

    assert response.status_code == 400 and not ClosedDay.objects.exists()


def test_closing__a_day_already_closed_for_another_reason__is_refused(world):
    day = next_working_day()
    close(world.client_for("admin"), world, day)
    response = world.client_for("admin").post(
        reverse("administration:closed_day_add"),
        {"centre": world.centre_x.pk, "date": f"{day:%Y-%m-%d}", "reason": "시설 점검", "confirm": "1"},
    )

    assert response.status_code == 400
    assert "already closed on that day" in response.content.decode()
    assert ClosedDay.objects.count() == 1


def test_closing__by_a_manager__is_refused_and_their_calendar_has_no_form(world):
    day = next_working_day()
    assert close(world.client_for("manager_x"), world, day).status_code == 403
    page = world.client_for("manager_x").get(reverse("administration:calendar")).content.decode()
    assert "Add a closed day" not in page and not ClosedDay.objects.exists()


def test_an_event_series__skips_the_centres_closed_days(world):
    from events.services import series_create

    first = next_working_day(timezone.localdate() + datetime.timedelta(days=7))
    ClosedDay.objects.create(centre=world.centre_x, date=first + datetime.timedelta(days=7), reason="시설 점검")

    series = series_create(
        by=world.users["manager_x"],
        centre=world.centre_x,
        title="면접의 날",
        kind="interview_day",
        rule="weekly",
        weekday=first.weekday(),
        first_date=first,
        last_date=first + datetime.timedelta(days=14),
        start_time=datetime.time(14),
        end_time=datetime.time(16),
        venue="3층 대회의실",
    )

    dates = {timezone.localdate(event.starts_at) for event in series.events.all()}
    assert first + datetime.timedelta(days=7) not in dates and first in dates


def test_an_interview_day__on_a_closed_day__is_refused(world):
    from events.services import event_create

    day = next_working_day(timezone.localdate() + datetime.timedelta(days=7))
    ClosedDay.objects.create(centre=world.centre_x, date=day, reason="시설 점검")

    with pytest.raises(ValidationError, match="시설 점검"):
        event_create(
            by=world.users["manager_x"],
            centre=world.centre_x,
            kind="interview_day",
            title="면접의 날",
            venue="3층 대회의실",
            starts_at=slot_on(day, 14),
            ends_at=slot_on(day, 16),
        )


def test_closing__confirmed_twice_by_a_double_click__is_done_once_without_an_error(world):
    day = next_working_day()
    first = close(world.client_for("admin"), world, day)
    second = close(world.client_for("admin"), world, day)

    assert first.status_code == second.status_code == 302
    assert ClosedDay.objects.count() == 1
