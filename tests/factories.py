"""Factories of the organisation (centres, booths, users). Each app's own are in tests/<app>/factories.py."""

import factory
from factory.django import DjangoModelFactory

from jobcenter.models import Booth, Centre, Region, Role, User


def region(code: str) -> Region:
    return Region.objects.get(code=code)


class CentreFactory(DjangoModelFactory):
    class Meta:
        model = Centre
        django_get_or_create = ["name"]

    name = factory.Sequence(lambda n: f"일자리센터 {n}")
    region = factory.LazyFunction(lambda: region("28260"))


class BoothFactory(DjangoModelFactory):
    class Meta:
        model = Booth

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"상담창구 {n}")
    location = "1층"


class UserFactory(DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ["username"]

    username = factory.Sequence(lambda n: f"user{n}")
    last_name = "김"
    first_name = factory.Sequence(lambda n: f"사용자{n}")
    email = factory.LazyAttribute(lambda user: f"{user.username}@example.kr")
    role = Role.SEEKER
    password = factory.django.Password("correct-horse-battery")

    class Params:
        counselor = factory.Trait(role=Role.COUNSELOR, centre=factory.SubFactory(CentreFactory))
        manager = factory.Trait(role=Role.MANAGER, centre=factory.SubFactory(CentreFactory))
        administrator = factory.Trait(role=Role.ADMINISTRATOR, is_staff=True, is_superuser=True)
        employer = factory.Trait(role=Role.EMPLOYER)
