"""QA's findings on Korean that reads like a translation, each as a person meets it: the login page's words, the
lockout and second-factor pages in Korean, business numbers with hyphens, openings and waiting times as a Korean
public service writes them, two seekers of one name told apart, critical alerts where they belong."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from seekers.models import Seeker
from tests.jobcenter.test_korean_pages import latin_words, visible_text

PASSWORD = "correct-horse-battery"
# The login typed, and the authenticator apps' own (brand) names, which a Korean phone shows in Latin too.
AS_TYPED = frozenset({"counselor_x", "Google", "Microsoft", "Authenticator", "FreeOTP"})


@pytest.fixture(autouse=True)
def korean(settings):
    settings.LANGUAGE_CODE = "ko"


def korean_client() -> Client:
    return Client(HTTP_ACCEPT_LANGUAGE="ko")


def test_login_page__asks_for_아이디_and_refuses_in_korean(world):
    client = korean_client()
    page = client.get(reverse("login")).content.decode()
    assert '<label for="id_username">아이디' in page and "사용자 이름" not in page
    refused = client.post(reverse("login"), {"username": "counselor_x", "password": "wrong-password-123"})
    text = visible_text(refused.content.decode())
    assert "아이디 또는 비밀번호가 맞지 않습니다" in text and "와/과" not in text


def test_a_locked_account__gets_a_korean_page_with_a_critical_alert(world):
    client = korean_client()
    for _attempt in range(5):
        locked = client.post(reverse("login"), {"username": "counselor_x", "password": "wrong-password-123"})
    assert locked.status_code == 429
    html = locked.content.decode()
    assert 'class="krds-critical-alerts"' in html
    text = visible_text(html)
    assert "계정이 잠겼습니다" in text and "30분 뒤에 다시 시도하십시오" in text
    assert latin_words(text, frozenset({"counselor_x"})) == []


def test_second_factor_pages__read_as_korean(world):
    client = korean_client()
    answer = client.post(reverse("login"), {"username": "counselor_x", "password": PASSWORD}, follow=True)
    assert answer.redirect_chain and "/accounts/2fa/setup/" in answer.redirect_chain[-1][0]
    text = visible_text(answer.content.decode())
    assert "2단계 인증 설정" in text
    assert [word.split(" in ")[0] for word in latin_words(text, AS_TYPED)] == []
    refused = client.post(reverse("security:otp_setup"), {"token": "000000"})
    assert [word.split(" in ")[0] for word in latin_words(visible_text(refused.content.decode()), AS_TYPED)] == []


def test_business_numbers__are_written_with_hyphens(world):
    type(world.company_a).objects.filter(pk=world.company_a.pk).update(business_number="1234567891")
    page = world.client_for("counselor_x").get(reverse("employers:companies")).content.decode()
    assert "123-45-67891" in page and "1234567891" not in page


def test_openings__read_as_people_and_places_left(world):
    vacancy = world.vacancy_a
    type(vacancy).objects.filter(pk=vacancy.pk).update(openings=2)
    text = visible_text(
        world.client_for("counselor_x").get(reverse("employers:vacancy", args=[vacancy.pk])).content.decode()
    )
    assert "2명" in text and "명 중" not in text and "모집 중" not in text


def test_same_name_twice_in_the_ranked_candidates__told_apart_by_birth_year_and_phone_tail(world):
    from tests.seekers.factories import SeekerFactory

    twin = SeekerFactory(booth=world.seeker_a.booth, name=world.seeker_a.name, birth_date=datetime.date(1971, 3, 2))
    Seeker.objects.filter(pk=twin.pk).update(phone="010-2222-7788")
    from django.template import engines

    html = (
        engines["django"]
        .from_string("{% load seekers_tags %}{{ a|tell_apart }} / {{ b|tell_apart }}")
        .render({"a": world.seeker_a, "b": Seeker.objects.get(pk=twin.pk)})
    )
    first, second = html.split(" / ")
    assert first != second
    assert second == "1971년생 · 010-****-7788"


def test_an_expiring_registration__is_a_critical_alert_on_my_page(world, settings):
    settings.REGISTRATION_EXPIRY_MONTHS = 12
    Seeker.objects.filter(pk=world.seeker_a.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=350), expired_at=None
    )
    html = world.client_for("seeker_a").get(reverse("seekers:home")).content.decode()
    assert 'class="krds-critical-alerts"' in html
    assert "구직등록이" in visible_text(html) and reverse("seekers:my_profile") in html
    Seeker.objects.filter(pk=world.seeker_a.pk).update(last_activity_at=timezone.now())
    html = world.client_for("seeker_a").get(reverse("seekers:home")).content.decode()
    assert 'class="krds-critical-alerts"' not in html


def test_records_breaking_a_rule__are_a_critical_alert_on_the_managers_dashboard(world):
    from jobcenter.models import RecordCheckRun

    client = world.client_for("manager_x")
    assert 'class="krds-critical-alerts"' not in client.get(reverse("dashboard")).content.decode()
    RecordCheckRun.objects.create(ran_at=timezone.now(), total=3, by_centre={str(world.centre_x.pk): 3})
    html = client.get(reverse("dashboard")).content.decode()
    assert 'class="krds-critical-alerts"' in html and reverse("data_check") in html
    assert "규칙에 어긋난 기록 3건" in visible_text(html)
