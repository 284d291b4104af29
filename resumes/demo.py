"""Demo: the demo employer's published vacancies take online applications, and the demo resident has a résumé."""

from employers.models import ApplicationMethod, Vacancy
from jobcenter.demo import Demo
from resumes.models import Resume
from resumes.services import resume_facts
from seekers.models import Seeker


def seed(demo: Demo) -> None:
    companies = demo.extra.get("companies") or []
    # The demo employer's vacancies, and two the demo resident has not been referred to (so they can try applying).
    titles = ("용접 및 제관원", "물류센터 입출고 관리")
    online = Vacancy.objects.filter(status=Vacancy.Status.PUBLISHED, title__in=titles)
    if companies:
        online = online | Vacancy.objects.filter(company=companies[0], status=Vacancy.Status.PUBLISHED)
    Vacancy.objects.filter(pk__in=online.values("pk")).update(application_method=ApplicationMethod.BOTH)
    seeker = Seeker.objects.filter(user__username="seeker").first()
    if seeker is None or Resume.objects.filter(seeker=seeker).exists():
        return
    Resume.objects.create(
        seeker=seeker,
        title="생산직 지원용",
        facts=resume_facts(seeker),
        introduction=[
            {"heading": "지원 동기", "body": "제조 현장에서 쌓은 경험으로 좋은 제품을 만드는 데 힘을 보태고 싶습니다."},
            {"heading": "입사 후 포부", "body": "안전 수칙을 지키며 꾸준히 기술을 익히겠습니다."},
        ],
    )
