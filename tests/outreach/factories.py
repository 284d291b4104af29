import datetime

import factory
from django.utils import timezone
from factory.django import DjangoModelFactory

from outreach.models import (
    AgreementHire,
    Campaign,
    DeskSession,
    DiscoveredVacancy,
    FollowUpAction,
    LocalHireAgreement,
    MobileDesk,
    OutreachTeam,
    PartnerInstitution,
    PartnerLinkage,
    Visit,
    VisitDifficulty,
    VisitPlan,
    VisitPlanTarget,
    Weekday,
)
from tests.employers.factories import CompanyFactory, VacancyFactory
from tests.factories import CentreFactory, UserFactory
from tests.matching.factories import PlacementFactory
from tests.seekers.factories import SeekerFactory


class OutreachTeamFactory(DjangoModelFactory):
    class Meta:
        model = OutreachTeam
        skip_postgeneration_save = True  # `members` sets a relation: nothing to save again

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"발굴단 {n}조")

    @factory.post_generation
    def members(self, create, extracted, **kwargs):
        if create and extracted:
            self.members.set(extracted)


class VisitPlanFactory(DjangoModelFactory):
    class Meta:
        model = VisitPlan

    team = factory.SubFactory(OutreachTeamFactory)
    centre = factory.SelfAttribute("team.centre")
    title = factory.Sequence(lambda n: f"기업 방문 계획 {n}")
    weekdays = factory.LazyFunction(lambda: [Weekday.TUESDAY, Weekday.WEDNESDAY])
    starts_on = datetime.date(2026, 9, 1)
    ends_on = datetime.date(2026, 11, 30)


class VisitPlanTargetFactory(DjangoModelFactory):
    class Meta:
        model = VisitPlanTarget

    plan = factory.SubFactory(VisitPlanFactory)
    company = factory.SubFactory(CompanyFactory, centre=factory.SelfAttribute("..plan.centre"))
    scheduled_on = factory.SelfAttribute("plan.starts_on")


class VisitFactory(DjangoModelFactory):
    """A visit log; `completed=True` for one that counts in the report."""

    class Meta:
        model = Visit

    centre = factory.SubFactory(CentreFactory)
    company = factory.SubFactory(CompanyFactory, centre=factory.SelfAttribute("..centre"))
    visited_on = datetime.date(2026, 3, 3)
    person_met = "박대표"
    status = Visit.Status.DRAFT

    class Params:
        completed = factory.Trait(status=Visit.Status.COMPLETED)


class VisitDifficultyFactory(DjangoModelFactory):
    class Meta:
        model = VisitDifficulty

    visit = factory.SubFactory(VisitFactory)
    category = "hiring"


class FollowUpActionFactory(DjangoModelFactory):
    class Meta:
        model = FollowUpAction

    visit = factory.SubFactory(VisitFactory)
    description = "고용장려금 안내 자료 발송"
    owner = factory.SubFactory(UserFactory, counselor=True, centre=factory.SelfAttribute("..visit.centre"))
    due_on = datetime.date(2026, 3, 10)

    class Params:
        done = factory.Trait(done_at=factory.LazyFunction(lambda: datetime.datetime(2026, 3, 9, tzinfo=datetime.UTC)))


class DiscoveredVacancyFactory(DjangoModelFactory):
    class Meta:
        model = DiscoveredVacancy

    visit = factory.SubFactory(VisitFactory)
    vacancy = factory.SubFactory(VacancyFactory, company=factory.SelfAttribute("..visit.company"), source="field_visit")


class MobileDeskFactory(DjangoModelFactory):
    class Meta:
        model = MobileDesk

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"찾아가는 취업상담실 {n}")
    place = "서구 도서관 1층 로비"
    weekday = Weekday.THURSDAY
    weeks_of_month = factory.LazyFunction(lambda: [2, 4])


class DeskSessionFactory(DjangoModelFactory):
    class Meta:
        model = DeskSession

    desk = factory.SubFactory(MobileDeskFactory)
    held_on = factory.Sequence(lambda n: datetime.date(2026, 1, 8) + datetime.timedelta(days=7 * n))


class PartnerInstitutionFactory(DjangoModelFactory):
    class Meta:
        model = PartnerInstitution

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"서부고용복지+센터 {n}")
    kind = PartnerInstitution.Kind.EMPLOYMENT_WELFARE_CENTRE
    services = "국민취업지원제도 상담"


class LocalHireAgreementFactory(DjangoModelFactory):
    class Meta:
        model = LocalHireAgreement

    centre = factory.SubFactory(CentreFactory)
    party_name = factory.Sequence(lambda n: f"우선채용 협약 기업 {n}")
    signed_on = datetime.date(2026, 3, 9)
    job_types = "경비, 관리원, 청소"


class PartnerLinkageFactory(DjangoModelFactory):
    class Meta:
        model = PartnerLinkage

    partner = factory.SubFactory(PartnerInstitutionFactory)
    seeker = factory.SubFactory(SeekerFactory, booth__centre=factory.SelfAttribute("...partner.centre"))
    service = "긴급복지 지원 연계"
    consent_channel = PartnerLinkage.ConsentChannel.IN_PERSON
    consent_at = factory.LazyFunction(timezone.now)

    class Params:
        received = factory.Trait(
            outcome=PartnerLinkage.Outcome.RECEIVED, outcome_recorded_at=factory.LazyFunction(timezone.now)
        )


class AgreementHireFactory(DjangoModelFactory):
    class Meta:
        model = AgreementHire

    agreement = factory.SubFactory(LocalHireAgreementFactory)
    placement = factory.SubFactory(
        PlacementFactory,
        employer_name=factory.SelfAttribute("..agreement.party_name"),
        seeker__booth__centre=factory.SelfAttribute("....agreement.centre"),
    )


class CampaignFactory(DjangoModelFactory):
    class Meta:
        model = Campaign
        skip_postgeneration_save = True

    centre = factory.SubFactory(CentreFactory)
    name = factory.Sequence(lambda n: f"50인 이상 기업 구인 안내 {n}")
    letter = "{contact}님께,\n\n{company}의 채용을 서구 일자리센터가 돕겠습니다."
    sent_on = datetime.date(2026, 3, 2)

    @factory.post_generation
    def companies(self, create, extracted, **kwargs):
        if create and extracted:
            self.companies.set(extracted)
