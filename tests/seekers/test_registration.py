import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from jobcenter.models import Occupation
from seekers import services
from seekers.models import Consent, ConsentText, Seeker, SeekerHistory
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def form_data(world, **overrides) -> dict:
    data = {
        "booth": world.seeker_a.booth_id,
        "name": "박서준",
        "birth_date": "1988-04-02",
        "phone": "01098765432",
        "email": "",
        "region": "2826053000",
        "education_level": "university",
        "desired_occupations": ["81"],
        "desired_wage_type": "monthly",
        "desired_wage": "2500000",
        "employment_types": ["full_time"],
        "shifts": ["day"],
        "target_groups": ["youth"],
        "consent_collection": "on",
        "consent_sharing": "on",
        "career-TOTAL_FORMS": "2",
        "career-INITIAL_FORMS": "0",
        "certificate-TOTAL_FORMS": "2",
        "certificate-INITIAL_FORMS": "0",
        "career-0-company": "청라물류(주)",
        "career-0-started_on": "2015-03-01",
        "career-0-ended_on": "2020-12-31",
        "career-0-duties": "입출고 관리",
        "certificate-0-kind": "driving",
        "certificate-0-name": "1종 보통",
        "certificate-1-kind": "certificate",  # what the browser sends for the empty row
    }
    data.update(overrides)
    return {key: value for key, value in data.items() if value is not None}


def test_booth_registration__by_counselor__records_consent_taken_at_the_booth(world):
    client = world.client_for("counselor_x")
    response = client.post(reverse("seekers:register"), form_data(world))
    seeker = Seeker.objects.get(name="박서준")
    assert response.status_code == 302 and response["Location"] == reverse("seekers:case", args=[seeker.pk])
    assert seeker.phone == "010-9876-5432"
    assert seeker.counselor == world.users["counselor_x"] and seeker.user is None
    assert seeker.source == Seeker.Source.BOOTH
    assert list(seeker.desired_occupations.values_list("code", flat=True)) == ["81"]
    assert seeker.careers.get().company == "청라물류(주)"
    assert seeker.certificates.get().name == "1종 보통"
    consents = {consent.kind: consent for consent in seeker.consents.all()}
    assert set(consents) == {ConsentText.Kind.COLLECTION, ConsentText.Kind.SHARING}
    assert consents["collection"].channel == Consent.Channel.BOOTH
    assert consents["collection"].taken_by == world.users["counselor_x"]
    assert consents["collection"].text.version == 1
    assert seeker.history.filter(kind=SeekerHistory.Kind.REGISTERED).exists()


def test_web_registration__by_the_resident__links_the_account(world, django_user_model):
    from tests.factories import UserFactory

    resident = UserFactory(username="resident")
    client = world.client_for("anonymous")
    client.force_login(resident)
    response = client.post(reverse("seekers:register_self"), form_data(world))
    assert response.status_code == 302
    seeker = Seeker.objects.get(user=resident)
    assert seeker.source == Seeker.Source.WEB
    consent = seeker.consents.get(kind="collection")
    assert consent.channel == Consent.Channel.WEB and consent.taken_by is None
    assert "박서준" in client.get(reverse("seekers:home")).content.decode()


@pytest.mark.parametrize(
    ("overrides", "field", "message"),
    [
        ({"consent_collection": None}, "consent_collection", "consent to the collection"),
        ({"phone": "12345"}, "phone", "Korean phone number"),
        ({"birth_date": (timezone.localdate() - datetime.timedelta(days=365 * 14)).isoformat()}, "birth_date", "15"),
        ({"birth_date": "2999-01-01"}, "birth_date", "future"),
        ({"desired_wage_type": "hourly", "desired_wage": "5000"}, "desired_wage", "minimum wage"),
        ({"desired_wage": "30000"}, "desired_wage", "hourly wage"),
        ({"desired_occupations": ["81", "53", "62", "11"]}, "desired_occupations", "at most 3"),
        ({"target_groups": ["disabled"]}, "target_groups", "sensitive data"),
        ({"earliest_start": "2000-01-01"}, "earliest_start", "past"),
        ({"career-0-ended_on": "2010-01-01"}, None, "cannot end before it starts"),
    ],
)
def test_registration__with_bad_input__shows_a_clear_error_and_saves_nothing(world, overrides, field, message):
    response = world.client_for("counselor_x").post(reverse("seekers:register"), form_data(world, **overrides))
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not Seeker.objects.filter(name="박서준").exists()


def test_registration__disabled_with_sensitive_consent__is_recorded(world):
    world.client_for("counselor_x").post(
        reverse("seekers:register"), form_data(world, target_groups=["disabled"], consent_sensitive="on")
    )
    seeker = Seeker.objects.get(name="박서준")
    assert seeker.target_groups == ["disabled"] and seeker.has_active_consent("sensitive")


def test_registration__same_name_and_birth_date__warns_with_a_link_before_saving(world):
    existing = SeekerFactory(booth=world.seeker_a.booth, name="박서준", birth_date=datetime.date(1988, 4, 2))
    client = world.client_for("counselor_x")
    response = client.post(reverse("seekers:register"), form_data(world))
    page = response.content.decode()
    assert "may already be registered" in page
    assert reverse("seekers:case", args=[existing.pk]) in page
    assert Seeker.objects.filter(name="박서준").count() == 1
    client.post(reverse("seekers:register"), form_data(world, confirm_duplicate="1"))
    assert Seeker.objects.filter(name="박서준").count() == 2


def test_registration__same_phone_at_another_centre__is_not_revealed(world):
    world.seeker_b.phone = "010-9876-5432"
    world.seeker_b.save()
    response = world.client_for("counselor_x").post(reverse("seekers:register"), form_data(world))
    assert response.status_code == 302


def test_registration__booth_of_another_centre__is_refused(world):
    booth_y = world.seeker_b.booth
    response = world.client_for("counselor_x").post(reverse("seekers:register"), form_data(world, booth=booth_y.pk))
    assert response.status_code == 200 and not Seeker.objects.filter(name="박서준").exists()


def test_claim_code__lets_a_booth_registered_resident_make_an_account_once(world, client):
    seeker = SeekerFactory(booth=world.seeker_a.booth, birth_date=datetime.date(1975, 1, 9))
    code = services.claim_code_issue(seeker=seeker, by=world.users["counselor_x"])
    data = {"code": code, "birth_date": "1975-01-09", "username": "newresident", "password": "a-long-passphrase-7"}
    assert client.post(reverse("seekers:claim"), {**data, "birth_date": "1975-01-10"}).status_code == 200
    response = client.post(reverse("seekers:claim"), data)
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.user.username == "newresident" and seeker.claim_code_hash == ""
    client.logout()
    again = client.post(reverse("seekers:claim"), {**data, "username": "another"})
    assert "do not match" in again.content.decode()


def test_withdrawing_the_base_consent__closes_and_anonymises_but_keeps_the_count(world):
    seeker = world.seeker_a
    services.consent_give(seeker=seeker, kind="collection", by=None)
    client = world.client_for("seeker_a")
    asked = client.post(reverse("seekers:consents"), {"kind": "collection", "action": "withdraw"})
    assert asked.status_code == 200 and "cannot be undone" in asked.content.decode()  # it asks first
    seeker.refresh_from_db()
    assert seeker.anonymised_at is None
    response = client.post(reverse("seekers:consents"), {"kind": "collection", "action": "withdraw", "confirm": "1"})
    assert response.status_code == 302
    seeker.refresh_from_db()
    assert seeker.status == Seeker.Status.CLOSED and seeker.anonymised_at is not None
    assert seeker.phone == "" and seeker.name != "김하나" and seeker.user is None
    assert seeker.birth_date == datetime.date(1990, 1, 1)
    assert Seeker.objects.filter(centre=world.centre_x).count() == 1
    assert not seeker.has_active_consent("collection")


def test_withdrawing_the_sensitive_consent__drops_sensitive_target_groups(world):
    seeker = SeekerFactory(booth=world.seeker_a.booth, target_groups=["disabled", "youth"], consented=["sensitive"])
    services.consent_withdraw(seeker=seeker, kind="sensitive", by=None)
    seeker.refresh_from_db()
    assert seeker.target_groups == ["youth"]


def test_status__follows_the_transition_table_and_writes_history(world):
    seeker = world.seeker_a
    services.seeker_set_status(seeker=seeker, status="placed", by=world.users["counselor_x"])
    with pytest.raises(services.ValidationError):
        services.seeker_set_status(seeker=seeker, status="on_hold", by=world.users["counselor_x"])
    entry = seeker.history.get(kind="status")
    assert (entry.from_value, entry.to_value) == ("active", "placed")


def test_expiry__marks_dormant_registrations_once_and_renewal_clears_them(world):
    dormant = SeekerFactory(booth=world.seeker_a.booth, dormant_since=timezone.now() - datetime.timedelta(days=120))
    from seekers.tasks import seekers_expire

    assert seekers_expire.delay().get() == 1
    assert seekers_expire.delay().get() == 0
    dormant.refresh_from_db()
    assert dormant.expired_at is not None
    response = world.client_for("counselor_x").get(reverse("seekers:list") + "?needs_renewal=on")
    assert dormant.name in response.content.decode() and world.seeker_a.name not in response.content.decode()
    world.client_for("counselor_x").post(reverse("seekers:renew", args=[dormant.pk]))
    dormant.refresh_from_db()
    assert dormant.expired_at is None


def test_activity__restarts_the_expiry_clock_but_is_written_at_most_once_an_hour(world, django_assert_num_queries):
    seeker = SeekerFactory(booth=world.seeker_a.booth, dormant_since=timezone.now() - datetime.timedelta(hours=2))
    Seeker.objects.filter(pk=seeker.pk).update(expired_at=timezone.now())
    seeker.refresh_from_db()
    services.seeker_touch(seeker=seeker)
    seeker.refresh_from_db()
    assert seeker.expired_at is None
    assert timezone.now() - seeker.last_activity_at < datetime.timedelta(minutes=1)
    with django_assert_num_queries(0):  # noted a moment ago: nothing to write
        services.seeker_touch(seeker=seeker)
    Seeker.objects.filter(pk=seeker.pk).update(expired_at=timezone.now())  # the expiry task ran since
    seeker.refresh_from_db()
    services.seeker_touch(seeker=seeker)
    seeker.refresh_from_db()
    assert seeker.expired_at is None


def test_assign__to_a_counselor_of_another_centre__is_refused(world):
    client = world.client_for("counselor_x")
    client.post(reverse("seekers:assign", args=[world.seeker_a.pk]), {"counselor": world.users["counselor_y"].pk})
    world.seeker_a.refresh_from_db()
    assert world.seeker_a.counselor == world.users["counselor_x"]


def test_assign__reassigns_and_writes_history(world):
    from tests.factories import UserFactory

    other = UserFactory(counselor=True, centre=world.centre_x)
    world.client_for("manager_x").post(reverse("seekers:assign", args=[world.seeker_a.pk]), {"counselor": other.pk})
    world.seeker_a.refresh_from_db()
    assert world.seeker_a.counselor == other
    assert world.seeker_a.history.filter(kind="assigned").exists()


def test_desired_occupations__are_loaded_keco_groups():
    assert Occupation.objects.filter(level="middle").count() >= 30
