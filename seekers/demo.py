"""Demo seekers, consents, opening hours, consultations and bookings (idempotent)."""

import datetime
import random

from django.utils import timezone

from jobcenter.demo import Demo, demo_user
from jobcenter.models import Occupation, Region, Role, TargetGroup
from seekers import services
from seekers.models import Booking, Consultation, OpeningHours, Seeker

SEEKERS = [
    # name, birth date, phone, 읍면동, desired occupation, target groups, booth
    ("김민준", datetime.date(1998, 3, 14), "010-2345-6789", "2826053000", "81", [TargetGroup.YOUTH], "청년 창구"),
    (
        "이서연",
        datetime.date(1984, 7, 2),
        "010-3456-7890",
        "2826054000",
        "53",
        [TargetGroup.CAREER_BREAK_WOMEN, TargetGroup.AGE_4050],
        "여성 창구",
    ),
    ("박영수", datetime.date(1966, 11, 20), "010-4567-8901", "2826058000", "62", [TargetGroup.AGE_5060], "신중년 창구"),
]
FAMILY = "김이박최정강조윤장임한오서신권황안송"
GIVEN = ["민서", "지훈", "서윤", "도현", "하은", "예준", "수빈", "현우", "지아", "영호", "미경", "정숙", "상철", "은주"]
OCCUPATIONS = ["02", "53", "55", "61", "62", "81", "83", "85", "87", "89", "01", "30"]
BOOTH_HOURS = [(datetime.time(9), datetime.time(12)), (datetime.time(13), datetime.time(18))]


def seed(demo: Demo) -> None:
    for booth in demo.booths.values():
        if not booth.opening_hours.exists():
            OpeningHours.objects.bulk_create(
                OpeningHours(booth=booth, weekday=weekday, opens_at=opens, closes_at=closes, slot_minutes=30)
                for weekday in range(5)
                for opens, closes in BOOTH_HOURS
            )
    user = demo_user(demo, "seeker", role=Role.SEEKER, last_name="김", first_name="민준")
    for index, (name, birth, phone, region, occupation, groups, booth) in enumerate(SEEKERS):
        booth = demo.booths[booth]
        seeker, created = Seeker.objects.get_or_create(
            centre=booth.centre,
            name=name,
            birth_date=birth,
            defaults={
                "booth": booth,
                "phone": phone,
                "region": Region.objects.get(code=region),
                "target_groups": groups,
                "desired_wage": 2_400_000,
                "counselor": demo.users["counselor"],
                "user": user if index == 0 else None,
                "source": Seeker.Source.WEB if index == 0 else Seeker.Source.BOOTH,
            },
        )
        if created:
            seeker.desired_occupations.add(Occupation.objects.get(code=occupation))
            for kind in ("collection", "sharing", "job_news"):
                services.consent_give(seeker=seeker, kind=kind, by=demo.users["counselor"] if index else None)
    _more_seekers(demo)
    _activity(demo)


def _more_seekers(demo: Demo) -> None:
    """About a hundred more registrations across both centres, so lists, search and worklists have content."""
    rng = random.Random(2026)
    counselors = [demo.users[name] for name in ("counselor", "counselor2", "counselor3", "counselor4")]
    regions = list(Region.objects.filter(level=Region.Level.EUPMYEONDONG).values_list("code", flat=True))
    occupations = {occupation.code: occupation for occupation in Occupation.objects.filter(code__in=OCCUPATIONS)}
    booths = [booth for booth in demo.booths.values() if "enterprise" not in booth.target_groups]
    for number in range(1, 101):
        ref = f"demo-{number:04d}"
        booth = rng.choice(booths)
        if (
            Seeker.objects.filter(centre=booth.centre, external_ref=ref).exists()
            or Seeker.objects.filter(external_ref=ref).exists()
        ):
            continue
        birth = datetime.date(rng.randint(1958, 2006), rng.randint(1, 12), rng.randint(1, 28))
        age = services.age_on(birth, timezone.localdate())
        groups = [TargetGroup.YOUTH] if age < 35 else [TargetGroup.AGE_4050] if age < 50 else [TargetGroup.AGE_5060]
        counselor = rng.choice([c for c in counselors if c.centre_id == booth.centre_id])
        seeker = Seeker.objects.create(
            centre=booth.centre,
            booth=booth,
            counselor=counselor,
            name=rng.choice(FAMILY) + rng.choice(GIVEN),
            birth_date=birth,
            phone=f"010-{rng.randint(2000, 9999)}-{rng.randint(0, 9999):04d}",
            region_id=rng.choice(regions) if regions else None,
            desired_wage=rng.choice([2_100_000, 2_300_000, 2_600_000, 3_000_000]),
            employment_types=["full_time"],
            target_groups=groups,
            status=rng.choice(["active"] * 6 + ["placed", "on_hold"]),
            external_ref=ref,
            source=rng.choice([Seeker.Source.BOOTH, Seeker.Source.WEB]),
        )
        seeker.desired_occupations.add(occupations[rng.choice(list(occupations))])
        services.consent_give(seeker=seeker, kind="collection", by=counselor)
        if rng.random() < 0.7:
            services.consent_give(seeker=seeker, kind="sharing", by=counselor)
        # Some registrations have been quiet for months: they show up for renewal.
        quiet_days = rng.choice([3, 10, 30, 60, 85, 100, 120])
        Seeker.objects.filter(pk=seeker.pk).update(
            last_activity_at=timezone.now() - datetime.timedelta(days=quiet_days),
            registered_at=timezone.now() - datetime.timedelta(days=quiet_days + rng.randint(0, 200)),
        )


def _activity(demo: Demo) -> None:
    if Consultation.objects.exists():
        return
    rng = random.Random(19)
    now = timezone.now()
    for seeker in Seeker.objects.filter(status="active").select_related("booth", "counselor")[:60]:
        for _ in range(rng.randint(1, 3)):
            Consultation.objects.create(
                seeker=seeker,
                counselor=seeker.counselor,
                booth=seeker.booth,
                channel=rng.choice(["visit", "visit", "phone", "online", "mobile_desk"]),
                started_at=now - datetime.timedelta(days=rng.randint(1, 80), hours=rng.randint(0, 6)),
                duration_minutes=rng.choice([20, 30, 40, 60]),
                topics=rng.sample(["job_search", "resume", "interview", "training", "welfare"], 2),
                notes=rng.choice(
                    ["희망직종 상담, 이력서 보완 필요", "면접 일정 안내", "직업훈련 과정 안내", "구인업체 2곳 소개"]
                ),
            )
    today = timezone.localdate()
    for seeker in Seeker.objects.filter(status="active").select_related("booth")[:12]:
        day = today
        while day.weekday() >= 5 or services.is_holiday(day):
            day += datetime.timedelta(days=1)
        for slot in services.booth_slots(booth=seeker.booth, day=day):
            if slot.free:
                Booking.objects.create(
                    seeker=seeker,
                    booth=seeker.booth,
                    starts_at=slot.starts_at,
                    ends_at=slot.ends_at,
                    channel=rng.choice(["web", "phone"]),
                    topic="방문 상담",
                )
                break
