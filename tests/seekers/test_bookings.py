import datetime
import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import Notification
from seekers import services
from seekers.models import Booking, OpeningHours
from tests.seekers.factories import BookingFactory, SeekerFactory, next_working_day, slot_on

pytestmark = pytest.mark.django_db


def test_slots__follow_the_booths_opening_hours_and_slot_length(world):
    booth = world.seeker_a.booth
    day = next_working_day()
    OpeningHours.objects.create(
        booth=booth, weekday=day.weekday(), opens_at=datetime.time(10), closes_at=datetime.time(12), slot_minutes=40
    )
    slots = services.booth_slots(booth=booth, day=day)
    assert [timezone.localtime(slot.starts_at).strftime("%H:%M") for slot in slots] == ["10:00", "10:40", "11:20"]


def test_slots__none_on_a_korean_public_holiday(world):
    christmas = datetime.date(timezone.localdate().year + 1, 12, 25)
    assert services.booth_slots(booth=world.seeker_a.booth, day=christmas) == []
    with pytest.raises(ValidationError, match="public holidays"):
        services.booking_create(
            seeker=world.seeker_a,
            booth=world.seeker_a.booth,
            starts_at=slot_on(christmas),
            by=None,
            channel="web",
        )


def test_booking__confirms_by_email_and_sms_and_touches_the_seeker(world):
    seeker = world.seeker_a
    seeker.email = "a@example.kr"
    seeker.save()
    booking = services.booking_create(
        seeker=seeker, booth=seeker.booth, starts_at=slot_on(next_working_day()), by=None, channel="web"
    )
    assert booking.ends_at - booking.starts_at == datetime.timedelta(minutes=30)
    assert set(Notification.objects.values_list("channel", flat=True)) == {"email", "sms"}


def test_booking__a_taken_slot__is_refused_by_the_database(world):
    booking = BookingFactory(seeker=world.seeker_a)
    other = SeekerFactory(booth=world.seeker_a.booth)
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            seeker=other,
            booth=booking.booth,
            starts_at=booking.starts_at + datetime.timedelta(minutes=10),
            ends_at=booking.ends_at,
        )
    with pytest.raises(ValidationError, match="just been booked"):
        services.booking_create(seeker=other, booth=booking.booth, starts_at=booking.starts_at, by=None, channel="web")


@pytest.mark.django_db(transaction=True)
def test_booking__parallel_requests_for_one_slot__exactly_one_wins(world):
    seekers = [SeekerFactory(booth=world.seeker_a.booth) for _ in range(6)]
    starts_at = slot_on(next_working_day(), 14)
    barrier = threading.Barrier(len(seekers))
    outcomes: list[str] = []

    def book(seeker):
        try:
            barrier.wait()
            services.booking_create(seeker=seeker, booth=seeker.booth, starts_at=starts_at, by=None, channel="web")
            outcomes.append("booked")
        except ValidationError:
            outcomes.append("refused")
        finally:
            connection.close()

    threads = [threading.Thread(target=book, args=(seeker,)) for seeker in seekers]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] + ["refused"] * 5
    assert Booking.objects.filter(starts_at=starts_at, status="booked").count() == 1


def test_cancel__frees_the_slot(world):
    booking = BookingFactory(seeker=world.seeker_a)
    response = world.client_for("seeker_a").post(reverse("seekers:booking_cancel", args=[booking.pk]), {"confirm": "1"})
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    other = SeekerFactory(booth=booking.booth)
    services.booking_create(seeker=other, booth=booking.booth, starts_at=booking.starts_at, by=None, channel="web")


def test_reschedule__moves_the_booking_to_a_free_slot(world):
    booking = BookingFactory(seeker=world.seeker_a)
    new_start = slot_on(next_working_day(next_working_day()), 15)
    day = timezone.localtime(new_start).date().isoformat()
    response = world.client_for("seeker_a").post(
        reverse("seekers:booking_reschedule", args=[booking.pk]), {"day": day, "slot": new_start.isoformat()}
    )
    assert response.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.RESCHEDULED
    assert booking.rescheduled_to.starts_at == new_start and booking.rescheduled_to.status == Booking.Status.BOOKED


def test_reschedule__to_a_taken_slot__keeps_the_old_booking(world):
    booking = BookingFactory(seeker=world.seeker_a)
    taken = BookingFactory(seeker=SeekerFactory(booth=booking.booth))
    with pytest.raises(ValidationError):
        services.booking_reschedule(booking=booking, starts_at=taken.starts_at, by=None)
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED


def test_resident__books_a_visit_through_the_page(world):
    client = world.client_for("seeker_a")
    day = next_working_day()
    page = client.get(reverse("seekers:book"), {"booth": world.seeker_a.booth_id, "day": day.isoformat()})
    assert 'name="slot"' in page.content.decode()
    response = client.post(
        reverse("seekers:book"),
        {"booth": world.seeker_a.booth_id, "day": day.isoformat(), "slot": slot_on(day, 9, 30).isoformat()},
    )
    assert response.status_code == 302
    assert world.seeker_a.bookings.get().starts_at == slot_on(day, 9, 30)


def test_resident__cannot_book_at_a_booth_of_another_centre(world):
    day = next_working_day()
    response = world.client_for("seeker_a").post(
        reverse("seekers:book"),
        {"booth": world.seeker_b.booth_id, "day": day.isoformat(), "slot": slot_on(day, 9).isoformat()},
    )
    assert response.status_code == 200 and not Booking.objects.exists()


def test_reminders__are_queued_once_per_booking(world):
    booking = BookingFactory(seeker=world.seeker_a)
    day = timezone.localtime(booking.starts_at).date()
    assert services.booking_reminders_send(day=day) == 1
    services.booking_reminders_send(day=day)
    assert Notification.objects.filter(key__startswith=f"booking-reminder-{booking.pk}").count() == 1


def test_day_view__lists_the_days_bookings_per_booth_of_the_own_centre(world):
    booking = BookingFactory(seeker=world.seeker_a)
    BookingFactory(seeker=world.seeker_b)
    day = timezone.localtime(booking.starts_at).date().isoformat()
    page = world.client_for("counselor_x").get(reverse("seekers:day"), {"day": day}).content.decode()
    assert world.seeker_a.name in page and world.seeker_b.name not in page


def test_worklist__shows_todays_bookings_and_expiring_registrations(world):
    SeekerFactory(
        booth=world.seeker_a.booth,
        counselor=world.users["counselor_x"],
        name="오래된",
        dormant_since=timezone.now() - datetime.timedelta(days=100),
    )
    page = world.client_for("counselor_x").get(reverse("worklist")).content.decode()
    assert "오래된" in page
