"""The employers' talent search: only consenting seekers, masked; a request becomes a proposed referral."""

import datetime

import pytest
from django.test import Client

from matching.models import Referral
from seekers.models import AccessRecord
from seekers.services import consent_give, consent_withdraw
from tests.employers.factories import CompanyFactory, CompanyMemberFactory, VacancyFactory
from tests.factories import BoothFactory, CentreFactory, UserFactory, region
from tests.hardening.otp import force_login_verified
from tests.matching.scoring_factories import matching_seeker

pytestmark = pytest.mark.django_db


def findable(**fields):
    seeker = matching_seeker(sharing=False, **fields)
    consent_give(seeker=seeker, kind="talent", by=None)
    return seeker


def test_search__shows_consenting_seekers_masked__never_others(world, client_for):
    shown = findable(
        name="박지게",
        birth_date=datetime.date(1978, 3, 2),
        address_detail="가좌로 12",
        certificates=("지게차운전기능사",),
    )
    matching_seeker(name="최숨김", sharing=True, certificates=("지게차운전기능사",))  # shares with referrals only
    body = client_for("employer_a").get("/employers/portal/talent/?certificate=지게차").content.decode()
    assert f"/employers/portal/talent/{shown.pk}/" in body
    assert "지게차운전기능사" in body
    for private in ("박지게", "최숨김", shown.phone, "1978", "가좌로"):
        assert private not in body
    profile = client_for("employer_a").get(f"/employers/portal/talent/{shown.pk}/").content.decode()
    for private in ("박지게", shown.phone, "1978", "가좌로"):
        assert private not in profile
    assert "in their 40s" in profile


def test_profile__of_a_seeker_who_did_not_consent_or_withdrew__is_refused(world, client_for):
    never = matching_seeker(sharing=True)
    withdrew = findable()
    consent_withdraw(seeker=withdrew, kind="talent", by=None)
    client = client_for("employer_a")
    assert client.get(f"/employers/portal/talent/{never.pk}/").status_code == 404
    assert client.get(f"/employers/portal/talent/{withdrew.pk}/").status_code == 404
    refused = client.post(f"/employers/portal/talent/{withdrew.pk}/request/", {"vacancy": world.vacancy_a.pk})
    assert refused.status_code == 404 and not Referral.objects.exists()


def test_profile__viewed_by_an_employer__is_written_in_the_access_records_the_manager_reads(world, client_for):
    seeker = findable(booth=world.seeker_a.booth, name="박지게")
    client = client_for("employer_a")
    client.get("/employers/portal/talent/")  # the list of masked cards opens no one's profile
    assert not AccessRecord.objects.filter(seeker=seeker).exists()

    assert client.get(f"/employers/portal/talent/{seeker.pk}/").status_code == 200
    record = AccessRecord.objects.get(seeker=seeker)
    assert (record.user, record.action, record.centre) == (world.users["employer_a"], "view", world.centre_x)
    assert record.path == f"/employers/portal/talent/{seeker.pk}/" and "Talent search" in record.reason

    log = client_for("manager_x").get(f"/seekers/access-records/?seeker={seeker.pk}").content.decode()
    assert "employer_a" in log and "박지게" in log and "Talent search" in log


def logged_in(user):
    client = Client()
    force_login_verified(client, user)
    return client


def test_search__finds_the_seekers_of_the_companys_province_or_city_only(world, client_for):
    """The talent consent offers a seeker for a recruiting proposal through the job centre: a Seoul company does not
    find a resident registered in Incheon, and an Incheon company does not find a Seoul resident."""
    seoul_centre = CentreFactory(name="서초구 일자리센터", region=region("11650"))
    seoul_employer = UserFactory(username="employer_seoul", employer=True)
    CompanyMemberFactory(user=seoul_employer, company=CompanyFactory(centre=seoul_centre, name="서초상사(주)"))
    incheon = findable(booth=world.seeker_a.booth)
    seoul = findable(booth=BoothFactory(centre=seoul_centre))

    def found(client) -> set[int]:
        body = client.get("/employers/portal/talent/").content.decode()
        return {seeker.pk for seeker in (incheon, seoul) if f"/talent/{seeker.pk}/" in body}

    incheon_client, seoul_client = client_for("employer_a"), logged_in(seoul_employer)
    assert found(incheon_client) == {incheon.pk}
    assert "job centres of Incheon" in incheon_client.get("/employers/portal/talent/").content.decode()
    assert incheon_client.get(f"/employers/portal/talent/{seoul.pk}/").status_code == 404
    assert found(seoul_client) == {seoul.pk}
    assert seoul_client.get(f"/employers/portal/talent/{incheon.pk}/").status_code == 404
    vacancy = VacancyFactory(company=seoul_employer.company_membership.company, published=True)
    refused = seoul_client.post(f"/employers/portal/talent/{incheon.pk}/request/", {"vacancy": vacancy.pk})
    assert refused.status_code == 404 and not Referral.objects.exists()


def test_search__by_an_employer_account_without_a_company__finds_nobody_and_says_why(world):
    findable(booth=world.seeker_a.booth)
    body = logged_in(UserFactory(username="employer_alone", employer=True)).get("/employers/portal/talent/")
    assert "not linked to a company" in body.content.decode() and "talent-card" not in body.content.decode()


def test_filters__career_years_region_occupation_and_wage_compare_like_with_like(world, client_for):
    veteran = findable(occupations=("81",), careers=(("81", 6, "용접"),), desired_wage=3_000_000)
    novice = findable(occupations=("81",), desired_wage=2_000_000)
    hourly = findable(occupations=("53",), desired_wage_type="hourly", desired_wage=12_000)  # 2,508,000 a month
    client = client_for("employer_a")

    def found(query: str) -> set[int]:
        body = client.get(f"/employers/portal/talent/?{query}").content.decode()
        return {seeker.pk for seeker in (veteran, novice, hourly) if f"/talent/{seeker.pk}/" in body}

    assert found("min_career_years=5") == {veteran.pk}
    assert found("occupation=81") == {veteran.pk, novice.pk}
    assert found("max_wage=2500000") == {novice.pk}  # 12,000 × 209 = 2,508,000 asks more
    assert found("max_wage=2600000") == {novice.pk, hourly.pk}


def test_request__becomes_a_proposed_referral_for_the_counselor__once(world, client_for):
    seeker = findable(booth=world.seeker_a.booth)
    client = client_for("employer_a")
    client.post(f"/employers/portal/talent/{seeker.pk}/request/", {"vacancy": world.vacancy_a.pk, "note": "면접 희망"})
    referral = Referral.objects.get(seeker=seeker)
    assert (referral.state, referral.source, referral.centre) == ("proposed", "employer", world.centre_x)
    again = client.post(f"/employers/portal/talent/{seeker.pk}/request/", {"vacancy": world.vacancy_a.pk}, follow=True)
    assert "already has an open referral" in again.content.decode()
    assert Referral.objects.filter(seeker=seeker).count() == 1
    # The employer's referral list shows nothing of it before the counselor sends it.
    assert seeker.name not in client.get("/employers/portal/").content.decode()
    worklist = client_for("counselor_x").get("/worklist/").content.decode()
    assert f"employer-request-{referral.pk}" in worklist and seeker.name in worklist
    assert f"employer-request-{referral.pk}" not in client_for("counselor_y").get("/worklist/").content.decode()


def test_request__for_another_companys_vacancy__is_refused(world, client_for):
    seeker = findable()
    other = VacancyFactory(company=world.company_b, published=True)
    client_for("employer_a").post(f"/employers/portal/talent/{seeker.pk}/request/", {"vacancy": other.pk})
    assert not Referral.objects.exists()


def test_search__counts_queries_not_per_row(world, client_for, django_assert_max_num_queries):
    for _ in range(6):
        findable(careers=(("81", 2, "용접"),), certificates=("용접기능사",), desired_regions=("2826053000",))
    client = client_for("employer_a")
    client.get("/employers/portal/talent/")
    with django_assert_max_num_queries(20):
        assert client.get("/employers/portal/talent/").status_code == 200
