"""The campaign letter shows one telephone number, the centre's from its record (issue 27): the demo letter once
typed another centre's number above a foot that printed its own."""

import io

import pytest
from django.urls import reverse

from outreach.campaign_docs import merge_letter
from outreach.models import Campaign
from tests.employers.factories import CompanyFactory
from tests.outreach.factories import CampaignFactory

pytestmark = pytest.mark.django_db


def test_letter__centre_phone__is_the_sending_centres_number_from_its_record(world):
    world.centre_x.phone = "032-560-4000"
    world.centre_x.save()
    company = CompanyFactory(centre=world.centre_x, name="서구물산(주)", contact_name="김담당")

    assert merge_letter("문의: {centre_phone}", company, world.centre_x) == "문의: 032-560-4000"


def test_letters_pdf__show_the_centres_number_and_no_other(world):
    from pypdf import PdfReader

    world.centre_x.phone = "032-560-4000"
    world.centre_x.save()
    company = CompanyFactory(centre=world.centre_x, name="서구물산(주)", contact_name="김담당")
    campaign = CampaignFactory(
        centre=world.centre_x, companies=[company], letter="{contact}님께\n\n문의: {centre_phone}"
    )

    response = world.client_for("counselor_x").get(reverse("outreach:campaign_letters", kwargs={"pk": campaign.pk}))

    text = PdfReader(io.BytesIO(response.content)).pages[0].extract_text()
    assert "032-560-4000" in text and "{centre_phone}" not in text


@pytest.mark.parametrize("typed", ["문의: 032-560-5000", "문의 1588-1234로 전화"])
def test_campaign__a_telephone_number_typed_into_the_letter__is_refused(world, typed):
    CompanyFactory(centre=world.centre_x, employee_count=80)

    response = world.client_for("counselor_x").post(
        reverse("outreach:campaign_create"),
        {"min_employees": "50", "name": "안내", "sent_on": "2026-03-02", "letter": f"{{contact}}님께\n{typed}"},
    )

    assert "{centre_phone}" in response.content.decode()
    assert not Campaign.objects.exists()


def test_campaign__dates_and_amounts_in_the_letter__are_not_taken_for_telephone_numbers(world):
    CompanyFactory(centre=world.centre_x, employee_count=80)

    world.client_for("counselor_x").post(
        reverse("outreach:campaign_create"),
        {
            "min_employees": "50",
            "name": "안내",
            "sent_on": "2026-03-02",
            "letter": "2026-03-02부터 지원금 1,000,000원. 문의: {centre_phone}",
        },
    )

    assert Campaign.objects.count() == 1
