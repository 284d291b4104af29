"""Objects the access table's referral rows open (tests/access_table.py, matching section)."""

import datetime

from django.utils import timezone

from matching.models import ReferralState
from tests.matching.factories import FollowUpFactory, PlacementFactory, ReferralFactory


def referral_a(world) -> dict:
    """Seeker A (centre X) sent to company A's vacancy: counselor X, manager X and employer A are its parties."""
    return {"pk": ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True).pk}


def seeker_a(world) -> dict:
    return {"pk": world.seeker_a.pk}


def follow_up_a(world) -> dict:
    return {"pk": FollowUpFactory(placement=PlacementFactory(seeker=world.seeker_a)).pk}


def not_hired(world) -> dict:
    return {"t-to_state": "not_hired", "t-reason": "wage", "t-note": ""}


def next_working_day(after: datetime.date | None = None) -> datetime.date:
    """A day in the coming weeks that is neither a weekend nor a Korean public holiday (interviews are refused in
    the past and on holidays)."""
    import holidays

    day = (after or timezone.localdate()) + datetime.timedelta(days=7)
    closed = holidays.country_holidays("KR", years=[day.year, day.year + 1])
    while day.weekday() >= 5 or day in closed:
        day += datetime.timedelta(days=1)
    return day


def interview(world) -> dict:
    return {"i-date": f"{next_working_day():%Y-%m-%d}", "i-time": "10:00", "i-place": "본사 2층", "i-video_link": ""}


def hired_referral_a(world) -> dict:
    return {"pk": ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, state=ReferralState.HIRED).pk}


def correction(world) -> dict:
    return {"c-reason": "다른 구직자의 채용을 잘못 기록함"}


def hire(world) -> dict:
    return {
        "p-start_date": "2026-09-15",
        "p-employment_type": "full_time",
        "p-wage_type": "monthly",
        "p-wage_amount": "2500000",
        "p-weekly_hours": "40",
    }


def still_employed(world) -> dict:
    return {"outcome": "employed"}
