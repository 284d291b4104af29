"""Objects the access table's résumé and application rows open (tests/access_table.py, resumes section)."""

from employers.models import ApplicationMethod
from tests.resumes.factories import ApplicationFactory, ResumeFactory

# Seeker A's résumé: seeker A, and the staff of centre X (and the administrator); seeker B and counselor Y may not
# know of it; employers never open a résumé itself, only the copy sent with an application to them.
RESUME_A_READERS = frozenset({"seeker_a", "counselor_x", "manager_x", "admin"})
HIDES_RESUME_A = frozenset({"seeker_b", "counselor_y"})
# Seeker A's application to company A's vacancy: also employer A; employer B may not know of it.
APPLICATION_A_READERS = RESUME_A_READERS | {"employer_a"}
HIDES_APPLICATION_A = HIDES_RESUME_A | {"employer_b"}


def resume_a(world) -> dict:
    return {"pk": ResumeFactory(seeker=world.seeker_a).pk}


def application_a(world) -> dict:
    """Seeker A's application to a vacancy of company A, made once per test (one open referral per seeker and
    vacancy; other rows refer seeker A to vacancy A itself): a test opening several rows reads the same one."""
    from tests.employers.factories import VacancyFactory

    if "application_a" not in world.extra:
        vacancy = VacancyFactory(company=world.company_a, centre=world.centre_x, published=True)
        world.extra["application_a"] = ApplicationFactory(referral__seeker=world.seeker_a, referral__vacancy=vacancy)
    return {"pk": world.extra["application_a"].pk}


def online_vacancy_a(world) -> dict:
    world.vacancy_a.application_method = ApplicationMethod.BOTH
    world.vacancy_a.save(update_fields=["application_method"])
    return {"pk": world.vacancy_a.pk}


def comment(world) -> dict:
    return {"body": "자기소개서의 지원 동기를 구체적으로 쓰세요."}


def support(world) -> dict:
    return {"opinion": "support", "note": ""}
