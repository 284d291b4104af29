"""Demo referrals in various states, a few placements and their follow-ups (after seekers and employers)."""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone

from employers.models import Vacancy
from jobcenter.demo import Demo
from jobcenter.models import EmploymentType
from matching import services
from matching.models import FollowUp, Referral
from seekers.models import Consent, ConsentText, Seeker


def _give_sharing_consent(seeker: Seeker, by) -> None:
    if seeker.has_active_consent(ConsentText.Kind.SHARING):
        return
    try:
        from seekers.services import consent_give
    except ImportError:
        text, _ = ConsentText.objects.get_or_create(
            kind=ConsentText.Kind.SHARING,
            version=1,
            defaults={"text": "구인업체 정보 제공 동의", "purpose": "취업알선", "items": "이력", "retention": "3년"},
        )
        Consent.objects.create(seeker=seeker, text=text, kind=text.kind, channel=Consent.Channel.BOOTH, taken_by=by)
        return
    consent_give(seeker=seeker, kind=ConsentText.Kind.SHARING, by=by)


def seed(demo: Demo) -> None:
    counselor = demo.users.get("counselor")
    centre = demo.centres[0] if demo.centres else None
    if counselor is None or centre is None or Referral.objects.filter(centre=centre).exists():
        return  # already seeded (or nothing to build on)
    seekers = list(Seeker.objects.filter(centre=centre, status=Seeker.Status.ACTIVE).order_by("pk")[:6])
    vacancies = list(
        Vacancy.objects.filter(centre=centre, status=Vacancy.Status.PUBLISHED, openings__gt=1).order_by("pk")[:3]
    )
    if len(seekers) < 2 or not vacancies:
        return
    for seeker in seekers:
        _give_sharing_consent(seeker, counselor)
    now = timezone.now()
    today = timezone.localdate()

    def refer(seeker: Seeker, vacancy: Vacancy, note: str) -> Referral | None:
        try:
            return services.referral_create(by=counselor, seeker=seeker, vacancy=vacancy, note=note)
        except ValidationError:
            return None

    def send(referral: Referral | None, days_ago: int = 1) -> None:
        if referral is None:
            return
        services.referral_transition(referral=referral, to_state="sent", by=counselor, note="이력서 송부")
        Referral.objects.filter(pk=referral.pk).update(waiting_since=now - datetime.timedelta(days=days_ago))

    first, second = seekers[0], seekers[1]
    third = seekers[2] if len(seekers) > 2 else seekers[0]
    vacancy = vacancies[0]
    other = vacancies[1] if len(vacancies) > 1 else vacancies[0]
    last = vacancies[-1]

    refer(first, vacancy, "희망 직종과 근무지가 맞음")  # proposed, not yet sent
    send(refer(second, vacancy, "야간 근무 가능"), days_ago=10)  # the employer is late: on the worklist
    today_at_two = timezone.make_aware(datetime.datetime.combine(today, datetime.time(14, 0)))
    accompanied = refer(third, other, "동행면접 요청")
    if accompanied is not None:
        send(accompanied)
        services.referral_schedule_interview(
            referral=accompanied,
            by=counselor,
            starts_at=today_at_two,
            place="회사 2층 회의실",
            accompanied=True,
            # today's interview, also when the demo is seeded in the evening or on a holiday
            now=today_at_two - datetime.timedelta(hours=1),
            override_reason="시연 자료",
        )
    if third != first and other != vacancy:
        later = refer(first, other, "")
        if later is not None:
            send(later)
            services.referral_schedule_interview(
                referral=later,
                by=counselor,
                starts_at=today_at_two + datetime.timedelta(days=3),
                video_link="https://meet.example.kr/interview-demo",
                override_reason="시연 자료",
            )
    refused = refer(second, last, "")
    if refused is not None and last != vacancy:
        send(refused)
        services.referral_transition(referral=refused, to_state="not_hired", by=counselor, reason="wage")
    hired_seeker = seekers[3] if len(seekers) > 3 else third
    hired = refer(hired_seeker, last, "경력 5년")
    if hired is not None:
        send(hired)
        placement = services.placement_record(
            by=counselor,
            seeker=hired_seeker,
            referral=hired,
            start_date=today - datetime.timedelta(days=100),
            employment_type=last.employment_type,
            wage_type=last.wage_type,
            wage_amount=last.wage_amount,
            weekly_hours=last.weekly_hours or 40,
        )
        services.follow_ups_create_due(today=today)
        one_month = placement.follow_ups.filter(months=1).first()
        if one_month is not None:
            services.followup_record(follow_up=one_month, by=counselor, outcome=FollowUp.Outcome.EMPLOYED)
    # A seeker who found work on their own: the last one without a placement.
    self_placed = next((seeker for seeker in reversed(seekers) if not seeker.placements.exists()), None)
    if self_placed is not None:
        services.placement_record(
            by=counselor,
            seeker=self_placed,
            employer_name="청라 베이커리",
            job_title="제빵 보조",
            start_date=today - datetime.timedelta(days=40),
            employment_type=EmploymentType.PART_TIME,
            wage_type="hourly",
            wage_amount=10_320,
            weekly_hours=25,
        )
    services.follow_ups_create_due(today=today)
