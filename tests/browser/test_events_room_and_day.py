"""Browser flows of issue 7's second round: the interview room asked for and given, an on-the-spot interview at
a booth, a walk-in registered at the door; axe on every new page."""

import datetime
import re

import pytest
from django.utils import timezone

from events.models import Interview, Registration, RoomRequest
from seekers.models import Seeker
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.events.factories import EventFactory, ParticipationFactory, RegistrationFactory

pytestmark = pytest.mark.browser


def test_an_employer_asks_for_the_interview_room_and_sees_it_given(page, world):
    day = timezone.localdate() + datetime.timedelta(days=9)

    log_in(page, "employer_a")
    page.goto("/events/employer/room/new/")
    assert serious_accessibility_violations(page) == []
    page.check(f"input[name=vacancies][value='{world.vacancy_a.pk}']")
    page.fill("#id_date_1", day.isoformat())
    page.fill("#id_start_time", "10:00")
    page.fill("#id_end_time", "12:00")
    page.fill("#id_interviewers", "2")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/events/employer/room/\d+/$"))
    request = RoomRequest.objects.get()
    assert page.url.endswith(f"/events/employer/room/{request.pk}/")
    assert serious_accessibility_violations(page) == []

    page.context.clear_cookies()  # log out
    log_in(page, "counselor_x")
    page.goto("/events/manage/room-requests/")
    assert serious_accessibility_violations(page) == []
    page.get_by_role("link", name=world.company_a.name).click()
    page.wait_for_url(f"**/events/manage/room-requests/{request.pk}/")
    assert serious_accessibility_violations(page) == []
    page.locator("form[action$='/accept/'] button[type=submit]").click()
    page.wait_for_url("**/prematching/")
    request.refresh_from_db()
    assert request.status == RoomRequest.Status.ACCEPTED
    assert page.url.endswith(f"/events/manage/{request.event_id}/prematching/")

    page.context.clear_cookies()
    log_in(page, "employer_a")
    page.goto(f"/events/employer/room/{request.pk}/")
    assert any(time in page.locator("main").inner_text() for time in ("10:00", "오전 10", "10 a.m."))
    page.locator("main a.button").click()
    page.wait_for_load_state()
    assert page.locator("table.schedule tbody tr").count() == 4


def test_an_employer_records_an_on_the_spot_interview_with_a_code(page, world):
    participation = ParticipationFactory(
        event=EventFactory(centre=world.centre_x, under_way=True), company=world.company_a, vacancies=[world.vacancy_a]
    )
    registration = RegistrationFactory(event=participation.event, seeker=world.seeker_a, checked_in_at=timezone.now())

    log_in(page, "employer_a")
    page.goto(f"/events/employer/participations/{participation.pk}/")
    page.locator(f"a[href$='/participations/{participation.pk}/on-the-spot/']").click()
    page.wait_for_load_state()
    assert serious_accessibility_violations(page) == []
    page.fill("#id_code", registration.code)
    page.select_option("#id_outcome", "hired")
    page.locator("main form button.button-large").click()
    page.wait_for_load_state()
    assert Interview.objects.get(seeker=world.seeker_a).outcome == Interview.Outcome.HIRED
    assert world.seeker_a.name in page.locator(".interview-list").inner_text()


def test_a_counselor_registers_a_walk_in_at_the_door_on_a_phone(phone_page, world):
    event = EventFactory(centre=world.centre_x, under_way=True)  # walk-ins are checked in on the day

    log_in(phone_page, "counselor_x")
    phone_page.goto(f"/events/manage/{event.pk}/check-in/")
    phone_page.locator(f"a[href$='/manage/{event.pk}/walk-in/']").click()
    phone_page.wait_for_load_state()
    assert serious_accessibility_violations(phone_page) == []
    phone_page.fill("#id_name", "박새봄")
    phone_page.fill("#id_birth_date", "1968-03-02")
    phone_page.fill("#id_phone", "010-5555-6666")
    phone_page.check("#id_consent_collection")
    phone_page.locator("main form button.button-large").click()
    phone_page.wait_for_load_state()
    assert "박새봄" in phone_page.locator(".messages").inner_text()
    registration = Registration.objects.get(seeker=Seeker.objects.get(name="박새봄"))
    assert registration.checked_in_at is not None


def test_series_page_has_no_serious_accessibility_violations(page, world):
    from events import services
    from events.models import EventKind, EventSeries

    today = timezone.localdate()
    series = services.series_create(
        by=world.users["counselor_x"],
        centre=world.centre_x,
        title="금요채용마당",
        kind=EventKind.INTERVIEW_DAY,
        rule=EventSeries.Rule.WEEKLY,
        weekday=4,
        first_date=today,
        last_date=today + datetime.timedelta(weeks=3),
        start_time=datetime.time(14),
        end_time=datetime.time(16),
        venue="2층 면접실",
    )
    log_in(page, "counselor_x")
    page.goto(f"/events/manage/series/{series.pk}/")
    assert page.locator("h1").count() == 1
    assert serious_accessibility_violations(page) == []
