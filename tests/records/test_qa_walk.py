"""Findings of a QA walk through the integrated build, each tried through the page a user would use."""

import datetime

from django.urls import reverse
from django.utils import timezone

from events.models import Event, EventKind
from tests.events.factories import EventFactory


def test_worklist_next_two_weeks__lists_only_events_from_today_not_a_course_already_running(world):
    running = EventFactory(
        centre=world.centre_x,
        kind=EventKind.TRAINING,
        title="지난달 시작한 용접 과정",
        state=Event.State.CLOSED,
        starts_at=timezone.now() - datetime.timedelta(days=20),
        ends_at=timezone.now() + datetime.timedelta(days=10),
    )
    soon = EventFactory(centre=world.centre_x, title="다음 주 채용한마당")
    later = EventFactory(
        centre=world.centre_x,
        title="한 달 뒤 채용한마당",
        starts_at=timezone.now() + datetime.timedelta(days=30),
        ends_at=timezone.now() + datetime.timedelta(days=30, hours=6),
    )

    page = world.client_for("counselor_x").get(reverse("worklist")).content.decode()

    assert soon.title in page
    assert running.title not in page
    assert later.title not in page


def test_overdue_registration__reads_as_expired_not_active_before_the_nightly_task_has_run(world, korean):
    from seekers.models import Seeker

    Seeker.objects.filter(pk=world.seeker_a.pk).update(
        last_activity_at=timezone.now() - datetime.timedelta(days=200), expired_at=None
    )
    client = world.client_for("counselor_x")

    case = client.get(reverse("seekers:case", args=[world.seeker_a.pk])).content.decode()
    listing = client.get(reverse("seekers:list")).content.decode()

    heading = case.split("<h1>", 1)[1].split("</h1>", 1)[0]
    assert "유효기간 만료" in heading and "활동 중" not in heading
    row = listing.split(world.seeker_a.name, 1)[1].split("</tr>", 1)[0]
    assert "유효기간 만료" in row and "활동 중" not in row


def test_vacancy__hourly_wage_of_2_800_000__is_refused_as_implausible(world, client_for, korean):
    from employers.models import Vacancy
    from tests.employers.test_pages import vacancy_data

    response = client_for("employer_a").post(
        reverse("employers:portal_vacancy_new"),
        vacancy_data(title="시급 착오 공고", wage_type="hourly", wage_amount="2800000"),
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "시급 2,800,000원" in page and "월급" in page
    assert not Vacancy.objects.filter(title="시급 착오 공고").exists()


def test_vacancy__monthly_wage_with_zeros_too_many__is_refused(world, client_for, korean):
    from employers.models import Vacancy
    from tests.employers.test_pages import vacancy_data

    response = client_for("counselor_x").post(
        reverse("employers:company_vacancy_new", args=[world.company_a.pk]),
        {**vacancy_data(title="영 두 개 더", wage_type="monthly", wage_amount="280000000"), "source": "counselor"},
    )
    assert response.status_code == 200
    assert "월급 280,000,000원" in response.content.decode()
    assert not Vacancy.objects.filter(title="영 두 개 더").exists()


def test_hire__hourly_wage_of_2_800_000__is_refused_by_the_same_rule(world, client_for, korean):
    from matching.models import Placement, ReferralState
    from tests.records.test_hires import hire_data, sent_referral

    referral = sent_referral(world)
    response = client_for("counselor_x").post(
        reverse("matching:referral_hire", args=[referral.pk]),
        hire_data(**{"p-wage_type": "hourly", "p-wage_amount": "2800000"}),
    )
    assert response.status_code == 400
    assert "시급 2,800,000원" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == ReferralState.SENT and not Placement.objects.exists()


def _book_url() -> str:
    return reverse("seekers:book")


def test_booking_form__opens_on_a_day_with_free_times_not_on_a_closed_day(world):
    import re

    from seekers.services import booth_slots, is_holiday

    page = world.client_for("seeker_a").get(_book_url()).content.decode()

    (value,) = re.findall(r'name="day" value="([0-9-]+)"', page)
    day = datetime.date.fromisoformat(value)
    assert day >= timezone.localdate()
    assert day.weekday() < 5 and not is_holiday(day)
    assert any(slot.free for slot in booth_slots(booth=world.seeker_a.booth, day=day))


def test_booking_form__a_past_day__says_why_where_the_times_load_and_books_nothing(world, korean):
    from tests.seekers.factories import slot_on

    client = world.client_for("seeker_a")
    past = timezone.localdate() - datetime.timedelta(days=3)
    booth = world.seeker_a.booth_id

    times = client.get(_book_url(), {"booth": booth, "day": past.isoformat()}, HTTP_HX_REQUEST="true")
    assert "오늘 이후 날짜를 선택하십시오" in times.content.decode()

    response = client.post(_book_url(), {"booth": booth, "day": past.isoformat(), "slot": slot_on(past).isoformat()})
    assert response.status_code == 200
    assert "오늘 이후 날짜를 선택하십시오" in response.content.decode()
    assert not world.seeker_a.bookings.exists()


def test_booking_form__a_weekend_day__says_the_centre_is_closed(world, korean):
    saturday = timezone.localdate() + datetime.timedelta(days=(5 - timezone.localdate().weekday()) % 7 or 7)
    times = world.client_for("seeker_a").get(
        _book_url(), {"booth": world.seeker_a.booth_id, "day": saturday.isoformat()}, HTTP_HX_REQUEST="true"
    )
    assert "토요일과 일요일에 쉽니다" in times.content.decode()


def _error_summary(page: str) -> str:
    """The error summary at the top of a refused form (empty when there is none)."""
    if 'id="error-summary"' not in page:
        return ""
    return page.split('id="error-summary"', 1)[1].split("</div>", 1)[0]


def test_online_sign_up__a_name_typed_twice__is_refused_with_the_error_summary_at_the_top(world, korean):
    from jobcenter.models import User

    client = world.client_for("anonymous")
    data = {"last_name": "홍", "first_name": "길동홍길동", "username": "hong-twice", "password": "a-long-passphrase-7"}

    page = client.post(reverse("seekers:signup"), data).content.decode()

    summary = _error_summary(page)
    assert "두 번" in summary
    assert page.index('id="error-summary"') < page.index('name="last_name"')
    assert not User.objects.filter(username="hong-twice").exists()


def test_online_registration__a_name_typed_twice__is_refused(world, korean):
    from seekers.models import Seeker
    from tests.factories import UserFactory
    from tests.seekers.test_registration import form_data

    client = world.client_for("anonymous")
    client.force_login(UserFactory(username="resident-twice"))
    page = client.post(reverse("seekers:register_self"), form_data(world, name="박서준박서준")).content.decode()
    assert "두 번" in _error_summary(page)
    assert not Seeker.objects.filter(name__startswith="박서준").exists()


def test_online_registration__the_same_person_twice__is_caught_by_the_duplicate_rule_in_the_summary(world, korean):
    from seekers.models import Seeker
    from tests.factories import UserFactory
    from tests.seekers.factories import SeekerFactory
    from tests.seekers.test_registration import form_data

    SeekerFactory(booth=world.seeker_a.booth, name="박서준", birth_date=datetime.date(1988, 4, 2))
    client = world.client_for("anonymous")
    client.force_login(UserFactory(username="resident-again"))
    page = client.post(reverse("seekers:register_self"), form_data(world)).content.decode()
    assert "이미 등록" in _error_summary(page)
    assert Seeker.objects.filter(name="박서준").count() == 1


def test_dashboard__a_hire_starting_later_this_month__is_not_yet_a_placement_of_the_month(world, monkeypatch):
    from django.utils import timezone as django_timezone

    from jobcenter.statistics import services as statistics
    from jobcenter.statistics.selectors import Scope, records_url
    from tests.matching.factories import PlacementFactory
    from tests.seekers.factories import SeekerFactory

    month = django_timezone.localdate().replace(day=1)
    monkeypatch.setattr(django_timezone, "localdate", lambda *args: month.replace(day=10))
    started = PlacementFactory(seeker=SeekerFactory(booth=world.seeker_a.booth), start_date=month.replace(day=5))
    ahead = PlacementFactory(seeker=SeekerFactory(booth=world.seeker_a.booth), start_date=month.replace(day=20))

    statistics.statistics_month_compute(month=month)

    client = world.client_for("manager_x")
    board = client.get(reverse("dashboard"), {"month": f"{month:%Y-%m}"}).context["board"]
    placements = next(f for f in board.measures if f.key == "placements")
    assert placements.value == 1
    listed = client.get(records_url(Scope(centre=world.centre_x), month, "placements")).content.decode()
    # names are masked for a manager; the start dates say which hires are listed
    assert f"{started.start_date:%Y-%m-%d}" in listed and f"{ahead.start_date:%Y-%m-%d}" not in listed


def test_visit_without_difficulties__reads_none_noted_not_none_recorded(world, korean):
    from tests.outreach.factories import VisitFactory

    visit = VisitFactory(centre=world.centre_x, completed=True)
    page = world.client_for("counselor_x").get(reverse("outreach:visit_detail", args=[visit.pk])).content.decode()
    assert "확인된 애로사항은 없습니다" in page and "기록 없음" not in page


def test_data_check__finds_vacancies_and_hires_recorded_with_an_implausible_wage(world, korean):
    from jobcenter.datacheck import run_checks
    from tests.employers.factories import VacancyFactory
    from tests.records.test_datacheck import a_placement

    VacancyFactory(company=world.company_a, published=True, wage_type="hourly", wage_amount=2_800_000)
    VacancyFactory(company=world.company_a, published=True, wage_type="hourly", wage_amount=12_000)  # plausible
    a_placement(world, wage_type="hourly", wage_amount=2_800_000)

    found = {r.rule.key: [f.detail for f in r.findings] for r in run_checks()}

    assert found["vacancy_implausible_wage"] == ["시급 2,800,000원"]
    assert found["placement_implausible_wage"] == ["시급 2,800,000원"]
