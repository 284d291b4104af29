"""Validation that follows the law or an official rule: registration numbers, minimum wage, age limits."""

import datetime
import math
import re

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

BUSINESS_NUMBER_WEIGHTS = (1, 3, 7, 1, 3, 7, 1, 3, 5)


def normalize_business_number(value: str) -> str:
    """Strip the usual separators: "104-81-18233" -> "1048118233"."""
    return re.sub(r"[\s\-–.]", "", str(value or ""))


def business_number_is_valid(value: str) -> bool:
    digits = normalize_business_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        return False
    d = [int(c) for c in digits]
    total = sum(di * wi for di, wi in zip(d[:9], BUSINESS_NUMBER_WEIGHTS, strict=True)) + (d[8] * 5) // 10
    return (10 - total % 10) % 10 == d[9]


def validate_business_number(value: str) -> None:
    """사업자등록번호: 10 digits whose last one is the check digit (weights 1,3,7,1,3,7,1,3,5)."""
    digits = normalize_business_number(value)
    if not re.fullmatch(r"\d{10}", digits):
        raise ValidationError(
            _("A business registration number has 10 digits, for example 123-45-67890."), code="business_number_format"
        )
    if not business_number_is_valid(digits):
        raise ValidationError(
            _("This business registration number is not valid (its check digit does not match). Please check it."),
            code="business_number_check_digit",
        )


# --- Minimum wage (최저임금법) ---------------------------------------------------------------------


def minimum_hourly_wage(year: int) -> int | None:
    """The hourly minimum wage of `year` (or of the latest year before it we know); None without a table."""
    from jobcenter.models import MinimumWage

    row = MinimumWage.objects.filter(year__lte=year).order_by("-year").first()
    return row.hourly if row else None


def minimum_wage_for(*, wage_type: str, year: int, weekly_hours: int | None = None) -> int | None:
    """The lowest lawful wage of that type: hourly, or hourly × 209 for a monthly wage.

    For a part-time monthly wage (fewer than 40 hours a week) the 209 hours are scaled pro rata.
    """
    from jobcenter.models import MinimumWage, WageType

    hourly = minimum_hourly_wage(year)
    if hourly is None:
        return None
    if wage_type == WageType.HOURLY:
        return hourly
    hours = MinimumWage.LEGAL_MONTHLY_HOURS
    if weekly_hours and weekly_hours < 40:
        hours = math.ceil(hours * weekly_hours / 40)
    return hourly * hours


def validate_minimum_wage(
    *, wage_type: str, amount: int | None, on: datetime.date | None = None, weekly_hours: int | None = None
) -> None:
    """Refuse a wage below the legal minimum of the year the vacancy is posted in."""
    if amount is None:
        return
    year = (on or timezone.localdate()).year
    minimum = minimum_wage_for(wage_type=wage_type, year=year, weekly_hours=weekly_hours)
    if minimum is not None and amount < minimum:
        from jobcenter.models import WageType

        if wage_type == WageType.HOURLY:
            message = _("The wage is below the legal minimum wage for %(year)s: at least %(minimum)s won an hour.")
        else:
            message = _(
                "The wage is below the legal minimum wage for %(year)s: at least %(minimum)s won a month "
                "(the hourly minimum × 209 hours, pro rata for fewer than 40 hours a week)."
            )
        raise ValidationError(message, code="below_minimum_wage", params={"year": year, "minimum": f"{minimum:,}"})


# --- Age limits (고용상 연령차별금지 및 고령자고용촉진에 관한 법률) --------------------------------------

# Phrases that restrict or prefer an age. Mentions of other people's ages (children in a day-care job)
# are let through by the look-ahead.
_NOT_ABOUT_APPLICANTS = r"(?!\s*(?:아동|어린이|유아|영아|자녀|아이|학생|이용자|환자|어르신|노인|고객))"
AGE_LIMIT_PATTERNS = [
    re.compile(r"만?\s*\d{2}\s*세\s*(?:이하|미만|이상|초과|까지|부터|~|-|–|only)" + _NOT_ABOUT_APPLICANTS),
    re.compile(r"\d{2}\s*(?:세)?\s*[~\-–]\s*\d{2}\s*세" + _NOT_ABOUT_APPLICANTS),
    re.compile(r"(?:나이|연령)\s*(?:제한|조건|요건|기준)(?!\s*(?:없음|없습니다|없이|무관|않|불문))"),
    re.compile(r"\d{2}\s*대\s*(?:만|까지|이하|우대|선호|환영|초반|중반|후반)"),
    re.compile(r"(?:19|20)\d{2}\s*년\s*생?\s*(?:이후|이전|까지|부터)"),
    re.compile(r"(?:청년|젊은\s*(?:분|사람|층))\s*(?:만|우대|선호)"),
    re.compile(r"\bage\s*(?:limit|restriction|requirement|range)", re.IGNORECASE),
    re.compile(r"\baged?\s*(?:under|below|over|between|from|up\s*to)\s*\d{2}", re.IGNORECASE),
    re.compile(r"\b(?:under|below|over)\s*(?:the\s*age\s*of\s*)?\d{2}\s*(?:years|yrs)", re.IGNORECASE),
    re.compile(
        r"\b\d{2}\s*(?:years?|yrs)\s*(?:old\s*)?(?:or\s*)?(?:younger|under|below|and\s*under|max)", re.IGNORECASE
    ),
]


def find_age_limit(text: str) -> str | None:
    """The first phrase in `text` that limits applicants by age, or None."""
    for pattern in AGE_LIMIT_PATTERNS:
        match = pattern.search(text or "")
        if match:
            return match.group(0).strip()
    return None


def validate_no_age_limit(text: str) -> None:
    """Refuse requirements that limit or prefer an age: age discrimination in hiring is unlawful in Korea."""
    phrase = find_age_limit(text)
    if phrase:
        raise ValidationError(
            _(
                "Remove the age limit (“%(phrase)s”): limiting applicants by age is unlawful age discrimination "
                "in hiring. Describe the skills and duties instead."
            ),
            code="age_limit",
            params={"phrase": phrase},
        )
