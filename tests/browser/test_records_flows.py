"""Records a centre can trust, walked through in a browser: a fair day from sign-up to a corrected outcome, and a
training cohort from attendance to its certificate."""

import datetime
import re

import pytest
from django.utils import timezone

from events import services as event_services
from events.models import Event, EventLogEntry, Interview, Registration
from matching.models import Placement
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.events.factories import EventFactory, ParticipationFactory, RegistrationFactory
from tests.matching.factories import give_consent

pytestmark = pytest.mark.browser


def test_a_fair_day_from_sign_up_to_a_corrected_outcome(page, world):
    give_consent(world.seeker_a)
    fair = EventFactory(centre=world.centre_x, title="서구 채용한마당")
    participation = ParticipationFactory(event=fair, company=world.company_a, vacancies=[world.vacancy_a])

    # The resident signs up on the public page.
    log_in(page, "seeker_a")
    page.goto(f"/events/{fair.pk}/")
    page.locator(f"form[action$='/events/{fair.pk}/sign-up/'] button[type=submit]").click()
    page.wait_for_load_state()
    registration = Registration.objects.get(event=fair, seeker=world.seeker_a)
    page.context.clear_cookies()

    # Before the day, the counselor cannot check the resident in: only on the event's day.
    log_in(page, "counselor_x")
    page.goto(f"/events/manage/{fair.pk}/check-in/")
    page.fill("#id_code", registration.code)
    page.locator("main form button.button-large").click()
    page.wait_for_load_state()
    registration.refresh_from_db()
    assert registration.checked_in_at is None
    assert "only on the day of the event" in page.locator("main").inner_text()

    # The day comes: check-in, then the hire recorded at the booth.
    Event.objects.filter(pk=fair.pk).update(
        starts_at=timezone.now() - datetime.timedelta(hours=1), ends_at=timezone.now() + datetime.timedelta(hours=5)
    )
    page.goto(f"/events/manage/{fair.pk}/check-in/")
    page.fill("#id_code", registration.code)
    page.locator("main form button.button-large").click()
    page.wait_for_load_state()
    registration.refresh_from_db()
    assert registration.checked_in_at is not None
    page.goto(f"/events/participations/{participation.pk}/on-the-spot/")
    page.fill("#id_code", registration.code)
    page.select_option("#id_outcome", "hired")
    page.locator("main form button.button-large").click()
    page.wait_for_load_state()
    interview = Interview.objects.get(seeker=world.seeker_a)
    world.vacancy_a.refresh_from_db()
    assert interview.outcome == Interview.Outcome.HIRED and Placement.objects.count() == 1
    assert world.vacancy_a.openings_filled == 1

    # It was the wrong person's hire: the counselor corrects it with a reason, on a step that says what happens.
    page.goto(f"/events/manage/participations/{participation.pk}/")
    page.locator(f"a[href$='/events/interviews/{interview.pk}/correct/']").click()
    page.wait_for_url(re.compile(r"/correct/$"))
    assert "removes the placement" in page.locator("main").inner_text()
    assert serious_accessibility_violations(page) == []
    page.fill("#id_c-reason", "다른 구직자의 채용을 잘못 입력함")
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/participations/\d+/$"))
    interview.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    assert interview.outcome == Interview.Outcome.SCHEDULED
    assert not Placement.objects.exists() and world.vacancy_a.openings_filled == 0
    log = EventLogEntry.objects.get(action="outcome_corrected")
    assert (log.note, log.by) == ("다른 구직자의 채용을 잘못 입력함", world.users["counselor_x"])

    # The right outcome is recorded on the same page.
    page.select_option(f"#outcome-{interview.pk}", "interviewed")
    page.locator(f"#outcome-{interview.pk} ~ button").click()
    page.wait_for_load_state()
    interview.refresh_from_db()
    assert interview.outcome == Interview.Outcome.INTERVIEWED


def test_a_training_cohort_from_attendance_to_its_certificate(page, world):
    tz = timezone.get_current_timezone()
    first = timezone.localdate() - datetime.timedelta(days=12)
    cohort = event_services.event_create(
        by=world.users["counselor_x"],
        centre=world.centre_x,
        kind="training",
        title="청년 취업 역량 과정",
        venue="시청 취업교육장",
        starts_at=datetime.datetime.combine(first, datetime.time(10), tzinfo=tz),
        ends_at=datetime.datetime.combine(first + datetime.timedelta(days=9), datetime.time(13), tzinfo=tz),
        session_weekdays=[0, 1, 2, 3, 4, 5, 6],
        state="open",
    )
    registration = RegistrationFactory(event=cohort, seeker=world.seeker_a)
    sessions = list(cohort.sessions.order_by("starts_at"))
    assert len(sessions) >= 5

    # The counselor takes attendance session by session; the resident misses one.
    log_in(page, "counselor_x")
    for index, session in enumerate(sessions):
        page.goto(f"/events/manage/sessions/{session.pk}/")
        box = page.locator(f"#present-{registration.pk}")
        if index == 1:
            box.uncheck()
        else:
            box.check()
        page.locator("main form button[type=submit]").first.click()
        page.wait_for_load_state()
    assert serious_accessibility_violations(page) == []
    registration.refresh_from_db()
    attended = len(sessions) - 1
    assert attended * 100 >= cohort.completion_percent * len(sessions)  # e.g. 9 of 10 ≥ 80 %
    assert registration.completed_at is not None
    page.goto(f"/events/manage/{cohort.pk}/report/")
    report = page.locator("#cohort-report").inner_text()  # sessions, attendance and completions, no fair columns
    assert f"{len(sessions)} of {len(sessions)} held" in report and "Hire rate" not in page.locator("main").inner_text()
    assert f"{attended * 100 / len(sessions):.1f}%" in report
    page.context.clear_cookies()

    # The resident downloads the certificate (수료증) from their page.
    log_in(page, "seeker_a")
    page.goto(f"/events/mine/{registration.pk}/")
    link = page.locator(f"a[href$='/registrations/{registration.pk}/certificate.pdf']")
    assert link.count() == 1
    response = page.request.get(link.get_attribute("href"))
    assert response.headers["content-type"] == "application/pdf" and response.body().startswith(b"%PDF")
