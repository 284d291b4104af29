"""Demo events from the seeds: a job fair (채용한마당), the Friday recruiting day (금요채용마당) series, an online
lecture (취업특강, Zoom) and a 6-week youth cohort (청년 뉴딜). Idempotent: each is made once, by title."""

import datetime

from django.utils import timezone

from employers.models import Vacancy
from events import services
from events.models import Event, EventKind, EventSeries, Participation, RoomRequest
from jobcenter.demo import Demo
from seekers.models import Seeker


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def seed(demo: Demo) -> None:
    centre = demo.centres[0]
    counselor = demo.users.get("counselor")
    seekers = list(Seeker.objects.filter(centre=centre, status=Seeker.Status.ACTIVE).order_by("pk")[:12])

    fair_title = "2026 서구 채용한마당"
    if not Event.objects.filter(centre=centre, title=fair_title).exists():
        fair = services.event_create(
            by=counselor,
            centre=centre,
            kind=EventKind.JOB_FAIR,
            title=fair_title,
            description="지역 우수기업이 직접 참여하는 1:1 현장 면접. 이력서를 지참하세요.",
            venue="서구문화회관 대공연장 로비",
            starts_at=_at(21, 10),
            ends_at=_at(21, 16),
            capacity=300,
            target_groups=["youth", "5060", "career_break_women"],
            co_hosts="인천서부고용복지+센터, 검단 일자리센터",
            state=Event.State.OPEN,
        )
        vacancies = Vacancy.objects.filter(centre=centre, status=Vacancy.Status.PUBLISHED).select_related("company")
        by_company: dict = {}
        for vacancy in vacancies:
            by_company.setdefault(vacancy.company, []).append(vacancy)
        for number, (company, offered) in enumerate(by_company.items(), start=1):
            participation = services.participation_create(
                event=fair,
                company=company,
                vacancies=offered,
                booth=f"A-{number:02d}",
                by=counselor,
                status=Participation.Status.CONFIRMED,
            )
            services.slots_generate(
                participation=participation,
                first_start=_at(21, 10),
                last_end=_at(21, 12),
                minutes=20,
                interviewers=2,
                by=counselor,
            )
        for seeker in seekers[:8]:
            services.registration_create(event=fair, seeker=seeker, by=counselor, source="counselor")

    if not EventSeries.objects.filter(centre=centre, title="금요채용마당").exists():
        today = timezone.localdate()
        services.series_create(
            by=counselor,
            centre=centre,
            title="금요채용마당",
            kind=EventKind.INTERVIEW_DAY,
            rule=EventSeries.Rule.WEEKLY,
            weekday=4,
            first_date=today,
            last_date=today + datetime.timedelta(weeks=8),
            start_time=datetime.time(14),
            end_time=datetime.time(16),
            venue="인천서부고용복지+센터 2층 면접실",
            capacity=40,
            co_hosts="인천서부고용복지+센터",
        )

    lecture_title = "온라인 취업특강: 행동유형 특성을 통한 나와 타인 이해하기"
    if not Event.objects.filter(centre=centre, title=lecture_title).exists():
        lecture = services.event_create(
            by=counselor,
            centre=centre,
            kind=EventKind.LECTURE,
            mode="video",
            title=lecture_title,
            video_link="https://zoom.us/j/0000000000",
            starts_at=_at(10, 14),
            ends_at=_at(10, 16),
            capacity=50,
            state=Event.State.OPEN,
        )
        for seeker in seekers[3:7]:
            services.registration_create(event=lecture, seeker=seeker, by=counselor, source="counselor")

    cohort_title = "청년 뉴딜 6주 과정 (3기)"
    if not Event.objects.filter(centre=centre, title=cohort_title).exists():
        cohort = services.event_create(
            by=counselor,
            centre=centre,
            kind=EventKind.TRAINING,
            title=cohort_title,
            description="6주간 밀착 상담 후 전문교육, 인턴 근무와 취업알선까지 이어지는 청년 과정",
            venue="용인시청 취업교육장",
            starts_at=_at(-14, 10),
            ends_at=_at(28, 13),
            capacity=20,
            target_groups=["youth"],
            session_weekdays=[0, 2, 4],
            state=Event.State.CLOSED,
        )
        for seeker in seekers[:5]:
            services.registration_create(event=cohort, seeker=seeker, by=counselor, source="counselor")
        for session in cohort.sessions.filter(starts_at__lt=timezone.now()):
            present = [r.pk for r in cohort.registrations.all()[:4]]
            services.attendance_record(session=session, present_ids=present, by=counselor)

    # The permanent interview room (상설채용관): one date given to a company, one request waiting for an answer.
    companies = list(
        {vacancy.company for vacancy in Vacancy.objects.filter(centre=centre, status=Vacancy.Status.PUBLISHED)}
    )
    companies.sort(key=lambda company: company.pk)
    employer = demo.users.get("employer")
    for number, company in enumerate(companies[:2]):
        if RoomRequest.objects.filter(company=company).exists():
            continue
        offered = list(company.vacancies.filter(status=Vacancy.Status.PUBLISHED)[:2])
        today = timezone.localdate()
        request = services.room_request_create(
            company=company,
            by=employer if employer is not None else counselor,
            vacancies=offered,
            preferred_dates=[today + datetime.timedelta(days=8 + number * 3), today + datetime.timedelta(days=15)],
            start_time=datetime.time(10),
            end_time=datetime.time(12),
            interviewers=2,
            note="생산직 경력자 우대, 면접 후 현장 견학 희망",
        )
        if number == 0:
            request = services.room_request_accept(
                request=request,
                by=counselor,
                date=request.preferred_dates[0],
                start_time=datetime.time(10),
                end_time=datetime.time(12),
                comment="이력서는 센터에서 미리 받아 전달드립니다.",
            )
            participation = request.event.participations.get()
            for seeker, slot in zip(seekers[:3], participation.slots.all(), strict=False):
                services.interview_schedule(slot=slot, seeker=seeker, by=counselor)
