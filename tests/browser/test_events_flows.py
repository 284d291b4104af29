import datetime

import pytest
from django.utils import timezone

from events.models import Event, Interview, Registration
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.events.factories import (
    EventFactory,
    InterviewFactory,
    InterviewSlotFactory,
    ParticipationFactory,
    RegistrationFactory,
)

pytestmark = pytest.mark.browser


def test_a_seeker_signs_up_and_a_counselor_checks_them_in_on_a_phone(page, phone_page, world):
    event = EventFactory(centre=world.centre_x, title="구인구직 만남의 날", interview_day=True)

    log_in(page, "seeker_a")
    page.goto("/events/")
    page.get_by_role("link", name="구인구직 만남의 날").click()
    page.locator("form[action$='/sign-up/'] button[type=submit]").click()
    code = page.locator("#checkin-code").inner_text().strip()
    assert page.locator("img.qr").is_visible()
    assert serious_accessibility_violations(page) == []

    # The day comes (check-in is possible only on the event's day).
    Event.objects.filter(pk=event.pk).update(
        starts_at=timezone.now() - datetime.timedelta(minutes=30), ends_at=timezone.now() + datetime.timedelta(hours=3)
    )
    log_in(phone_page, "counselor_x")
    phone_page.goto(f"/events/manage/{event.pk}/check-in/")
    phone_page.fill("#id_code", code.lower())
    phone_page.locator("form[method=post] button.button-large").click()
    phone_page.wait_for_load_state()
    assert "김하나" in phone_page.locator(".messages").inner_text()
    assert serious_accessibility_violations(phone_page) == []
    registration = Registration.objects.get(event=event, seeker=world.seeker_a)
    assert registration.checked_in_at is not None


def test_an_employer_records_interview_outcomes(page, world):
    participation = ParticipationFactory(
        event=EventFactory(centre=world.centre_x, under_way=True), company=world.company_a, vacancies=[world.vacancy_a]
    )
    slot = InterviewSlotFactory(participation=participation, booked=1)
    # the seeker came and was checked in: only then is there an interview result to record
    registration = RegistrationFactory(event=participation.event, seeker=world.seeker_a, checked_in_at=timezone.now())
    interview = InterviewFactory(
        participation=participation, seeker=world.seeker_a, in_slot=True, slot=slot, registration=registration
    )

    log_in(page, "employer_a")
    page.goto(f"/events/employer/participations/{participation.pk}/")
    assert serious_accessibility_violations(page) == []
    page.select_option(f"#outcome-{interview.pk}", "passed_first")
    page.locator(f"#outcome-{interview.pk} ~ button").click()
    page.wait_for_load_state()

    interview.refresh_from_db()
    assert interview.outcome == Interview.Outcome.PASSED_FIRST
    assert page.locator(".messages").is_visible()


@pytest.mark.parametrize(
    ("principal", "path"),
    [
        ("anonymous", "/events/"),
        ("counselor_x", "/events/manage/"),
        ("counselor_x", "/events/manage/{event}/"),
        ("counselor_x", "/events/manage/{event}/prematching/"),
        ("counselor_x", "/events/manage/{event}/report/"),
        ("counselor_x", "/events/manage/new/"),
        ("counselor_x", "/events/manage/participations/{participation}/"),
        ("seeker_a", "/events/mine/"),
        ("employer_a", "/events/employer/"),
        ("employer_a", "/events/employer/{event}/apply/"),
    ],
)
def test_events_pages_have_no_serious_accessibility_violations(page, world, principal, path):
    event = EventFactory(centre=world.centre_x)
    participation = ParticipationFactory(event=event, company=world.company_a, vacancies=[world.vacancy_a])
    InterviewSlotFactory(participation=participation)
    if principal != "anonymous":
        log_in(page, principal)
    page.goto(path.format(event=event.pk, participation=participation.pk))
    assert page.locator("h1").count() == 1
    assert serious_accessibility_violations(page) == []
