"""Notice templates (issue 27, "Texts"): the administrator's own subject and text for an e-mail or text message,
with only the variables each notice declares, a preview, and "restore the default"."""

import ast
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jobcenter.administration.services import notice_template_restore, notice_template_save
from jobcenter.formatting import datetime_text
from jobcenter.models import NoticeTemplateOverride, Notification
from jobcenter.notice_templates import NOTICE_TEMPLATES
from jobcenter.notifications import notify
from jobcenter.security.models import SecurityEvent
from tests.seekers.factories import BookingFactory

pytestmark = pytest.mark.django_db

EDIT = "administration:notice_template_edit"


def _booking_notice(booking) -> Notification:
    with transaction.atomic():
        (sent,) = notify(
            template="seekers_booking_confirmed",
            context={"booking": booking, "seeker": booking.seeker, "booth": booking.booth},
            email="notice@example.kr",
        )
    return sent


def test_a_saved_text__is_what_the_next_notice_says__with_the_values_filled_in(world, korean):
    booking = BookingFactory(seeker=world.seeker_a)

    notice_template_save(
        template="seekers_booking_confirmed",
        subject="{{ centre }} 방문상담 예약",
        body="{{ name }}님, {{ when }}에 {{ booth }}에서 뵙겠습니다.",
        by=world.users["admin"],
    )
    sent = _booking_notice(booking)

    assert sent.subject == f"{booking.booth.centre.name} 방문상담 예약"
    when = datetime_text(booking.starts_at)  # the time, written as in every other notice
    assert "오전" in when or "오후" in when
    assert sent.body == f"{booking.seeker.name}님, {when}에 {booking.booth.name}에서 뵙겠습니다."
    assert SecurityEvent.objects.filter(kind="notice_changed", detail="seekers_booking_confirmed").exists()


@pytest.mark.parametrize(
    "body, says",
    [
        ("{{ name }}님, 비밀번호는 {{ password }}입니다.", "{{ password }}"),
        ("{{ seeker.phone }}", "without filters, tags or other"),
        ("{{ name|upper }}", "without filters, tags or other"),
        ("{% if name %}{{ name }}{% endif %}", "without filters, tags or other"),
        ("{% load static %}{{ name }}", "without filters, tags or other"),
        ("{{ name }", "without filters, tags or other"),
    ],
)
def test_an_unknown_variable_or_template_code__is_refused_and_nothing_is_saved(world, body, says):
    with pytest.raises(ValidationError) as refused:
        notice_template_save(
            template="seekers_booking_confirmed", subject="예약 안내", body=body, by=world.users["admin"]
        )

    assert says in str(refused.value) and not NoticeTemplateOverride.objects.exists()


def test_the_refusal_on_the_page__is_in_korean_and_names_the_accepted_variables(world, korean):
    response = world.client_for("admin").post(
        reverse(EDIT, args=["seekers_booking_confirmed"]),
        {"subject": "예약 안내", "body": "{{ name }}님 {{ birth_date }}", "save": "1"},
    )

    page = response.content.decode()
    assert response.status_code == 400 and "{{ birth_date }}" in page and "{{ when }}" in page
    assert "This notice has no variable" not in page and not NoticeTemplateOverride.objects.exists()


def test_restoring_the_default__sends_the_built_in_text_again_and_is_logged(world):
    booking = BookingFactory(seeker=world.seeker_a)
    notice_template_save(
        template="seekers_booking_confirmed",
        subject="바뀐 제목",
        body="{{ name }}님 안녕하세요",
        by=world.users["admin"],
    )

    response = world.client_for("admin").post(
        reverse("administration:notice_template_restore", args=["seekers_booking_confirmed"]), {"confirm": "1"}
    )

    assert response.status_code == 302 and not NoticeTemplateOverride.objects.exists()
    assert _booking_notice(booking).subject != "바뀐 제목"
    assert SecurityEvent.objects.filter(kind="notice_restored", detail="seekers_booking_confirmed").exists()
    assert notice_template_restore(template="seekers_booking_confirmed", by=world.users["admin"]) is False


def test_an_edit_and_a_restore__reach_the_next_notice__though_the_notices_before_read_the_cache(world):
    booking = BookingFactory(seeker=world.seeker_a)
    built_in = _booking_notice(booking).subject  # the overrides (none yet) are now in the cache
    notice_template_save(
        template="seekers_booking_confirmed", subject="바뀐 제목", body="{{ name }}님", by=world.users["admin"]
    )
    assert _booking_notice(booking).subject == "바뀐 제목"
    notice_template_restore(template="seekers_booking_confirmed", by=world.users["admin"])
    assert _booking_notice(booking).subject == built_in


def test_two_notices__read_the_overrides_once__not_once_each(world):
    booking = BookingFactory(seeker=world.seeker_a)

    def override_reads() -> int:
        with CaptureQueriesContext(connection) as queries:
            _booking_notice(booking)
            _booking_notice(booking)
        return sum("noticetemplateoverride" in query["sql"] for query in queries.captured_queries)

    assert override_reads() == 1  # the first notice fills the cache
    assert override_reads() == 0


def test_the_preview__shows_the_text_with_sample_values_and_saves_nothing(world):
    response = world.client_for("admin").post(
        reverse(EDIT, args=["seekers_booking_confirmed"]),
        {"subject": "{{ centre }} 예약", "body": "{{ name }}님, {{ location }}으로 오세요.", "preview": "1"},
    )

    page = response.content.decode()
    assert "서구 일자리센터 예약" in page and "김민수님, 2층으로 오세요." in page
    assert not NoticeTemplateOverride.objects.exists()


def test_the_edit_page_starts_from_the_built_in_text__written_with_variables(world, korean):
    page = world.client_for("admin").get(reverse(EDIT, args=["seekers_booking_confirmed"])).content.decode()

    assert "{{ name }}님, 방문상담이 {{ when }}" in page


def test_the_list__names_every_notice_and_a_manager_reads_it_without_an_edit_button(world, korean):
    page = world.client_for("manager_x").get(reverse("administration:notice_templates")).content.decode()
    detail = (
        world.client_for("manager_x")
        .get(reverse("administration:notice_template", args=["seekers_claim_code"]))
        .content.decode()
    )

    assert len(set(re.findall(r'href="/administration/notices/(\w+)/"', page))) == len(NOTICE_TEMPLATES)
    assert "문자" in detail and reverse(EDIT, args=["seekers_claim_code"]) not in detail


@pytest.mark.parametrize("principal", ["manager_x", "counselor_x"])
def test_managers_and_counselors__cannot_change_a_notice(world, principal, korean):
    response = world.client_for(principal).post(
        reverse(EDIT, args=["seekers_claim_code"]), {"subject": "x", "body": "{{ code }}", "save": "1"}
    )

    assert response.status_code == 403 and not NoticeTemplateOverride.objects.exists()


# --- The registry: every notice the code sends is declared, with a file --------------------------------------


def _notify_templates() -> set[str]:
    """Every template name a call of notify() (or of a helper whose name ends in _notify / starts with _notify_,
    or _send_registration_notice) passes, as a literal string, anywhere in the project's code."""
    names = set()
    root = Path(settings.BASE_DIR)
    files = [path for path in root.rglob("*.py") if not {".venv", ".pgdata", "tests", "node_modules"} & set(path.parts)]
    for path in files:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", "")
            if not (func.endswith("notify") or func.startswith("_notify_") or func == "_send_registration_notice"):
                continue
            for argument in [*node.args, *(keyword.value for keyword in node.keywords)]:
                for constant in ast.walk(argument):
                    if (
                        isinstance(constant, ast.Constant)
                        and isinstance(constant.value, str)
                        and (root / "templates" / "emails" / f"{constant.value}.txt").exists()
                    ):
                        names.add(constant.value)
    return names


def test_every_template_notify_is_called_with__is_declared_with_its_variables():
    called = _notify_templates()
    files = {path.stem for path in (Path(settings.BASE_DIR) / "templates" / "emails").glob("*.txt")}

    assert len(called) > 20 and called <= set(NOTICE_TEMPLATES)
    assert set(NOTICE_TEMPLATES) == files
