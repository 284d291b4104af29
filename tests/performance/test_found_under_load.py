"""Failures the load harness (bench/load) found, kept from coming back."""

from django.urls import reverse

from seekers.models import Seeker
from seekers.services import seeker_set_status


def test_case_page__of_a_seeker_whose_status_changed__shows_the_change(world):
    # Under load: every case page of a seeker placed through a referral answered 500 (a lazy status label
    # joined into the timeline as if it were a string).
    seeker_set_status(seeker=world.seeker_a, status=Seeker.Status.PLACED, by=world.users["counselor_x"])

    response = world.client_for("counselor_x").get(reverse("seekers:case", args=[world.seeker_a.pk]))

    assert response.status_code == 200
    assert " → " in response.content.decode()
