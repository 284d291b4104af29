"""The data check's rules for companies and vacancies (jobcenter/datacheck.py)."""

from collections.abc import Iterator

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from employers.models import Company, Vacancy
from employers.services import AGE_CHECKED_FIELDS
from employers.validators import MAX_PLAUSIBLE_WAGE, MAX_WEEKLY_HOURS, find_age_limit, find_sex_restriction
from jobcenter.datacheck import Finding, Rule
from jobcenter.formatting import money

# Vacancies the public or employers see, or that wait to be published: the ones whose wording must be lawful.
LIVE = (Vacancy.Status.SUBMITTED, Vacancy.Status.PUBLISHED)


def _vacancy_finding(vacancy: Vacancy, detail: str) -> Finding:
    return Finding(
        label=f"{vacancy.company.name} · {vacancy.title} (#{vacancy.pk})",
        url=reverse("employers:vacancy", args=[vacancy.pk]),
        centre_id=vacancy.company.centre_id,
        detail=detail,
    )


def _vacancies(centre_id: int | None):
    vacancies = Vacancy.objects.select_related("company").order_by("pk")
    return vacancies if centre_id is None else vacancies.filter(company__centre_id=centre_id)


def vacancies_with_unlawful_wording(centre_id: int | None) -> Iterator[Finding]:
    """Age limits and sex or marital-status conditions in a live vacancy's text."""
    for vacancy in _vacancies(centre_id).filter(status__in=LIVE).iterator():
        for name in AGE_CHECKED_FIELDS:
            text = getattr(vacancy, name) or ""
            phrase = find_age_limit(text) or find_sex_restriction(text)
            if phrase:
                yield _vacancy_finding(vacancy, f"“{phrase}”")
                break


def vacancies_over_weekly_maximum(centre_id: int | None) -> Iterator[Finding]:
    for vacancy in _vacancies(centre_id).filter(status__in=LIVE, weekly_hours__gt=MAX_WEEKLY_HOURS).iterator():
        yield _vacancy_finding(vacancy, _("%(hours)s hours a week") % {"hours": vacancy.weekly_hours})


def implausible_wage() -> Q:
    """Wages above what any job of that wage type pays (validators.MAX_PLAUSIBLE_WAGE): a vacancy's or a hire's."""
    condition = Q(pk__in=[])
    for wage_type, maximum in MAX_PLAUSIBLE_WAGE.items():
        condition |= Q(wage_type=wage_type, wage_amount__gt=maximum)
    return condition


def vacancies_with_implausible_wages(centre_id: int | None) -> Iterator[Finding]:
    for vacancy in _vacancies(centre_id).filter(implausible_wage()).iterator():
        yield _vacancy_finding(vacancy, money(vacancy.wage_amount, wage_type=vacancy.wage_type))


def companies_with_impossible_numbers(centre_id: int | None) -> Iterator[Finding]:
    companies = Company.objects.filter(
        Q(business_number__startswith="000") | Q(business_number__regex=r"^(\d)\1{9}$")
    ).order_by("pk")
    if centre_id is not None:
        companies = companies.filter(centre_id=centre_id)
    for company in companies.iterator():
        yield Finding(
            label=f"{company.name} ({company.business_number})",
            url=reverse("employers:company", args=[company.pk]),
            centre_id=company.centre_id,
            detail=_("a business registration number no tax office issues"),
        )


RULES = [
    Rule(
        "vacancy_unlawful_wording",
        gettext_lazy("Vacancies limiting applicants by age, sex or marital status"),
        vacancies_with_unlawful_wording,
        30,
    ),
    Rule("vacancy_over_52_hours", gettext_lazy("Vacancies above 52 hours a week"), vacancies_over_weekly_maximum, 31),
    Rule(
        "vacancy_implausible_wage",
        gettext_lazy("Vacancies with a wage no job of its wage type pays"),
        vacancies_with_implausible_wages,
        33,
    ),
    Rule(
        "company_impossible_business_number",
        gettext_lazy("Companies with a business registration number that cannot exist"),
        companies_with_impossible_numbers,
        32,
    ),
]
