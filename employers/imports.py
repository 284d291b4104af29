"""Importing companies and vacancies from a CSV or Excel file (columns: docs/employers-import.md).

`import_preview` checks every row and says what it would do; `import_apply` saves only a clean file,
all rows in one transaction. Rows already present (same external reference in the centre, or for a
company the same business registration number) are left alone, so importing a file twice creates
nothing new.
"""

import csv
import io
from dataclasses import dataclass, field

from django import forms
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers import services
from employers.models import Company, ImportBatch, Vacancy
from employers.validators import normalize_business_number, validate_business_number
from jobcenter.models import EducationLevel, EmploymentType, Industry, Occupation, Region, TargetGroup, User, WageType
from jobcenter.security.exports import formula_errors

COMPANY_COLUMNS = [
    "external_ref",
    "business_number",
    "name",
    "representative",
    "industry",
    "size",
    "region",
    "address",
    "contact_name",
    "contact_phone",
    "contact_email",
]
VACANCY_COLUMNS = [
    "external_ref",
    "business_number",
    "title",
    "occupation",
    "duties",
    "openings",
    "employment_type",
    "wage_type",
    "wage_amount",
    "working_days",
    "working_hours",
    "weekly_hours",
    "shifts",
    "region",
    "address",
    "education_required",
    "experience_years",
    "certificates_required",
    "suitable_for",
    "benefits",
    "deadline",
    "contact",
    "hiring_steps",
    "accepts_accompanied_interview",
    "publish",
]
MAX_ROWS = 5000
YES = {"y", "yes", "true", "1", "예", "o", "네"}


class CodeField(forms.CharField):
    def __init__(self, model, **kwargs):
        self.model = model
        super().__init__(**kwargs)

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        obj = self.model.objects.filter(code=value.strip().upper() if self.model is Industry else value.strip()).first()
        if obj is None:
            raise ValidationError(_("Unknown code “%(code)s”.") % {"code": value})
        return obj


class TargetGroupsField(forms.CharField):
    """Target groups the vacancy suits, separated by ";" (e.g. `5060;career_break_women`)."""

    def clean(self, value):
        groups = [part.strip() for part in str(super().clean(value) or "").replace(",", ";").split(";") if part.strip()]
        unknown = [group for group in groups if group not in TargetGroup.values]
        if unknown:
            raise ValidationError(
                _("Unknown target groups %(groups)s; use %(values)s.")
                % {"groups": ", ".join(unknown), "values": ", ".join(TargetGroup.values)}
            )
        return list(dict.fromkeys(groups))


class YesNoField(forms.CharField):
    def clean(self, value):
        return str(value or "").strip().lower() in YES


class CompanyRow(forms.Form):
    external_ref = forms.CharField(required=False, max_length=64, label=gettext_lazy("external_ref"))
    business_number = forms.CharField(max_length=14, label=gettext_lazy("business_number"))
    name = forms.CharField(max_length=100)
    representative = forms.CharField(required=False, max_length=50)
    industry = CodeField(Industry, required=False)
    size = forms.ChoiceField(required=False, choices=[("", ""), *Company.Size.choices])
    region = CodeField(Region)
    address = forms.CharField(required=False, max_length=200)
    contact_name = forms.CharField(required=False, max_length=50)
    contact_phone = forms.CharField(required=False, max_length=20)
    contact_email = forms.EmailField(required=False)

    def clean_business_number(self) -> str:
        number = normalize_business_number(self.cleaned_data["business_number"])
        validate_business_number(number)
        return number


class VacancyRow(forms.Form):
    external_ref = forms.CharField(max_length=64)
    business_number = forms.CharField(max_length=14)
    title = forms.CharField(max_length=120)
    occupation = CodeField(Occupation)
    duties = forms.CharField()
    openings = forms.IntegerField(required=False, min_value=1, max_value=999)
    employment_type = forms.ChoiceField(required=False, choices=[("", ""), *EmploymentType.choices])
    wage_type = forms.ChoiceField(required=False, choices=[("", ""), *WageType.choices])
    wage_amount = forms.IntegerField(min_value=0)
    working_days = forms.CharField(required=False, max_length=100)
    working_hours = forms.CharField(required=False, max_length=100)
    weekly_hours = forms.IntegerField(required=False, min_value=1, max_value=80)
    shifts = forms.CharField(required=False, max_length=100)
    region = CodeField(Region)
    address = forms.CharField(required=False, max_length=200)
    education_required = forms.ChoiceField(required=False, choices=[("", ""), *EducationLevel.choices])
    experience_years = forms.IntegerField(required=False, min_value=0, max_value=50)
    certificates_required = forms.CharField(required=False, max_length=200)
    suitable_for = TargetGroupsField(required=False)
    benefits = forms.CharField(required=False)
    deadline = forms.DateField(required=False, input_formats=["%Y-%m-%d", "%Y.%m.%d", "%Y/%m/%d"])
    contact = forms.CharField(required=False, max_length=200)
    hiring_steps = forms.CharField(required=False, max_length=200)
    accepts_accompanied_interview = YesNoField(required=False)
    publish = YesNoField(required=False)

    def clean_business_number(self) -> str:
        return normalize_business_number(self.cleaned_data["business_number"])

    def vacancy_fields(self) -> dict:
        data = self.cleaned_data
        fields = {name: data.get(name) for name in services.VACANCY_FIELDS if name in data}
        fields["openings"] = data.get("openings") or 1
        fields["employment_type"] = data.get("employment_type") or EmploymentType.FULL_TIME
        fields["wage_type"] = data.get("wage_type") or WageType.MONTHLY
        fields["education_required"] = data.get("education_required") or EducationLevel.NONE
        fields["experience_years"] = data.get("experience_years") or 0
        fields["suitable_for"] = data.get("suitable_for") or []
        for name in ("working_days", "working_hours", "shifts", "address", "certificates_required", "benefits"):
            fields[name] = data.get(name) or ""
        for name in ("contact", "hiring_steps"):
            fields[name] = data.get(name) or ""
        return fields


@dataclass
class RowResult:
    number: int  # the line in the file (the header is line 1)
    data: dict
    action: str = "create"  # create, present, error
    errors: list[str] = field(default_factory=list)
    form: forms.Form | None = None
    company: Company | None = None


@dataclass
class Preview:
    rows: list[RowResult]
    file_errors: list[str] = field(default_factory=list)

    @property
    def is_clean(self) -> bool:
        return not self.file_errors and all(row.action != "error" for row in self.rows)

    @property
    def error_rows(self) -> list[RowResult]:
        return [row for row in self.rows if row.action == "error"]

    def count(self, action: str) -> int:
        return sum(1 for row in self.rows if row.action == action)

    @property
    def create_count(self) -> int:
        return self.count("create")

    @property
    def present_count(self) -> int:
        return self.count("present")


def read_rows(filename: str, content: bytes) -> list[dict]:
    """The rows of a CSV (UTF-8, with or without BOM; CP949 from older Excel) or .xlsx file."""
    if filename.lower().endswith(".xlsx"):
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=True)
        sheet = workbook.worksheets[0]
        values = list(sheet.iter_rows(values_only=True))
        if not values:
            return []
        header = [str(cell or "").strip() for cell in values[0]]
        rows = []
        for line in values[1:]:
            row = {}
            for name, cell in zip(header, line, strict=False):
                if hasattr(cell, "date") and hasattr(cell, "hour"):
                    cell = cell.date().isoformat()
                elif hasattr(cell, "isoformat"):
                    cell = cell.isoformat()
                elif isinstance(cell, float) and cell.is_integer():
                    cell = int(cell)
                row[name] = "" if cell is None else str(cell).strip()
            rows.append(row)
        return rows
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("cp949")
    return [{(k or "").strip(): (v or "").strip() for k, v in row.items()} for row in csv.DictReader(io.StringIO(text))]


def import_preview(batch: ImportBatch) -> Preview:
    try:
        rows = read_rows(batch.filename, bytes(batch.content))
    except Exception:  # a broken file is a message for the user, not a 500
        return Preview(
            rows=[], file_errors=[_("The file could not be read. Save it as UTF-8 CSV or .xlsx and try again.")]
        )
    rows = [row for row in rows if any(row.values())]
    columns = COMPANY_COLUMNS if batch.kind == ImportBatch.Kind.COMPANIES else VACANCY_COLUMNS
    preview = Preview(rows=[])
    if not rows:
        preview.file_errors.append(_("The file has no rows."))
        return preview
    if len(rows) > MAX_ROWS:
        preview.file_errors.append(_("The file has more than %(max)s rows. Split it.") % {"max": MAX_ROWS})
        return preview
    present = set(rows[0])
    required = (
        {"business_number", "name"}
        if batch.kind == ImportBatch.Kind.COMPANIES
        else {"external_ref", "business_number", "title"}
    )
    missing = required - present
    if missing:
        preview.file_errors.append(_("Missing columns: %(columns)s.") % {"columns": ", ".join(sorted(missing))})
        return preview
    unknown = present - set(columns)
    if unknown:
        preview.file_errors.append(_("Unknown columns: %(columns)s.") % {"columns": ", ".join(sorted(unknown))})
        return preview
    check = _check_company_row if batch.kind == ImportBatch.Kind.COMPANIES else _check_vacancy_row
    seen: dict[str, int] = {}
    for number, data in enumerate(rows, start=2):
        result = check(batch, RowResult(number=number, data=data))
        flagged = formula_errors(data)  # text a spreadsheet would run: refused, so no download ever carries it
        if flagged:
            result.action, result.errors = "error", [*flagged, *result.errors]
        key = data.get("external_ref") or normalize_business_number(data.get("business_number", ""))
        if key and key in seen:
            result.action = "error"
            result.errors.append(_("Same record as line %(line)s.") % {"line": seen[key]})
        elif key:
            seen[key] = number
        preview.rows.append(result)
    return preview


def _form_errors(form: forms.Form) -> list[str]:
    return [f"{name}: {message}" for name, messages in form.errors.items() for message in messages]


def _check_company_row(batch: ImportBatch, row: RowResult) -> RowResult:
    form = CompanyRow(row.data)
    row.form = form
    if not form.is_valid():
        row.action, row.errors = "error", _form_errors(form)
        return row
    data = form.cleaned_data
    existing = Company.objects.filter(business_number=data["business_number"]).first()
    if existing is None and data["external_ref"]:
        existing = Company.objects.filter(centre=batch.centre, external_ref=data["external_ref"]).first()
    if existing is not None:
        if existing.centre_id != batch.centre_id:
            row.action = "error"
            row.errors.append(_("business_number: this company is registered with another centre."))
        elif data["external_ref"] and existing.external_ref not in (None, data["external_ref"]):
            row.action = "error"
            row.errors.append(_("external_ref: the company is registered under another reference."))
        elif existing.business_number != data["business_number"]:
            row.action = "error"
            row.errors.append(_("external_ref: another company of the centre has that reference."))
        else:
            row.action = "present"
    return row


def _check_vacancy_row(batch: ImportBatch, row: RowResult) -> RowResult:
    form = VacancyRow(row.data)
    row.form = form
    if not form.is_valid():
        row.action, row.errors = "error", _form_errors(form)
        return row
    data = form.cleaned_data
    if Vacancy.objects.filter(centre=batch.centre, external_ref=data["external_ref"]).exists():
        row.action = "present"
        return row
    company = Company.objects.filter(business_number=data["business_number"], centre=batch.centre).first()
    if company is None:
        row.action = "error"
        row.errors.append(_("business_number: no company of this centre has this number. Import the companies first."))
        return row
    row.company = company
    probe = Vacancy(company=company, centre=batch.centre, **form.vacancy_fields())
    errors = services.vacancy_law_errors(probe)
    if data["publish"]:
        errors = {**services.vacancy_completeness_errors(probe), **errors}
        if not company.is_verified:
            errors["publish"] = [_("The company is not verified yet; import the vacancy as a draft.")]
    if errors:
        row.action = "error"
        row.errors = [f"{name}: {message}" for name, messages in errors.items() for message in messages]
    return row


@transaction.atomic
def import_apply(*, batch: ImportBatch, by: User) -> Preview:
    """Save every new row of a clean file; a file with any error saves nothing."""
    batch = ImportBatch.objects.select_for_update().get(pk=batch.pk)
    preview = import_preview(batch)
    if not preview.is_clean:
        raise ValidationError(_("The file still has errors; nothing was imported."))
    created = 0
    for row in preview.rows:
        if row.action != "create":
            continue
        data = row.form.cleaned_data
        if batch.kind == ImportBatch.Kind.COMPANIES:
            fields = {name: data.get(name) for name in COMPANY_COLUMNS if name not in ("business_number",)}
            fields["external_ref"] = fields["external_ref"] or None
            for name in ("representative", "size", "address", "contact_name", "contact_phone", "contact_email"):
                fields[name] = fields[name] or ""
            services.company_create(
                by=by,
                centre=batch.centre,
                source=Company.Source.IMPORT,
                business_number=data["business_number"],
                **fields,
            )
        else:
            services.vacancy_create(
                by=by,
                company=row.company,
                source=Vacancy.Source.IMPORT,
                status=Vacancy.Status.PUBLISHED if data["publish"] else Vacancy.Status.DRAFT,
                **row.form.vacancy_fields(),
            )
        created += 1
    batch.applied_at = timezone.now()
    batch.created_count = created
    batch.unchanged_count = preview.count("present")
    batch.save(update_fields=["applied_at", "created_count", "unchanged_count"])
    return preview
