"""New consent versions with an effective date (issue 27)."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from seekers.models import Consent, ConsentText
from seekers.services import consent_text_current
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def new_version(client, *, confirm: bool, days_ahead: int = 7, text: str = "수정된 문안\n둘째 줄"):
    return client.post(
        reverse("administration:consent_new", args=["sharing"]),
        {
            "text": text,
            "purpose": "채용 알선",
            "items": "성명, 연락처, 경력",
            "retention": "알선 종료 후 1년",
            "effective_from": f"{timezone.localdate() + datetime.timedelta(days=days_ahead):%Y-%m-%d}",
            **({"confirm": "1"} if confirm else {}),
        },
    )


def test_preview__shows_what_changes_and_the_consents_held_and_publishes_nothing(world):
    SeekerFactory(consented=["collection", "sharing"])
    before = ConsentText.objects.filter(kind="sharing").count()

    response = new_version(world.client_for("admin"), confirm=False)

    page = response.content.decode()
    assert response.status_code == 200
    assert "<ins>수정된 문안</ins>" in page
    assert "1 seeker holds this consent now" in page
    assert ConsentText.objects.filter(kind="sharing").count() == before


def test_publish__takes_effect_on_its_date_and_existing_consents_keep_their_version(world):
    seeker = SeekerFactory(consented=["collection", "sharing"])
    old = consent_text_current("sharing")

    response = new_version(world.client_for("admin"), confirm=True, days_ahead=7)

    new = ConsentText.objects.filter(kind="sharing").order_by("-version").first()
    assert response.status_code == 302
    assert new.version == old.version + 1
    assert consent_text_current("sharing") == old  # not yet in effect
    assert Consent.objects.get(seeker=seeker, kind="sharing").text == old


def test_publish__effective_today__is_the_wording_new_consents_are_given_to(world):
    new_version(world.client_for("admin"), confirm=True, days_ahead=0)

    assert consent_text_current("sharing").text == "수정된 문안\n둘째 줄"


def test_publish__a_past_date_or_the_same_wording__is_refused(world):
    current = consent_text_current("sharing")
    versions = ConsentText.objects.filter(kind="sharing").count()
    past = new_version(world.client_for("admin"), confirm=True, days_ahead=-1)
    same = world.client_for("admin").post(
        reverse("administration:consent_new", args=["sharing"]),
        {
            "text": current.text,
            "purpose": current.purpose,
            "items": current.items,
            "retention": current.retention,
            "effective_from": f"{timezone.localdate():%Y-%m-%d}",
            "confirm": "1",
        },
    )

    assert past.status_code == same.status_code == 400
    assert "same as the latest version" in same.content.decode()
    assert ConsentText.objects.filter(kind="sharing").count() == versions


def test_publish__by_a_manager__is_refused(world):
    versions = ConsentText.objects.filter(kind="sharing").count()
    assert new_version(world.client_for("manager_x"), confirm=True).status_code == 403
    assert ConsentText.objects.filter(kind="sharing").count() == versions
