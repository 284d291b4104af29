import pytest
from django.urls import reverse

from outreach import services
from outreach.models import PartnerInstitution, PartnerLinkage
from tests.outreach.factories import PartnerInstitutionFactory, PartnerLinkageFactory

pytestmark = pytest.mark.django_db


def test_partner__created_by_a_counselor__is_listed_with_its_kind(world):
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("outreach:partner_create"),
        {
            "name": "서구 행정복지센터 맞춤형복지팀",
            "kind": PartnerInstitution.Kind.WELFARE_OFFICE,
            "phone": "032-560-1234",
            "services": "긴급복지 지원",
        },
    )
    partner = PartnerInstitution.objects.get()
    assert response["Location"] == reverse("outreach:partner_detail", kwargs={"pk": partner.pk})
    assert partner.centre == world.centre_x
    page = client.get(reverse("outreach:partner_list")).content.decode()
    assert "서구 행정복지센터 맞춤형복지팀" in page
    assert "Welfare office" in page or "복지" in page


def test_partner__same_name_twice_in_a_centre__is_a_form_error_and_nothing_saved(world):
    PartnerInstitutionFactory(centre=world.centre_x, name="인천재능대학교 평생교육원")
    response = world.client_for("counselor_x").post(
        reverse("outreach:partner_create"),
        {"name": "인천재능대학교 평생교육원", "kind": PartnerInstitution.Kind.COLLEGE},
    )
    assert response.status_code == 200
    assert response.context["form"].errors["name"]
    assert PartnerInstitution.objects.count() == 1


def test_partner__edited__keeps_the_new_contact(world):
    partner = PartnerInstitutionFactory(centre=world.centre_x)
    world.client_for("counselor_x").post(
        reverse("outreach:partner_edit", kwargs={"pk": partner.pk}),
        {"name": partner.name, "kind": partner.kind, "contact_name": "이담당", "phone": "032-111-2222"},
    )
    partner.refresh_from_db()
    assert (partner.contact_name, partner.phone) == ("이담당", "032-111-2222")


def test_linkage__with_consent__records_who_took_it_when_and_the_channel(world):
    partner = PartnerInstitutionFactory(centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("outreach:linkage_create", kwargs={"seeker_pk": world.seeker_a.pk}),
        {"partner": partner.pk, "service": "요양보호사 자격 취득반", "consent_given": "on", "consent_channel": "phone"},
    )
    assert response["Location"] == reverse("seekers:case", kwargs={"pk": world.seeker_a.pk})
    linkage = PartnerLinkage.objects.get()
    assert linkage.seeker == world.seeker_a
    assert linkage.consent_taken_by == world.users["counselor_x"]
    assert linkage.consent_channel == PartnerLinkage.ConsentChannel.PHONE
    assert linkage.consent_at is not None
    assert linkage.outcome == PartnerLinkage.Outcome.PENDING


def test_linkage__without_consent__is_refused_and_nothing_saved(world):
    partner = PartnerInstitutionFactory(centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("outreach:linkage_create", kwargs={"seeker_pk": world.seeker_a.pk}),
        {"partner": partner.pk, "service": "긴급복지", "consent_channel": "in_person"},
    )
    assert response.status_code == 200
    assert "consent" in response.context["form"].errors["consent_given"][0]
    assert PartnerLinkage.objects.count() == 0


def test_linkage__another_centres_partner__cannot_be_chosen(world):
    partner_y = PartnerInstitutionFactory(centre=world.centre_y)
    response = world.client_for("counselor_x").post(
        reverse("outreach:linkage_create", kwargs={"seeker_pk": world.seeker_a.pk}),
        {"partner": partner_y.pk, "service": "긴급복지", "consent_given": "on", "consent_channel": "in_person"},
    )
    assert response.status_code == 200
    assert PartnerLinkage.objects.count() == 0


def test_linkage_service__seeker_of_another_centre__is_refused(world):
    partner = PartnerInstitutionFactory(centre=world.centre_x)
    with pytest.raises(services.ValidationError):
        services.partner_link_seeker(
            by=world.users["counselor_x"],
            partner=partner,
            seeker=world.seeker_b,
            service="긴급복지",
            consent_given=True,
            consent_channel="in_person",
        )


def test_linkage_outcome__recorded_once__then_a_second_change_is_refused(world):
    linkage = PartnerLinkageFactory(partner__centre=world.centre_x, seeker=world.seeker_a)
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("outreach:linkage_outcome", kwargs={"pk": linkage.pk}),
        {"outcome": "received", "outcome_notes": "긴급복지 생계비 지원 결정"},
    )
    assert response["Location"] == reverse("outreach:partner_detail", kwargs={"pk": linkage.partner_id})
    linkage.refresh_from_db()
    assert linkage.outcome == PartnerLinkage.Outcome.RECEIVED
    assert linkage.outcome_recorded_by == world.users["counselor_x"]
    again = client.post(reverse("outreach:linkage_outcome", kwargs={"pk": linkage.pk}), {"outcome": "declined"})
    assert again.status_code == 200
    assert again.context["form"].errors["outcome"]
    linkage.refresh_from_db()
    assert linkage.outcome == PartnerLinkage.Outcome.RECEIVED


def test_seeker_case_page__shows_the_linkage_its_consent_and_outcome(world):
    PartnerLinkageFactory(
        partner__centre=world.centre_x,
        partner__name="인천서부고용복지+센터",
        seeker=world.seeker_a,
        service="국민취업지원제도",
        consent_taken_by=world.users["counselor_x"],
        received=True,
    )
    page = world.client_for("counselor_x").get(reverse("seekers:case", kwargs={"pk": world.seeker_a.pk}))
    html = page.content.decode()
    assert 'id="panel-partner-linkages"' in html
    assert "인천서부고용복지+센터" in html
    assert "국민취업지원제도" in html
    assert reverse("outreach:linkage_create", kwargs={"seeker_pk": world.seeker_a.pk}) in html


def test_seeker_case_page__manager_reads_linkages_but_gets_no_link_form(world):
    PartnerLinkageFactory(partner__centre=world.centre_x, seeker=world.seeker_a, service="국민취업지원제도")
    html = world.client_for("manager_x").get(reverse("seekers:case", kwargs={"pk": world.seeker_a.pk})).content
    assert "국민취업지원제도" in html.decode()
    assert reverse("outreach:linkage_create", kwargs={"seeker_pk": world.seeker_a.pk}) not in html.decode()


def test_partner_list__loads_in_a_fixed_number_of_queries(world, django_assert_max_num_queries):
    for _ in range(12):
        partner = PartnerInstitutionFactory(centre=world.centre_x)
        PartnerLinkageFactory(partner=partner, seeker=world.seeker_a)
    client = world.client_for("counselor_x")
    with django_assert_max_num_queries(7):
        response = client.get(reverse("outreach:partner_list"))
    assert response.content.decode().count('<th scope="row">') == 12
