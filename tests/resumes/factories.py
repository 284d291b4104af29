import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from matching.models import ReferralSource, ReferralState
from resumes.models import Application, Resume, ResumeComment
from tests.matching.factories import ReferralFactory
from tests.seekers.factories import SeekerFactory


class ResumeFactory(DjangoModelFactory):
    class Meta:
        model = Resume

    seeker = factory.SubFactory(SeekerFactory)
    title = factory.Sequence(lambda n: f"생산직 지원용 {n}")
    facts = factory.LazyFunction(
        lambda: {
            "education": "고등학교",
            "major": "",
            "careers": [
                {
                    "company": "한빛산업",
                    "occupation": "",
                    "started_on": "2019-03-02",
                    "ended_on": "2023-02-28",
                    "duties": "조립",
                }
            ],
            "certificates": [{"name": "지게차운전기능사", "acquired_on": "2020-05-01"}],
            "desired_occupations": [],
        }
    )
    introduction = factory.LazyFunction(lambda: [{"heading": "지원 동기", "body": "성실하게 일하겠습니다."}])


class ResumeCommentFactory(DjangoModelFactory):
    class Meta:
        model = ResumeComment

    resume = factory.SubFactory(ResumeFactory)
    body = "경력 사항에 담당 업무를 더 자세히 쓰세요."


class ApplicationFactory(DjangoModelFactory):
    """An online application already sent: its referral (source "online application") and the résumé's copy."""

    class Meta:
        model = Application

    referral = factory.SubFactory(ReferralFactory, sent=True, source=ReferralSource.APPLICATION)
    resume = factory.SubFactory(ResumeFactory, seeker=factory.SelfAttribute("..referral.seeker"))
    document = factory.LazyAttribute(
        lambda application: {
            "title": application.resume.title,
            "name": application.referral.seeker.name,
            "phone": application.referral.seeker.phone,
            "email": "",
            **application.resume.facts,
            "introduction": application.resume.introduction,
        }
    )
    message = "다음 달부터 근무할 수 있습니다."
    consent_wording = "이력서를 이 기업에만 제공합니다."
    consented_at = factory.LazyFunction(timezone.now)


__all__ = ["ApplicationFactory", "ResumeCommentFactory", "ResumeFactory", "ReferralState"]
