"""A booth's opening hours in the product (issue 27): the administrator sets the week, the coming visits the new
hours leave out are listed and cancelled (the people told when ticked), the booking form follows the new hours."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from jobcenter.administration import selectors, services
from jobcenter.administration.forms import parse_time
from jobcenter.administration.services import HoursRow
from jobcenter.models import Notification
from jobcenter.security.models import SecurityEvent
from seekers.models import Booking, OpeningHours
from seekers.services import booth_slots
from tests.seekers.factories import BookingFactory, next_working_day, slot_on

pytestmark = pytest.mark.django_db

T = datetime.time


def week(**days) -> dict:
    """The hours form's data: `mon=("9:00", "18:00", "12:00", "13:00", "30")`; days not given are closed."""
    names = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    data = {
        "hours-TOTAL_FORMS": "7",
        "hours-INITIAL_FORMS": "7",
        "hours-MIN_NUM_FORMS": "7",
        "hours-MAX_NUM_FORMS": "7",
    }
    for index, name in enumerate(names):
        values = days.get(name, ("", "", "", "", ""))
        for field, value in zip(
            ("opens_at", "closes_at", "break_starts", "break_ends", "slot_minutes"), values, strict=True
        ):
            data[f"hours-{index}-{field}"] = value
    return data


def weekday_name(day: datetime.date) -> str:
    return "월화수목금토일"[day.weekday()]


def save(client, booth, data, **extra):
    return client.post(reverse("administration:booth_hours_edit", args=[booth.pk]), {**data, **extra})


@pytest.fixture
def booth(world):
    return world.seeker_a.booth


@pytest.mark.parametrize(
    ("typed", "time"),
    [("9:00", T(9)), ("09:00", T(9)), ("0900", T(9)), ("900", T(9)), ("9", T(9)), (" 13:30 ", T(13, 30))],
)
def test_a_time__typed_as_people_type_it__is_read(typed, time):
    assert parse_time(typed) == time


@pytest.mark.parametrize("typed", ["25:00", "9:60", "9시", "12345", "nine"])
def test_a_time_that_is_no_time__is_refused(typed):
    with pytest.raises(ValidationError):
        parse_time(typed)


def test_the_week__is_saved_with_a_lunch_break_as_two_periods_and_logged(world, booth):
    response = save(
        world.client_for("admin"),
        booth,
        week(mon=("0900", "18:00", "12:00", "13:00", "30"), sat=("10:00", "13:00", "", "", "60")),
    )

    assert response.status_code == 302
    rows = [(h.weekday, h.opens_at, h.closes_at, h.slot_minutes) for h in booth.opening_hours.order_by("weekday")]
    assert rows == [(0, T(9), T(12), 30), (0, T(13), T(18), 30), (5, T(10), T(13), 60)]
    event = SecurityEvent.objects.get(kind=SecurityEvent.Kind.HOURS_CHANGED)
    assert event.by_username == "admin"
    assert (
        event.detail
        == f"booth {booth.pk} {booth.name}: 월 09:00-12:00,13:00-18:00/30; 토 10:00-13:00/60; visits cancelled: 0"
    )
    page = world.client_for("admin").get(reverse("administration:booth_hours", args=[booth.pk])).content.decode()
    assert 'value="09:00"' in page and 'value="12:00"' in page  # the form starts from what was saved
    assert "Last changed" in page


@pytest.mark.parametrize(
    ("monday", "message"),
    [
        (("18:00", "09:00", "", "", "30"), "Closing time must be after opening time."),
        (("09:00", "18:00", "", "", "5"), "A slot lasts between 10 and 240 minutes."),
        (("09:00", "18:00", "", "", "300"), "A slot lasts between 10 and 240 minutes."),
        (("09:00", "", "", "", "30"), "Write both the opening and the closing time"),
        (("09:00", "18:00", "12:00", "", "30"), "Write when the lunch break starts and ends"),
        (("09:00", "18:00", "08:00", "10:00", "30"), "The lunch break lies between"),
        (("9시", "18:00", "", "", "30"), "Write the time as 09:00."),
        (("09:00", "09:20", "", "", "30"), "No slot of 30 minutes fits"),
        (("", "", "", "", ""), "Open the booth on at least one day."),
    ],
)
def test_hours_that_cannot_be__are_refused_and_nothing_changes(world, booth, monday, message):
    OpeningHours.objects.create(booth=booth, weekday=1, opens_at=T(9), closes_at=T(12))

    response = save(world.client_for("admin"), booth, week(mon=monday))

    assert response.status_code == 400 and message in response.content.decode()
    assert list(booth.opening_hours.values_list("weekday", flat=True)) == [1]


def test_a_refusal__is_written_in_korean(world, booth, korean):
    response = save(world.client_for("admin"), booth, week(mon=("18:00", "09:00", "", "", "5")))

    assert response.status_code == 400 and "마감 시각은 시작 시각보다 늦어야 합니다." in response.content.decode()


def test_visits_outside_the_new_hours__are_listed_first_and_nothing_is_saved(world, booth):
    day = next_working_day()
    early = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))
    weekday = ["mon", "tue", "wed", "thu", "fri"][day.weekday()]

    response = save(world.client_for("admin"), booth, week(**{weekday: ("10:00", "17:00", "", "", "30")}))

    page = response.content.decode()
    assert response.status_code == 200 and "affected-bookings" in page and world.seeker_a.name in page
    assert f'name="affected" value="{early.pk}"' in page
    assert not booth.opening_hours.exists() and Booking.objects.get(pk=early.pk).status == Booking.Status.BOOKED


def test_confirmed__the_visits_outside_are_cancelled_and_the_people_told(world, booth):
    world.seeker_a.phone = "010-2468-1357"
    world.seeker_a.save()
    day = next_working_day()
    early = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))
    inside = BookingFactory(starts_at=slot_on(day, 11), ends_at=slot_on(day, 11, 30), booth=booth)
    weekday = ["mon", "tue", "wed", "thu", "fri"][day.weekday()]

    response = save(
        world.client_for("admin"),
        booth,
        week(**{weekday: ("10:00", "17:00", "", "", "30")}),
        confirm="1",
        affected=str(early.pk),
        notify="on",
    )

    assert response.status_code == 302
    early.refresh_from_db()
    inside.refresh_from_db()
    assert early.status == Booking.Status.CANCELLED and inside.status == Booking.Status.BOOKED
    told = Notification.objects.get(recipient="010-2468-1357", key=f"hours-cancelled-{early.pk}:sms")
    assert booth.name in told.body
    assert SecurityEvent.objects.get(kind="hours_changed").detail.endswith(
        f"{weekday_name(day)} 10:00-17:00/30; visits cancelled: 1, told"
    )


def test_confirmed_without_telling__cancels_and_sends_nothing(world, booth):
    day = next_working_day()
    early = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))
    weekday = ["mon", "tue", "wed", "thu", "fri"][day.weekday()]

    save(
        world.client_for("admin"),
        booth,
        week(**{weekday: ("10:00", "17:00", "", "", "30")}),
        confirm="1",
        affected=str(early.pk),
    )

    early.refresh_from_db()
    assert early.status == Booking.Status.CANCELLED
    assert not Notification.objects.filter(key__startswith="hours-cancelled").exists()


def test_a_visit_booked_after_the_list_was_shown__is_shown_before_it_is_cancelled(world, booth):
    day = next_working_day()
    BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))
    weekday = ["mon", "tue", "wed", "thu", "fri"][day.weekday()]

    response = save(
        world.client_for("admin"), booth, week(**{weekday: ("10:00", "17:00", "", "", "30")}), confirm="1", affected=""
    )

    assert response.status_code == 200 and "affected-bookings" in response.content.decode()
    assert not booth.opening_hours.exists()


def test_bookings_outside_hours__only_coming_booked_visits_not_wholly_inside_a_period(world, booth):
    day = next_working_day()
    rows = [HoursRow(day.weekday(), T(9), T(12), 30), HoursRow(day.weekday(), T(13), T(18), 30)]
    lunch = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 12), ends_at=slot_on(day, 12, 30))
    BookingFactory(booth=booth, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))
    BookingFactory(booth=booth, starts_at=slot_on(day, 17, 30), ends_at=slot_on(day, 18))
    BookingFactory(booth=booth, starts_at=slot_on(day, 7), ends_at=slot_on(day, 7, 30), status=Booking.Status.CANCELLED)

    assert selectors.bookings_outside_hours(booth=booth, rows=rows) == [lunch]


def test_the_same_hours_again__change_nothing_and_log_nothing(world, booth):
    rows = [HoursRow(0, T(9), T(18), 30)]
    services.opening_hours_set(booth=booth, rows=rows, by=world.users["admin"], notify_booked=True)
    services.opening_hours_set(booth=booth, rows=rows, by=world.users["admin"], notify_booked=True)

    assert SecurityEvent.objects.filter(kind="hours_changed").count() == 1


def test_overlapping_periods_of_one_day__are_refused_by_the_service(world, booth):
    with pytest.raises(ValidationError, match="overlap"):
        services.opening_hours_set(
            booth=booth,
            rows=[HoursRow(0, T(9), T(13), 30), HoursRow(0, T(12), T(18), 30)],
            by=world.users["admin"],
            notify_booked=False,
        )


def test_the_booking_form__offers_slots_by_the_new_hours(world, booth):
    day = next_working_day()
    weekday = ["mon", "tue", "wed", "thu", "fri"][day.weekday()]
    assert slot_on(day, 9) in [slot.starts_at for slot in booth_slots(booth=booth, day=day)]  # the usual hours

    save(world.client_for("admin"), booth, week(**{weekday: ("10:00", "12:00", "", "", "60")}))

    assert [slot.starts_at for slot in booth_slots(booth=booth, day=day)] == [slot_on(day, 10), slot_on(day, 11)]
    page = world.client_for("seeker_a").get(reverse("seekers:book"), {"booth": booth.pk, "day": day.isoformat()})
    html = page.content.decode()
    assert f'value="{slot_on(day, 11).isoformat()}"' in html and f'value="{slot_on(day, 9).isoformat()}"' not in html
    other_day = day + datetime.timedelta(days=1)
    assert booth_slots(booth=booth, day=other_day) == []  # a day left empty is closed


def test_a_booth_without_hours__starts_from_the_usual_hours(world, booth):
    page = world.client_for("admin").get(reverse("administration:booth_hours", args=[booth.pk])).content.decode()

    assert "no hours of its own yet" in page
    assert 'name="hours-0-opens_at" value="09:00"' in page and 'name="hours-5-opens_at"' in page


def test_a_manager__reads_their_centres_week_without_a_form(world, booth):
    OpeningHours.objects.create(booth=booth, weekday=0, opens_at=T(9), closes_at=T(12), slot_minutes=20)

    page = world.client_for("manager_x").get(reverse("administration:booth_hours", args=[booth.pk])).content.decode()

    assert "Monday" in page and "20 minutes" in page and "Closed" in page and "Booking slot" in page
    assert 'name="hours-0-opens_at"' not in page


def test_a_manager__may_not_change_the_hours(world, booth):
    response = save(world.client_for("manager_x"), booth, week(mon=("09:00", "18:00", "", "", "30")))

    assert response.status_code == 403 and not booth.opening_hours.exists()


def test_another_centres_booth__is_not_found_for_a_manager(world):
    booth_y = world.seeker_b.booth

    response = world.client_for("manager_x").get(reverse("administration:booth_hours", args=[booth_y.pk]))

    assert response.status_code == 404


def test_a_counselor__is_refused_with_the_korean_403_page(world, booth, korean):
    for response in (
        world.client_for("counselor_x").get(reverse("administration:booth_hours", args=[booth.pk])),
        save(world.client_for("counselor_x"), booth, week(mon=("09:00", "18:00", "", "", "30"))),
    ):
        assert response.status_code == 403
        assert "이 페이지를 볼 권한이 없습니다" in response.content.decode()
    assert not booth.opening_hours.exists()


def test_the_centre_and_booth_pages__link_to_the_hours(world, booth):
    admin = world.client_for("admin")
    url = reverse("administration:booth_hours", args=[booth.pk])

    assert url in admin.get(reverse("administration:centre", args=[world.centre_x.pk])).content.decode()
    assert url in admin.get(reverse("administration:booth_edit", args=[booth.pk])).content.decode()
    assert (
        url
        in world.client_for("manager_x")
        .get(reverse("administration:centre", args=[world.centre_x.pk]))
        .content.decode()
    )


def test_a_visit_already_begun__is_not_cancelled_by_new_hours(world, booth):
    now = timezone.localtime()
    begun = BookingFactory(
        booth=booth, starts_at=now - datetime.timedelta(minutes=10), ends_at=now + datetime.timedelta(minutes=20)
    )

    assert begun not in selectors.bookings_outside_hours(booth=booth, rows=[HoursRow(6, T(1), T(2), 30)])
