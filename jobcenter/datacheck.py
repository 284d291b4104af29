"""The data check (데이터 점검): every record that breaks one of the rules a centre works by.

The services refuse what breaks a rule; this finds what is already wrong (records from before a rule, an import,
a fix in the database). Each rule is a `Rule` whose `find(centre_id)` yields a `Finding` per record that breaks
it, with a link to the record. `manage.py check_records`, the managers' page (`data_check`), the nightly beat
task and the count on the dashboard all run `run_checks`.

Adding a rule (the hook for other lanes): an app puts a `record_rules.py` beside its models with a list
`RULES` of `Rule` (see matching/record_rules.py), or a module registers one with `register(rule)`. The apps in
jobcenter.hooks.PROJECT_APPS are read in order; nothing else needs to change.
"""

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jobcenter.hooks import PROJECT_APPS


@dataclass(frozen=True)
class Finding:
    """One record that breaks a rule: what it is, where to open it, and which centre it belongs to."""

    label: str
    url: str
    centre_id: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class Rule:
    """`find(centre_id)` yields the findings of one centre, or of every centre when `centre_id` is None."""

    key: str
    title: str
    find: Callable[[int | None], Iterable[Finding]]
    order: int = 100


@dataclass
class RuleResult:
    rule: Rule
    findings: list[Finding] = field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.findings)


_REGISTERED: dict[str, Rule] = {}


def register(rule: Rule) -> Rule:
    """Add a rule from anywhere (a rule of the same key replaces the earlier one)."""
    _REGISTERED[rule.key] = rule
    return rule


def all_rules() -> list[Rule]:
    rules: dict[str, Rule] = {}
    for app_name in PROJECT_APPS:
        if app_name not in settings.INSTALLED_APPS:
            continue
        try:
            module = importlib.import_module(f"{app_name}.record_rules")
        except ModuleNotFoundError as error:
            if error.name != f"{app_name}.record_rules":
                raise
            continue
        for rule in getattr(module, "RULES", ()):
            rules[rule.key] = rule
    rules.update(_REGISTERED)
    return sorted(rules.values(), key=lambda rule: (rule.order, rule.key))


# A rule lists at most this many records (the count is still complete): a page of 10,000 links helps nobody.
MAX_LISTED = 500


def run_checks(*, centre_id: int | None = None, keys: Iterable[str] | None = None) -> list[RuleResult]:
    """Every rule's findings (of one centre, or all), in the rules' order."""
    wanted = set(keys) if keys else None
    results = []
    for rule in all_rules():
        if wanted is not None and rule.key not in wanted:
            continue
        results.append(RuleResult(rule=rule, findings=list(rule.find(centre_id))))
    return results


def record_check_run() -> "RecordCheckRun":  # noqa: F821 - jobcenter.models
    """Run every rule over all centres and keep the counts (the dashboard shows the latest run's)."""
    from jobcenter.models import RecordCheckRun

    results = run_checks()
    by_centre: dict[str, int] = {}
    by_rule: dict[str, int] = {}
    for result in results:
        by_rule[result.rule.key] = result.count
        for finding in result.findings:
            key = str(finding.centre_id or "")
            by_centre[key] = by_centre.get(key, 0) + 1
    with transaction.atomic():
        return RecordCheckRun.objects.create(
            ran_at=timezone.now(),
            total=sum(by_rule.values()),
            by_rule=by_rule,
            by_centre=by_centre,
        )


def latest_count(*, centre_id: int | None) -> tuple[int, "RecordCheckRun | None"]:  # noqa: F821
    """The findings of the latest stored run for a centre (or all centres): (count, run)."""
    from jobcenter.models import RecordCheckRun

    run = RecordCheckRun.objects.order_by("-ran_at").first()
    if run is None:
        return 0, None
    if centre_id is None:
        return run.total, run
    return int(run.by_centre.get(str(centre_id), 0)), run
