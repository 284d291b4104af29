"""What an employer sees of a referred candidate: exactly the items of the seeker's sharing consent (its version),
and of the counselor's notes only the one written for the employer."""

import datetime

from django.urls import reverse

from matching.models import ReferralTransition
from seekers.consent_texts import SHARING_V2
from seekers.models import Career, Certificate, ConsentText
from seekers.services import consent_text_current
from tests.matching.factories import ReferralFactory
from tests.seekers.factories import ConsultationFactory, SeekerFactory

RRN_LIKE = "900101-1234567"


def _candidate(world, **fields):
    seeker = SeekerFactory(
        booth=world.seeker_a.booth,
        name="최바다",
        birth_date=datetime.date(1990, 1, 1),
        phone="010-4321-8765",
        email="bada@example.kr",
        address_detail=f"서곶로 77, 주민번호 {RRN_LIKE}",
        major="물류학",
        education_level="university",
        target_groups=["youth"],
        consented=["collection", "sharing"],
        **fields,
    )
    Career.objects.create(
        seeker=seeker,
        company="청라물류(주)",
        started_on=datetime.date(2015, 3, 1),
        ended_on=datetime.date(2020, 12, 31),
    )
    Certificate.objects.create(seeker=seeker, name="지게차운전기능사")
    ConsultationFactory(seeker=seeker, notes="상담 메모: 채무 문제로 야간 근무 희망")
    return seeker


def _items(page: str) -> list[str]:
    block = page.split('id="candidate-items"', 1)[1].split("</dl>", 1)[0]
    return [chunk.split("</dt>", 1)[0] for chunk in block.split("<dt>")[1:]]


def test_employer__sees_exactly_the_items_the_sharing_consent_lists_and_nothing_else(world, client_for, korean):
    seeker = _candidate(world)
    consent = seeker.consents.get(kind=ConsentText.Kind.SHARING)
    assert consent.text.version == 2 and consent.text.items == SHARING_V2["items"]
    referral = ReferralFactory(seeker=seeker, vacancy=world.vacancy_a, sent=True)

    page = client_for("employer_a").get(reverse("matching:referral", args=[referral.pk])).content.decode()

    assert _items(page) == consent.text.items.split(", ")
    for shown in ("최바다", "물류학", "청라물류(주)", "지게차운전기능사"):
        assert shown in page
    for private in (
        "010-4321-8765",
        "bada@example.kr",
        "서곶로 77",
        RRN_LIKE,
        "1990. 1. 1.",
        "1990-01-01",
        "채무",
        "청년",
    ):
        assert private not in page


def test_the_new_consent_version__names_its_items_and_effective_date_where_the_seeker_agrees(world, korean):
    consent_text_current(ConsentText.Kind.SHARING)  # the shipped versions, also after another test's flush
    text = ConsentText.objects.get(kind=ConsentText.Kind.SHARING, version=2)
    assert text.effective_on is not None
    assert "나이" in text.items and "거주 지역" in text.items  # what the employer sees, the text says

    page = world.client_for("seeker_a").get(reverse("seekers:consents")).content.decode()
    assert text.items in page
    assert "시행" in page


def test_employer__of_a_seeker_who_agreed_to_version_1__sees_only_what_version_1_listed(world, client_for, korean):
    seeker = _candidate(world)
    v1 = ConsentText.objects.get(kind=ConsentText.Kind.SHARING, version=1)
    seeker.consents.filter(kind=ConsentText.Kind.SHARING).update(text=v1)
    referral = ReferralFactory(seeker=seeker, vacancy=world.vacancy_a, sent=True)

    page = client_for("employer_a").get(reverse("matching:referral", args=[referral.pk])).content.decode()

    items = _items(page)
    assert items and set(items) <= set(v1.items.split(", "))
    assert "나이" not in " ".join(items) and "거주 지역" not in " ".join(items)
    assert "010-4321-8765" not in page


def test_employer__of_a_candidate_without_sharing_consent__sees_nothing_personal(world, client_for, korean):
    from django.utils import timezone

    seeker = _candidate(world)
    referral = ReferralFactory(seeker=seeker, vacancy=world.vacancy_a, sent=True)
    seeker.consents.filter(kind=ConsentText.Kind.SHARING).update(withdrawn_at=timezone.now())
    client = client_for("employer_a")

    page = client.get(reverse("matching:referral", args=[referral.pk])).content.decode()
    listing = client.get(reverse("matching:portal_referrals")).content.decode()

    assert 'id="candidate-items"' not in page
    for private in ("최바다", "물류학", "청라물류(주)", "지게차운전기능사", "010-4321-8765", RRN_LIKE):
        assert private not in page and private not in listing


def test_note_for_the_employer__is_marked_where_the_counselor_writes_it(world, client_for, korean):
    page = client_for("counselor_x").get(reverse("matching:referral_new")).content.decode()
    assert "기업에 전달되는 메모" in page
    assert "기업에 보입니다" in page


def test_employer__reads_the_note_for_the_employer_but_never_an_internal_note(world, client_for, korean):
    seeker = _candidate(world)
    referral = ReferralFactory(
        seeker=seeker, vacancy=world.vacancy_a, sent=True, note="지게차 경력 5년, 바로 출근 가능"
    )
    counselor = world.users["counselor_x"]
    ReferralTransition.objects.create(
        referral=referral, from_state="sent", to_state="sent", note="내부: 구직자가 임금에 불만", by=counselor
    )
    staff_page = client_for("counselor_x").get(reverse("matching:referral", args=[referral.pk])).content.decode()
    assert "기업에 전달되는 메모" in staff_page and "지게차 경력 5년" in staff_page
    assert "내부 메모(기업에는 보이지 않음)" in staff_page  # the note fields the counselor writes in

    page = client_for("employer_a").get(reverse("matching:referral", args=[referral.pk])).content.decode()

    assert "기업에 전달되는 메모" in page and "지게차 경력 5년" in page
    assert "임금에 불만" not in page
    assert "채무" not in page
