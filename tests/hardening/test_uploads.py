"""Uploads: one validator (jobcenter/security/uploads.py) behind every import form; hostile files refused
with a message, nothing stored; every download is served as an attachment with Content-Disposition."""

import io
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from employers.models import ImportBatch
from jobcenter.security.uploads import validate_upload
from seekers.models import Seeker
from tests.access_table import ROUTES


def xlsx_bytes() -> bytes:
    workbook = Workbook()
    workbook.active.append(["name", "birth_date", "phone"])
    workbook.active.append(["김업로드", "1990-01-01", "010-1234-5678"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def zip_bomb() -> bytes:
    """A valid-looking .xlsx whose one member unpacks to 200 MB of zeros (a few hundred kB packed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        with archive.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as member:
            chunk = b"\0" * (1024 * 1024)
            for _ in range(200):
                member.write(chunk)
    return buffer.getvalue()


GOOD_CSV = "name,birth_date,phone\n김업로드,1990-01-01,010-1234-5678\n".encode()
HOSTILE = {
    "csv named .xlsx (wrong magic bytes)": ("people.xlsx", GOOD_CSV, "not an Excel workbook"),
    "zip without [Content_Types].xml": ("people.xlsx", b"PK\x03\x04" + b"\0" * 100, "not an Excel workbook"),
    "executable named .csv": ("people.csv", b"MZ\x90\x00" + b"\0" * 64, "not a CSV text file"),
    "csv with NUL bytes": ("people.csv", b"name\x00,phone\n", "not a CSV text file"),
    "neither UTF-8 nor CP949": ("people.csv", b"name\n\xff\xfe\xfa\xfb\n", "neither UTF-8 nor CP949"),
    "path as the name": ("../../etc/passwd", b"root:x:0:0:root:/root:/bin/bash\n", "kinds"),
    "path with an allowed extension": ("..\\..\\etc\\passwd.csv", GOOD_CSV, "not a plain file name"),
    "hidden file": (".htaccess.csv", GOOD_CSV, "not a plain file name"),
    "no extension": ("people", GOOD_CSV, "kinds"),
    "empty": ("people.csv", b"", "empty"),
}


@pytest.mark.parametrize("case", list(HOSTILE), ids=list(HOSTILE))
def test_validate_upload__refuses_a_hostile_file_with_a_message(case, settings):
    settings.LANGUAGE_CODE = "en"
    name, content, message = HOSTILE[case]
    with pytest.raises(ValidationError, match=message):
        validate_upload(SimpleUploadedFile(name, content))


def test_validate_upload__refuses_an_oversize_file_and_a_zip_bomb(settings):
    settings.UPLOAD_MAX_BYTES = 1024
    with pytest.raises(ValidationError, match="larger than"):
        validate_upload(SimpleUploadedFile("people.csv", GOOD_CSV * 100))
    settings.UPLOAD_MAX_BYTES = 5 * 1024 * 1024
    with pytest.raises(ValidationError, match="unpacks to far more"):
        validate_upload(SimpleUploadedFile("people.xlsx", zip_bomb()))


def test_validate_upload__accepts_real_csv_in_utf8_and_cp949_and_a_real_workbook():
    for upload in [
        SimpleUploadedFile("people.csv", GOOD_CSV),
        SimpleUploadedFile("people.csv", GOOD_CSV.decode().encode("cp949")),
        SimpleUploadedFile("명단.xlsx", xlsx_bytes()),
    ]:
        assert validate_upload(upload).read(2) in (b"na", b"PK")  # rewound for the reader


def hostile_uploads() -> list[tuple[str, bytes]]:
    """Through HTTP, Django's multipart parser keeps only the base name ("..\\..\\etc\\passwd.csv" arrives as
    "passwd.csv", a good CSV then), so that case is covered by the employers test below instead."""
    cases = [(name, content) for case, (name, content, _message) in HOSTILE.items() if "allowed extension" not in case]
    return [*cases, ("people.xlsx", zip_bomb())]


def test_seekers_import__refuses_every_hostile_file_with_a_form_error_and_saves_nothing(world):
    client = world.client_for("counselor_x")
    booth = world.seeker_a.booth
    before = Seeker.objects.count()
    for name, content in hostile_uploads():
        response = client.post(
            reverse("seekers:import"), {"booth": booth.pk, "file": SimpleUploadedFile(name, content)}
        )
        assert response.status_code == 200, name
        assert response.context["form"].errors.get("file"), name
    assert Seeker.objects.count() == before


def test_employers_import__refuses_every_hostile_file_and_stores_no_batch(world):
    client = world.client_for("counselor_x")
    for name, content in hostile_uploads():
        response = client.post(
            reverse("employers:import_new"),
            {"kind": ImportBatch.Kind.choices[0][0], "file": SimpleUploadedFile(name, content)},
        )
        assert response.status_code == 200, name
        assert response.context["form"].errors.get("file"), name
    assert not ImportBatch.objects.exists()
    # A good file goes through, and its name is stored as text only.
    response = client.post(
        reverse("employers:import_new"),
        {"kind": ImportBatch.Kind.choices[0][0], "file": SimpleUploadedFile("../../x/회사.csv", GOOD_CSV)},
    )
    assert response.status_code == 302
    assert ImportBatch.objects.get().filename == "회사.csv"  # Django keeps the base name only


DOWNLOADS = [
    route
    for route in ROUTES
    if route.method == "get"
    and any(part in route.name for part in ("xlsx", "pdf", "download", "export", "letters", "contacts", "certificate"))
]


@pytest.mark.parametrize("route", DOWNLOADS, ids=lambda route: route.name)
def test_every_download__is_served_as_an_attachment_with_a_file_name(route, world):
    principal = sorted(route.allow - {"anonymous"})[0]
    client = world.client_for(principal)
    url = reverse(route.name, kwargs=route.kwargs(world)) + route.query
    response = client.get(url)
    templates = [template.name for template in response.templates]
    if templates and 'name="reason"' in response.content.decode():
        response = client.post(url, {"purpose": "other", "reason": "월간 실적 보고서 작성용"})  # a reason, then a POST
    assert response.status_code == 200, url
    disposition = response.get("Content-Disposition", "")
    # attachment for exports; a seeker's own certificate opens in the browser (inline), still with a name
    assert disposition.startswith(("attachment", "inline")) and "filename" in disposition, (url, disposition)
    assert "/" not in disposition.split("filename", 1)[1]
