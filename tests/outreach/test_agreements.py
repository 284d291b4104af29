import datetime

import pytest
from django.urls import reverse

from outreach.models import AgreementHire, LocalHireAgreement
from tests.matching.factories import PlacementFactory
from tests.outreach.factories import AgreementHireFactory, LocalHireAgreementFactory

pytestmark = pytest.mark.django_db


def test_agreement__with_a_registered_company__takes_its_name(world):
    response = world.client_for("counselor_x").post(
        reverse("outreach:agreement_create"),
        {
            "company": world.company_a.pk,
            "signed_on": "2026-03-09",
            "job_types": "경비, 청소",
            "contact_name": "박과장",
            "contact_phone": "032-000-1111",
        },
    )
    agreement = LocalHireAgreement.objects.get()
    assert response["Location"] == reverse("outreach:agreement_detail", kwargs={"pk": agreement.pk})
    assert agreement.party_name == world.company_a.name
    assert agreement.signed_on == datetime.date(2026, 3, 9)


def test_agreement__without_company_or_name__is_a_form_error(world):
    response = world.client_for("counselor_x").post(
        reverse("outreach:agreement_create"), {"signed_on": "2026-03-09", "job_types": "경비"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors["party_name"]
    assert LocalHireAgreement.objects.count() == 0


def test_agreement_hire__placement_with_the_company__is_counted_and_listed(world):
    agreement = LocalHireAgreementFactory(centre=world.centre_x, company=world.company_a, party_name="가나다(주)")
    placement = PlacementFactory(seeker=world.seeker_a, employer_name=world.company_a.name, job_title="경비원")
    client = world.client_for("counselor_x")
    detail = client.get(reverse("outreach:agreement_detail", kwargs={"pk": agreement.pk}))
    assert placement in detail.context["form"].fields["placement"].queryset
    client.post(reverse("outreach:agreement_hire_add", kwargs={"pk": agreement.pk}), {"placement": placement.pk})
    assert AgreementHire.objects.get().placement == placement
    page = client.get(reverse("outreach:agreement_detail", kwargs={"pk": agreement.pk})).content.decode()
    assert world.seeker_a.name in page
    listing = client.get(reverse("outreach:agreement_list"))
    assert listing.context["agreements"][0].hire_count == 1


def test_agreement_hire__placement_with_another_employer__is_refused(world):
    agreement = LocalHireAgreementFactory(centre=world.centre_x, company=world.company_a)
    other = PlacementFactory(seeker=world.seeker_a, employer_name="다른회사(주)")
    response = world.client_for("counselor_x").post(
        reverse("outreach:agreement_hire_add", kwargs={"pk": agreement.pk}), {"placement": other.pk}
    )
    assert response.status_code == 400
    assert AgreementHire.objects.count() == 0


def test_agreement_hire__placement_already_counted__is_refused(world):
    hire = AgreementHireFactory(agreement__centre=world.centre_x, placement__seeker=world.seeker_a)
    second = LocalHireAgreementFactory(centre=world.centre_x, party_name=hire.placement.employer_name)
    response = world.client_for("counselor_x").post(
        reverse("outreach:agreement_hire_add", kwargs={"pk": second.pk}), {"placement": hire.placement_id}
    )
    assert response.status_code == 400
    assert AgreementHire.objects.count() == 1


def test_agreement_hire__removed__no_longer_counts(world):
    hire = AgreementHireFactory(agreement__centre=world.centre_x, placement__seeker=world.seeker_a)
    world.client_for("counselor_x").post(
        reverse("outreach:agreement_hire_remove", kwargs={"pk": hire.pk}), {"confirm": "1"}
    )
    assert AgreementHire.objects.count() == 0


def test_agreement_list__loads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(10):
        AgreementHireFactory(agreement__centre=world.centre_x, placement__seeker=world.seeker_a)
    client = world.client_for("manager_x")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("outreach:agreement_list"))
    assert [agreement.hire_count for agreement in response.context["agreements"]] == [1] * 10
