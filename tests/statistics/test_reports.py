from io import BytesIO
from urllib.parse import unquote

import pytest
from django.urls import reverse

from jobcenter.statistics import services
from jobcenter.statistics.models import (
    PerformanceReport,
    ReportDownload,
    StatisticsMonth,
    StatisticsRecomputation,
)
from tests.statistics.builders import MONTH, build_known_month

pytestmark = pytest.mark.django_db


@pytest.fixture
def report(world, django_capture_on_commit_callbacks):
    build_known_month(world)
    services.statistics_month_compute(month=MONTH)
    with django_capture_on_commit_callbacks(execute=True):
        world.client_for("manager_x").post(reverse("statistics:report_request"), {"month": "2025-03"})
    return PerformanceReport.objects.get()


def test_report_request__generates_excel_with_one_sheet_per_table_and_a_pdf(world, report):
    from openpyxl import load_workbook
    from pypdf import PdfReader

    assert report.status == PerformanceReport.Status.READY  # Celery runs eagerly in tests
    assert report.centre == world.centre_x
    book = load_workbook(BytesIO(bytes(report.xlsx)))
    assert len(book.sheetnames) >= 10
    rates = book[book.sheetnames[0]]
    rows = [[cell.value for cell in row] for row in rates.iter_rows()]
    placement_rate = next(row for row in rows if row[0] == "Placement rate")
    assert placement_rate[1:4] == [50, 2, 4]
    event_rate = next(row for row in rows if row[0] == "Event hire rate")
    assert event_rate[1:4] == [41.4, 63, 152]
    text = "".join(page.extract_text() for page in PdfReader(BytesIO(bytes(report.pdf))).pages)
    assert "Placement rate" in text and "41.4" in text


def test_report_download__asks_for_the_reason_first_and_records_who_when_why(world, report):
    client = world.client_for("manager_x")
    url = reverse("statistics:report_download", kwargs={"pk": report.pk, "format": "xlsx"})

    form = client.get(url)
    refused = client.post(url, {"reason": "  "})
    response = client.post(url, {"reason": "구청 월간 보고"})

    assert form.status_code == 200 and ReportDownload.objects.filter(reason="").count() == 0
    assert refused.status_code == 400
    assert response.status_code == 200
    disposition = unquote(response["Content-Disposition"])
    assert disposition.startswith("attachment; filename*=utf-8''Monthly-performance-report_2025-03_센터-X.xlsx")
    assert response.content == bytes(report.xlsx)
    download = ReportDownload.objects.get()
    assert (download.user, download.reason, download.format) == (world.users["manager_x"], "구청 월간 보고", "xlsx")


def test_report_download__pdf__is_a_pdf(world, report):
    response = world.client_for("admin").post(
        reverse("statistics:report_download", kwargs={"pk": report.pk, "format": "pdf"}), {"reason": "감사 자료"}
    )

    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")


def test_report_download__of_another_centre__is_404(world, report):
    from tests.statistics.factories import PerformanceReportFactory

    other = PerformanceReportFactory(centre=world.centre_y, ready=True)
    response = world.client_for("manager_x").post(
        reverse("statistics:report_download", kwargs={"pk": other.pk, "format": "xlsx"}), {"reason": "보고"}
    )

    assert response.status_code == 404
    assert not ReportDownload.objects.exists()


def test_recompute__by_a_manager__is_logged_with_who_when_why_and_replaces_the_figures(
    world, django_capture_on_commit_callbacks
):
    build_known_month(world)
    client = world.client_for("manager_x")

    refused = client.post(reverse("statistics:recompute"), {"month": "2025-03", "reason": ""})
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("statistics:recompute"), {"month": "2025-03", "reason": "3월 취업 지연 입력"})

    assert refused.status_code == 400
    assert response.status_code == 302
    entry = StatisticsRecomputation.objects.get()
    assert (entry.requested_by, entry.reason) == (world.users["manager_x"], "3월 취업 지연 입력")
    assert entry.finished_at is not None and entry.became_official
    assert StatisticsMonth.objects.get(month=MONTH).status == StatisticsMonth.Status.OFFICIAL


def test_recompute_task__run_twice__does_the_work_once(world):
    entry = StatisticsRecomputation.objects.create(month=MONTH, requested_by=world.users["admin"], reason="점검")

    services.statistics_recompute_run(recomputation_id=entry.pk)
    first = StatisticsMonth.objects.get(month=MONTH).computed_at
    services.statistics_recompute_run(recomputation_id=entry.pk)

    assert StatisticsMonth.objects.get(month=MONTH).computed_at == first


def test_beat_tasks__close_the_last_months_once_and_keep_the_running_month_current(world):
    from jobcenter.statistics.tasks import statistics_close_months, statistics_running_month_refresh
    from jobcenter.tasks import beat_schedule

    closed = statistics_close_months.delay().get()
    again = statistics_close_months.delay().get()
    statistics_running_month_refresh.delay().get()

    assert len(closed) == 2 and again == []
    assert StatisticsMonth.objects.filter(status="official").count() == 2
    running = StatisticsMonth.objects.get(month=services.current_month())
    assert running.status == StatisticsMonth.Status.RUNNING
    assert {"statistics-running-month", "statistics-close-months"} <= set(beat_schedule)
