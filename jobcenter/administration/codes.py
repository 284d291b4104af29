"""Loading a newer official code table (occupations, regions, certificates) from the administration: a preview of
what the file adds, renames and leaves out, and which records use the codes it leaves out, before anything loads
(the loaders are jobcenter.codes', the same `load_codes` runs)."""

import csv
import io
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter import codes
from jobcenter.models import Occupation, Qualification, QualificationName, Region

TABLES = {
    "occupations": (gettext_lazy("Occupations (KECO)"), Occupation, ("level", "code", "name_ko")),
    "regions": (gettext_lazy("Regions (administrative districts)"), Region, ("code", "name_ko")),
    "certificates": (gettext_lazy("Certificates and licences"), Qualification, ("code", "name_ko")),
}
MAX_BYTES = 5 * 1024 * 1024
LISTED = 30


@dataclass
class Preview:
    table: str
    rows: int
    added: list = field(default_factory=list)  # (code, name)
    renamed: list = field(default_factory=list)  # (code, old name, new name)
    missing: list = field(default_factory=list)  # (code, name) in the database, not in the file
    uses: list = field(default_factory=list)  # (what, how many records) using a missing code


def read_rows(text: str, table: str) -> list[dict]:
    """The file's rows, or a ValidationError saying what is wrong with it."""
    if table not in TABLES:
        raise ValidationError(_("Choose which table the file holds."))
    rows = list(csv.DictReader(io.StringIO(text.lstrip("\ufeff"))))
    required = TABLES[table][2]
    if not rows or any(column not in rows[0] for column in required):
        raise ValidationError(
            _("The file needs a header row with the columns %(columns)s.") % {"columns": ", ".join(required)}
        )
    codes_seen = [row["code"].strip() for row in rows]
    if any(not code for code in codes_seen):
        raise ValidationError(_("A row has no code."))
    if len(set(codes_seen)) != len(codes_seen):
        raise ValidationError(_("A code appears twice in the file."))
    return rows


def preview(*, text: str, table: str, region_level: str = "eupmyeondong") -> Preview:
    rows = read_rows(text, table)
    model = TABLES[table][1]
    existing = dict(model.objects.values_list("code", "name_ko"))
    result = Preview(table=table, rows=len(rows))
    in_file = {}
    for row in rows:
        code, name = row["code"].strip(), row["name_ko"].strip()
        in_file[code] = name
        if code not in existing:
            result.added.append((code, name))
        elif existing[code] != name:
            result.renamed.append((code, existing[code], name))
    scope = model.objects.all()
    if table == "occupations":
        scope = scope.filter(level__in={row["level"] for row in rows})
    elif table == "regions":
        scope = scope.filter(level=region_level)
    missing = sorted(set(scope.values_list("code", flat=True)) - set(in_file))
    result.missing = [(code, existing[code]) for code in missing]
    result.uses = _uses(model, missing)
    return result


def _uses(model, missing: list[str]) -> list[tuple[str, int]]:
    """How many records of each kind point at one of the missing codes (foreign keys and many-to-many)."""
    if not missing:
        return []
    found = []
    # Hidden relations too: most of the project's foreign keys to a code table have related_name="+".
    relations = [
        f
        for f in model._meta.get_fields(include_hidden=True)
        if f.auto_created and not f.concrete and (f.one_to_many or f.many_to_many)
    ]
    for relation in relations:
        if relation.related_model is model or relation.related_model is QualificationName:
            continue  # the table's own hierarchy and names move with it
        if relation.many_to_many:
            through = relation.through
            column = next(
                f.name for f in through._meta.fields if isinstance(f, models.ForeignKey) and f.related_model is model
            )
            count = through.objects.filter(**{f"{column}__in": missing}).count()
            label = f"{relation.related_model._meta.verbose_name}: {relation.field.verbose_name}"
        else:
            count = relation.related_model._default_manager.filter(**{f"{relation.field.name}__in": missing}).count()
            label = f"{relation.related_model._meta.verbose_name}: {relation.field.verbose_name}"
        if count:
            found.append((label, count))
    return found


@transaction.atomic
def load(*, text: str, table: str, region_level: str = "eupmyeondong") -> int:
    """Upsert the file's rows, as `load_codes` does; codes the file leaves out stay (records keep pointing at them)."""
    read_rows(text, table)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "table.csv"
        path.write_text(text, encoding="utf-8")
        if table == "occupations":
            count = codes.load_occupations(path, occupation_model=Occupation)
        elif table == "regions":
            count = codes.load_regions(path, level=region_level, region_model=Region)
        else:
            count = codes.load_certificates(path, qualification_model=Qualification, name_model=QualificationName)
    from matching.scoring import schedule_full_refresh

    transaction.on_commit(schedule_full_refresh)
    return count
