"""The worklist's panels are kept between visits (jobcenter/worklist.py) and never shown stale: whatever a colleague
of the same centre saves that a panel shows is on the counselor's next visit, rendering again only the panels of the
apps that read what changed; a write in another centre leaves the kept panels in use; no one is shown another user's
or another language's panels."""

import datetime
import re

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jobcenter import worklist as worklist_module
from jobcenter.hooks import hook_modules
from jobcenter.worklist import CSRF_PLACEHOLDER, case_changes_roll_up, centre_changes
from matching.services import referral_create
from seekers.case_page import case_changes_prune
from seekers.models import AccessRecord, CaseChange
from tests.employers.factories import VacancyFactory
from tests.factories import UserFactory
from tests.hardening.otp import force_login_verified
from tests.matching.factories import ConsentingSeekerFactory, ReferralFactory
from tests.performance.test_query_counts import (
    a_row_in_each_other_worklist_panel,
    a_row_in_each_worklist_panel_that_reads_only_what_it_shows,
)
from tests.seekers.factories import BookingFactory, ConsultationFactory, SeekerFactory

pytestmark = pytest.mark.django_db

# The queries of a kept worklist: the session, the signed-in user and the second factor (no Redis in the tests),
# and the centre's change count; one more writes the access records of the seekers it shows, when it shows any.
HIT_QUERIES = 4


@pytest.fixture(autouse=True)
def kept(settings):
    settings.WORKLIST_CACHE_SECONDS = 300


def worklist(client, **headers) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("worklist"), **headers)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def colleague(world, username="counselor_x2"):
    """Another counselor of centre X."""
    return UserFactory(username=username, counselor=True, centre=world.centre_x, booth=world.seeker_a.booth)


def changed(centre) -> int:
    """The centre's changes, all tables together."""
    return sum(centre_changes(centre.pk).values())


def a_late_referral(world, counselor=None):
    seeker = ConsentingSeekerFactory(booth=world.seeker_a.booth, counselor=counselor or world.users["counselor_x"])
    return ReferralFactory(late=True, seeker=seeker, vacancy=world.vacancy_a)


def test_a_second_visit__is_served_from_the_cache_with_a_few_fixed_queries(world):
    a_late_referral(world)
    client = world.client_for("counselor_x")
    first, first_page = worklist(client)
    second, second_page = worklist(client)
    a_late_referral(world)
    worklist(client)  # rendered again: a referral was written
    with_more, _ = worklist(client)

    assert second == with_more == HIT_QUERIES + 1, (first, second, with_more)
    assert first > 3 * second
    tokens = re.compile(r"[A-Za-z0-9]{64}")  # the CSRF tokens: each response masks the secret anew
    assert tokens.sub("", first_page) == tokens.sub("", second_page)
    assert CSRF_PLACEHOLDER not in second_page


def test_a_booking_for_today_made_by_a_colleague__shows_on_the_next_visit(world):
    client = world.client_for("counselor_x")
    assert "No visits booked for today." in worklist(client)[1]
    seeker = SeekerFactory(booth=world.seeker_a.booth, name="오늘방문")
    BookingFactory(
        seeker=seeker,
        booked_by=colleague(world),
        starts_at=timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0),
    )

    assert "오늘방문" in worklist(client)[1]


def test_a_referral_and_a_vacancy_to_review_saved_by_colleagues__show_on_the_next_visit(world):
    client = world.client_for("counselor_x")
    worklist(client)
    late = a_late_referral(world, counselor=colleague(world))
    VacancyFactory(company=world.company_a, submitted=True, title="검토할 구인")

    page = worklist(client)[1]
    assert late.seeker.name in page
    assert "검토할 구인" in page


def test_an_employers_request_made_through_the_service__shows_on_the_next_visit(world):
    """A proposed referral from the talent search (matching.services.referral_create, as the employer portal
    makes it): the "Employers asking for a referral" panel."""
    client = world.client_for("counselor_x")
    assert "No employer is waiting for a referral." in worklist(client)[1]
    seeker = ConsentingSeekerFactory(booth=world.seeker_a.booth, name="요청받은구직자")
    referral_create(by=world.users["employer_a"], seeker=seeker, vacancy=world.vacancy_a, source="employer")

    assert "요청받은구직자" in worklist(client)[1]


def test_a_next_action_agreed_by_a_colleague__shows_on_the_next_visit(world):
    client = world.client_for("counselor_x")
    worklist(client)
    ConsultationFactory(
        seeker=world.seeker_a,
        counselor=colleague(world),
        next_action="이력서 보완 안내",
        next_action_due=timezone.localdate(),
    )

    assert "이력서 보완 안내" in worklist(client)[1]


def test_a_bulk_update_that_no_service_counts__still_shows(world):
    """The triggers see every write: here a plain UPDATE, as an import would do."""
    referral = a_late_referral(world)
    client = world.client_for("counselor_x")
    assert referral.seeker.name in worklist(client)[1]

    type(referral).objects.filter(pk=referral.pk).update(state="withdrawn", ending_reason="employer_no_answer")

    assert referral.seeker.name not in worklist(client)[1]


def test_a_write_in_another_centre__leaves_this_centres_worklist_kept(world):
    client = world.client_for("counselor_x")
    worklist(client)
    before = centre_changes(world.centre_x.pk)
    VacancyFactory(company=world.company_b, submitted=True)
    ReferralFactory(late=True, seeker=ConsentingSeekerFactory(booth=world.seeker_b.booth), vacancy=world.vacancy_b)
    ConsultationFactory(seeker=world.seeker_b, counselor=world.users["counselor_y"], next_action="전화")

    assert centre_changes(world.centre_x.pk) == before
    assert changed(world.centre_y) > 0
    assert worklist(client)[0] == HIT_QUERIES


def test_a_colleague__never_gets_the_counselors_kept_worklist(world):
    """Panels list the counselor's own seekers: a colleague of the same centre, at the same count, has their own."""
    ConsultationFactory(
        seeker=world.seeker_a,  # counselor X's seeker
        counselor=world.users["counselor_x"],
        next_action="X의 다음 조치",
        next_action_due=timezone.localdate(),
    )
    other = force_login_verified(Client(), colleague(world))
    assert "X의 다음 조치" in worklist(world.client_for("counselor_x"))[1]

    assert "X의 다음 조치" not in worklist(other)[1]


def test_each_language__gets_its_own_rendering(world):
    client = world.client_for("counselor_x")
    english = worklist(client, HTTP_ACCEPT_LANGUAGE="en")[1]
    korean = worklist(client, HTTP_ACCEPT_LANGUAGE="ko")[1]

    assert "Referrals waiting on employers" in english
    assert "Referrals waiting on employers" not in korean
    assert "기업 답변 대기 중인 알선" in korean and "기업 답변 대기 중인 알선" not in english


def test_a_kept_worklist__posts_with_the_viewers_own_csrf_token(world):
    referral = a_late_referral(world)
    client = force_login_verified(Client(enforce_csrf_checks=True), world.users["counselor_x"])
    worklist(client)
    _, page = worklist(client)  # from the cache
    token = re.search(
        rf'action="/matching/referrals/{referral.pk}/chase/"[^>]*>\s*'
        r'<input type="hidden" name="csrfmiddlewaretoken" value="([^"]+)"',
        page,
    )
    assert token, "the chase form carries a token"

    response = client.post(
        reverse("matching:referral_chase", args=[referral.pk]), {"csrfmiddlewaretoken": token.group(1)}
    )

    assert response.status_code == 302


def test_every_visit__is_still_an_access_record_of_the_seekers_shown(world):
    referral = a_late_referral(world)
    client = world.client_for("counselor_x")
    worklist(client)
    worklist(client)  # from the cache

    records = AccessRecord.objects.filter(seeker=referral.seeker, action="view", user=world.users["counselor_x"])
    assert records.count() == 2
    assert set(records.values_list("centre_id", flat=True)) == {referral.seeker.centre_id}


def test_a_referral_whose_employer_becomes_late__shows_without_any_write(world, monkeypatch):
    """ "Waiting on employers" lists referrals sent REFERRAL_REMINDER_DAYS ago: time alone adds one."""
    from django.conf import settings

    seeker = ConsentingSeekerFactory(booth=world.seeker_a.booth, counselor=world.users["counselor_x"], name="곧늦음")
    reminder = datetime.timedelta(days=settings.REFERRAL_REMINDER_DAYS)
    ReferralFactory(
        sent=True,
        seeker=seeker,
        vacancy=world.vacancy_a,
        waiting_since=timezone.now() - reminder + datetime.timedelta(minutes=2),
    )
    client = world.client_for("counselor_x")
    assert "곧늦음" not in worklist(client)[1]
    assert worklist(client)[0] == HIT_QUERIES  # kept until then

    later = timezone.now() + datetime.timedelta(minutes=3)
    monkeypatch.setattr(timezone, "now", lambda: later)

    assert "곧늦음" in worklist(client)[1]


# Read by the worklist but not watched by a trigger, and why.
NOT_WATCHED = {
    "django_session": "the request's session",
    "jobcenter_user": "the signed-in user; an accompanying colleague's name may be WORKLIST_CACHE_SECONDS old",
    "otp_totp_totpdevice": "the second factor",
    "seekers_accessrecord": "written, not shown",
    "seekers_casechange": "the key itself",
    "seekers_casechangetotal": "the key itself",
    "jobcenter_centre": "joined to vacancies and companies: no panel shows it",
    "jobcenter_region": "a code table",
    "jobcenter_occupation": "a code table",
    "jobcenter_industry": "a code table",
    "security_shared_cache": "throttles",
    "axes_accessattempt": "sign-in attempts",
}


def tables_read(queries) -> set[str]:
    return {table for query in queries for table in re.findall(r'(?:FROM|JOIN)\s+"?([a-z_]+)"?', query["sql"])}


def test_each_apps_panels__read_only_the_tables_it_names__and_each_is_watched_by_a_trigger(world, rf):
    """An app's panels are rendered again only when a table of its WORKLIST_READS changes at the centre: a panel that
    read a table not named there would be shown stale after it changed, and a named table without a trigger (seekers
    migration 0009) would never count. A row in every panel, so that each panel's reads run."""
    a_late_referral(world)
    a_row_in_each_worklist_panel_that_reads_only_what_it_shows(world)
    a_row_in_each_other_worklist_panel(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT DISTINCT event_object_table FROM information_schema.triggers"
            " WHERE trigger_name LIKE '%%_worklist_changed'"
        )
        watched = {table for (table,) in cursor.fetchall()}
    request = rf.get(reverse("worklist"))
    request.user = world.users["counselor_x"]

    for app_name, module in hook_modules("worklist_sections"):
        with CaptureQueriesContext(connection) as captured:
            panels = worklist_module._render(request, {app_name: module})[app_name].panels
        named = {model._meta.db_table for model in module.WORKLIST_READS}
        assert panels, app_name
        assert tables_read(captured.captured_queries) - named - set(NOT_WATCHED) == set(), app_name
        assert named <= watched, app_name


def test_a_change_an_apps_panels_do_not_read__leaves_them_kept(world):
    """A colleague's booking for today renders the seekers' panels again, and only theirs: the referral panels
    are served as kept (none of their reads runs), with the referral they showed."""
    referral = a_late_referral(world)
    client = world.client_for("counselor_x")
    assert "No visits booked for today." in worklist(client)[1]
    BookingFactory(
        seeker=world.seeker_a,
        booked_by=colleague(world),
        starts_at=timezone.localtime().replace(hour=23, minute=0, second=0, microsecond=0),
    )

    with CaptureQueriesContext(connection) as captured:
        page = client.get(reverse("worklist")).content.decode()

    assert "No visits booked for today." not in page
    assert world.seeker_a.name in page and referral.seeker.name in page
    read = tables_read(captured.captured_queries)
    assert "seekers_booking" in read
    assert not read & {"matching_referral", "matching_interview", "events_event", "outreach_visitplantarget"}, read


def test_the_centres_change_rows__are_pruned_with_the_seekers(world):
    VacancyFactory(company=world.company_a, submitted=True)  # a change of today
    today = CaseChange.objects.filter(centre_id=world.centre_x.pk).count()
    CaseChange.objects.create(centre_id=world.centre_x.pk, at=timezone.now() - datetime.timedelta(days=3))

    counted = centre_changes(world.centre_x.pk)

    assert case_changes_prune() == 1
    assert CaseChange.objects.filter(centre_id=world.centre_x.pk).count() == today > 0
    assert centre_changes(world.centre_x.pk) == counted  # the old row is in the centre's total now


def test_a_centres_rows_counted_into_its_total__leave_its_number_and_the_kept_worklist_as_they_were(world):
    client = world.client_for("counselor_x")
    VacancyFactory(company=world.company_a, submitted=True)
    worklist(client)
    before = centre_changes(world.centre_x.pk)

    assert case_changes_roll_up(world.centre_x.pk) > 0
    assert not CaseChange.objects.filter(centre_id=world.centre_x.pk).exists()
    assert centre_changes(world.centre_x.pk) == before
    assert worklist(client)[0] == HIT_QUERIES

    VacancyFactory(company=world.company_a, submitted=True)  # a change after the roll-up gives another number
    assert changed(world.centre_x) > sum(before.values())


def test_a_busy_centres_rows__are_counted_into_its_total_by_the_reader(world, monkeypatch):
    monkeypatch.setattr(worklist_module, "ROLL_UP_AT", 3)
    for _ in range(3):
        VacancyFactory(company=world.company_a, submitted=True)
    waiting = CaseChange.objects.filter(centre_id=world.centre_x.pk).count()
    assert waiting >= 3

    assert changed(world.centre_x) == waiting
    assert not CaseChange.objects.filter(centre_id=world.centre_x.pk).exists()
    assert changed(world.centre_x) == waiting


def test_with_the_cache_off__every_visit_renders_the_panels(world, settings):
    settings.WORKLIST_CACHE_SECONDS = 0
    client = world.client_for("counselor_x")
    worklist(client)  # the first visit's own queries (the second factor's device) are not the panels'
    second, _ = worklist(client)
    third, _ = worklist(client)

    assert second == third > 3 * HIT_QUERIES
