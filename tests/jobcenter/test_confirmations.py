"""Actions that ask first (jobcenter/confirm.py): without JavaScript the form's POST gets a confirmation page that
changes nothing and repeats the form; the confirmed POST (the page's, or the KRDS modal's) does the action."""

import pytest
from django.urls import reverse

from seekers.models import Booking, Consent
from tests.matching.factories import give_consent
from tests.seekers.factories import BookingFactory


@pytest.fixture(autouse=True)
def korean(settings):
    settings.LANGUAGE_CODE = "ko"


def test_cancelling_a_visit__asks_on_a_page_first_and_changes_nothing(world):
    booking = BookingFactory(seeker=world.seeker_a)
    client = world.client_for("seeker_a")
    asked = client.post(reverse("seekers:booking_cancel", args=[booking.pk]))
    page = asked.content.decode()
    assert asked.status_code == 200
    assert "방문 상담을 취소할까요?" in page and 'name="confirm" value="1"' in page
    assert f'action="{reverse("seekers:booking_cancel", args=[booking.pk])}"' in page
    booking.refresh_from_db()
    assert booking.status == Booking.Status.BOOKED
    done = client.post(reverse("seekers:booking_cancel", args=[booking.pk]), {"confirm": "1"})
    assert done.status_code == 302
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED


def test_withdrawing_an_optional_consent__asks_first_and_the_page_sends_the_choice_again(world):
    give_consent(world.seeker_a)
    client = world.client_for("seeker_a")
    page = client.post(reverse("seekers:consents"), {"kind": "sharing", "action": "withdraw"}).content.decode()
    assert '<input type="hidden" name="kind" value="sharing">' in page
    assert '<input type="hidden" name="action" value="withdraw">' in page
    assert Consent.objects.filter(seeker=world.seeker_a, kind="sharing", withdrawn_at__isnull=True).exists()
    client.post(reverse("seekers:consents"), {"kind": "sharing", "action": "withdraw", "confirm": "1"})
    assert not Consent.objects.filter(seeker=world.seeker_a, kind="sharing", withdrawn_at__isnull=True).exists()


def test_undoing_an_outcome__has_a_modal_on_the_page_and_asks_on_a_page_without_javascript(world):
    from tests.matching.access import hired_referral_a

    referral_pk = hired_referral_a(world)["pk"]
    client = world.client_for("counselor_x")
    page = client.get(reverse("matching:referral", args=[referral_pk])).content.decode()
    assert 'data-confirm="confirm-undo-outcome"' in page and '<dialog id="confirm-undo-outcome"' in page
    asked = client.post(reverse("matching:referral_correct", args=[referral_pk]), {"c-reason": "입사 취소"})
    assert asked.status_code == 200 and "결과를 되돌릴까요?" in asked.content.decode()
    from matching.models import Referral

    assert Referral.objects.get(pk=referral_pk).state == "hired"
