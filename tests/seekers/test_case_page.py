"""The case page's body is kept between visits (seekers/case_page.py) and never shown stale: whatever the page shows
of the seeker, changed by a service, a bulk update or another counselor, is on the next visit."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from employers.services import vacancy_close
from matching.scoring_tasks import match_seeker_refresh
from matching.services import referral_create, referral_transition
from seekers import services
from seekers.case_page import case_changes_prune
from seekers.models import CaseChange, Consent, ConsentText, Seeker
from tests.conftest import PRINCIPALS
from tests.hardening.otp import force_login_verified
from tests.matching.scoring_factories import matching_seeker, matching_vacancy
from tests.seekers.factories import ConsultationFactory

pytestmark = pytest.mark.django_db


def case(client, seeker) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(f"/seekers/{seeker.pk}/")
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def test_a_second_visit__is_served_from_the_cache_with_a_third_of_the_queries(world):
    client = world.client_for("counselor_x")
    ConsultationFactory(seeker=world.seeker_a, counselor=world.users["counselor_x"], notes="첫 상담 메모")
    first, first_page = case(client, world.seeker_a)
    second, second_page = case(client, world.seeker_a)

    assert "첫 상담 메모" in second_page
    assert second * 2 < first, (first, second)
    tokens = re.compile(r"[A-Za-z0-9]{64}")  # the CSRF tokens: each response masks the secret anew
    assert tokens.sub("", first_page) == tokens.sub("", second_page)


def test_every_visit__is_still_an_access_record(world):
    client = world.client_for("counselor_x")
    case(client, world.seeker_a)
    case(client, world.seeker_a)
    assert world.seeker_a.access_records.filter(action="view").count() == 2


def test_a_consultation_logged_by_another_counselor__shows_on_the_next_visit(world):
    client = world.client_for("counselor_x")
    case(client, world.seeker_a)
    services.consultation_create(
        seeker=world.seeker_a,
        counselor=world.users["counselor_x"],
        booth=world.seeker_a.booth,
        channel="phone",
        notes="전화 상담: 면접 준비",
        next_action="이력서 보완",
        next_action_due=timezone.localdate() + datetime.timedelta(days=3),
    )
    _, page = case(client, world.seeker_a)
    assert "전화 상담: 면접 준비" in page and "이력서 보완" in page


def test_a_referral_and_its_state__show_on_the_next_visit(world):
    client = world.client_for("counselor_x")
    counselor = world.users["counselor_x"]
    seeker = matching_seeker(booth=counselor.booth)  # consents to sharing
    case(client, seeker)
    referral = referral_create(by=counselor, seeker=seeker, vacancy=world.vacancy_a)
    _, proposed = case(client, seeker)
    referral_transition(referral=referral, to_state="sent", by=counselor)
    _, sent = case(client, seeker)

    assert world.vacancy_a.title in proposed and "Proposed" in proposed
    assert "Sent to employer" in sent


def test_a_bulk_update_that_no_service_counts__still_shows(world):
    """The triggers see every write: here a plain UPDATE of the seeker's consultations, as an import would do."""
    consultation = ConsultationFactory(seeker=world.seeker_a, counselor=world.users["counselor_x"], notes="옛 메모")
    client = world.client_for("counselor_x")
    assert "옛 메모" in case(client, world.seeker_a)[1]

    type(consultation).objects.filter(seeker=world.seeker_a).update(notes="고친 메모")

    _, page = case(client, world.seeker_a)
    assert "고친 메모" in page and "옛 메모" not in page


def test_the_seekers_own_row_and_its_counselor__are_read_fresh(world):
    client = world.client_for("counselor_x")
    case(client, world.seeker_a)
    type(world.seeker_a).objects.filter(pk=world.seeker_a.pk).update(phone="010-9876-5432")
    world.users["counselor_x"].first_name = "새이름상담사"
    world.users["counselor_x"].save()

    _, page = case(client, world.seeker_a)
    assert "010-9876-5432" in page and "새이름상담사" in page


def test_a_withdrawn_consent__shows_on_the_next_visit(world):
    client = world.client_for("counselor_x")
    seeker = matching_seeker(booth=world.users["counselor_x"].booth)
    assert Consent.objects.filter(seeker=seeker, kind=ConsentText.Kind.SHARING, withdrawn_at=None).exists()
    assert "withdrawn" not in case(client, seeker)[1]
    services.consent_withdraw(seeker=seeker, kind=ConsentText.Kind.SHARING, by=world.users["counselor_x"])
    assert "withdrawn" in case(client, seeker)[1]


def test_a_page_kept_for_one_counselor__posts_with_another_counselors_own_csrf_token(world):
    """The cached forms carry no one's token: each viewer's is put in on the way out."""
    other = type(world.users["counselor_x"]).objects.create_user(
        username="counselor_x2", role="counselor", centre=world.centre_x, password="x"
    )
    first = force_login_verified(Client(enforce_csrf_checks=True), world.users["counselor_x"])
    second = force_login_verified(Client(enforce_csrf_checks=True), other)
    case(first, world.seeker_a)
    _, page = case(second, world.seeker_a)  # from the cache
    token = re.search(
        r'action="/seekers/\d+/status/">\s*<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"', page
    )
    assert token, "the status form carries a token"

    response = second.post(
        f"/seekers/{world.seeker_a.pk}/status/",
        {"csrfmiddlewaretoken": token.group(1), "status": "on_hold", "note": ""},
    )

    assert response.status_code == 302
    world.seeker_a.refresh_from_db()
    assert world.seeker_a.status == "on_hold"


def test_each_language__gets_its_own_rendering_and_another_centre_none(world):
    client = world.client_for("counselor_x")
    url = f"/seekers/{world.seeker_a.pk}/"
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    korean = client.get(url, HTTP_ACCEPT_LANGUAGE="ko").content.decode()

    assert "Upcoming visits" in english and "Upcoming visits" not in korean
    assert "예정된 방문" in korean or "방문 예약" in korean
    assert world.client_for("counselor_y").get(url).status_code == 404


def test_the_best_vacancies_panel__is_live_a_closed_vacancy_leaves_it_without_any_change_of_the_seeker(
    world, django_capture_on_commit_callbacks
):
    seeker = matching_seeker(booth=world.users["counselor_x"].booth)
    vacancy = matching_vacancy(company=world.company_a, title="지게차 기사 모집")
    match_seeker_refresh(seeker.pk)
    client = world.client_for("counselor_x")
    assert "지게차 기사 모집" in case(client, seeker)[1]

    with django_capture_on_commit_callbacks(execute=True):  # the scorer's profile of the vacancy follows
        vacancy_close(vacancy=vacancy, by=world.users["counselor_x"])

    assert "지게차 기사 모집" not in case(client, seeker)[1]


def test_a_placed_seeker__is_not_said_to_be_waiting_for_the_scorer(world):
    """Found on the demo: only active seekers are ranked, so a placed seeker has a scored profile and no list; the
    best-vacancies panel said "Being recomputed" for ever."""
    seeker = matching_seeker(booth=world.users["counselor_x"].booth)
    Seeker.objects.filter(pk=seeker.pk).update(status=Seeker.Status.PLACED)
    match_seeker_refresh(seeker.pk)
    client = world.client_for("counselor_x")

    page = case(client, seeker)[1]

    assert "Best vacancies" in page or "적합 구인표" in page
    assert "Being recomputed" not in page and "다시 계산 중" not in page


def test_the_change_rows__older_than_two_days_are_pruned_and_todays_kept(world):
    ConsultationFactory(seeker=world.seeker_a, counselor=world.users["counselor_x"])  # a change of today
    today = CaseChange.objects.count()
    CaseChange.objects.create(seeker_id=world.seeker_a.pk, at=timezone.now() - datetime.timedelta(days=3))

    assert case_changes_prune() == 1
    assert CaseChange.objects.count() == today > 0


def test_every_table_the_page_reads_for_the_seeker__is_watched_by_a_trigger(world, settings):
    """A panel added later that reads a new table of the seeker's must add it to the triggers (migration), or the
    cached page would miss its changes. Tables of other records (vacancies, companies, users, code tables) and the
    live panels' are listed here as not the seeker's."""
    settings.CASE_PAGE_CACHE_SECONDS = 0
    not_the_seekers = {
        "django_session",
        "jobcenter_user",
        "otp_totp_totpdevice",
        "seekers_seeker",
        "seekers_accessrecord",
        "seekers_casechange",
        "seekers_consenttext",
        "jobcenter_booth",
        "jobcenter_centre",
        "jobcenter_region",
        "jobcenter_occupation",
        "employers_vacancy",
        "employers_company",
        "matching_seekermatchlist",
        "matching_vacancymatchprofile",
        "matching_seekermatchprofile",
        "matching_matchweights",
        "outreach_partnerinstitution",
        "events_event",
        "security_shared_cache",
        "axes_accessattempt",
    }
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers"
            " WHERE trigger_name LIKE '%%_case_changed'"
        )
        watched = {table for (table,) in cursor.fetchall()}
    with CaptureQueriesContext(connection) as captured:
        assert world.client_for("counselor_x").get(f"/seekers/{world.seeker_a.pk}/").status_code == 200
    read = {
        table
        for query in captured.captured_queries
        for table in re.findall(r'(?:FROM|JOIN)\s+"?([a-z_]+)"?', query["sql"])
    }
    assert read - watched - not_the_seekers == set()
    assert {"seekers_consultation", "matching_referral", "seekers_booking"} <= watched


def test_a_kept_page__is_not_served_to_a_counselor_of_another_centre_and_a_hit_loads_no_seeker(world):
    """The key's query also says whether the viewer may see the seeker: a kept page is no way around the scope."""
    first, _ = case(world.client_for("counselor_x"), world.seeker_a)
    second, page = case(world.client_for("counselor_x"), world.seeker_a)
    assert world.seeker_a.name in page and second < first

    response = world.client_for("counselor_y").get(f"/seekers/{world.seeker_a.pk}/")
    assert response.status_code == 404
    assert world.seeker_a.name not in response.content.decode()
    assert world.seeker_a.access_records.filter(user=world.users["counselor_y"]).count() == 0


@pytest.mark.parametrize("principal", [p for p in PRINCIPALS if p != "anonymous"])
def test_the_keys_scope__is_seekers_for_user_for_every_role(world, principal):
    """The case page's key query says whom the viewer may see with SQL of its own (seeker_scope_sql): the same
    seekers as seekers_for_user, for every role."""
    from django.contrib.auth.models import AnonymousUser

    from seekers.selectors import seeker_scope_sql, seekers_for_user

    seen = {}
    for name, user in ((principal, world.users[principal]), ("anonymous", AnonymousUser())):
        scope, params = seeker_scope_sql(user, "seekers_seeker")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM seekers_seeker WHERE {scope}", params)
            seen[name] = {pk for (pk,) in cursor.fetchall()}
        assert seen[name] == set(seekers_for_user(user).values_list("pk", flat=True))
    assert (world.seeker_a.pk in seen[principal]) == (principal in ("counselor_x", "manager_x", "admin", "seeker_a"))
    assert seen["anonymous"] == set()
