"""Events and training: outcomes, check-in, attendance, completion and corrections, through the staff pages."""

import datetime

from django.urls import reverse
from django.utils import timezone

from events.models import Attendance, EventLogEntry, Interview
from matching.models import Placement, ReferralState
from tests.events.factories import EventFactory, InterviewFactory, ParticipationFactory, RegistrationFactory
from tests.matching.factories import give_consent


def booth(world, **event_fields):
    event = EventFactory(centre=world.centre_x, **event_fields)
    return ParticipationFactory(event=event, company=world.company_a, vacancies=[world.vacancy_a])


def test_outcome__before_the_event_has_started__is_refused_in_korean(world, korean):
    participation = booth(world)
    registration = RegistrationFactory(event=participation.event, seeker=world.seeker_a, checked_in_at=timezone.now())
    interview = InterviewFactory(participation=participation, seeker=world.seeker_a, registration=registration)
    response = world.client_for("employer_a").post(
        reverse("events:interview_outcome", args=[interview.pk]), {"outcome": "hired"}, follow=True
    )
    assert "행사가 아직 시작되지 않았습니다" in response.content.decode()
    interview.refresh_from_db()
    assert interview.outcome == Interview.Outcome.SCHEDULED and not Placement.objects.exists()


def test_outcome__for_someone_not_checked_in__is_refused(world, korean):
    participation = booth(world, under_way=True)
    registration = RegistrationFactory(event=participation.event, seeker=world.seeker_a)
    interview = InterviewFactory(participation=participation, seeker=world.seeker_a, registration=registration)
    response = world.client_for("counselor_x").post(
        reverse("events:interview_outcome", args=[interview.pk]), {"outcome": "interviewed"}, follow=True
    )
    assert "현장 접수를 하지 않았습니다" in response.content.decode()
    interview.refresh_from_db()
    assert interview.outcome == Interview.Outcome.SCHEDULED


def test_outcome__for_someone_not_registered__is_refused(world, korean):
    participation = booth(world, under_way=True)
    interview = InterviewFactory(participation=participation, seeker=world.seeker_a)
    response = world.client_for("counselor_x").post(
        reverse("events:interview_outcome", args=[interview.pk]), {"outcome": "interviewed"}, follow=True
    )
    assert "신청하지 않았습니다" in response.content.decode()
    interview.refresh_from_db()
    assert interview.outcome == Interview.Outcome.SCHEDULED


def test_check_in__before_the_event_day__is_refused(world, korean):
    registration = RegistrationFactory(event=EventFactory(centre=world.centre_x), seeker=world.seeker_a)
    response = world.client_for("counselor_x").post(
        reverse("events:manage_checkin", args=[registration.event_id]), {"code": registration.code}
    )
    assert "행사 당일" in response.content.decode()
    registration.refresh_from_db()
    assert registration.checked_in_at is None


def test_attendance__for_a_session_not_yet_held__is_refused(world, korean):
    event = EventFactory(centre=world.centre_x, kind="training")
    registration = RegistrationFactory(event=event, seeker=world.seeker_a)
    session = event.sessions.get()
    response = world.client_for("counselor_x").post(
        reverse("events:manage_attendance", args=[session.pk]), {"present": [registration.pk]}, follow=True
    )
    assert "아직 열리지 않은 회차" in response.content.decode()
    assert not Attendance.objects.exists()


def test_completion__waits_for_the_last_session(world):
    from events import services

    now = timezone.now()
    event = EventFactory(centre=world.centre_x, kind="training", with_session=False, completion_percent=50)
    event.sessions.create(
        starts_at=now - datetime.timedelta(days=2), ends_at=now - datetime.timedelta(days=2, hours=-3)
    )
    last = event.sessions.create(
        starts_at=now + datetime.timedelta(days=2), ends_at=now + datetime.timedelta(days=2, hours=3)
    )
    registration = RegistrationFactory(event=event, seeker=world.seeker_a)
    client = world.client_for("counselor_x")
    client.post(
        reverse("events:manage_attendance", args=[event.sessions.earliest("starts_at").pk]),
        {"present": [registration.pk]},
    )
    registration.refresh_from_db()
    assert registration.completed_at is None  # 1 of 2 is the 50 % asked, but the course is not over
    assert world.client_for("seeker_a").get(reverse("events:certificate", args=[registration.pk])).status_code == 404

    event.sessions.filter(pk=last.pk).update(
        starts_at=now - datetime.timedelta(hours=4), ends_at=now - datetime.timedelta(hours=1)
    )
    services.completion_update(event=event)
    registration.refresh_from_db()
    assert registration.completed_at is not None


def test_correction__of_an_event_hire__undoes_the_placement_with_the_reason_logged(world, korean):
    give_consent(world.seeker_a)
    participation = booth(world, under_way=True)
    registration = RegistrationFactory(event=participation.event, seeker=world.seeker_a, checked_in_at=timezone.now())
    counselor = world.client_for("counselor_x")
    counselor.post(
        reverse("events:on_the_spot", args=[participation.pk]),
        {"registration": registration.pk, "vacancy": world.vacancy_a.pk, "outcome": "hired"},
    )
    interview = Interview.objects.get()
    assert interview.outcome == Interview.Outcome.HIRED and Placement.objects.count() == 1
    schedule = counselor.get(reverse("events:manage_participation", args=[participation.pk])).content.decode()
    assert reverse("events:interview_correct", args=[interview.pk]) in schedule  # not gone after "채용"

    confirm = counselor.get(reverse("events:interview_correct", args=[interview.pk])).content.decode()
    assert "취업 기록과 사후관리 일정이 삭제" in confirm
    response = counselor.post(
        reverse("events:interview_correct", args=[interview.pk]), {"c-reason": "다른 사람으로 잘못 입력"}
    )
    assert response.status_code == 302
    interview.refresh_from_db()
    world.vacancy_a.refresh_from_db()
    assert interview.outcome == Interview.Outcome.SCHEDULED
    assert not Placement.objects.exists() and world.vacancy_a.openings_filled == 0
    log = EventLogEntry.objects.get(action="outcome_corrected")
    assert (log.from_value, log.note, log.by) == ("hired", "다른 사람으로 잘못 입력", world.users["counselor_x"])
    from matching.models import Referral

    referral = Referral.objects.get(pk=interview.referral_id)
    assert referral.state != ReferralState.HIRED
    assert "다른 사람으로 잘못 입력" in referral.transitions.order_by("-pk").first().note


def test_correction__by_an_employer__is_not_offered(world):
    participation = booth(world, under_way=True)
    interview = InterviewFactory(participation=participation, seeker=world.seeker_a, outcome="interviewed")
    response = world.client_for("employer_a").get(reverse("events:interview_correct", args=[interview.pk]))
    assert response.status_code == 403
