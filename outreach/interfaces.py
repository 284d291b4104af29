"""The employers capability's services that outreach calls, in one place (agreed interfaces).

Companies and vacancies belong to the employers app: a company met on a visit is created through
`company_create` (which refuses a business number already registered), and a vacancy discovered on a
visit through `vacancy_create`, as a draft marked with the field-visit source.
"""

from django.db.models import QuerySet

from employers import selectors as employer_selectors
from employers import services as employer_services
from employers.models import Company, Vacancy
from employers.validators import BUSINESS_NUMBER_WEIGHTS, normalize_business_number, validate_business_number

__all__ = [
    "BUSINESS_NUMBER_WEIGHTS",
    "companies_for_user",
    "company_create",
    "company_update",
    "normalise_business_number",
    "validate_business_number",
    "vacancy_create",
]


def normalise_business_number(value: str) -> str:
    return normalize_business_number(value)


def companies_for_user(user) -> QuerySet[Company]:
    return employer_selectors.companies_for_user(user)


def company_create(*, by, centre, **fields) -> Company:
    return employer_services.company_create(by=by, centre=centre, source=Company.Source.FIELD_VISIT, **fields)


def company_update(*, company: Company, by, **fields) -> Company:
    return employer_services.company_update(company=company, by=by, **fields)


def vacancy_create(*, by, company: Company, **fields) -> Vacancy:
    return employer_services.vacancy_create(
        by=by, company=company, source=Vacancy.Source.FIELD_VISIT, status=Vacancy.Status.DRAFT, **fields
    )
