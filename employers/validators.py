"""Validation that follows the law or an official rule: registration numbers, minimum wage, age limits."""

import datetime
import math
import re
import time

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


def business_number_can_exist(value: str) -> bool:
    """False for numbers that pass the check digit but no tax office issues: the first three digits are the
    issuing tax office's code (세무서 코드, from 101 up), so "000" starts none, and 000-00-00000 is nobody's."""
    digits = normalize_business_number(value)
    return not (digits[:3] == "000" or len(set(digits)) == 1)


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
    if not business_number_can_exist(digits):
        raise ValidationError(
            _("This business registration number cannot exist (no tax office issues it). Please check it."),
            code="business_number_impossible",
        )


# --- Minimum wage (최저임금법) ---------------------------------------------------------------------


# The minimum wage table: a row a year, set once a year (an administrator or `load_codes` adds the next year's rate
# months ahead). Every hire and vacancy checks a wage against it, so each process keeps it for a few minutes instead of
# reading it per request, and drops it at once when a row is saved or deleted in this process (signals below); another
# process sees a change within MINIMUM_WAGE_KEPT_SECONDS.
MINIMUM_WAGE_KEPT_SECONDS = 300
_minimum_wages: dict = {}


def minimum_hourly_wage(year: int) -> int | None:
    """The hourly minimum wage of `year` (or of the latest year before it we know); None without a table."""
    from jobcenter.models import MinimumWage

    now = time.monotonic()
    if _minimum_wages.get("until", 0) < now:
        _minimum_wages["rows"] = list(MinimumWage.objects.order_by("-year").values_list("year", "hourly"))
        _minimum_wages["until"] = now + MINIMUM_WAGE_KEPT_SECONDS
    return next((hourly for known, hourly in _minimum_wages["rows"] if known <= year), None)


def minimum_wages_forget(**kwargs) -> None:
    """Read the minimum wage table again at the next check (connected to MinimumWage's post_save and post_delete)."""
    _minimum_wages.clear()


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


# --- Plausible wages --------------------------------------------------------------------------------

# Above these no real job-centre vacancy pays: an hourly wage of 2,800,000원 is a monthly wage in the wrong
# box, a monthly one of 280,000,000원 has zeros too many. The lower bound is the minimum wage (above).
MAX_PLAUSIBLE_WAGE = {"hourly": 200_000, "monthly": 50_000_000}


def validate_plausible_wage(*, wage_type: str, amount: int | None) -> None:
    """Refuse a wage no job of that wage type pays (a monthly amount typed as hourly, zeros pasted twice)."""
    from jobcenter.formatting import money
    from jobcenter.models import WageType

    maximum = MAX_PLAUSIBLE_WAGE.get(wage_type)
    if amount is None or maximum is None or amount <= maximum:
        return
    if wage_type == WageType.HOURLY:
        message = _(
            "An hourly wage of %(amount)s is not plausible (at most %(maximum)s an hour). If it is a monthly wage, "
            "choose monthly as the wage type."
        )
    else:
        message = _("A monthly wage of %(amount)s is not plausible (at most %(maximum)s a month). Check the zeros.")
    raise ValidationError(message, code="implausible_wage", params={"amount": money(amount), "maximum": money(maximum)})


# --- Working hours (근로기준법 §50, §53) -------------------------------------------------------------

# 40 hours a week, plus at most 12 hours of overtime by agreement: 52 hours is the legal weekly maximum.
MAX_WEEKLY_HOURS = 52


def validate_weekly_hours(hours: int | None) -> None:
    """Refuse weekly hours above the legal maximum of 52 (40 + 12 hours of overtime, 근로기준법 §53)."""
    if hours is not None and hours > MAX_WEEKLY_HOURS:
        raise ValidationError(
            _(
                "%(hours)s hours a week is more than the legal maximum of %(maximum)s hours "
                "(40 hours plus 12 hours of overtime, Labor Standards Act §53)."
            ),
            code="weekly_hours_over_maximum",
            params={"hours": hours, "maximum": MAX_WEEKLY_HOURS},
        )


def work_terms_errors(
    *, wage_type: str, wage_amount: int | None, weekly_hours: int | None, on: datetime.date | None = None
) -> dict[str, list[str]]:
    """The minimum wage for the hours and the weekly maximum: the one check of vacancies and hires alike."""
    errors: dict[str, list[str]] = {}
    try:
        validate_plausible_wage(wage_type=wage_type, amount=wage_amount)
        validate_minimum_wage(wage_type=wage_type, amount=wage_amount, on=on, weekly_hours=weekly_hours)
    except ValidationError as error:
        errors.setdefault("wage_amount", []).extend(error.messages)
    try:
        validate_weekly_hours(weekly_hours)
    except ValidationError as error:
        errors.setdefault("weekly_hours", []).extend(error.messages)
    return errors


# --- Sex discrimination (남녀고용평등과 일·가정 양립 지원에 관한 법률 §7) -------------------------------------

_SEX = r"(?<!경력단절)(?<!경단)(?:남성|여성|남자|여자|남직원|여직원|남녀)"
SEX_RESTRICTION_PATTERNS = [
    # "남자만", "여성 우대", "여자 선호", "남성 한정", "여성분 환영", "남성 2명"
    re.compile(_SEX + r"\s*(?:분|직원|사원|근로자)?\s*(?:만|우대|선호|한정|환영|위주|only|\d+\s*명)"),
    re.compile(r"(?:남|여)\s*(?:직원|사원)\s*(?:구함|모집|채용)"),
    # marital status asked of applicants: "미혼 여성", "미혼자", "기혼 여성 제외"
    re.compile(r"(?:미혼|기혼)\s*(?:여성|여자|남성|남자|자|인\s*분|만|우대|선호|제외|불가)"),
    re.compile(r"\b(?:male|female|men|women|man|woman)\s*(?:only|preferred|applicants\s+only)\b", re.IGNORECASE),
    re.compile(r"\bonly\s+(?:male|female|men|women)\b", re.IGNORECASE),
    re.compile(r"\b(?:unmarried|single)\s+(?:women|woman|men|man|applicants)\b", re.IGNORECASE),
]


def find_sex_restriction(text: str) -> str | None:
    """The first phrase in `text` that limits or prefers applicants by sex or marital status, or None."""
    for pattern in SEX_RESTRICTION_PATTERNS:
        match = pattern.search(text or "")
        if match:
            return match.group(0).strip()
    return None


def validate_no_sex_restriction(text: str) -> None:
    """Refuse recruitment limited by sex or marital status (남녀고용평등과 일·가정 양립 지원에 관한 법률 §7)."""
    phrase = find_sex_restriction(text)
    if phrase:
        raise ValidationError(
            _(
                "Remove the condition “%(phrase)s”: recruiting or preferring applicants by sex or marital status "
                "is forbidden by Article 7 of the Equal Employment Opportunity and Work-Family Balance Assistance "
                "Act (남녀고용평등과 일·가정 양립 지원에 관한 법률 제7조)."
            ),
            code="sex_restriction",
            params={"phrase": phrase},
        )


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


# A minimum age up to 18 is the law's own (근로기준법 §64, §70: no work under 15, no night work for minors):
# "만 18세 이상", "18세 이상" are lawful conditions, not age discrimination.
_LAWFUL_MINIMUM_AGE = re.compile(r"^만?\s*(\d{2})\s*세\s*(?:이상|부터)$")
LAWFUL_MINIMUM_AGE_UP_TO = 18


def _is_lawful_minimum_age(phrase: str) -> bool:
    match = _LAWFUL_MINIMUM_AGE.match(phrase.strip())
    return bool(match) and int(match.group(1)) <= LAWFUL_MINIMUM_AGE_UP_TO


def find_age_limit(text: str) -> str | None:
    """The first phrase in `text` that limits applicants by age, or None (a lawful minimum age is not one)."""
    for pattern in AGE_LIMIT_PATTERNS:
        for match in pattern.finditer(text or ""):
            if not _is_lawful_minimum_age(match.group(0)):
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
