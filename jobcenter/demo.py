"""Demo organisation: a city (인천 서구) with two centres, their booths and staff.

Every app may have a `demo.py` with `seed(demo: Demo) -> None`; `manage.py seed_demo` runs them in
INSTALLED_APPS order. All of them are idempotent (get_or_create on natural keys).
"""

from dataclasses import dataclass, field

from jobcenter.demo_logins import DEMO_PASSWORD
from jobcenter.models import Booth, Centre, Region, Role, User


@dataclass
class Demo:
    """What earlier seeders made, for later ones to use."""

    centres: list[Centre] = field(default_factory=list)
    booths: dict[str, Booth] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    extra: dict = field(default_factory=dict)


def demo_user(demo: Demo, username: str, *, role: str, last_name: str, first_name: str, **extra) -> User:
    user, created = User.objects.get_or_create(
        username=username,
        defaults={
            "role": role,
            "last_name": last_name,
            "first_name": first_name,
            "email": f"{username}@demo.jobcenter.example",
            **extra,
        },
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    demo.users[username] = user
    return user


def seed(demo: Demo) -> None:
    seo_gu = Region.objects.get(code="28260")
    main, _ = Centre.objects.get_or_create(
        name="인천 서구 일자리센터",
        defaults={"region": seo_gu, "address": "인천광역시 서구 서곶로 307 구청 본관 1층", "phone": "032-560-4000"},
    )
    branch, _ = Centre.objects.get_or_create(
        name="검단 일자리센터",
        defaults={
            "region": Region.objects.get(code="2826058000"),
            "address": "인천광역시 서구 검단로 502",
            "phone": "032-560-5000",
        },
    )
    demo.centres = [main, branch]
    booths = [
        (main, "종합상담 1번 창구", "본관 1층", ""),
        (main, "청년 창구", "본관 1층", Booth.Speciality.YOUTH),
        (main, "신중년 창구", "본관 3층", Booth.Speciality.MIDDLE_AGED),
        (main, "여성 창구", "본관 3층", Booth.Speciality.WOMEN),
        (main, "장애인 창구", "본관 3층", Booth.Speciality.DISABLED),
        (main, "기업지원 창구", "본관 3층", Booth.Speciality.ENTERPRISE),
        (branch, "종합상담 창구", "검단 일자리센터 1층", ""),
        (branch, "청라 행정복지센터 부스", "청라1동 행정복지센터 2층", ""),
    ]
    for centre, name, location, target in booths:
        booth, _ = Booth.objects.get_or_create(
            centre=centre, name=name, defaults={"location": location, "target_groups": [target] if target else []}
        )
        demo.booths[name] = booth

    demo_user(
        demo, "admin", role=Role.ADMINISTRATOR, last_name="관", first_name="리자", is_staff=True, is_superuser=True
    )
    demo_user(demo, "manager", role=Role.MANAGER, last_name="정", first_name="민호", centre=main)
    demo_user(demo, "manager2", role=Role.MANAGER, last_name="한", first_name="지은", centre=branch)
    demo_user(
        demo,
        "counselor",
        role=Role.COUNSELOR,
        last_name="김",
        first_name="수진",
        centre=main,
        booth=demo.booths["종합상담 1번 창구"],
    )
    demo_user(
        demo,
        "counselor2",
        role=Role.COUNSELOR,
        last_name="이",
        first_name="준영",
        centre=main,
        booth=demo.booths["신중년 창구"],
    )
    demo_user(
        demo,
        "counselor3",
        role=Role.COUNSELOR,
        last_name="박",
        first_name="하늘",
        centre=main,
        booth=demo.booths["청년 창구"],
    )
    demo_user(
        demo,
        "counselor4",
        role=Role.COUNSELOR,
        last_name="최",
        first_name="영미",
        centre=branch,
        booth=demo.booths["종합상담 창구"],
    )
