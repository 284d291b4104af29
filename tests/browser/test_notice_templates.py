"""The administrator rewrites a notice in a browser (issue 27, "Texts"): the variables and a preview with sample
values, then the next notice of that kind carries the new text; "restore the default" brings the built-in one back."""

import pytest
from django.db import transaction
from django.utils import translation

from jobcenter.formatting import datetime_text
from jobcenter.models import NoticeTemplateOverride
from jobcenter.notifications import notify
from tests.browser.conftest import log_in
from tests.seekers.factories import BookingFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def korean_catalogue(settings, tmp_path):
    """The checked-in Korean catalogue, compiled here (the .mo files are not in git), as tests/administration does."""
    import shutil

    import polib

    target = tmp_path / "locale"
    shutil.copytree(settings.BASE_DIR / "locale", target, ignore=shutil.ignore_patterns("*.mo"))
    for po_path in target.glob("*/LC_MESSAGES/*.po"):
        polib.pofile(str(po_path)).save_as_mofile(str(po_path.with_suffix(".mo")))
    settings.LOCALE_PATHS = [target]


def _send_booking_notice(booking):
    with transaction.atomic():
        (sent,) = notify(
            template="seekers_booking_confirmed",
            context={"booking": booking, "seeker": booking.seeker, "booth": booking.booth},
            email="seeker@example.kr",
        )
    return sent


def test_the_administrator_rewrites_a_notice__previews_it__and_the_next_one_says_it(
    korean_page, world, korean_catalogue
):
    page = korean_page
    log_in(page, "admin")
    page.goto("/administration/notices/")
    page.get_by_role("link", name="방문상담이 예약될 때").click()
    page.wait_for_load_state()
    assert "{{ when }}" in page.locator("table").inner_text()  # the variables it accepts
    page.get_by_role("link", name="수정").click()
    page.wait_for_load_state()
    assert "{{ name }}님, 방문상담이 {{ when }}" in page.input_value("#id_body")  # starts from the built-in text

    page.fill("#id_subject", "[{{ centre }}] 방문상담 예약 확인")
    page.fill("#id_body", "{{ name }}님, {{ when }}에 {{ booth }}({{ location }})에서 기다리겠습니다.")
    page.get_by_role("button", name="미리 보기").click()
    page.wait_for_load_state()
    assert page.get_by_test_id("preview-subject").inner_text() == "[서구 일자리센터] 방문상담 예약 확인"
    assert (
        page.get_by_test_id("preview-body").inner_text()
        == "김민수님, 2026. 12. 8. 오후 2:00에 신중년 창구(2층)에서 기다리겠습니다."
    )
    assert not NoticeTemplateOverride.objects.exists()  # a preview saves nothing

    page.fill("#id_body", "{{ name }}님, {{ birthday }}")  # a variable this notice does not have
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    assert "이 안내문에는 {{ birthday }} 변수가 없습니다" in page.locator("main").inner_text()
    assert not NoticeTemplateOverride.objects.exists()

    page.fill("#id_body", "{{ name }}님, {{ when }}에 {{ booth }}({{ location }})에서 기다리겠습니다.")
    page.get_by_role("button", name="저장").click()
    page.wait_for_load_state()
    assert "지금부터 발송되는 안내문에 이 문구가 쓰입니다" in page.locator("main").inner_text()

    booking = BookingFactory(seeker=world.seeker_a)
    sent = _send_booking_notice(booking)
    assert sent.subject == f"[{booking.booth.centre.name}] 방문상담 예약 확인"
    when = datetime_text(booking.starts_at)
    assert (
        sent.body
        == f"{booking.seeker.name}님, {when}에 {booking.booth.name}({booking.booth.location})에서 기다리겠습니다."
    )

    page.get_by_role("button", name="기본 문구로 되돌리기").click()  # asks first (KRDS modal)
    page.locator("dialog[open] button", has_text="기본 문구로 되돌리기").click()
    page.wait_for_load_state()
    assert "기본 문구로 되돌렸습니다" in page.locator("main").inner_text()
    with translation.override("ko"):  # the built-in text again, in the seeker's language
        assert _send_booking_notice(BookingFactory(seeker=world.seeker_b)).subject == "방문상담이 예약되었습니다"
