import re

import pytest
from playwright.sync_api import expect

from seekers.models import Booking, Seeker
from tests.browser.conftest import log_in, next_step, serious_accessibility_violations
from tests.seekers.factories import next_working_day

pytestmark = pytest.mark.browser


def test_a_resident_registers_on_the_web_and_books_a_visit(page, world):
    page.goto("/seekers/signup/")
    page.fill("#id_last_name", "정")
    page.fill("#id_first_name", "다은")
    page.fill("#id_username", "jungdaeun")
    page.fill("#id_password", "a-long-passphrase-7")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/seekers/me/register/")
    assert serious_accessibility_violations(page) == []
    page.select_option("#id_booth", str(world.seeker_a.booth_id))
    page.fill("#id_birth_date", "1996-08-15")
    page.fill("#id_phone", "010 2468 1357")
    next_step(page, 2)
    page.check("input[name=desired_occupations][value='81']")  # a chip, not a Ctrl-click list
    page.fill("#id_desired_wage", "2600000")
    next_step(page)
    page.check("#id_consent_collection")
    page.check("#id_consent_sharing")
    page.click("main form.registration-form button[type=submit]")
    page.wait_for_url("**/seekers/me/")
    seeker = Seeker.objects.get(user__username="jungdaeun")
    assert seeker.phone == "010-2468-1357" and seeker.name == "정다은"

    page.click("a[href='/seekers/me/book/']")
    day = next_working_day()
    page.fill("#id_day", day.isoformat())
    page.press("#id_day", "Tab")  # moving on from the typed date (a change) fetches the free times through htmx
    page.wait_for_load_state("networkidle")
    page.locator("input[name=slot]:not([disabled])").first.check()
    assert serious_accessibility_violations(page) == []
    page.fill("#id_topic", "이력서 상담")
    page.click("#booking-form > button[type=submit]")
    page.wait_for_url("**/seekers/me/")
    booking = Booking.objects.get(seeker=seeker)
    assert booking.status == Booking.Status.BOOKED and booking.topic == "이력서 상담"
    assert page.locator("main table tbody tr").count() == 1


def test_a_counselor_registers_a_walk_in_logs_a_consultation_and_finds_them_by_partial_name(page, world):
    log_in(page, "counselor_x")
    page.goto("/seekers/register/")
    page.fill("#id_name", "한지민")
    page.fill("#id_birth_date", "1972-02-20")
    page.fill("#id_phone", "01077778888")
    next_step(page)
    page.fill("#id_career-0-company", "서구물산")
    page.fill("#id_career-0-started_on", "2001-03-01")
    page.fill("#id_career-0-ended_on", "2019-06-30")
    next_step(page)
    page.check("input[name=target_groups][value='5060']")
    next_step(page)
    page.check("#id_consent_collection")
    page.click("main form.registration-form button[type=submit]")
    page.wait_for_url("**/seekers/*/")
    seeker = Seeker.objects.get(name="한지민")
    consent = seeker.consents.get(kind="collection")
    assert consent.taken_by == world.users["counselor_x"] and consent.channel == "booth"
    assert serious_accessibility_violations(page) == []

    page.click(f"a[href='/seekers/{seeker.pk}/consultations/new/']")
    page.select_option("#id_channel", "visit")
    page.check("input[name=topics][value='job_search']")
    page.fill("#id_notes", "경리 사무직 희망, 컴퓨터활용능력 준비")
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/seekers/{seeker.pk}/")
    assert "경리 사무직 희망" in page.locator("#timeline").inner_text()

    page.goto("/seekers/")
    page.fill("#id_name", "지민")
    page.click("main form[role=search] button[type=submit]")
    page.wait_for_selector("#results a:has-text('한지민')")
    assert "010-****-8888" in page.locator("#results").inner_text()
    assert serious_accessibility_violations(page) == []
    page.click("#results a:has-text('한지민')")
    page.wait_for_url(f"**/seekers/{seeker.pk}/")


def test_registration__refused__summarises_the_errors_with_focus_and_keeps_what_was_typed_in_every_step(
    phone_page, world
):
    page = phone_page
    log_in(page, "counselor_x")
    page.goto("/seekers/register/")
    expect(page.locator(".krds-step-wrap li.active")).to_have_count(1)
    page.fill("#id_name", "오세린")
    page.fill("#id_birth_date", "1988-04-02")
    page.fill("#id_phone", "01033334444")
    assert not page.locator("#id_major").is_visible()  # one step at a time
    next_step(page)
    page.fill("#id_major", "회계학")
    next_step(page)
    page.check("input[name=desired_occupations][value='81']")
    next_step(page)
    page.click("main form button[type=submit]")  # without the required consent
    summary = page.locator("#error-summary")
    expect(summary).to_be_focused()
    assert "nothing was saved" in summary.inner_text()
    assert not Seeker.objects.filter(name="오세린").exists()
    assert page.input_value("#id_name") == "오세린" and page.input_value("#id_major") == "회계학"
    assert page.is_checked("input[name=desired_occupations][value='81']")
    summary.locator("a").first.click()  # the error links to its field, in the step that shows now
    page.check("#id_consent_collection")
    page.click("main form button[type=submit]")
    page.wait_for_url(re.compile(r"/seekers/\d+/"))  # the link's #fragment stays on the address
    assert Seeker.objects.get(name="오세린").major == "회계학"


def test_registration__without_javascript__shows_every_step_and_registers(browser, live_server, world):
    from tests.browser.conftest import DESKTOP

    context = browser.new_context(base_url=live_server.url, java_script_enabled=False, viewport=DESKTOP)
    page = context.new_page()
    log_in(page, "counselor_x")
    page.goto("/seekers/register/")
    assert page.locator("[data-step-next]").is_hidden()
    page.fill("#id_name", "윤하람")
    page.fill("#id_birth_date", "1999-09-09")
    page.fill("#id_phone", "01055556666")
    page.fill("#id_major", "전기공학")  # step 2, on the same page
    page.check("#id_consent_collection")  # step 4
    page.click("main form button[type=submit]")
    page.wait_for_url("**/seekers/*/")
    assert Seeker.objects.filter(name="윤하람").exists()
    context.close()
