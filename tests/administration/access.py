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


def consent_data(world) -> dict:
    return {
        "text": "새 문안",
        "purpose": "목적",
        "items": "항목",
        "retention": "3년",
        "effective_from": f"{timezone.localdate() + datetime.timedelta(days=7):%Y-%m-%d}",
        "confirm": "1",
    }
