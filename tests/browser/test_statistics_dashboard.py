"""A manager opens the dashboard, reads this month's placement rate with its definition, follows it to the
records behind it and downloads the monthly Excel report; axe finds nothing serious on the pages."""

import datetime
from io import BytesIO

import pytest
from django.utils import timezone

from jobcenter.statistics import services
from jobcenter.statistics.models import ReportDownload
from tests.browser.conftest import log_in, serious_accessibility_violations
from tests.matching.factories import PlacementFactory
from tests.seekers.factories import ConsultationFactory, SeekerFactory

pytestmark = pytest.mark.browser


@pytest.fixture
def this_month(world):
    """Centre X this month: four seekers served, one placed (25.0%)."""
    today = timezone.localdate()
    now = timezone.now()
    booth = world.seeker_a.booth
    seekers = [SeekerFactory(booth=booth, name=name) for name in ("박민준", "최서연", "정하늘", "한지우")]
    for seeker in seekers:
        ConsultationFactory(seeker=seeker, counselor=world.users["counselor_x"], started_at=now)
    PlacementFactory(seeker=seekers[0], start_date=today.replace(day=1) + datetime.timedelta(days=today.day - 1))
    services.statistics_running_month_refresh()
    return seekers


def test_a_manager_reads_the_placement_rate_follows_it_to_the_records_and_downloads_the_excel_report(
    page, world, this_month
):
    log_in(page, "manager_x")
    page.goto("/dashboard/")
    assert serious_accessibility_violations(page) == []

    card = page.locator("#rate-placement_rate")
    assert "25.0%" in card.locator(".stat-value").inner_text()
    assert "÷" in card.inner_text()
    assert card.locator(".stat-definition").inner_text()  # the definition is on screen
    page.wait_for_function("document.querySelector('#stat-chart-counts').width > 0")  # the chart was drawn

    card.locator(".stat-divides a").first.click()
    page.wait_for_url("**/statistics/records/**")
    assert "/statistics/records/" in page.url
    table = page.locator("table.stat-records")
    assert table.locator("tbody tr").count() == 1
    assert "박*준" in table.inner_text() and "박민준" not in table.inner_text()
    assert serious_accessibility_violations(page) == []

    page.goto("/statistics/reports/")
    assert serious_accessibility_violations(page) == []
    page.click("main form button[type=submit]")  # generate last month's report (Celery runs eagerly)
    page.wait_for_load_state()
    page.get_by_role("link", name="Excel").first.click()
    page.wait_for_load_state()
    assert serious_accessibility_violations(page) == []
    page.fill("#id_reason", "구청 월간 실적보고")
    with page.expect_download() as download_info:
        page.click("main form button[type=submit]")
    path = download_info.value.path()

    from openpyxl import load_workbook

    with open(path, "rb") as handle:
        book = load_workbook(BytesIO(handle.read()))
    assert len(book.sheetnames) >= 8
    assert ReportDownload.objects.get().reason == "구청 월간 실적보고"

    page.goto("/statistics/recompute/")
    assert serious_accessibility_violations(page) == []


def test_a_counselor_sees_only_their_own_figures_without_serious_accessibility_violations(page, world, this_month):
    log_in(page, "counselor_x")
    page.goto("/dashboard/")
    assert page.locator("#figure-seekers_served .stat-value").inner_text().split()[0] == "0"  # none is X's
    assert serious_accessibility_violations(page) == []
