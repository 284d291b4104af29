"""Objects and data for the administration rows of tests/access_table.py (issue 27)."""

import datetime

from django.utils import timezone


def counselor_x(world) -> dict:
    return {"pk": world.users["counselor_x"].pk}


def closed_day_x(world) -> dict:
    from jobcenter.models import ClosedDay

    day = ClosedDay.objects.create(
        centre=world.centre_x, date=timezone.localdate() + datetime.timedelta(days=20), reason="시설 점검"
    )
    return {"pk": day.pk}


def sharing_kind(world) -> dict:
    return {"kind": "sharing"}


def edit_data(world) -> dict:
    counselor = world.users["counselor_x"]
    return {"name": "김상담", "email": counselor.email, "role": "counselor", "centre": world.centre_x.pk}


def closed_day_data(world) -> dict:
    return {
        "centre": world.centre_x.pk,
        "date": f"{timezone.localdate() + datetime.timedelta(days=30):%Y-%m-%d}",
        "reason": "창립기념일",
        "confirm": "1",
        "notify": "on",
    }


def centre_x(world) -> dict:
    return {"pk": world.centre_x.pk}


def booth_x(world) -> dict:
    return {"pk": world.users["counselor_x"].booth_id}


def centre_data(world) -> dict:
    return {
        "centre-name": world.centre_x.name,
        "centre-address": "인천광역시 서구 서곶로 307",
        "centre-phone": "032-560-4000",
    }


def booth_data(world) -> dict:
    return {
        "booth-name": "X 신중년 창구",
        "booth-location": "2층",
        "booth-target_groups": ["middle_aged", "women"],
        "booth-is_active": "on",
    }


def privacy(world) -> dict:
    return {"kind": "privacy"}


def booking_notice(world) -> dict:
    return {"template": "seekers_booking_confirmed"}


def notice_data(world) -> dict:
    return {"subject": "{{ centre }} 방문상담 예약", "body": "{{ name }}님, {{ when }}에 뵙겠습니다.", "save": "1"}


def hours_data(world) -> dict:
    """Mondays to Fridays 09:00-18:00 with a lunch break, 30-minute slots (the booth has no booked visit)."""
    data = {
        "hours-TOTAL_FORMS": "7",
        "hours-INITIAL_FORMS": "7",
        "hours-MIN_NUM_FORMS": "7",
        "hours-MAX_NUM_FORMS": "7",
    }
    for day in range(7):
        values = ("09:00", "18:00", "12:00", "13:00", "30") if day < 5 else ("", "", "", "", "")
        for field, value in zip(
            ("opens_at", "closes_at", "break_starts", "break_ends", "slot_minutes"), values, strict=True
        ):
            data[f"hours-{day}-{field}"] = value
    return data
