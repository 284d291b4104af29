"""Writes of the scorer that people make: the weights."""

from django.db import transaction

from jobcenter.models import User
from matching.scoring.results import current_weights
from matching.scoring_models import MatchWeights


@transaction.atomic
def match_weights_update(*, by: User, values: dict) -> MatchWeights:
    """Save new weights (and the conditions' rules, "<condition>_rule": "must" or "prefer", when given) and
    recompute every stored list with them after commit (the nightly task, now)."""
    weights = current_weights()
    for part in MatchWeights.PARTS:
        setattr(weights, part, float(values[part]))
    for condition in MatchWeights.CONDITIONS:
        if values.get(f"{condition}_rule"):
            setattr(weights, f"{condition}_rule", values[f"{condition}_rule"])
    weights.updated_by = by
    weights.full_clean()
    weights.save()

    def refresh_all() -> None:
        from matching.scoring_tasks import match_refresh_all

        match_refresh_all.delay()

    transaction.on_commit(refresh_all)
    return weights
