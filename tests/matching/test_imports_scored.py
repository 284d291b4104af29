"""Both imports carry every field the scorer uses (docs/seekers-import.md, docs/employers-import.md): the
example files of the docs, imported, give the profiles the scorer reads."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from employers.models import ImportBatch, Vacancy
from jobcenter.models import TargetGroup
from matching.scoring.profiles import profiles_refresh_seekers, profiles_refresh_vacancies
from matching.scoring_models import SeekerMatchProfile, VacancyMatchProfile
from seekers.importing import check_rows, read_table, seekers_import
from seekers.models import Seeker

EXAMPLES = Path(__file__).resolve().parents[2] / "docs" / "examples"


def test_seeker_import__carries_desired_regions_shifts_careers_with_duties_and_certificates(world):
    booth = world.users["counselor_x"].booth
    upload = SimpleUploadedFile("seekers.csv", (EXAMPLES / "seekers-import.csv").read_bytes())
    rows = check_rows(read_table(upload), default_booth=booth)
    assert [row.errors for row in rows] == [[], []]

    result = seekers_import(
        rows=[row.cleaned for row in rows], by=world.users["counselor_x"], centre_id=booth.centre_id
    )

    assert result.created == 2
    seeker = Seeker.objects.get(external_ref="SG-0101")
    assert sorted(seeker.desired_regions.values_list("code", flat=True)) == ["28245", "28260"]
    assert seeker.shifts == ["day", "evening"] and seeker.hours_per_week == 40
    assert [c.duties for c in seeker.careers.all()] == ["지게차 운전, 자재 입출고 및 상하차", "포장 및 검품"]
    assert sorted(seeker.certificates.values_list("name", "kind")) == [
        ("제1종 보통 운전면허", "driving"),
        ("지게차운전기능사", "certificate"),
    ]
    profiles_refresh_seekers(seeker_ids=[seeker.pk])
    profile = SeekerMatchProfile.objects.get(seeker=seeker)
    assert profile.career_codes == ["81", "89"] and "지게차" in profile.duties_text
    assert {"Q:DL1N", "Q:DL2N", "Q:O001"} <= set(profile.certificates)
    assert profile.desired_region_codes == ["28245", "28260"] and profile.shifts == ["day", "evening"]


def test_seeker_import__bad_matching_columns_are_row_errors(world):
    booth = world.users["counselor_x"].booth
    content = (
        "name,birth_date,desired_regions,shifts,hours_per_week,career1_company,career1_from,career1_to\n"
        "김오류,1980-01-01,99999,nights,100,,2020-01-01,2019-01-01\n"
    ).encode()
    [row] = check_rows(read_table(SimpleUploadedFile("s.csv", content)), default_booth=booth)

    assert [error.split(":")[0] for error in row.errors] == [
        "desired_regions",
        "shifts",
        "hours_per_week",
        "career1_company",
        "career1_to",
    ]


def test_vacancy_import__carries_target_groups_shifts_and_certificates(world):
    number = world.company_a.business_number
    content = (EXAMPLES / "vacancies-import.csv").read_text(encoding="utf-8").replace("123-45-67890", number)
    client = world.client_for("counselor_x")
    client.post(
        reverse("employers:import_new"),
        {"kind": "vacancies", "file": SimpleUploadedFile("v.csv", content.encode())},
    )
    batch = ImportBatch.objects.latest("pk")
    client.post(reverse("employers:import_preview", kwargs={"pk": batch.pk}))

    cleaner = Vacancy.objects.get(centre=world.centre_x, external_ref="VAC-0102")
    assert cleaner.suitable_for == [TargetGroup.AGE_5060, TargetGroup.CAREER_BREAK_WOMEN]
    assert cleaner.status == "published"
    profiles_refresh_vacancies(
        vacancy_ids=list(Vacancy.objects.filter(centre=world.centre_x).values_list("pk", flat=True))
    )
    assert VacancyMatchProfile.objects.get(vacancy=cleaner).suitable_for == ["5060", "career_break_women"]
    forklift = VacancyMatchProfile.objects.get(vacancy__external_ref="VAC-0101")
    assert forklift.certificates == ["Q:DL2N", "Q:O001"] and not forklift.night_or_rotating
    assert VacancyMatchProfile.objects.get(vacancy__external_ref="VAC-0103").night_or_rotating
