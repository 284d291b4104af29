"""The ranked candidates' table is kept between visits (matching/scoring/candidates_page.py) and never shown stale:
whatever changes what its rows show (a referral, a seeker placed or renamed, the vacancy closed, a list computed
again) is on the next visit; no one is shown a rendering of another centre, role or language; the forms post with
the viewer's own CSRF token; the access records of the seekers shown are written on every visit."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from employers.services import vacancy_close
from matching.scoring.candidates_page import CSRF_PLACEHOLDER
from matching.scoring_tasks import match_vacancy_refresh
from matching.services import referral_create
from seekers.models import AccessRecord, Seeker
from seekers.services import seeker_set_status
from tests.conftest import PRINCIPALS
from tests.factories import BoothFactory, UserFactory
from tests.hardening.otp import force_login_verified
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

pytestmark = pytest.mark.django_db

# The queries of a kept table: the session, the signed-in user and the second factor (no Redis in the tests), the
# vacancy with the digest of what its rows show, and the access records of the seekers shown, however many rows
# there are.
HIT_QUERIES = 5


@pytest.fixture(autouse=True)
def kept(settings):
    settings.CANDIDATES_CACHE_SECONDS = 300
    cache.clear()
    yield
    cache.clear()


def url(vacancy) -> str:
    return f"/matching/vacancies/{vacancy.pk}/candidates/"


def visit(client, vacancy, data=None, **headers) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(vacancy), data or {}, **headers)
    assert response.status_code == 200
    return len(captured.captured_queries), response.content.decode()


def rows_of(page: str) -> str:
    """The table's rows (the filter form above lists the booths' names too)."""
    return page.split('id="candidate-rows"')[1]


def ranked(world, *names: str, booth=None):
    """A vacancy of centre X and its stored list of centre X's seekers of these names."""
    vacancy = matching_vacancy(company=world.company_a)
    seekers = [matching_seeker(booth=booth or world.users["counselor_x"].booth, name=name) for name in names]
    match_vacancy_refresh(vacancy.pk)
    return vacancy, seekers


def colleague_client(world, username="counselor_x2") -> Client:
    """Another counselor of centre X, signed in."""
    user = UserFactory(username=username, counselor=True, centre=world.centre_x, booth=world.seeker_a.booth)
    return force_login_verified(Client(), user)


def test_a_second_visit__is_served_from_the_cache_with_a_fixed_number_of_queries(world):
    vacancy, _ = ranked(world, "첫째", "둘째")
    client = world.client_for("counselor_x")
    first, first_page = visit(client, vacancy)
    second, second_page = visit(client, vacancy)
    more_vacancy, _ = ranked(world, *[f"구직자{number}" for number in range(6)])
    visit(client, more_vacancy)
    with_more, more_page = visit(client, more_vacancy)

    assert second == with_more == HIT_QUERIES, (first, second, with_more)
    assert first > second
    assert more_page.count('name="seeker"') == 8  # every seeker of centre X wants the occupation
    tokens = re.compile(r"[A-Za-z0-9]{64}")  # the CSRF tokens: each response masks the secret anew
    assert tokens.sub("", first_page) == tokens.sub("", second_page)
    assert CSRF_PLACEHOLDER not in second_page


def test_a_referral_made__takes_the_seeker_off_the_next_visit(world):
    vacancy, (referred, _) = ranked(world, "알선된사람", "남은사람")
    client = world.client_for("counselor_x")
    assert f'name="seeker" value="{referred.pk}"' in visit(client, vacancy)[1]

    referral_create(by=world.users["counselor_x"], seeker=referred, vacancy=vacancy)
    page = visit(client, vacancy)[1]

    assert "알선된사람" not in page
    assert "남은사람" in page


def test_a_seeker_placed__leaves_the_list_on_the_next_visit(world, django_capture_on_commit_callbacks):
    vacancy, (placed, _) = ranked(world, "취업한사람", "구직중인사람")
    client = world.client_for("counselor_x")
    assert "취업한사람" in visit(client, vacancy)[1]

    with django_capture_on_commit_callbacks(execute=True):  # the scorer's refresh of the seeker, after commit
        seeker_set_status(seeker=placed, status=Seeker.Status.PLACED, by=world.users["counselor_x"])
    page = visit(client, vacancy)[1]

    assert "취업한사람" not in page
    assert "구직중인사람" in page


def test_a_seeker_renamed_or_moved_to_another_booth__shows_on_the_next_visit(world):
    vacancy, (seeker,) = ranked(world, "옛이름")
    client = world.client_for("counselor_x")
    visit(client, vacancy)
    booth = BoothFactory(centre=world.centre_x, name="새 창구")

    Seeker.objects.filter(pk=seeker.pk).update(name="새이름", booth=booth)  # a plain UPDATE, as an import would
    page = visit(client, vacancy)[1]
    by_booth = visit(client, vacancy, {"booth": booth.pk})[1]

    assert "새이름" in page and "옛이름" not in page
    assert "새 창구" in rows_of(page)
    assert "새이름" in by_booth


def test_a_booth_renamed__shows_in_the_rows_and_the_filter_on_the_next_visit(world):
    vacancy, _ = ranked(world, "창구고객")
    client = world.client_for("counselor_x")
    booth = world.users["counselor_x"].booth
    visit(client, vacancy)

    booth.name = "바뀐 창구"
    booth.save(update_fields=["name"])
    page = visit(client, vacancy)[1]

    assert "바뀐 창구" in rows_of(page)
    assert "바뀐 창구" in page.split('<form method="get"')[1].split("</form>")[0]  # the filter's booths


def test_the_vacancy_retitled__shows_in_the_heading_on_the_next_visit(world):
    vacancy, _ = ranked(world, "제목후보")
    client = world.client_for("counselor_x")
    visit(client, vacancy)

    type(vacancy).objects.filter(pk=vacancy.pk).update(title="새 제목 생산직")  # a plain UPDATE

    assert "새 제목 생산직" in visit(client, vacancy)[1].split("</h1>")[0].split("<h1>")[-1]


def test_the_vacancy_closed__shows_on_the_next_visit(world, django_capture_on_commit_callbacks):
    vacancy, _ = ranked(world, "마감전후보")
    client = world.client_for("counselor_x")
    assert "마감전후보" in visit(client, vacancy)[1]

    with django_capture_on_commit_callbacks(execute=True):  # the scorer's refresh drops a closed vacancy's list
        vacancy_close(vacancy=vacancy, by=world.users["counselor_x"])
    page = visit(client, vacancy)[1]

    assert "마감전후보" not in page
    assert "No candidates yet." in page


def test_a_change_waiting_for_the_scorer__says_so_at_once(world):
    """The vacancy changed, its list not yet computed again: the page says the list is being recomputed."""
    from matching.scoring import schedule_vacancy

    vacancy, _ = ranked(world, "대기후보")
    client = world.client_for("counselor_x")
    assert "Being recomputed" not in visit(client, vacancy)[1]

    schedule_vacancy(vacancy.pk)  # its task runs after commit, which a test's transaction never reaches

    assert "Being recomputed" in visit(client, vacancy)[1]


def test_a_new_candidate_ranked__shows_on_the_next_visit(world):
    vacancy, _ = ranked(world, "먼저온사람")
    client = world.client_for("counselor_x")
    visit(client, vacancy)

    matching_seeker(booth=world.users["counselor_x"].booth, name="새로온사람")
    match_vacancy_refresh(vacancy.pk)

    assert "새로온사람" in visit(client, vacancy)[1]


def test_a_vacancy_moved_to_another_centre__is_never_shown_with_the_first_centres_rows(world):
    """The rows are the viewer's centre's seekers: centre Y's counselor never gets centre X's rendering."""
    from employers.models import Vacancy

    vacancy, _ = ranked(world, "X센터사람")
    matching_seeker(booth=world.seeker_b.booth, name="Y센터사람")
    match_vacancy_refresh(vacancy.pk)
    assert "X센터사람" in visit(world.client_for("counselor_x"), vacancy)[1]

    Vacancy.objects.filter(pk=vacancy.pk).update(centre=world.centre_y)
    page = visit(world.client_for("counselor_y"), vacancy)[1]

    assert "Y센터사람" in page and "X센터사람" not in page


def test_a_manager__gets_a_rendering_of_their_own(world):
    vacancy, _ = ranked(world, "역할후보")
    visit(world.client_for("counselor_x"), vacancy)

    queries, page = visit(world.client_for("manager_x"), vacancy)

    assert queries > HIT_QUERIES  # rendered for the manager's role
    assert "역할후보" in page


def test_another_centres_counselor__is_refused_even_with_the_rendering_kept(world):
    vacancy, _ = ranked(world, "X센터사람")
    visit(world.client_for("counselor_x"), vacancy)

    assert world.client_for("counselor_y").get(url(vacancy)).status_code == 404


def test_another_language__gets_its_own_rendering(world):
    vacancy, _ = ranked(world, "언어후보")
    client = world.client_for("counselor_x")

    english = visit(client, vacancy, HTTP_ACCEPT_LANGUAGE="en")[1]
    korean = visit(client, vacancy, HTTP_ACCEPT_LANGUAGE="ko")[1]

    assert ">Refer</button>" in english
    assert ">알선</button>" in korean and ">Refer</button>" not in korean


def test_other_filters_and_more_rows__are_kept_apart(world):
    booth = world.users["counselor_x"].booth
    other_booth = BoothFactory(centre=world.centre_x, name="다른 창구")
    vacancy, _ = ranked(world, *[f"구직자{number:02d}" for number in range(21)])
    matching_seeker(booth=other_booth, name="다른창구고객")
    match_vacancy_refresh(vacancy.pk)
    client = world.client_for("counselor_x")

    for _ in range(2):  # rendered, then kept
        everyone = visit(client, vacancy)[1]
        by_booth = visit(client, vacancy, {"booth": other_booth.pk})[1]
        more = visit(client, vacancy, {"offset": 20}, HTTP_HX_REQUEST="true")[1]
        more_by_booth = visit(client, vacancy, {"booth": booth.pk, "offset": 20}, HTTP_HX_REQUEST="true")[1]

        assert everyone.count('name="seeker"') == 20 and "offset=20" in everyone
        assert by_booth.count('name="seeker"') == 1 and "다른창구고객" in by_booth
        assert more.count('name="seeker"') == 2 and "<html" not in more
        assert more_by_booth.count('name="seeker"') == 1 and "다른창구고객" not in more_by_booth


def test_the_referral_form__posts_with_the_viewers_own_csrf_token(world):
    vacancy, (seeker,) = ranked(world, "토큰후보")
    visit(world.client_for("counselor_x"), vacancy)  # the rendering kept with a placeholder
    client = colleague_client(world)
    client.handler.enforce_csrf_checks = True

    page = visit(client, vacancy)[1]  # served from the cache
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', rows_of(page)).group(1)
    response = client.post(
        "/matching/referrals/new/", {"seeker": seeker.pk, "vacancy": vacancy.pk, "csrfmiddlewaretoken": token}
    )

    assert response.status_code != 403
    assert CSRF_PLACEHOLDER not in page


def test_every_visit__writes_the_access_records_of_the_seekers_shown(world):
    vacancy, seekers = ranked(world, "기록1", "기록2")
    client = world.client_for("counselor_x")

    for _ in range(3):  # one rendering, two kept
        visit(client, vacancy)

    for seeker in seekers:
        records = AccessRecord.objects.filter(
            user=world.users["counselor_x"], seeker=seeker, action=AccessRecord.Action.VIEW, path=url(vacancy)
        )
        assert records.count() == 3
        assert {record.centre_id for record in records} == {world.centre_x.pk}
        assert {(record.ip_address, record.reason) for record in records} == {("127.0.0.1", "")}
        assert all(record.at is not None for record in records)


@pytest.mark.parametrize(
    "change",
    [
        "UPDATE matching_seekermatchprofile SET experience_years = experience_years + 7",  # a part's facts
        "UPDATE matching_vacancymatchprofile SET wage_monthly = coalesce(wage_monthly, 0) + 1",
        "UPDATE matching_matchweights SET wage = wage + 1",
        "UPDATE seekers_seeker SET phone = '010-9999-8888'",  # tell_apart's last four digits
    ],
)
def test_a_change_to_what_the_rows_are_explained_from__renders_them_again(world, change):
    """Plain UPDATEs, as an import or the scorer would write them: the next visit is not served from the cache."""
    vacancy, _ = ranked(world, "설명후보")
    client = world.client_for("counselor_x")
    visit(client, vacancy)
    assert visit(client, vacancy)[0] == HIT_QUERIES

    with connection.cursor() as cursor:
        cursor.execute(change)

    assert visit(client, vacancy)[0] > HIT_QUERIES


@pytest.mark.parametrize("principal", [p for p in PRINCIPALS if p != "anonymous"])
def test_the_keys_scope__is_vacancies_for_user_for_every_role(world, principal):
    """The kept table's key query says which vacancies the viewer may see with SQL of its own (vacancy_scope_sql):
    the same vacancies as vacancies_for_user, for every role."""
    from django.contrib.auth.models import AnonymousUser

    from employers.selectors import vacancies_for_user, vacancy_scope_sql

    seen = {}
    for name, user in ((principal, world.users[principal]), ("anonymous", AnonymousUser())):
        scope, params = vacancy_scope_sql(user, "v")
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT id FROM employers_vacancy v WHERE {scope}", params)
            seen[name] = {pk for (pk,) in cursor.fetchall()}
        assert seen[name] == set(vacancies_for_user(user).values_list("pk", flat=True))
    expected = principal in ("employer_a", "counselor_x", "manager_x", "admin")
    assert (world.vacancy_a.pk in seen[principal]) == expected
    assert seen["anonymous"] == set()
