"""Resident registration numbers (주민등록번호) are refused in every free-text field, and found where they already are.

PIPA article 24-2 forbids processing them without a statutory basis, and the job centre has none for notes,
comments or addresses. A number is a birth date (YYMMDD, a real date), a hyphen, a digit 1–8 (century and sex;
5–8 for foreign residents' 외국인등록번호) and six more digits. Written with the hyphen (or a space) it is taken as
one whatever its last digit: numbers issued since October 2020 end in a random digit instead of a check digit.
Thirteen bare digits are taken as one only when the check digit holds (weights 2–9,2–5, (11 − sum mod 11) mod 10;
(13 − sum mod 11) mod 10 for foreign residents), so other long numbers (account, parcel) pass.

`refuse_resident_numbers` is the one validator. `install()` (SecurityConfig.ready) puts it behind the `clean` of
every Django form CharField, so every form of every app (ModelForms, plain forms, the admin) refuses such text
with a message and saves nothing; password inputs are left alone. `records_with_resident_numbers()` is the finder
for the data check (check_records): every text column of the project's tables, prefiltered in PostgreSQL.
"""

import datetime
import re
from collections.abc import Iterator
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

PATTERN = re.compile(r"(?<!\d)(\d{2})(\d{2})(\d{2})(\s*[-‐–—]\s*|\s)?([1-8])(\d{6})(?!\d)")
# The same shape for PostgreSQL's regex (a cheap prefilter; Python decides).
SQL_PATTERN = r"[0-9]{6}[ -]*[1-8][0-9]{6}"
WEIGHTS = (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)
CENTURY = {"1": 1900, "2": 1900, "3": 2000, "4": 2000, "5": 1900, "6": 1900, "7": 2000, "8": 2000}


def _check_digit_holds(digits: str) -> bool:
    total = sum(int(d) * w for d, w in zip(digits[:12], WEIGHTS, strict=True))
    expected = (11 - total % 11) % 10 if digits[6] in "1234" else (13 - total % 11) % 10
    return int(digits[12]) == expected


def find_resident_numbers(text: str) -> list[str]:
    """Every resident registration number in the text, as written."""
    if not text or not isinstance(text, str):
        return []
    found = []
    for match in PATTERN.finditer(text):
        yy, mm, dd, separator, code, rest = match.groups()
        try:
            datetime.date(CENTURY[code] + int(yy), int(mm), int(dd))
        except ValueError:
            continue
        if separator or _check_digit_holds(yy + mm + dd + code + rest):
            found.append(match.group(0))
    return found


def refuse_resident_numbers(value) -> None:
    """The validator: a clear message, in the user's language, and the field is refused."""
    if isinstance(value, str) and find_resident_numbers(value):
        raise ValidationError(
            _(
                "Remove the resident registration number (주민등록번호): the job centre may not keep it. "
                "Write the date of birth instead if it is needed."
            ),
            code="resident_number",
        )


def install() -> None:
    """Behind every form CharField's clean (once): the one place every typed text passes before it is saved."""
    from django import forms

    if getattr(forms.CharField.clean, "_refuses_resident_numbers", False):
        return
    original = forms.CharField.clean

    def clean(self, value):
        value = original(self, value)
        if not isinstance(self.widget, forms.PasswordInput):
            refuse_resident_numbers(value)
        return value

    clean._refuses_resident_numbers = True
    forms.CharField.clean = clean


@dataclass(frozen=True)
class Finding:
    model: str  # app_label.ModelName
    pk: object
    field: str
    numbers: tuple[str, ...]


PROJECT_APPS = {"jobcenter", "seekers", "employers", "matching", "events", "outreach", "security", "statistics"}


def records_with_resident_numbers() -> Iterator[Finding]:
    """Every stored text value holding a resident registration number: for check_records (lane 21) and audits.
    The number itself is not part of a report line a caller prints; `numbers` is there to mask or count."""
    from django.apps import apps
    from django.db import models

    for model in apps.get_models():
        if model._meta.app_label not in PROJECT_APPS or model._meta.proxy or not model._meta.managed:
            continue
        for field in model._meta.concrete_fields:
            if not isinstance(field, models.CharField | models.TextField) or field.choices:
                continue
            rows = model._default_manager.filter(**{f"{field.attname}__regex": SQL_PATTERN}).values_list(
                "pk", field.attname
            )
            for pk, text in rows.iterator():
                numbers = find_resident_numbers(text)
                if numbers:
                    yield Finding(model._meta.label, pk, field.name, tuple(numbers))
