"""The administrator's pages in a browser (issue 27): an invited counselor logs in with the second factor; a
deactivated counselor's caseload is moved; a closed day cancels its bookings; a consent version is published."""

import datetime
import re

import pytest
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from jobcenter.models import ClosedDay, Notification, User
from seekers.models import Booking, ConsentText
from seekers.services import booth_slots
from tests.browser.conftest import log_in
from tests.factories import UserFactory
from tests.hardening.otp import current_code
from tests.matching.factories import ReferralFactory
from tests.seekers.factories import BookingFactory, SeekerFactory, next_working_day, slot_on

pytestmark = pytest.mark.browser


def test_an_invited_counselor_chooses_a_password_and_logs_in_with_the_second_factor(page, world):
    log_in(page, "admin")
    page.goto("/administration/staff/invite/")
    page.fill("#id_name", "홍길동")
    page.fill("#id_username", "hong.gildong")
    page.fill("#id_email", "hong@example.kr")
    page.select_option("#id_role", "counselor")
    page.select_option("#id_centre", str(world.centre_x.pk))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert page.locator("h1").inner_text() == "홍길동"
    page.click("form[action*=logout] button")
    page.wait_for_load_state()

    mail = Notification.objects.get(recipient="hong@example.kr")
    link = re.search(r"https?://\S+(/accounts/reset/\S+/)", mail.body).group(1)
    page.goto(link)
    page.fill("#id_new_password1", "blue-river-morning-42")
    page.fill("#id_new_password2", "blue-river-morning-42")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/reset/done/")

    page.goto("/accounts/login/")
    page.fill("#id_username", "hong.gildong")
    page.fill("#id_password", "blue-river-morning-42")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/accounts/2fa/setup/**")
    assert page.locator("img[src^='data:image/svg+xml']").count() == 1  # the QR code to scan
    device = TOTPDevice.objects.get(user__username="hong.gildong", confirmed=False)
    page.fill("#id_token", current_code(device))
    page.click("main form button[type=submit]")
    page.wait_for_url("**/worklist/")
    assert "홍길동" in page.locator("header").inner_text()


def test_deactivating_a_counselor_with_open_referrals_then_moving_their_caseload(page, world):
    counselor = world.users["counselor_x"]
    UserFactory(username="counselor_x2", counselor=True, centre=world.centre_x, last_name="박", first_name="새담당")
    ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a)
    second = SeekerFactory(counselor=counselor, booth=world.seeker_a.booth, name="정둘째")

    log_in(page, "admin")
    page.goto(f"/administration/staff/{counselor.pk}/")
    assert world.vacancy_a.title in page.locator("main").inner_text()  # the open referral, listed
    page.click("button[data-confirm=confirm-deactivate]")
    page.click("#confirm-deactivate [data-modal-accept]")
    page.wait_for_url(f"**/administration/staff/{counselor.pk}/reassign/")
    assert world.vacancy_a.title in page.locator("main").inner_text()
    counselor.refresh_from_db()
    assert not counselor.is_active

    page.check("#id_everyone")
    page.select_option("#id_to", str(User.objects.get(username="counselor_x2").pk))
    page.click("main form button[type=submit]")
    page.wait_for_load_state()

    assert "No seeker is left to move." in page.locator("main").inner_text()
    world.seeker_a.refresh_from_db()
    second.refresh_from_db()
    assert world.seeker_a.counselor.username == second.counselor.username == "counselor_x2"


def test_a_closed_day_removes_its_booking_slots_and_tells_the_people_booked(page, world):
    day = next_working_day(timezone.localdate() + datetime.timedelta(days=2))
    world.seeker_a.phone = "010-2468-1357"
    world.seeker_a.save()
    booking = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 10), ends_at=slot_on(day, 10, 30))

    log_in(page, "admin")
    page.goto("/administration/calendar/")
    page.select_option("#id_centre", str(world.centre_x.pk))
    page.fill("#id_date", f"{day:%Y-%m-%d}")
    page.fill("#id_reason", "시설 점검")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    assert world.seeker_a.name in page.locator("table.affected-bookings").inner_text()
    assert page.is_checked("input[name=notify]")
    page.click("main form button[type=submit]")
    page.wait_for_url("**/administration/calendar/")

    assert "시설 점검" in page.locator("table.closed-days").inner_text()
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert "시설 점검" in Notification.objects.get(recipient="010-2468-1357").body
    assert ClosedDay.objects.filter(centre=world.centre_x, date=day).exists()
    assert booth_slots(booth=booking.booth, day=day) == []


def test_publishing_a_new_consent_version_with_an_effective_date(page, world):
    SeekerFactory(consented=["collection", "sharing"])
    effective = timezone.localdate() + datetime.timedelta(days=14)

    latest = ConsentText.objects.filter(kind="sharing").order_by("-version").first()
    log_in(page, "admin")
    page.goto("/administration/consents/")
    page.click("a[href='/administration/consents/sharing/new/']")
    page.fill("#id_text", "채용 알선을 위해 이력 정보를 구인 기업에 제공합니다.\n제공 기간은 알선 종료 후 1년입니다.")
    page.fill("#id_effective_from", f"{effective:%Y-%m-%d}")
    page.click("main form button[type=submit]")
    page.wait_for_load_state()
    preview = page.locator(".consent-preview").inner_text()
    assert "제공 기간은 알선 종료 후 1년입니다." in preview
    assert "1 seeker holds this consent now" in preview
    page.click(".consent-preview button[type=submit]")
    page.wait_for_url("**/administration/consents/")

    newest = ConsentText.objects.filter(kind="sharing").order_by("-version").first()
    assert newest.version == latest.version + 1 and newest.effective_on == effective
    assert "Scheduled" in page.locator("#kind-sharing").locator("xpath=..").inner_text()


def test_changing_a_booths_hours_lists_the_visit_it_leaves_out_tells_the_person_and_the_booking_form_follows(
    page, world
):
    booth = world.seeker_a.booth
    day = next_working_day(timezone.localdate() + datetime.timedelta(days=2))
    world.seeker_a.phone = "010-2468-1357"
    world.seeker_a.save()
    booking = BookingFactory(seeker=world.seeker_a, starts_at=slot_on(day, 9), ends_at=slot_on(day, 9, 30))

    log_in(page, "admin")
    page.goto(f"/administration/centres/{world.centre_x.pk}/")
    page.click(f"a[href='/administration/booths/{booth.pk}/hours/']")
    page.wait_for_url(f"**/administration/booths/{booth.pk}/hours/")
    weekday = day.weekday()
    assert page.input_value(f"#id_hours-{weekday}-opens_at") == "09:00"  # the usual hours, until the booth has its own
    page.fill(f"#id_hours-{weekday}-opens_at", "1000")
    page.fill(f"#id_hours-{weekday}-closes_at", "16:00")
    page.fill(f"#id_hours-{weekday}-break_starts", "")
    page.fill(f"#id_hours-{weekday}-break_ends", "")
    page.fill(f"#id_hours-{weekday}-slot_minutes", "60")
    page.click("#hours-form button[type=submit]")
    page.wait_for_load_state()

    assert world.seeker_a.name in page.locator("table.affected-bookings").inner_text()
    assert page.is_checked("input[name=notify]")
    assert not booth.opening_hours.exists()  # nothing saved before the confirmation
    page.click("button[name=confirm]")
    page.wait_for_url(f"**/administration/booths/{booth.pk}/hours/")
    assert "1 visit outside the new hours was cancelled and the person told" in page.locator("main").inner_text()
    assert page.input_value(f"#id_hours-{weekday}-opens_at") == "10:00"
    booking.refresh_from_db()
    assert booking.status == Booking.Status.CANCELLED
    assert booth.name in Notification.objects.get(recipient="010-2468-1357", key__startswith="hours-cancelled").body
    page.click("form[action*=logout] button")
    page.wait_for_load_state()

    log_in(page, "seeker_a")
    page.goto(f"/seekers/me/book/?booth={booth.pk}&day={day:%Y-%m-%d}")
    times = page.locator("fieldset.slots").inner_text()
    assert "10:00" in times and "15:00" in times and "09:00" not in times and "10:30" not in times
    page.check(f"input[name=slot][value='{slot_on(day, 11).isoformat()}']")
    page.click("#booking-form > button[type=submit]")
    page.wait_for_load_state()
    assert world.seeker_a.bookings.get(status=Booking.Status.BOOKED).starts_at == slot_on(day, 11)
