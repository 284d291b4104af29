"""evaluate_matching: the shipped judged set, built here, scored by the scorer and by the baseline."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from jobcenter.models import TargetGroup
from matching.scoring.evaluation import ndcg_at, precision_at, recall_at
from tests.matching.scoring_factories import matching_seeker, matching_vacancy

PAIRS = Path(__file__).parent / "data" / "judged_pairs.csv"


def build_judged_world(booth) -> None:
    """The seekers and vacancies tests/matching/data/judged_pairs.csv refers to."""
    matching_vacancy(external_ref="V1", occupation="81", wage_amount=2_700_000, duties="사출기 조작 및 품질 검사")
    matching_vacancy(external_ref="V2", occupation="81", region="11650", wage_amount=2_000_000)  # 서울, far
    matching_vacancy(external_ref="V3", occupation="82", duties="용접 및 사출기 조작", wage_amount=2_900_000)
    matching_vacancy(
        external_ref="V4", occupation="53", duties="주방 보조 및 조리", suitable_for=[TargetGroup.AGE_5060]
    )
    matching_vacancy(external_ref="V5", occupation="56", duties="건물 청소 및 미화", region="2826058000")
    matching_vacancy(external_ref="V6", occupation="89", duties="포장 및 검사 보조", wage_amount=2_600_000)
    matching_seeker(
        booth=booth,
        external_ref="S1",
        occupations=("81",),
        desired_wage=2_500_000,
        careers=(("82", 4, "사출기 조작, 용접 보조, 품질 검사"), ("89", 2, "포장 검사")),
    )
    matching_seeker(
        booth=booth,
        external_ref="S2",
        occupations=("53", "56"),
        target_groups=[TargetGroup.AGE_5060],
        region="2826058000",
        careers=(("53", 5, "식당 주방 조리 및 보조"),),
    )
    matching_seeker(booth=booth, external_ref="S3", occupations=("89",), careers=(("81", 3, "품질 검사, 포장"),))


def test_metrics__on_a_known_ranking():
    ranked, relevant = ["a", "b", "c", "d", "e", "f"], {"a", "c", "x"}
    assert precision_at(ranked, relevant, 5) == pytest.approx(0.4)
    assert recall_at(ranked, relevant, 20) == pytest.approx(2 / 3)
    assert ndcg_at(ranked, relevant, 10) == pytest.approx((1 + 1 / 2) / (1 + 1 / 1.5849625 + 1 / 2), rel=1e-4)


def test_evaluate_matching__prints_the_figures_of_the_scorer_and_the_baseline(world):
    build_judged_world(world.users["counselor_x"].booth)
    out = StringIO()

    call_command("evaluate_matching", str(PAIRS), stdout=out)

    lines = {
        line.split()[0]: dict(part.split("=") for part in line.split()[1:]) for line in out.getvalue().splitlines()
    }
    assert set(lines) == {"scorer", "baseline"}
    assert lines["scorer"]["seekers"] == "3"
    assert float(lines["scorer"]["ndcg@10"]) > float(lines["baseline"]["ndcg@10"])
    assert float(lines["scorer"]["recall@20"]) == 1.0


def test_evaluate_matching__a_bad_file_is_a_clear_error(world, tmp_path):
    bad = tmp_path / "pairs.csv"
    bad.write_text("seeker_ref,vacancy_ref,relevant\nS1,V1,yes\n", encoding="utf-8")
    with pytest.raises(CommandError, match="relevant must be 0 or 1"):
        call_command("evaluate_matching", str(bad))
