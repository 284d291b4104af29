import pytest

from seekers.models import Booking, Seeker
from tests.browser.conftest import log_in, serious_accessibility_violations
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
    page.select_option("#id_desired_occupations", ["81"])
    page.fill("#id_desired_wage", "2600000")
    page.check("#id_consent_collection")
    page.check("#id_consent_sharing")
    page.click("main form.registration-form button[type=submit]")
    page.wait_for_url("**/seekers/me/")
    seeker = Seeker.objects.get(user__username="jungdaeun")
    assert seeker.phone == "010-2468-1357" and seeker.name == "정다은"

    page.click("a[href='/seekers/me/book/']")
    day = next_working_day()
    page.fill("#id_day", day.isoformat())
    page.wait_for_load_state("networkidle")  # the free times arrive through htmx
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
    page.check("input[name=target_groups][value='5060']")
    page.fill("#id_career-0-company", "서구물산")
    page.fill("#id_career-0-started_on", "2001-03-01")
    page.fill("#id_career-0-ended_on", "2019-06-30")
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
