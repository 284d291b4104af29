"""manage.py check_records: list every record that breaks one of the centre's rules (jobcenter/datacheck.py)."""

from django.core.management.base import BaseCommand, CommandError

from jobcenter.datacheck import MAX_LISTED, all_rules, record_check_run, run_checks


class Command(BaseCommand):
    help = "List every record that breaks a rule of the records, by rule, with a link to each. Exit status 1 when any."

    def add_arguments(self, parser):
        parser.add_argument("--centre", type=int, help="Only this centre's records (its id).")
        parser.add_argument("--rule", action="append", dest="rules", help="Only this rule (repeatable).")
        parser.add_argument("--list-rules", action="store_true", help="List the rules and stop.")
        parser.add_argument(
            "--save", action="store_true", help="Keep the counts for the dashboard (what the nightly task does)."
        )

    def handle(self, *args, centre=None, rules=None, list_rules=False, save=False, **options):
        if list_rules:
            for rule in all_rules():
                self.stdout.write(f"{rule.key}\t{rule.title}")
            return
        known = {rule.key for rule in all_rules()}
        unknown = sorted(set(rules or ()) - known)
        if unknown:
            raise CommandError(f"Unknown rule(s): {', '.join(unknown)}. See --list-rules.")
        results = run_checks(centre_id=centre, keys=rules)
        total = 0
        for result in results:
            total += result.count
            if not result.count:
                continue
            self.stdout.write(f"{result.rule.title} [{result.rule.key}]: {result.count}")
            for finding in result.findings[:MAX_LISTED]:
                detail = f" — {finding.detail}" if finding.detail else ""
                self.stdout.write(f"  {finding.label}{detail}  {finding.url}")
        if save:
            record_check_run()
        if total:
            raise CommandError(f"{total} record(s) break a rule.", returncode=1)
        self.stdout.write(f"All {len(results)} rules pass: no record breaks them.")
