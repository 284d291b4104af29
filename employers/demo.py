"""Demo companies and their vacancies in every state of the lifecycle (idempotent)."""

import datetime

from django.utils import timezone

from employers.models import Company, CompanyMember, Interest, Vacancy, VacancyEvent
from jobcenter.demo import Demo, demo_user
from jobcenter.models import EducationLevel, EmploymentType, Industry, Occupation, Region, Role, TargetGroup, WageType

COMPANIES = [
    # name, business number (valid check digit), industry, size, 읍면동, representative, source, centre index
    ("청라정밀(주)", "1048118233", "C", "50-299", "2826053000", "오세훈", "portal", 0),
    ("서구푸드 협동조합", "2208162517", "I", "5-49", "2826054000", "배정란", "counselor", 0),
    ("검단물류(주)", "1138114599", "H", "50-299", "2826058000", "장동건", "field_visit", 1),
    ("가정요양센터", "1010000088", "Q", "5-49", "2826054100", "문희경", "counselor", 0),
    ("석남산업(주)", "1010000109", "C", "5-49", "2826055000", "한상철", "field_visit", 0),
    ("연희베이커리", "1010000185", "I", "1-4", "2826052000", "유미진", "portal", 0),
]
# A company that signed up yesterday and waits for a counselor's verification.
UNVERIFIED = ("청라스마트팩토리(주)", "1010000114", "C", "5-49", "2826053100", "김도윤")

VACANCIES = [
    # company index, title, occupation, duties, openings, wage type, wage, status, extra
    (0, "CNC 선반 가공원", "81", "CNC 선반 가공, 도면 해독, 품질 검사", 3, "monthly", 2_600_000, "published", {}),
    (1, "단체급식 조리원", "53", "단체급식 조리, 식자재 손질, 위생 관리", 2, "monthly", 2_300_000, "published", {}),
    (2, "물류센터 입출고 관리", "62", "입출고 검수, 지게차 운전, 재고 관리", 5, "monthly", 2_500_000, "published", {}),
    (
        3,
        "요양보호사 (주간보호)",
        "55",
        "어르신 주간보호 프로그램 보조, 식사·이동 지원",
        4,
        "hourly",
        11_000,
        "published",
        {"employment_type": "part_time", "weekly_hours": 25, "suitable_for": ["5060", "career_break_women"]},
    ),
    (
        4,
        "용접 및 제관원",
        "81",
        "CO2 용접, 제관 조립",
        2,
        "monthly",
        3_100_000,
        "published",
        {"certificates_required": "용접기능사"},
    ),
    (5, "제빵 보조", "53", "반죽, 성형, 매장 진열", 1, "hourly", 10_500, "submitted", {"employment_type": "part_time"}),
    (0, "품질관리 사무원", "02", "검사 성적서 작성, ERP 입력", 1, "monthly", 2_700_000, "draft", {}),
    (1, "주방 보조 (오전)", "53", "식기 세척, 재료 손질", 2, "hourly", 10_320, "expired", {}),
    (2, "택배 분류원", "62", "택배 분류 및 상하차", 3, "monthly", 2_400_000, "filled", {}),
]


def seed(demo: Demo) -> None:
    companies = []
    now = timezone.now()
    for name, number, industry, size, region, representative, source, centre_index in COMPANIES:
        company, _ = Company.objects.get_or_create(
            business_number=number,
            defaults={
                "name": name,
                "centre": demo.centres[centre_index],
                "industry": Industry.objects.get(code=industry),
                "size": size,
                "region": Region.objects.get(code=region),
                "representative": representative,
                "contact_name": representative,
                "contact_phone": "032-560-1234",
                "source": source,
                "verified_at": now,
                "verified_by": demo.users.get("counselor"),
            },
        )
        companies.append(company)
    name, number, industry, size, region, representative = UNVERIFIED
    Company.objects.get_or_create(
        business_number=number,
        defaults={
            "name": name,
            "centre": demo.centres[0],
            "industry": Industry.objects.get(code=industry),
            "size": size,
            "region": Region.objects.get(code=region),
            "representative": representative,
            "contact_name": representative,
            "contact_email": "hr@cheongna-smart.example",
        },
    )
    employer = demo_user(demo, "employer", role=Role.EMPLOYER, last_name="오", first_name="세훈")
    CompanyMember.objects.get_or_create(user=employer, defaults={"company": companies[0]})
    baker = demo_user(demo, "employer2", role=Role.EMPLOYER, last_name="유", first_name="미진")
    CompanyMember.objects.get_or_create(user=baker, defaults={"company": companies[5]})
    demo.extra["companies"] = companies

    counselor = demo.users.get("counselor")
    today = timezone.localdate()
    vacancies = []
    for index, title, occupation, duties, openings, wage_type, wage, status, extra in VACANCIES:
        company = companies[index]
        deadline = today - datetime.timedelta(days=3) if status == "expired" else today + datetime.timedelta(days=30)
        vacancy, created = Vacancy.objects.get_or_create(
            company=company,
            title=title,
            defaults={
                "centre": company.centre,
                "occupation": Occupation.objects.get(code=occupation),
                "duties": duties,
                "openings": openings,
                "openings_filled": openings if status == "filled" else 0,
                "employment_type": extra.get("employment_type", EmploymentType.FULL_TIME),
                "wage_type": wage_type,
                "wage_amount": wage,
                "region": company.region,
                "address": "인천광역시 서구",
                "status": status,
                "published_at": now if status in ("published", "filled", "expired") else None,
                "working_days": "월–금",
                "working_hours": "09:00–18:00" if wage_type == WageType.MONTHLY else "09:00–14:00",
                "weekly_hours": extra.get("weekly_hours", 40),
                "education_required": EducationLevel.NONE,
                "certificates_required": extra.get("certificates_required", ""),
                "suitable_for": extra.get("suitable_for", [TargetGroup.AGE_5060] if index % 2 else []),
                "benefits": "4대 보험, 중식 제공, 퇴직금",
                "deadline": deadline,
                "contact": f"{company.contact_name} {company.contact_phone}",
                "hiring_steps": "서류 → 면접",
                "source": "portal" if company.source == "portal" else "counselor",
                "created_by": counselor,
            },
        )
        if created:
            VacancyEvent.objects.create(vacancy=vacancy, from_status="", to_status=status, by=counselor)
        vacancies.append(vacancy)
    # A draft the centre sent back, with the comment the employer sees on the portal.
    returned = vacancies[6]
    if not returned.review_comment:
        returned.review_comment = "근무 시간과 교대 여부를 적어 주세요. 우대 자격증이 있으면 함께 적어 주세요."
        returned.save(update_fields=["review_comment"])
        VacancyEvent.objects.create(
            vacancy=returned, from_status="submitted", to_status="draft", by=counselor, comment=returned.review_comment
        )
    demo.extra["vacancies"] = vacancies

    # Seekers (seeded before us) who asked for a referral from the job board.
    from seekers.models import Seeker

    for seeker, vacancy in zip(Seeker.objects.filter(counselor=counselor)[:2], vacancies[:2], strict=False):
        Interest.objects.get_or_create(seeker=seeker, vacancy=vacancy)
