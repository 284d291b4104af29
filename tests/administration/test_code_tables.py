"""A newer official code table loaded from a file, with a preview first (issue 27)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from jobcenter.models import Occupation

pytestmark = pytest.mark.django_db


def upload(client, text: str, **extra):
    data = {
        "table": "occupations",
        "region_level": "eupmyeondong",
        "file": SimpleUploadedFile("keco.csv", text.encode()),
    }
    data.update(extra)
    return client.post(reverse("administration:code_tables"), data)


def test_preview__lists_new_renamed_and_left_out_codes_and_the_records_using_them_and_loads_nothing(world):
    majors = list(Occupation.objects.filter(level="major").order_by("code"))
    kept, renamed, dropped = majors[0], majors[1], majors[2]
    lines = ["level,code,parent,name_ko,name_en"]
    for occupation in majors:
        if occupation == dropped:
            continue
        name = "새 이름" if occupation == renamed else occupation.name_ko
        lines.append(f"major,{occupation.code},,{name},")
    lines.append("major,Z,,신설 대분류,")

    response = upload(world.client_for("admin"), "\n".join(lines))

    page = response.content.decode()
    assert response.status_code == 200
    assert "신설 대분류" in page and "새 이름" in page and dropped.name_ko in page
    assert not Occupation.objects.filter(code="Z").exists()
    assert Occupation.objects.get(code=renamed.code).name_ko == renamed.name_ko
    assert kept.name_ko not in [name for _code, name in response.context["preview"].added]


def test_confirmed__loads_the_rows_and_keeps_the_codes_left_out(world):
    major = Occupation.objects.filter(level="major").order_by("code").first()
    text = f"level,code,parent,name_ko,name_en\nmajor,{major.code},,바뀐 이름,\nmajor,Z,,신설 대분류,\n"
    count = Occupation.objects.count()

    response = world.client_for("admin").post(
        reverse("administration:code_tables"),
        {"table": "occupations", "region_level": "eupmyeondong", "text": text, "confirm": "1"},
    )

    assert response.status_code == 302
    assert Occupation.objects.get(code="Z").name_ko == "신설 대분류"
    assert Occupation.objects.get(code=major.code).name_ko == "바뀐 이름"
    assert Occupation.objects.count() == count + 1


def test_records_using_a_left_out_code__are_counted(world):
    from jobcenter.administration.codes import preview

    vacancy_code = world.vacancy_a.occupation_id
    level = Occupation.objects.get(code=vacancy_code).level
    others = Occupation.objects.filter(level=level).exclude(code=vacancy_code)[:3]
    text = "level,code,parent,name_ko\n" + "".join(
        f"{o.level},{o.code},{o.parent_id or ''},{o.name_ko}\n" for o in others
    )

    result = preview(text=text, table="occupations")

    assert vacancy_code in [code for code, _name in result.missing]
    assert any(count >= 2 for _what, count in result.uses)  # vacancy A and B share the factory's occupation


@pytest.mark.parametrize(
    "text, message",
    [
        ("code;name\n1;x\n", "header row"),
        ("level,code,parent,name_ko\nmajor,1,,가\nmajor,1,,나\n", "appears twice"),
    ],
)
def test_a_file_that_is_not_a_code_table__is_refused(world, text, message):
    response = upload(world.client_for("admin"), text)

    assert response.status_code == 400 and message in response.content.decode()


def test_a_file_not_in_utf8__is_refused_with_how_to_save_it(world):
    response = world.client_for("admin").post(
        reverse("administration:code_tables"),
        {
            "table": "occupations",
            "file": SimpleUploadedFile("keco.csv", "level,code,name_ko\n".encode("cp949") + "가".encode("cp949")),
        },
    )

    assert response.status_code == 400 and "UTF-8" in response.content.decode()


def test_a_manager__cannot_load_a_code_table(world):
    response = upload(world.client_for("manager_x"), "level,code,parent,name_ko\nmajor,Z,,신설\n", confirm="1")

    assert response.status_code == 403 and not Occupation.objects.filter(code="Z").exists()
