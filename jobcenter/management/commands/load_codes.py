from pathlib import Path

from django.core.management.base import BaseCommand

from jobcenter import codes
from jobcenter.models import Industry, MinimumWage, Occupation, Qualification, QualificationName, Region


class Command(BaseCommand):
    help = "Load official code tables from CSV (upsert by code; loading twice changes nothing)."

    def add_arguments(self, parser):
        parser.add_argument("--regions", type=Path, help="CSV: code,parent,name_ko,name_en,latitude,longitude")
        parser.add_argument(
            "--region-level", default="eupmyeondong", choices=[choice for choice, _ in Region.Level.choices]
        )
        parser.add_argument("--occupations", type=Path, help="CSV: level,code,parent,name_ko,name_en")
        parser.add_argument("--industries", type=Path, help="CSV: code,name_ko,name_en")
        parser.add_argument("--minimum-wages", type=Path, help="CSV: year,hourly_krw")
        parser.add_argument(
            "--certificates",
            type=Path,
            help="CSV: code,name_ko[,name_en,kind,field,level,aliases,covers] (aliases and covers separated by |)",
        )

    def handle(self, *args, **options):
        if options["regions"]:
            count = codes.load_regions(options["regions"], level=options["region_level"], region_model=Region)
            self.stdout.write(f"regions: {count}")
        if options["occupations"]:
            self.stdout.write(
                f"occupations: {codes.load_occupations(options['occupations'], occupation_model=Occupation)}"
            )
        if options["industries"]:
            self.stdout.write(f"industries: {codes.load_industries(options['industries'], industry_model=Industry)}")
        if options["minimum_wages"]:
            count = codes.load_minimum_wages(options["minimum_wages"], minimum_wage_model=MinimumWage)
            self.stdout.write(f"minimum wages: {count}")
        if options["certificates"]:
            count = codes.load_certificates(
                options["certificates"], qualification_model=Qualification, name_model=QualificationName
            )
            self.stdout.write(f"certificates: {count}")
        if any(options[name] for name in ("regions", "occupations", "industries", "minimum_wages", "certificates")):
            # Regions and occupations are the scorer's keys (occupation groups, distance, wage floors): rank
            # everything again with the new tables now rather than at the nightly refresh.
            from matching.scoring import schedule_full_refresh

            schedule_full_refresh()
            self.stdout.write("the matching scorer recomputes every list in the background")
