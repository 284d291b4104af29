"""Dates, times, ranges, money and particles are written the way ../shared/glossary.md says."""

import datetime
import zoneinfo
from urllib.parse import unquote

import pytest
from django.template import Context, Template
from django.utils import translation

from jobcenter.formatting import (
    date_iso,
    date_range,
    date_text,
    datetime_text,
    download_name,
    money,
    particle,
    time_range,
    time_text,
)

SEOUL = zoneinfo.ZoneInfo("Asia/Seoul")
DAY = datetime.date(2027, 1, 5)  # a Tuesday


@pytest.fixture(autouse=True)
def korean():
    with translation.override("ko"):
        yield


def test_date__official_korean_style_with_and_without_weekday():
    assert date_text(DAY) == "2027. 1. 5."
    assert date_text(DAY, weekday=True) == "2027. 1. 5.(화)"
    assert date_iso(DAY) == "2027-01-05"


def test_date__of_an_aware_datetime_is_the_local_day():
    late_evening_utc = datetime.datetime(2027, 1, 5, 16, 30, tzinfo=datetime.UTC)  # 01:30 on the 6th in Seoul
    assert date_text(late_evening_utc) == "2027. 1. 6."


def test_time__morning_and_afternoon_come_first():
    assert time_text(datetime.time(9, 0)) == "오전 9:00"
    assert time_text(datetime.time(14, 5)) == "오후 2:05"
    assert time_text(datetime.time(12, 0)) == "오후 12:00"
    assert time_text(datetime.time(0, 30)) == "오전 12:30"


def test_time_range__shares_the_half_of_day_or_names_both():
    assert time_range(datetime.time(14), datetime.time(16)) == "오후 2:00~4:00"
    assert time_range(datetime.time(11), datetime.time(13)) == "오전 11:00~오후 1:00"


def test_time_range__of_datetimes_on_one_day_starts_with_the_date():
    start = datetime.datetime(2027, 1, 5, 14, tzinfo=SEOUL)
    assert time_range(start, start + datetime.timedelta(hours=2), weekday=True) == "2027. 1. 5.(화) 오후 2:00~4:00"
    assert datetime_text(start) == "2027. 1. 5. 오후 2:00"


def test_date_range__within_a_year_and_across_one():
    assert date_range(DAY, datetime.date(2027, 1, 9)) == "2027. 1. 5.~1. 9."
    assert date_range(datetime.date(2026, 12, 28), DAY) == "2026. 12. 28.~2027. 1. 5."
    assert date_range(DAY, DAY) == "2027. 1. 5."


def test_money__thousands_separators_and_won_without_a_space():
    assert money(2800000) == "2,800,000원"
    assert money(10320, wage_type="hourly") == "시급 10,320원"
    assert money(2156880, wage_type="monthly") == "월급 2,156,880원"


@pytest.mark.parametrize(
    ("word", "pair", "expected"),
    [
        ("기업", "이/가", "기업이"),
        ("센터", "이/가", "센터가"),
        ("청라정밀(주)", "이/가", "청라정밀(주)가"),
        ("김민준", "을/를", "김민준을"),
        ("이서연", "을/를", "이서연을"),
        ("상담사", "은/는", "상담사는"),
        ("서울", "으로/로", "서울로"),
        ("면접 완료", "으로/로", "면접 완료로"),
        ("채용", "으로/로", "채용으로"),
        ("ABC", "이/가", "ABC가"),
        ("CNC", "을/를", "CNC를"),
        ("3", "을/를", "3을"),
    ],
)
def test_particle__follows_the_final_consonant(word, pair, expected):
    assert particle(word, pair) == expected


def test_english__same_information_in_english_order():
    with translation.override("en"):
        assert date_text(DAY, weekday=True) == "Tue 5 Jan 2027"
        assert time_text(datetime.time(9)) == "9:00 AM"
        assert money(2800000) == "KRW 2,800,000"


def test_template_filters__are_available_in_every_template_without_load():
    rendered = Template(
        "{{ day|date_text:'weekday' }} | {{ start|time_range:end }} | {{ pay|won:'hourly' }} | {{ name|josa:'이/가' }}"
    ).render(Context({"day": DAY, "start": datetime.time(14), "end": datetime.time(16), "pay": 10320, "name": "기업"}))
    assert rendered == "2027. 1. 5.(화) | 오후 2:00~4:00 | 시급 10,320원 | 기업이"


def test_download_name__is_korean_without_spaces_and_keeps_no_path_characters():
    name = download_name("월간 실적 보고", "2026-11", "인천 서구", extension="xlsx")
    assert name == "월간실적보고_2026-11_인천서구.xlsx"
    assert download_name("A/B: 안내", "", extension="pdf") == "AB안내.pdf"
    with translation.override("en"):
        assert download_name("Monthly report", "2026-11", extension="pdf") == "Monthly-report_2026-11.pdf"


def test_download__of_the_monthly_report_in_korean_has_a_korean_file_name(world, settings):
    settings.LANGUAGE_CODE = "ko"
    from jobcenter.statistics.models import PerformanceReport

    report = PerformanceReport.objects.create(
        month=datetime.date(2026, 11, 1),
        centre=world.centre_x,
        status="ready",
        xlsx=b"PK",
        pdf=b"%PDF",
        requested_by=world.users["manager_x"],
    )
    from jobcenter.statistics.views import _report_file

    disposition = unquote(_report_file(report, "xlsx")["Content-Disposition"])
    centre = world.centre_x.name.replace(" ", "")
    assert disposition == f"attachment; filename*=utf-8''월간실적보고_2026-11_{centre}.xlsx"


def test_job_board_and_job_page__in_korean__write_money_and_dates_the_glossary_way(world, settings):
    from django.urls import reverse

    from tests.employers.factories import VacancyFactory

    settings.LANGUAGE_CODE = "ko"
    vacancy = VacancyFactory(
        company=world.company_a, published=True, wage_type="monthly", wage_amount=2800000, deadline=DAY
    )
    client = world.client_for("anonymous")
    board = client.get(reverse("employers:board"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    job = client.get(reverse("employers:job", kwargs={"pk": vacancy.pk}), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    for page in (board, job):
        assert "월급 2,800,000원" in page
        assert "2800000" not in page and "2027-1-5" not in page
    assert "2027. 1. 5." in board
