import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from employers.models import Company, CompanyMember, Vacancy
from jobcenter.models import EmploymentType, Occupation
from tests.factories import CentreFactory, UserFactory, region


def business_number(n: int) -> str:
    """A valid 사업자등록번호 built from a sequence number (check digit computed)."""
    digits = [int(c) for c in f"{100000000 + n:09d}"[-9:]]
    weights = [1, 3, 7, 1, 3, 7, 1, 3, 5]
    total = sum(d * w for d, w in zip(digits, weights, strict=True)) + (digits[8] * 5) // 10
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


class CompanyFactory(DjangoModelFactory):
    class Meta:
        model = Company

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"테스트기업{n}(주)")
    business_number = factory.Sequence(business_number)
    region = factory.LazyFunction(lambda: region("2826053000"))
    verified_at = factory.LazyFunction(timezone.now)

    class Params:
        unverified = factory.Trait(verified_at=None)


class CompanyMemberFactory(DjangoModelFactory):
    class Meta:
        model = CompanyMember

    user = factory.SubFactory(UserFactory, employer=True)
    company = factory.SubFactory(CompanyFactory)


class VacancyFactory(DjangoModelFactory):
    class Meta:
        model = Vacancy

    company = factory.SubFactory(CompanyFactory)
    centre = factory.SelfAttribute("company.centre")
    title = factory.Sequence(lambda n: f"생산직 사원 {n}")
    occupation = factory.LazyFunction(lambda: Occupation.objects.get(code="81"))
    duties = "기계 조작 및 품질 검사"
    openings = 2
    employment_type = EmploymentType.FULL_TIME
    wage_amount = 2_500_000
    region = factory.LazyFunction(lambda: region("2826053000"))

    class Params:
        published = factory.Trait(status=Vacancy.Status.PUBLISHED, published_at=factory.LazyFunction(timezone.now))
        submitted = factory.Trait(status=Vacancy.Status.SUBMITTED)
        closed = factory.Trait(status=Vacancy.Status.CLOSED)
        incomplete = factory.Trait(occupation=None, duties="", wage_amount=None, region=None)
