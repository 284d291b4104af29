import io

import pytest
from django.urls import reverse
from pypdf import PdfReader

from employers.bulletin import bulletin_issue
from employers.models import Bulletin, Company, ImportBatch, Vacancy
from employers.tasks import bulletins_issue
from tests.employers.factories import business_number

pytestmark = pytest.mark.django_db


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


def test_bulletin__pdf_is_a4_and_contains_the_korean_vacancies_grouped_by_occupation(world):
    bulletin = bulletin_issue(centre_id=world.centre_x.pk)
    reader = PdfReader(io.BytesIO(bytes(bulletin.pdf)))
    width, height = float(reader.pages[0].mediabox.width), float(reader.pages[0].mediabox.height)
    assert (round(width), round(height)) == (595, 842)
    text = pdf_text(bytes(bulletin.pdf))
    assert "A사 생산직" in text and "가나다(주)" in text
    assert "설치·정비·생산직" in text or "81" in text
    assert "B사 사무직" not in text  # another centre's vacancy


def test_bulletin_task__issues_one_per_centre_and_is_idempotent_on_the_same_day(world):
    bulletins_issue.delay().get()
    bulletins_issue.delay().get()
    assert Bulletin.objects.filter(centre=world.centre_x).count() == 1


def test_bulletin__counselor_issues_and_downloads_it(world):
    client = world.client_for("counselor_x")
    client.post(reverse("employers:bulletin_generate"))
    bulletin = Bulletin.objects.get(centre=world.centre_x)
    response = client.get(reverse("employers:bulletin_download", kwargs={"pk": bulletin.pk}))
    assert response["Content-Type"] == "application/pdf"
    assert "A사 생산직" in pdf_text(response.content)


COMPANIES_CSV = (
    "external_ref,business_number,name,representative,industry,size,region,address,contact_name,contact_phone,contact_email\n"
    f"C-1,{business_number(501)},서구정밀(주),김대표,C,5-49,2826053000,청라로 1,김담당,032-000-0001,a@example.kr\n"
    f"C-2,{business_number(502)},가정식당,이대표,I,1-4,2826054000,가정로 2,이담당,032-000-0002,\n"
)


def upload(client, kind: str, name: str, content: bytes):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post(reverse("employers:import_new"), {"kind": kind, "file": SimpleUploadedFile(name, content)})
    return ImportBatch.objects.latest("pk"), response


def test_import_companies__preview_then_import__and_the_same_file_again_creates_nothing(world):
    client = world.client_for("counselor_x")
    batch, response = upload(client, "companies", "companies.csv", COMPANIES_CSV.encode())
    assert response["Location"] == reverse("employers:import_preview", kwargs={"pk": batch.pk})
    assert not Company.objects.filter(name="서구정밀(주)").exists()
    client.post(reverse("employers:import_preview", kwargs={"pk": batch.pk}))
    assert Company.objects.filter(centre=world.centre_x, external_ref__in=["C-1", "C-2"], source="import").count() == 2
    again, _ = upload(client, "companies", "companies.csv", COMPANIES_CSV.encode())
    client.post(reverse("employers:import_preview", kwargs={"pk": again.pk}))
    again.refresh_from_db()
    assert (again.created_count, again.unchanged_count) == (0, 2)
    assert Company.objects.filter(external_ref__in=["C-1", "C-2"]).count() == 2


def test_import__a_file_with_an_error_row__shows_the_row_error_and_saves_nothing(world):
    client = world.client_for("counselor_x")
    bad = COMPANIES_CSV + "C-3,1234567890,잘못된번호,,,,2826053000,,,,\n"
    batch, _ = upload(client, "companies", "companies.csv", bad.encode())
    page = client.get(reverse("employers:import_preview", kwargs={"pk": batch.pk}), HTTP_ACCEPT_LANGUAGE="en")
    body = page.content.decode()
    assert "check digit" in body and "Import now" not in body
    client.post(reverse("employers:import_preview", kwargs={"pk": batch.pk}))
    assert not Company.objects.filter(external_ref__startswith="C-").exists()


def test_import_vacancies__from_excel__publishes_and_refuses_sub_minimum_wage(world):
    from openpyxl import Workbook

    def workbook(rows) -> bytes:
        book = Workbook()
        sheet = book.active
        sheet.append(
            ["external_ref", "business_number", "title", "occupation", "duties", "wage_amount", "region", "publish"]
        )
        for row in rows:
            sheet.append(row)
        buffer = io.BytesIO()
        book.save(buffer)
        return buffer.getvalue()

    number = world.company_a.business_number
    client = world.client_for("counselor_x")
    bad, _ = upload(
        client,
        "vacancies",
        "v.xlsx",
        workbook([["V-1", number, "경비원", "53", "야간 경비", 1_000_000, "2826053000", "yes"]]),
    )
    assert (
        "minimum wage"
        in client.get(
            reverse("employers:import_preview", kwargs={"pk": bad.pk}), HTTP_ACCEPT_LANGUAGE="en"
        ).content.decode()
    )
    good, _ = upload(
        client,
        "vacancies",
        "v.xlsx",
        workbook([["V-1", number, "경비원", "53", "야간 경비", 2_300_000, "2826053000", "yes"]]),
    )
    client.post(reverse("employers:import_preview", kwargs={"pk": good.pk}))
    vacancy = Vacancy.objects.get(centre=world.centre_x, external_ref="V-1")
    assert vacancy.status == "published" and vacancy.source == "import"


def test_import_preview__of_another_centre__is_404(world):
    batch = ImportBatch.objects.create(centre=world.centre_y, kind="companies", filename="y.csv", content=b"")
    response = world.client_for("counselor_x").get(reverse("employers:import_preview", kwargs={"pk": batch.pk}))
    assert response.status_code == 404
