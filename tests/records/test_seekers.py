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


def test_the_same_person_at_an_event_walk_in__is_caught_by_the_registration_duplicate_rule(world, korean):
    import datetime

    from seekers.models import Seeker
    from tests.events.factories import EventFactory
    from tests.events.test_on_the_day import walk_in_data

    SeekerFactory(
        booth=world.seeker_a.booth, name="박새봄", birth_date=datetime.date(1968, 3, 2), phone="010-0000-1111"
    )
    event = EventFactory(centre=world.centre_x, under_way=True)
    response = world.client_for("counselor_x").post(
        reverse("events:manage_walk_in", kwargs={"pk": event.pk}), walk_in_data(world)
    )
    assert "이미 등록된 것 같습니다" in response.content.decode()
    assert Seeker.objects.filter(name="박새봄").count() == 1


def test_the_same_phone_in_an_import__is_skipped_by_the_same_rule(world):
    from seekers.importing import seekers_import
    from seekers.models import Seeker

    row = {
        "external_ref": "",
        "name": "다른이름",
        "birth_date": "1980-01-01",
        "phone": world.seeker_a.phone,
    }
    result = seekers_import(rows=[row], by=world.users["counselor_x"], centre_id=world.centre_x.pk)
    assert (result.created, result.skipped) == (0, 1)
    assert not Seeker.objects.filter(name="다른이름").exists()
