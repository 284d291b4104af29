from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from matching.scoring.evaluation import baseline_ranking, evaluate, read_judgements, scorer_ranking


class Command(BaseCommand):
    help = (
        "Judge the scorer against judged pairs (CSV: seeker_ref, vacancy_ref, relevant 0/1; refs are the external "
        "references of seekers and vacancies): precision@5, precision@10, recall@20 and NDCG@10 of the scorer and "
        "of a baseline that matches the occupation code only, and per stated condition how many top-5 entries "
        "break it. Each seeker's judged vacancies are ranked among themselves."
    )

    def add_arguments(self, parser):
        parser.add_argument("pairs", type=Path)

    def handle(self, *args, pairs: Path, **options):
        try:
            judgements = read_judgements(pairs)
        except (OSError, ValueError) as error:
            raise CommandError(str(error)) from error
        for name, ranking in (("scorer", scorer_ranking), ("baseline", baseline_ranking)):
            figures, unknown = evaluate(judgements, ranking)
            breaks = " ".join(f"top5_breaks_{condition}={count}" for condition, count in figures.top5_breaks.items())
            self.stdout.write(
                f"{name:<9} precision@5={figures.precision_at_5:.3f} precision@10={figures.precision_at_10:.3f} "
                f"recall@20={figures.recall_at_20:.3f} ndcg@10={figures.ndcg_at_10:.3f} seekers={figures.seekers} "
                f"{breaks} top5_breaks_must={figures.top5_must_breaks}"
            )
        if unknown:
            self.stderr.write(f"Unknown references (skipped): {', '.join(unknown)}")
