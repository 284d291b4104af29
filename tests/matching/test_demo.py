from django.core.management import call_command

from matching.models import FollowUp, Placement, Referral


def seed() -> None:
    from io import StringIO

    call_command("seed_demo", stdout=StringIO())


def test_demo__has_referrals_in_various_states_placements_and_follow_ups_and_is_idempotent(db):
    seed()
    states = set(Referral.objects.values_list("state", flat=True))
    assert {"proposed", "sent", "interview_scheduled", "hired"} <= states
    assert set(Placement.objects.values_list("source", flat=True)) == {"referral", "self_reported"}
    assert FollowUp.objects.filter(outcome="employed").exists()
    assert FollowUp.objects.filter(outcome="").exists()
    counts = (Referral.objects.count(), Placement.objects.count(), FollowUp.objects.count())
    seed()
    assert (Referral.objects.count(), Placement.objects.count(), FollowUp.objects.count()) == counts
