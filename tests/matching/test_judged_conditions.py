"""The judged set with near-misses of every stated condition: no top-5 entry breaks a "must" condition, and the
figures of evaluate_matching on it (tests/matching/judged_conditions.py says how it is built)."""

import csv
from io import StringIO
from pathlib import Path

from django.core.management import call_command

from matching.scoring import rank_vacancies_for_seeker
from seekers.models import Seeker
from tests.matching.judged_conditions import SEEKERS, build_judged_conditions, judged_rows

PAIRS = Path(__file__).parent / "data" / "judged_conditions.csv"
# NDCG@10 of the scorer before stated conditions, certificates and the new duties similarity (commit 2966020),
# on this set (measured on a copy of that commit): the scorer must not fall below it. Ours: 1.000.
PRESENT_NDCG_AT_10 = 0.774


def test_the_csv_is_the_judged_set_the_builder_describes():
    with open(PAIRS, encoding="utf-8", newline="") as handle:
        rows = [(row["seeker_ref"], row["vacancy_ref"], int(row["relevant"])) for row in csv.DictReader(handle)]
    assert rows == judged_rows()


def test_top_five__break_no_must_condition_and_the_figures_beat_the_present_scorer(world):
    build_judged_conditions(world.users["counselor_x"].booth)
    from employers.models import Vacancy

    for ref, (_, judged) in SEEKERS.items():
        seeker = Seeker.objects.get(external_ref=ref)
        pool = list(Vacancy.objects.filter(external_ref__in=list(judged)))
        top5 = rank_vacancies_for_seeker(seeker, vacancies=pool, limit=5)
        assert [m.vacancy.external_ref for m in top5 if m.must_broken] == [], ref

    out = StringIO()
    call_command("evaluate_matching", str(PAIRS), stdout=out)

    print(out.getvalue())
    lines = {
        line.split()[0]: dict(part.split("=") for part in line.split()[1:]) for line in out.getvalue().splitlines()
    }
    scorer = lines["scorer"]
    assert scorer["seekers"] == "5"
    assert scorer["top5_breaks_must"] == "0"
    assert float(scorer["ndcg@10"]) >= PRESENT_NDCG_AT_10
    assert float(scorer["ndcg@10"]) > float(lines["baseline"]["ndcg@10"])
