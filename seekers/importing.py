"""Reading seeker records from a CSV or Excel file, checking every row before anything is saved.

The columns are documented in docs/seekers-import.md.
"""

import csv
import datetime
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from jobcenter.models import (
    Booth,
    EducationLevel,
    EmploymentType,
    Occupation,
    Qualification,
    Region,
    TargetGroup,
    User,
    WageType,
)
from jobcenter.security.exports import formula_errors
from jobcenter.security.resident_numbers import find_resident_numbers
from seekers.forms import check_birth_date, check_wage, normalise_phone
from seekers.models import Certificate, ConsentText, Seeker
from seekers.services import MAX_DESIRED_OCCUPATIONS, SENSITIVE_TARGET_GROUPS, possible_duplicates, seeker_register

COLUMNS = [
    "external_ref",
    "name",
    "birth_date",
    "phone",
    "email",
    "region_code",
    "address_detail",
    "education_level",
    "major",
    "desired_occupations",
    "desired_wage_type",
    "desired_wage",
    "employment_types",
    "target_groups",
    "booth",
    "consent_sensitive",
    "consent_sharing",
    "desired_regions",
    "shifts",
    "hours_per_week",
    "earliest_start",
    "certificates",
    *[f"career{n}_{part}" for n in (1, 2, 3) for part in ("company", "occupation", "from", "to", "duties")],
]
MAX_CAREERS = 3
REQUIRED_COLUMNS = {"name", "birth_date"}
MAX_ROWS = 5000


def _split(value: str) -> list[str]:
    return [part.strip() for part in value.replace(",", ";").split(";") if part.strip()]


def _date(value: str) -> datetime.date | None:
    """A date written YYYY-MM-DD, YYYY.MM.DD or YYYY/MM/DD (ValueError otherwise); None when empty."""
    value = value.strip()
    return datetime.date.fromisoformat(value.replace(".", "-").replace("/", "-")) if value else None


def _yes(value: str) -> bool:
    return value.strip().lower() in {"y", "yes", "1", "true", "예", "o", "동의"}


@dataclass
class ImportRow:
    line: int
    raw: dict
    errors: list[str] = field(default_factory=list)
    cleaned: dict = field(default_factory=dict)
    exists: bool = False


def read_table(upload) -> list[dict]:
    """Rows of the uploaded file as {column: text}; raises ValidationError for an unreadable file."""
    name = upload.name.lower()
    content = upload.read()
    if name.endswith(".xlsx"):
        from openpyxl import load_workbook

        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:
            raise ValidationError(_("The Excel file could not be read.")) from error
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            return []
        header = [str(cell or "").strip() for cell in values[0]]
        rows = []
        for cells in values[1:]:
            row = {}
            for column, cell in zip(header, cells, strict=False):
                if isinstance(cell, datetime.datetime):
                    cell = cell.date().isoformat()
                elif isinstance(cell, datetime.date):
                    cell = cell.isoformat()
                elif isinstance(cell, float) and cell.is_integer():
                    cell = int(cell)
                row[column] = "" if cell is None else str(cell).strip()
            rows.append(row)
    else:
        try:
            text = content.decode("utf-8-sig")
        except UnicodeDecodeError:
            try:
                text = content.decode("cp949")  # spreadsheets saved by Korean Excel
            except UnicodeDecodeError as error:
                raise ValidationError(_("Save the CSV file as UTF-8.")) from error
        reader = csv.DictReader(io.StringIO(text))
        header = [column.strip() for column in reader.fieldnames or []]
        reader.fieldnames = header
        rows = [{key: (value or "").strip() for key, value in row.items() if key} for row in reader]
    missing = REQUIRED_COLUMNS - set(header)
    if missing:
        raise ValidationError(_("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))})
    rows = [row for row in rows if any(row.values())]
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("Import at most %(count)d rows at a time.") % {"count": MAX_ROWS})
    return rows


def check_rows(rows: list[dict], *, default_booth: Booth) -> list[ImportRow]:
    """Check every row; `cleaned` holds JSON-safe values for `seekers_import`."""
    centre = default_booth.centre
    booths = {booth.name: booth for booth in Booth.objects.filter(centre=centre)}
    occupations = set(Occupation.objects.values_list("code", flat=True))
    regions = set(Region.objects.values_list("code", flat=True))
    existing_refs = set(
        Seeker.objects.filter(centre=centre, external_ref__isnull=False).values_list("external_ref", flat=True)
    )
    seen_refs: set[str] = set()
    checked = []
    for index, raw in enumerate(rows, start=2):  # line 1 is the header
        row = ImportRow(line=index, raw=raw)
        errors, cleaned = row.errors, row.cleaned
        errors.extend(formula_errors(raw))  # text a spreadsheet would run as a formula
        errors.extend(  # the rows are checked without forms: the forms' resident-number check, once per cell
            _("%(column)s: remove the resident registration number (주민등록번호).") % {"column": column}
            for column, value in raw.items()
            if find_resident_numbers(value)
        )
        name = raw.get("name", "").strip()
        if len(name) < 2:
            errors.append(_("name: enter the full name."))
        cleaned["name"] = name
        try:
            birth_date = datetime.date.fromisoformat(
                raw.get("birth_date", "").strip().replace(".", "-").replace("/", "-")
            )
            check_birth_date(birth_date)
            cleaned["birth_date"] = birth_date.isoformat()
        except ValueError:
            errors.append(_("birth_date: use the form YYYY-MM-DD."))
        except ValidationError as error:
            errors.append(_("birth_date: %(error)s") % {"error": " ".join(error.messages)})
        try:
            cleaned["phone"] = normalise_phone(raw.get("phone", ""))
        except ValidationError as error:
            errors.append(_("phone: %(error)s") % {"error": " ".join(error.messages)})
        email = raw.get("email", "").strip()
        try:
            cleaned["email"] = forms.EmailField(required=False).clean(email)
        except ValidationError:
            errors.append(_("email: not a valid e-mail address."))
        region = raw.get("region_code", "").strip()
        if region and region not in regions:
            errors.append(_("region_code: unknown region code %(code)s.") % {"code": region})
        cleaned["region_code"] = region
        cleaned["address_detail"] = raw.get("address_detail", "")[:200]
        education = raw.get("education_level", "").strip() or EducationLevel.HIGH
        if education not in EducationLevel.values:
            errors.append(_("education_level: use one of %(values)s.") % {"values": ", ".join(EducationLevel.values)})
        cleaned["education_level"] = education
        cleaned["major"] = raw.get("major", "")[:100]
        codes = _split(raw.get("desired_occupations", ""))
        unknown = [code for code in codes if code not in occupations]
        if unknown:
            errors.append(_("desired_occupations: unknown codes %(codes)s.") % {"codes": ", ".join(unknown)})
        if len(codes) > MAX_DESIRED_OCCUPATIONS:
            errors.append(_("desired_occupations: at most %(count)d.") % {"count": MAX_DESIRED_OCCUPATIONS})
        cleaned["desired_occupations"] = codes
        wage_type = raw.get("desired_wage_type", "").strip() or WageType.MONTHLY
        if wage_type not in WageType.values:
            errors.append(_("desired_wage_type: use monthly or hourly."))
        cleaned["desired_wage_type"] = wage_type
        wage_text = raw.get("desired_wage", "").replace(",", "").strip()
        wage = None
        if wage_text:
            if wage_text.isdigit():
                wage = int(wage_text)
                message = check_wage(wage_type, wage)
                if message:
                    errors.append(_("desired_wage: %(error)s") % {"error": message})
            else:
                errors.append(_("desired_wage: enter a whole number of won."))
        cleaned["desired_wage"] = wage
        types = _split(raw.get("employment_types", ""))
        if set(types) - set(EmploymentType.values):
            errors.append(_("employment_types: use %(values)s.") % {"values": ", ".join(EmploymentType.values)})
        cleaned["employment_types"] = types
        groups = _split(raw.get("target_groups", ""))
        if set(groups) - set(TargetGroup.values):
            errors.append(_("target_groups: use %(values)s.") % {"values": ", ".join(TargetGroup.values)})
        cleaned["consent_sensitive"] = _yes(raw.get("consent_sensitive", ""))
        cleaned["consent_sharing"] = _yes(raw.get("consent_sharing", ""))
        if set(groups) & SENSITIVE_TARGET_GROUPS and not cleaned["consent_sensitive"]:
            errors.append(_("target_groups: disabled and low_income need consent_sensitive = Y."))
        cleaned["target_groups"] = groups
        booth_name = raw.get("booth", "").strip()
        if booth_name and booth_name not in booths:
            errors.append(_("booth: no booth named %(name)s in %(centre)s.") % {"name": booth_name, "centre": centre})
        cleaned["booth_id"] = booths[booth_name].pk if booth_name in booths else default_booth.pk
        _check_matching_columns(raw, errors, cleaned, regions=regions, occupations=occupations)
        ref = raw.get("external_ref", "").strip()[:64]
        if ref and ref in seen_refs:
            errors.append(_("external_ref: %(ref)s appears twice in the file.") % {"ref": ref})
        seen_refs.add(ref)
        cleaned["external_ref"] = ref or None
        row.exists = bool(ref) and ref in existing_refs
        checked.append(row)
    return checked


def _check_matching_columns(raw: dict, errors: list, cleaned: dict, *, regions: set, occupations: set) -> None:
    """The columns the matching scorer reads: desired regions, shifts, hours, start date, certificates and up
    to three career entries with their duties."""
    desired = _split(raw.get("desired_regions", ""))
    unknown = [code for code in desired if code not in regions]
    if unknown:
        errors.append(_("desired_regions: unknown region codes %(codes)s.") % {"codes": ", ".join(unknown)})
    cleaned["desired_regions"] = desired
    shifts = _split(raw.get("shifts", ""))
    if set(shifts) - set(Seeker.Shift.values):
        errors.append(_("shifts: use %(values)s.") % {"values": ", ".join(Seeker.Shift.values)})
    cleaned["shifts"] = shifts
    hours = raw.get("hours_per_week", "").strip()
    cleaned["hours_per_week"] = None
    if hours:
        if hours.isdigit() and 1 <= int(hours) <= 80:
            cleaned["hours_per_week"] = int(hours)
        else:
            errors.append(_("hours_per_week: enter a whole number of hours from 1 to 80."))
    try:
        start = _date(raw.get("earliest_start", ""))
        cleaned["earliest_start"] = start.isoformat() if start else None
    except ValueError:
        errors.append(_("earliest_start: use the form YYYY-MM-DD."))
        cleaned["earliest_start"] = None
    cleaned["certificates"] = [name[:100] for name in _split(raw.get("certificates", ""))]
    careers = []
    for n in range(1, MAX_CAREERS + 1):
        entry = {part: raw.get(f"career{n}_{part}", "").strip() for part in ("company", "occupation", "from", "to")}
        duties = raw.get(f"career{n}_duties", "").strip()
        if not any(entry.values()) and not duties:
            continue
        if not entry["company"]:
            errors.append(_("career%(n)d_company: name the company.") % {"n": n})
        if entry["occupation"] and entry["occupation"] not in occupations:
            errors.append(_("career%(n)d_occupation: unknown code %(code)s.") % {"n": n, "code": entry["occupation"]})
        try:
            started, ended = _date(entry["from"]), _date(entry["to"])
        except ValueError:
            errors.append(_("career%(n)d_from, career%(n)d_to: use the form YYYY-MM-DD.") % {"n": n})
            continue
        if started is None:
            errors.append(_("career%(n)d_from: enter the date the job began.") % {"n": n})
            continue
        if ended is not None and ended < started:
            errors.append(_("career%(n)d_to: a job cannot end before it starts.") % {"n": n})
        careers.append(
            {
                "company": entry["company"][:100],
                "occupation_id": entry["occupation"] or None,
                "started_on": started.isoformat(),
                "ended_on": ended.isoformat() if ended else None,
                "duties": duties[:300],
            }
        )
    cleaned["careers"] = careers


def _certificate_rows(names: list[str]) -> list[dict]:
    """Certificates as rows: the official name when the text is one of a qualification's names."""
    rows = []
    for name in names:
        qualification = Qualification.for_name(name)
        rows.append(
            {
                "name": qualification.name_ko if qualification else name,
                "kind": Certificate.Kind.DRIVING
                if qualification and qualification.kind == Qualification.Kind.DRIVING
                else Certificate.Kind.CERTIFICATE,
            }
        )
    return rows


@dataclass
class ImportResult:
    created: int = 0
    skipped: int = 0


def seekers_import(*, rows: list[dict], by: User, centre_id: int) -> ImportResult:
    """Create the checked rows in one transaction. Idempotent: a row whose external_ref (or, without one,
    name and birth date) is already registered at the centre is skipped."""
    result = ImportResult()
    with transaction.atomic():
        booths = {booth.pk: booth for booth in Booth.objects.filter(centre_id=centre_id)}
        occupations = {occupation.code: occupation for occupation in Occupation.objects.all()}
        regions = Region.objects.in_bulk({code for row in rows for code in row.get("desired_regions", [])})
        for row in rows:
            existing = Seeker.objects.filter(centre_id=centre_id)
            if row["external_ref"]:
                existing = existing.filter(external_ref=row["external_ref"])
            else:  # the registration duplicate rule (seekers.services.possible_duplicates), as every path uses
                existing = possible_duplicates(
                    existing,
                    name=row["name"],
                    birth_date=datetime.date.fromisoformat(row["birth_date"]) if row["birth_date"] else None,
                    phone=row["phone"],
                )
            if existing:
                result.skipped += 1
                continue
            consents = [ConsentText.Kind.COLLECTION]
            if row["consent_sensitive"]:
                consents.append(ConsentText.Kind.SENSITIVE)
            if row["consent_sharing"]:
                consents.append(ConsentText.Kind.SHARING)
            seeker_register(
                by=by,
                booth=booths[row["booth_id"]],
                data={
                    "name": row["name"],
                    "birth_date": datetime.date.fromisoformat(row["birth_date"]),
                    "phone": row["phone"],
                    "email": row["email"],
                    "region_id": row["region_code"] or None,
                    "address_detail": row["address_detail"],
                    "education_level": row["education_level"],
                    "major": row["major"],
                    "desired_wage_type": row["desired_wage_type"],
                    "desired_wage": row["desired_wage"],
                    "employment_types": row["employment_types"],
                    "target_groups": row["target_groups"],
                    "external_ref": row["external_ref"],
                    "shifts": row.get("shifts", []),
                    "hours_per_week": row.get("hours_per_week"),
                    "earliest_start": _date(row.get("earliest_start") or ""),
                },
                consents=consents,
                desired_occupations=[occupations[code] for code in row["desired_occupations"]],
                desired_regions=[regions[code] for code in row.get("desired_regions", [])],
                careers=[
                    career
                    | {
                        "started_on": datetime.date.fromisoformat(career["started_on"]),
                        "ended_on": _date(career["ended_on"] or ""),
                    }
                    for career in row.get("careers", [])
                ],
                certificates=_certificate_rows(row.get("certificates", [])),
                source=Seeker.Source.IMPORT,
                consent_channel="booth",
            )
            result.created += 1
    return result


IMPORT_HELP = gettext_lazy("Nothing is saved until every row is free of errors.")
