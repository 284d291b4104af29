from django.urls import reverse

from matching.models import ReferralState
from tests.matching.factories import ReferralFactory


def test_portal__counts_referred_interviewed_and_hired_per_vacancy(world):
    for state in [ReferralState.PROPOSED, ReferralState.SENT, ReferralState.INTERVIEWED, ReferralState.HIRED]:
        ReferralFactory(vacancy=world.vacancy_a, state=state)
    ReferralFactory(vacancy=world.vacancy_b, state=ReferralState.HIRED)

    response = world.client_for("employer_a").get(reverse("employers:portal"))

    counts = dict(response.context["rows"])[world.vacancy_a]
    # A proposal the centre has not sent yet is not the employer's to see.
    assert (counts.referred, counts.interviewed, counts.hired) == (3, 2, 1)
