"""Objects the access table (tests/access_table.py) needs for the employers URLs."""

from employers.models import CompanyInvitation, Interest, Vacancy
from tests.employers.factories import VacancyFactory


def vacancy_a(world) -> dict:
    return {"pk": world.vacancy_a.pk}


def draft_a(world) -> dict:
    return {"pk": VacancyFactory(company=world.company_a, title="A사 초안").pk}


def submitted_a(world) -> dict:
    return {"pk": VacancyFactory(company=world.company_a, status=Vacancy.Status.SUBMITTED).pk}


def company_a(world) -> dict:
    return {"pk": world.company_a.pk}


def invitation(world) -> dict:
    return {"token": CompanyInvitation.objects.create(company=world.company_a, email="new@example.kr").token}


def interest_a(world) -> dict:
    return {"pk": Interest.objects.create(seeker=world.seeker_a, vacancy=world.vacancy_a).pk}


def invite_data(world) -> dict:
    return {"email": "colleague@example.kr"}


def return_data(world) -> dict:
    return {"comment": "임금을 다시 확인해 주세요."}


def bulletin_x(world) -> dict:
    from django.utils import timezone

    from employers.models import Bulletin

    return {"pk": Bulletin.objects.create(centre=world.centre_x, issue_date=timezone.localdate(), pdf=b"%PDF-").pk}


def import_x(world) -> dict:
    from employers.models import ImportBatch

    content = "business_number,name,region\n1048118233,청라정밀(주),2826053000\n".encode()
    return {
        "pk": ImportBatch.objects.create(centre=world.centre_x, kind="companies", filename="a.csv", content=content).pk
    }
