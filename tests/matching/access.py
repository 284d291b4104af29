"""Objects the access table's referral rows open (tests/access_table.py, matching section)."""

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


def interview(world) -> dict:
    return {"i-date": "2026-09-01", "i-time": "10:00", "i-place": "본사 2층", "i-video_link": ""}


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
