"""Seekers: one visit a day, through the booking page; the data check's seeker rules."""

from django.urls import reverse

from jobcenter.datacheck import run_checks
from seekers.models import Booking
from tests.seekers.factories import BookingFactory, SeekerFactory, next_working_day, slot_on


def test_second_visit_on_the_same_day__is_refused_in_korean(world, korean):
    client = world.client_for("seeker_a")
    day = next_working_day()
    booth = world.seeker_a.booth_id
    first = client.post(
        reverse("seekers:book"), {"booth": booth, "day": day.isoformat(), "slot": slot_on(day, 9, 30).isoformat()}
    )
    assert first.status_code == 302
    second = client.post(
        reverse("seekers:book"), {"booth": booth, "day": day.isoformat(), "slot": slot_on(day, 11, 0).isoformat()}
    )
    assert second.status_code == 200
    assert "하루에 최대 1건" in second.content.decode()
    assert world.seeker_a.bookings.count() == 1


def test_visits_per_day__is_configurable(world, settings):
    settings.VISIT_BOOKINGS_PER_DAY = 2
    client = world.client_for("seeker_a")
    day = next_working_day()
    for hour in (9, 11):
        client.post(
            reverse("seekers:book"),
            {"booth": world.seeker_a.booth_id, "day": day.isoformat(), "slot": slot_on(day, hour).isoformat()},
        )
    assert world.seeker_a.bookings.filter(status=Booking.Status.BOOKED).count() == 2


def test_data_check__finds_duplicates_and_two_visits_a_day(world):
    SeekerFactory(booth=world.seeker_a.booth, name=world.seeker_a.name, birth_date=world.seeker_a.birth_date)
    day = next_working_day()
    BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))
    BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 11), ends_at=slot_on(day, 11, 30))
    counts = {r.rule.key: r.count for r in run_checks(keys=["seeker_duplicate", "seeker_visits_per_day"])}
    assert counts == {"seeker_duplicate": 2, "seeker_visits_per_day": 1}
