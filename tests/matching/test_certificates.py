"""Certificates as things: names and aliases mapped to the qualification table, with what covers what."""

import pytest
from django.core.management import call_command

from jobcenter.codes import certificate_key
from jobcenter.models import Qualification, QualificationName
from matching.scoring import rank_seekers_for_vacancy
from matching.scoring_models import SeekerMatchProfile, VacancyMatchProfile
from tests.matching.scoring_factories import matching_seeker, matching_vacancy


@pytest.fixture
def booth_x(world):
    return world.users["counselor_x"].booth


def _certificates_part(vacancy, seeker) -> str:
    [match] = rank_seekers_for_vacancy(vacancy, seekers=[seeker])
    return match.parts["certificates"]["certificates_held"]


def test_shipped_table__has_at_least_200_certificates_with_aliases(db):
    assert Qualification.objects.count() >= 200
    assert QualificationName.objects.count() > Qualification.objects.count()
    assert QualificationName.objects.get(key=certificate_key("포크레인")).qualification.name_ko == "굴착기운전기능사"


@pytest.mark.parametrize(
    ("required", "held"),
    [("2종 보통 운전면허", "all"), ("1종 대형 운전면허", "missing"), ("제1종 보통운전면허 소지자", "all")],
)
def test_seeker_with_1jong_botong__meets_2jong_botong_not_1jong_daehyeong(world, booth_x, required, held):
    seeker = matching_seeker(booth=booth_x, certificates=("1종 보통",))
    vacancy = matching_vacancy(certificates_required=required)

    assert _certificates_part(vacancy, seeker) == held


def test_higher_level_of_the_same_field__covers_the_lower_one_and_not_another_field(world, booth_x):
    seeker = matching_seeker(booth=booth_x, certificates=("용접기사",))

    assert _certificates_part(matching_vacancy(certificates_required="용접산업기사"), seeker) == "all"
    assert _certificates_part(matching_vacancy(certificates_required="특수용접기능사"), seeker) == "all"
    assert _certificates_part(matching_vacancy(certificates_required="용접기능장"), seeker) == "missing"
    assert _certificates_part(matching_vacancy(certificates_required="전기기사"), seeker) == "missing"


def test_free_text_alias__maps_to_the_official_certificate(world, booth_x):
    seeker = matching_seeker(booth=booth_x, certificates=("지게차 자격증",))
    vacancy = matching_vacancy(certificates_required="지게차운전기능사, 3톤 미만 지게차 조종교육 이수증")

    assert _certificates_part(vacancy, seeker) == "all"
    profile = SeekerMatchProfile.objects.get(seeker=seeker)
    assert "Q:O001" in profile.certificates and "Q:E3FL" in profile.certificates


def test_unknown_certificate__still_matches_by_its_normalised_name(world, booth_x):
    seeker = matching_seeker(booth=booth_x, certificates=("사내 크레인 교육",))
    vacancy = matching_vacancy(certificates_required="사내크레인교육 필수")

    assert VacancyMatchProfile.objects.get(vacancy=vacancy).certificates == ["사내크레인교육"]
    assert _certificates_part(vacancy, seeker) == "all"


def test_load_codes__loads_an_official_list_of_names_only_and_derives_coverage(db, tmp_path):
    path = tmp_path / "qnet.csv"
    path.write_text(
        "code,name_ko,field,level\nX1,시험가공기사,시험가공,4\nX2,시험가공산업기사,시험가공,3\n", encoding="utf-8"
    )

    call_command("load_codes", certificates=path)
    call_command("load_codes", certificates=path)  # twice changes nothing

    assert Qualification.objects.get(code="X1").covered == ["X2"]
    assert QualificationName.objects.get(key="시험가공산업기사").qualification_id == "X2"
    assert Qualification.objects.count() >= 202
