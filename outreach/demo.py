"""Demo outreach (seed 000, 인천 서구): a two-person field team on Tuesdays and Wednesdays, their visit logs,
a mobile desk at a library on the 2nd and 4th Thursday, partner institutions and a local-hire agreement.
Idempotent: every row is found by a natural key before it is made."""

import datetime

from django.utils import timezone

from employers.models import Company
from jobcenter.demo import Demo
from jobcenter.models import Industry, Occupation, Region
from outreach import services
from outreach.interfaces import BUSINESS_NUMBER_WEIGHTS
from outreach.models import (
    DeskSession,
    LocalHireAgreement,
    MobileDesk,
    OutreachTeam,
    PartnerInstitution,
    PartnerLinkage,
    Visit,
    VisitPlan,
    Weekday,
)

COMPANIES = [
    # name, industry, employees, 읍면동, address, contact
    ("가좌금속(주)", "C", 38, "2826053000", "인천 서구 가좌로 84", "윤재석"),
    ("석남프레스", "C", 22, "2826054000", "인천 서구 석남로 211", "임미란"),
    ("청라로지스(주)", "H", 64, "2826058000", "인천 서구 청라대로 310", "권태호"),
    ("서곶케어 요양원", "Q", 51, "2826053000", "인천 서구 서곶로 155", "신은정"),
    ("원창식품(주)", "C", 87, "2826054000", "인천 서구 원창로 48", "황보라"),
    ("검단환경산업", "E", 17, "2826058000", "인천 서구 검단로 77", "송기철"),
]
VISITS = [
    # days ago, company index, person met, difficulties, vacancies (title, occupation, openings)
    (
        35,
        0,
        "윤재석 대표",
        {"hiring": "용접·가공 인력 구인난", "wages_subsidies": "청년 채용장려금 문의"},
        [("용접원", "81", 3)],
    ),
    (35, 1, "임미란 실장", {"working_environment": "프레스 작업장 소음"}, [("프레스 조작원", "81", 2)]),
    (
        28,
        2,
        "권태호 팀장",
        {"hiring": "야간 상하차 인력 부족"},
        [("물류 상하차원", "62", 6), ("지게차 운전원", "62", 2)],
    ),
    (28, 3, "신은정 원장", {"training": "요양보호사 자격 교육 연계 희망"}, [("요양보호사", "55", 4)]),
    (
        14,
        4,
        "황보라 과장",
        {"funding": "설비 자금 문의", "regulation": "식품위생 인증 절차"},
        [("식품 생산직", "81", 5)],
    ),
]


def business_number(serial: int) -> str:
    digits = [int(c) for c in f"{610000000 + serial:09d}"]
    total = sum(d * w for d, w in zip(digits, BUSINESS_NUMBER_WEIGHTS, strict=True)) + (digits[8] * 5) // 10
    return "".join(map(str, digits)) + str((10 - total % 10) % 10)


def seed(demo: Demo) -> None:
    centre = demo.centres[0]
    counselor, counselor2 = demo.users["counselor"], demo.users["counselor2"]
    today = timezone.localdate()

    team, _ = OutreachTeam.objects.get_or_create(centre=centre, name="찾아가는 일자리 발굴단 1조")
    team.members.set([counselor, counselor2])

    companies = []
    for serial, (name, industry, employees, region, address, contact) in enumerate(COMPANIES, start=1):
        company, _ = Company.objects.get_or_create(
            business_number=business_number(serial),
            defaults={
                "centre": centre,
                "name": name,
                "industry": Industry.objects.get(code=industry),
                "employee_count": employees,
                "size": "50-299" if employees >= 50 else "5-49",
                "region": Region.objects.get(code=region),
                "address": address,
                "contact_name": contact,
                "contact_phone": f"032-56{serial}-10{serial:02d}",
                "source": Company.Source.FIELD_VISIT,
                "verified_at": timezone.now(),
            },
        )
        companies.append(company)

    plan = VisitPlan.objects.filter(centre=centre, title="하반기 찾아가는 일자리 발굴단").first()
    if plan is None:
        end = datetime.date(today.year, 11, 30) if today.month < 11 else today + datetime.timedelta(days=60)
        plan = services.visit_plan_create(
            by=counselor,
            team=team,
            title="하반기 찾아가는 일자리 발굴단",
            weekdays=[Weekday.TUESDAY, Weekday.WEDNESDAY],
            starts_on=today,
            ends_on=end,
        )
        services.visit_plan_add_targets(
            plan=plan,
            companies=[companies[5], *(c for c in demo.extra.get("companies", []) if c.centre_id == centre.pk)],
            per_day=3,
        )

    for days_ago, index, person, difficulties, vacancies in VISITS:
        company = companies[index]
        visited_on = today - datetime.timedelta(days=days_ago)
        if Visit.objects.filter(company=company, visited_on=visited_on).exists():
            continue
        services.visit_save(
            by=counselor,
            complete=True,
            data=services.VisitInput(
                visited_on=visited_on,
                company=company,
                team=team,
                members=[counselor, counselor2],
                person_met=person,
                employee_count=company.employee_count,
                business_conditions="코로나19 이후 주문 회복, 인력 충원 필요",
                difficulties=difficulties,
                follow_ups=[
                    services.FollowUp(
                        description=f"{company.name} 고용장려금 안내 자료 발송",
                        owner=counselor,
                        due_on=visited_on + datetime.timedelta(days=10 + days_ago // 2),
                    )
                ],
                vacancies=[
                    services.DiscoveredOpening(
                        title=title,
                        occupation=Occupation.objects.get(code=occupation),
                        openings=openings,
                        employment_type="full_time",
                    )
                    for title, occupation, openings in vacancies
                ],
            ),
        )

    desk, _ = MobileDesk.objects.get_or_create(
        centre=centre,
        name="찾아가는 취업상담실 (서구 도서관)",
        defaults={
            "place": "서구 청라호수도서관 1층 로비",
            "address": "인천 서구 청라호수로 200",
            "weekday": Weekday.THURSDAY,
            "weeks_of_month": [2, 4],
            "starts_at": datetime.time(10, 0),
            "ends_at": datetime.time(16, 0),
        },
    )
    from seekers.models import Seeker

    seekers = list(Seeker.objects.filter(centre=centre).order_by("pk")[:6])
    past = services.desk_dates(desk=desk, starts_on=today - datetime.timedelta(days=90), ends_on=today)
    for number, day in enumerate(past):
        if DeskSession.objects.filter(desk=desk, held_on=day).exists():
            continue
        session = services.desk_session_open(desk=desk, held_on=day, staff=[counselor, demo.users["counselor3"]])
        for seeker in seekers[: 3 + number % 3]:
            services.desk_consultation_log(by=counselor, session=session, seeker=seeker, topics=["job_search"])

    for name, kind, services_text in [
        (
            "인천서부고용복지+센터",
            PartnerInstitution.Kind.EMPLOYMENT_WELFARE_CENTRE,
            "국민취업지원제도, 금요채용마당 공동 개최",
        ),
        (
            "서구 행정복지센터 맞춤형복지팀",
            PartnerInstitution.Kind.WELFARE_OFFICE,
            "긴급복지, 기초생활 수급자 자활 연계",
        ),
        ("인천재능대학교 평생교육원", PartnerInstitution.Kind.COLLEGE, "요양보호사·조리 자격 취득반"),
    ]:
        PartnerInstitution.objects.get_or_create(
            centre=centre, name=name, defaults={"kind": kind, "services": services_text, "phone": "032-560-7000"}
        )

    agreement, _created = LocalHireAgreement.objects.get_or_create(
        centre=centre,
        party_name=companies[2].name,
        defaults={
            "company": companies[2],
            "signed_on": today - datetime.timedelta(days=60),
            "job_types": "물류 상하차, 경비, 청소",
            "contact_name": companies[2].contact_name,
            "contact_phone": companies[2].contact_phone,
            "notes": "서구민 우선채용 (1사 1구민 채용)",
        },
    )
    _seed_linkages(centre=centre, counselor=counselor)
    _seed_agreement_hires(agreement=agreement, counselor=counselor)
    _seed_campaign(centre=centre, counselor=counselor)


def _seed_linkages(*, centre, counselor) -> None:
    """Three seekers linked to partners with their consent, one with an outcome already."""
    from seekers.models import Seeker

    partners = {partner.kind: partner for partner in PartnerInstitution.objects.filter(centre=centre)}
    seekers = list(Seeker.objects.filter(centre=centre).order_by("-pk")[:3])
    plan = [
        (PartnerInstitution.Kind.WELFARE_OFFICE, "긴급복지 생계지원 연계", "in_person", "received"),
        (PartnerInstitution.Kind.COLLEGE, "요양보호사 자격 취득반", "phone", ""),
        (PartnerInstitution.Kind.EMPLOYMENT_WELFARE_CENTRE, "국민취업지원제도 1유형", "in_person", ""),
    ]
    for seeker, (kind, service, channel, outcome) in zip(seekers, plan, strict=False):
        partner = partners.get(kind)
        if partner is None or PartnerLinkage.objects.filter(seeker=seeker, partner=partner).exists():
            continue
        linkage = services.partner_link_seeker(
            by=counselor, partner=partner, seeker=seeker, service=service, consent_given=True, consent_channel=channel
        )
        if outcome:
            services.partner_linkage_record_outcome(
                by=counselor, linkage=linkage, outcome=outcome, notes="생계비 3개월 지원 결정"
            )


def _seed_agreement_hires(*, agreement, counselor) -> None:
    """Residents hired under the local-hire agreement: placements recorded with that employer."""
    from matching.services import placement_record
    from seekers.models import Seeker

    company = agreement.company
    if company is None or agreement.hires.exists():
        return
    # Residents registered at the booth, not the demo's own resident login (김민준): placed, they would have no
    # recommended jobs on the demo's my page and case page.
    seekers = Seeker.objects.filter(centre=agreement.centre, placements__isnull=True, user__isnull=True).order_by(
        "pk"
    )[:2]
    for number, seeker in enumerate(seekers):
        # Through the one hire service (its wage and hours rules, the seeker placed, the follow-ups planned).
        placement = placement_record(
            by=counselor,
            seeker=seeker,
            employer_name=company.name,
            job_title=["물류 상하차원", "경비원"][number],
            start_date=timezone.localdate() - datetime.timedelta(days=20 + 7 * number),
            employment_type="full_time",
            wage_amount=2_500_000,
            weekly_hours=40,
        )
        services.agreement_hire_link(by=counselor, agreement=agreement, placement=placement)


def _seed_campaign(*, centre, counselor) -> None:
    """Seed 001's letter to companies of 50 employees or more."""
    from outreach.models import Campaign

    name = "50인 이상 기업 구인 수요 안내문"
    if Campaign.objects.filter(centre=centre, name=name).exists():
        return
    companies = list(Company.objects.filter(centre=centre, employee_count__gte=50))
    if not companies:
        return
    services.campaign_create(
        by=counselor,
        name=name,
        letter=(
            "{contact}님께,\n\n서구 일자리센터가 {company}의 인력 채용을 무료로 돕습니다. "
            "구인 신청을 하시면 알맞은 구직자를 추천하고 면접을 주선합니다.\n\n문의: {centre_phone}"
        ),
        sent_on=timezone.localdate() - datetime.timedelta(days=21),
        companies=companies,
        criteria={"min_employees": 50},
    )
