"""Reads of companies and vacancies, scoped to the user asking.

An employer reaches its own company only; counselors and managers their centre's companies; the
administrator all of them. Anything else is 404 (its existence is not revealed).
"""

import datetime
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from employers.models import Bulletin, Company, CompanyMember, Interest, Vacancy
from jobcenter.hooks import collect
from jobcenter.models import Role, User


def companies_for_user(user: User) -> QuerySet[Company]:
    """The companies `user` may see: own company, own centre's companies, or all for the administrator."""
    companies = Company.objects.select_related("centre", "region", "industry")
    if not user.is_authenticated:
        return companies.none()
    if user.role == Role.ADMINISTRATOR:
        return companies
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return companies.filter(centre_id=user.centre_id)
    if user.role == Role.EMPLOYER:
        return companies.filter(members__user=user)
    return companies.none()


def get_company_for_user(user: User, pk: int) -> Company:
    """One company within the user's reach; 404 otherwise."""
    try:
        return companies_for_user(user).get(pk=pk)
    except Company.DoesNotExist as error:
        raise Http404 from error


def company_of_employer(user: User) -> Company | None:
    """The company an employer account acts for (None for an account without membership)."""
    membership = getattr(user, "company_membership", None) if user.is_authenticated else None
    return membership.company if membership else None


def vacancies_for_user(user: User) -> QuerySet[Vacancy]:
    """The vacancies `user` may see and (for employers and counselors) manage."""
    vacancies = Vacancy.objects.select_related("company", "centre", "occupation", "region")
    if not user.is_authenticated:
        return vacancies.none()
    if user.role == Role.ADMINISTRATOR:
        return vacancies
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return vacancies.filter(centre_id=user.centre_id)
    if user.role == Role.EMPLOYER:
        return vacancies.filter(company__members__user=user)
    return vacancies.none()


def vacancy_scope_sql(user: User, table: str) -> tuple[str, list]:
    """`vacancies_for_user`'s rule as a condition on `table`'s vacancy row, for SQL of its own that reads a vacancy
    without building a queryset (the kept candidates page's key: matching/scoring/selectors.py). Tested against it
    for every role (tests/matching/test_candidates_cache.py)."""
    if not user.is_authenticated:
        return "FALSE", []
    if user.role == Role.ADMINISTRATOR:
        return "TRUE", []
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return f'"{table}".centre_id = %s', [user.centre_id]
    if user.role == Role.EMPLOYER:
        members = CompanyMember._meta.db_table
        return f'EXISTS (SELECT 1 FROM "{members}" m WHERE m.company_id = "{table}".company_id AND m.user_id = %s)', [
            user.pk
        ]
    return "FALSE", []


def get_vacancy_for_user(user: User, pk: int) -> Vacancy:
    """One vacancy within the user's reach; 404 otherwise."""
    try:
        return vacancies_for_user(user).get(pk=pk)
    except Vacancy.DoesNotExist as error:
        raise Http404 from error


def published_vacancies() -> QuerySet[Vacancy]:
    """What the public sees: published vacancies whose deadline has not passed."""
    today = timezone.localdate()
    return (
        Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED)
        .filter(Q(deadline__isnull=True) | Q(deadline__gte=today))
        .select_related("company", "occupation", "region")
    )


def get_published_vacancy(pk: int) -> Vacancy:
    try:
        # The page shows the workplace's full region name (읍면동 → 시군구 → 시도): one query, not three.
        # The centre: its phone and address are the contact for the vacancy on the job page.
        return published_vacancies().select_related("region__parent__parent", "centre").get(pk=pk)
    except Vacancy.DoesNotExist as error:
        raise Http404 from error


def review_queue(user: User) -> QuerySet[Vacancy]:
    """Submitted vacancies of the counselor's centre, oldest first."""
    return vacancies_for_user(user).filter(status=Vacancy.Status.SUBMITTED).order_by("updated_at")


def unverified_companies(user: User) -> QuerySet[Company]:
    return companies_for_user(user).filter(verified_at__isnull=True).order_by("created_at")


def open_interests_for_counselor(user: User) -> QuerySet[Interest]:
    """Interests of the seekers assigned to this counselor that nobody has handled yet."""
    return (
        Interest.objects.filter(seeker__counselor=user, handled_at__isnull=True)
        .select_related("seeker", "vacancy", "vacancy__company")
        .order_by("created_at")
    )


@dataclass
class VacancyCounts:
    referred: int = 0
    interviewed: int = 0
    hired: int = 0


def vacancy_counts(vacancy_ids: list[int]) -> dict[int, VacancyCounts]:
    """Referred, interviewed and hired counts per vacancy, for the employer portal.

    The referrals capability supplies them through the hook `vacancy_pipeline_counts(vacancy_ids)`, which
    returns a list of dicts {vacancy_id: {"referred": n, "interviewed": n, "hired": n}}; without it, zeros.
    """
    counts = {pk: VacancyCounts() for pk in vacancy_ids}
    for contribution in collect("vacancy_pipeline_counts", vacancy_ids):
        for pk, values in contribution.items():
            if pk in counts:
                for key in ("referred", "interviewed", "hired"):
                    setattr(counts[pk], key, getattr(counts[pk], key) + int(values.get(key, 0)))
    return counts


def portal_vacancies(company: Company) -> QuerySet[Vacancy]:
    return company.vacancies.select_related("occupation", "region").annotate(
        interest_count=Count("interests", distinct=True)
    )


def vacancies_to_expire(today: datetime.date | None = None) -> QuerySet[Vacancy]:
    today = today or timezone.localdate()
    return Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, deadline__lt=today)


def bulletins_for_user(user: User) -> QuerySet[Bulletin]:
    bulletins = Bulletin.objects.select_related("centre").defer("pdf")
    if user.role == Role.ADMINISTRATOR:
        return bulletins
    if user.role in (Role.COUNSELOR, Role.MANAGER):
        return bulletins.filter(centre_id=user.centre_id)
    return bulletins.none()


def get_bulletin_for_user(user: User, pk: int) -> Bulletin:
    try:
        return Bulletin.objects.filter(pk__in=bulletins_for_user(user).values("pk")).get(pk=pk)
    except Bulletin.DoesNotExist as error:
        raise Http404 from error


# A word that names more companies than this (for example "주식회사") finds vacancies by its text only.
NAME_MATCH_LIMIT = 500


def _ids_named(lookups: list[tuple[type, str, bool]]) -> list[list[int]]:
    """For each (model, word, by_code): the rows of that small table (companies, regions, occupations) whose name
    contains `word`; for the code tables also every row below them (서구 finds its 동). [] when the word names too
    many to be a useful filter. Cached like the board's results (PUBLIC_BOARD_CACHE_SECONDS), all read in one round
    trip, so a repeated search is answered without a query."""
    import hashlib

    from django.conf import settings
    from django.core.cache import cache

    keys = [
        f"employers:ids-named:{model._meta.label}:{by_code}:" + hashlib.sha256(word.encode()).hexdigest()
        for model, word, by_code in lookups
    ]
    found = cache.get_many(keys)
    missing = {
        key: _ids_named_uncached(model, word, by_code=by_code)
        for key, (model, word, by_code) in zip(keys, lookups, strict=True)
        if key not in found
    }
    if missing:
        cache.set_many(missing, settings.PUBLIC_BOARD_CACHE_SECONDS)
    return [found[key] if key in found else missing[key] for key in keys]


def _ids_named_uncached(model, word: str, *, by_code: bool) -> list[int]:
    from django.db.models import Q

    names = Q(name_ko__icontains=word) | Q(name_en__icontains=word) if by_code else Q(name__icontains=word)
    named = list(model.objects.filter(names).values_list("pk", "code" if by_code else "pk")[: NAME_MATCH_LIMIT + 1])
    if len(named) > NAME_MATCH_LIMIT:
        return []
    if not by_code or not named:
        return [pk for pk, _ in named]
    below = Q()
    for _, code in named:
        below |= Q(code__startswith=code)
    return list(model.objects.filter(below).values_list("pk", flat=True)[: NAME_MATCH_LIMIT * 10])


def vacancies_with_words(vacancies: QuerySet[Vacancy], words: list[str]) -> QuerySet[Vacancy]:
    """Vacancies where every word is in the title, duties or certificates (a trigram index serves the LIKE), or names
    the company, the workplace's region (or a region above it) or the occupation. The names are looked up first in
    their small tables, so the vacancy table is still read through its indexes (a BitmapOr of the trigram index and
    the foreign keys' indexes)."""
    from django.contrib.postgres.fields import ArrayField
    from django.db.models import F, Func, TextField

    from jobcenter.models import Occupation, Region

    bigrams = Func(F("search_text"), function="seekers_name_bigrams", output_field=ArrayField(TextField()))
    named = _ids_named(
        [
            lookup
            for word in words
            for lookup in ((Company, word, False), (Region, word, True), (Occupation, word, True))
        ]
    )
    for n, word in enumerate(words):
        company_ids, region_ids, occupation_ids = named[3 * n : 3 * n + 3]
        upper = word.upper()
        in_text = Q(search_text__contains=upper)
        if len(upper) == 2:
            # The trigram index cannot serve a two-character word; the syllable-pair index (vacancy_search_bigrams)
            # can. The LIKE stays as the exact test.
            vacancies = vacancies.alias(**{f"bigrams_{n}": bigrams})
            in_text &= Q(**{f"bigrams_{n}__contains": [upper]})
        matches = in_text
        if company_ids:
            matches |= Q(company_id__in=company_ids)
        if region_ids:
            matches |= Q(region_id__in=region_ids)
        if occupation_ids:
            matches |= Q(occupation_id__in=occupation_ids)
        vacancies = vacancies.filter(matches)
    return vacancies


def search_published_vacancies(
    *,
    q: str = "",
    occupation: str | None = None,
    region: str | None = None,
    employment_type: str = "",
    min_wage: int | None = None,
    deadline_after: datetime.date | None = None,
    sort: str = "new",
) -> QuerySet[Vacancy]:
    """The job board's and the API's search over published vacancies.

    Keywords match title, duties and certificates (every word must appear; a trigram index serves the
    LIKE for Korean and English alike), or the names of the company, the workplace's region and the
    occupation. Occupation and region match their code and every code below it.
    `min_wage` is monthly and compared with `monthly_pay`: hourly wages count as hourly × 209 hours (a 40-hour
    week), pro rata for fewer hours a week, so a part-time hourly job is compared by what its hours pay; the board's
    form says so. The "highest wage" sort still reads `monthly_wage` (hourly × 209), which its index serves.
    """
    from django.db.models import F

    vacancies = vacancies_with_words(published_vacancies(), q.split()[:5])
    if occupation:
        vacancies = vacancies.filter(occupation__code__startswith=occupation)
    if region:
        vacancies = vacancies.filter(region__code__startswith=region)
    if employment_type:
        vacancies = vacancies.filter(employment_type=employment_type)
    if min_wage:
        vacancies = vacancies.filter(monthly_pay__gte=min_wage)
    if deadline_after:
        vacancies = vacancies.filter(Q(deadline__isnull=True) | Q(deadline__gte=deadline_after))
    if sort == "deadline":
        vacancies = vacancies.order_by(F("deadline").asc(nulls_last=True), "-pk")
    elif sort == "wage":
        vacancies = vacancies.order_by(F("monthly_wage").desc(nulls_last=True), "-pk")
    else:
        vacancies = vacancies.order_by(F("published_at").desc(), "-pk")
    return vacancies
