"""Offline evaluation of the scorer against judged pairs: precision@5 and @10, recall@20, NDCG@10 (binary
relevance), and per stated condition how many top-5 entries break it."""

import csv
import math
from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from employers.models import Vacancy
from matching.scoring import rank_vacancies_for_seeker
from matching.scoring.results import current_weights, explained_pairs
from matching.scoring.sql import CONDITION_FACTS
from seekers.models import Seeker


@dataclass
class Figures:
    precision_at_5: float
    precision_at_10: float
    recall_at_20: float
    ndcg_at_10: float
    seekers: int
    # per condition: how many of the top-5 entries (all seekers together) break it
    top5_breaks: dict[str, int] | None = None
    # top-5 entries that break a condition held as "must"
    top5_must_breaks: int = 0


def read_judgements(path: Path) -> dict[str, dict[str, int]]:
    """{seeker_ref: {vacancy_ref: relevant}} from a CSV with columns seeker_ref, vacancy_ref, relevant."""
    judgements: dict[str, dict[str, int]] = defaultdict(dict)
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = {"seeker_ref", "vacancy_ref", "relevant"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing columns {', '.join(sorted(missing))}")
        for line, row in enumerate(reader, start=2):
            if row["relevant"].strip() not in ("0", "1"):
                raise ValueError(f"{path}, line {line}: relevant must be 0 or 1, not {row['relevant']!r}")
            judgements[row["seeker_ref"].strip()][row["vacancy_ref"].strip()] = int(row["relevant"])
    return dict(judgements)


def precision_at(ranked: list[str], relevant: set[str], k: int) -> float:
    return sum(ref in relevant for ref in ranked[:k]) / k


def recall_at(ranked: list[str], relevant: set[str], k: int) -> float:
    return sum(ref in relevant for ref in ranked[:k]) / len(relevant) if relevant else 0.0


def ndcg_at(ranked: list[str], relevant: set[str], k: int) -> float:
    dcg = sum(1 / math.log2(position + 2) for position, ref in enumerate(ranked[:k]) if ref in relevant)
    ideal = sum(1 / math.log2(position + 2) for position in range(min(len(relevant), k)))
    return dcg / ideal if ideal else 0.0


def scorer_ranking(seeker: Seeker, vacancies: list[Vacancy]) -> list[int]:
    return [match.vacancy_id for match in rank_vacancies_for_seeker(seeker, vacancies=vacancies, limit=100)]


def baseline_ranking(seeker: Seeker, vacancies: list[Vacancy]) -> list[int]:
    """Occupation code match only: matching vacancies first, then the rest, each in id order."""
    wanted = set(seeker.desired_occupations.values_list("code", flat=True))
    return [v.pk for v in sorted(vacancies, key=lambda v: (v.occupation_id not in wanted, v.pk))]


def evaluate(judgements: dict[str, dict[str, int]], ranking: Callable) -> tuple[Figures, list[str]]:
    """Average the figures over the judged seekers with at least one relevant vacancy; returns unknown refs too."""
    vacancy_refs = {ref for judged in judgements.values() for ref in judged}
    vacancies = {v.external_ref: v for v in Vacancy.objects.filter(external_ref__in=vacancy_refs)}
    seekers = {s.external_ref: s for s in Seeker.objects.filter(external_ref__in=list(judgements))}
    unknown = sorted((set(judgements) - set(seekers)) | (vacancy_refs - set(vacancies)))
    ref_of = {v.pk: ref for ref, v in vacancies.items()}
    totals, counted = [0.0, 0.0, 0.0, 0.0], 0
    top5: list[tuple[int, int]] = []
    for seeker_ref, judged in sorted(judgements.items()):
        relevant = {ref for ref, value in judged.items() if value and ref in vacancies}
        if seeker_ref not in seekers or not relevant:
            continue
        pool = [vacancies[ref] for ref in judged if ref in vacancies]
        ranked_ids = ranking(seekers[seeker_ref], pool)
        ranked = [ref_of[pk] for pk in ranked_ids]
        totals[0] += precision_at(ranked, relevant, 5)
        totals[1] += precision_at(ranked, relevant, 10)
        totals[2] += recall_at(ranked, relevant, 20)
        totals[3] += ndcg_at(ranked, relevant, 10)
        top5 += [(seekers[seeker_ref].pk, pk) for pk in ranked_ids[:5]]
        counted += 1
    averages = [total / counted if counted else 0.0 for total in totals]
    breaks, must_breaks = condition_breaks(top5)
    return Figures(*averages, seekers=counted, top5_breaks=breaks, top5_must_breaks=must_breaks), unknown


def condition_breaks(pairs: list[tuple[int, int]]) -> tuple[dict[str, int], int]:
    """How many of these (seeker_id, vacancy_id) pairs break each stated condition, and how many break one held
    as "must" by the current weights."""
    parts = explained_pairs(pairs, current_weights().as_dict())
    breaks = dict.fromkeys(CONDITION_FACTS, 0)
    must = 0
    for pair in pairs:
        conditions = (parts.get(pair) or {}).get("conditions") or {}
        for name in CONDITION_FACTS:
            breaks[name] += bool(conditions.get(name))
        must += bool(conditions.get("must_broken"))
    return breaks, must
