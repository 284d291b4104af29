"""Destructive actions ask first and say what will happen; nothing changes until confirmed."""

from django.urls import reverse

from events.models import Registration
from matching.models import ReferralState
from tests.events.factories import EventFactory, RegistrationFactory
from tests.matching.factories import ReferralFactory


def test_closing_a_referral__asks_first_saying_what_happens(world, korean):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, late=True)
    client = world.client_for("counselor_x")
    data = {"t-to_state": "withdrawn", "t-reason": "employer_no_answer", "next": "worklist"}
    asked = client.post(reverse("matching:referral_transition", args=[referral.pk]), data)
    page = asked.content.decode()
    assert asked.status_code == 200 and "알선을 종료할까요?" in page and 'name="confirm" value="1"' in page
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT
    done = client.post(reverse("matching:referral_transition", args=[referral.pk]), {**data, "confirm": "1"})
    assert done.url == reverse("worklist")
    referral.refresh_from_db()
    assert referral.state == ReferralState.WITHDRAWN


def test_closing_a_referral_from_the_worklist_with_htmx__swaps_in_the_question(world):
    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, late=True)
    response = world.client_for("counselor_x").post(
        reverse("matching:referral_transition", args=[referral.pk]),
        {"t-to_state": "withdrawn", "t-reason": "employer_no_answer", "next": "worklist"},
        headers={"HX-Request": "true"},
    )
    page = response.content.decode()
    assert "<html" not in page and f'id="confirm-{referral.pk}"' in page
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT


def test_withdrawing_the_required_consent__asks_first_in_korean(world, korean):
    from seekers import services

    services.consent_give(seeker=world.seeker_a, kind="collection", by=None)
    asked = world.client_for("seeker_a").post(reverse("seekers:consents"), {"kind": "collection", "action": "withdraw"})
    assert "되돌릴 수 없습니다" in asked.content.decode()
    assert world.seeker_a.has_active_consent("collection")


def test_staff_cancelling_a_registration__asks_first(world, korean):
    registration = RegistrationFactory(event=EventFactory(centre=world.centre_x), seeker=world.seeker_a)
    asked = world.client_for("counselor_x").post(reverse("events:manage_registration_cancel", args=[registration.pk]))
    assert "신청을 취소할까요?" in asked.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.Status.CONFIRMED
