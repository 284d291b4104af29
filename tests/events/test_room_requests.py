"""The permanent interview room (상설채용관): an employer asks, a counselor gives the room or declines, the
employer sees the answer, and the centre invites matching seekers into the slots."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import timezone

from events import services
from events.models import Event, EventKind, Interview, Participation, RoomRequest
from jobcenter.models import Notification
from tests.events.factories import RoomRequestFactory

pytestmark = pytest.mark.django_db


def in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def test_employer_asks_for_the_room__the_request_reaches_its_centre_and_waits(world):
    response = world.client_for("employer_a").post(
        reverse("events:employer_room_request_create"),
        {
            "vacancies": [world.vacancy_a.pk],
            "date_1": in_days(10),
            "date_2": in_days(12),
            "start_time": "10:00",
            "end_time": "12:00",
            "interviewers": "2",
            "note": "생산직 경력자 우대",
        },
    )
    request = RoomRequest.objects.get()
    assert response.status_code == 302
    assert request.centre == world.centre_x
    assert request.status == RoomRequest.Status.REQUESTED
    assert [v.pk for v in request.vacancies.all()] == [world.vacancy_a.pk]
    assert request.log.get().to_value == "requested"
    page = world.client_for("employer_a").get(response.url).content.decode()
    assert "Waiting for the centre" in page


def test_employer_request__with_a_past_date_and_times_reversed__shows_errors_and_saves_nothing(world):
    response = world.client_for("employer_a").post(
        reverse("events:employer_room_request_create"),
        {
            "vacancies": [world.vacancy_a.pk],
            "date_1": in_days(-1),
            "start_time": "12:00",
            "end_time": "10:00",
            "interviewers": "2",
        },
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert "The interviews must end after they start." in content
    assert not RoomRequest.objects.exists()


def test_employer_request__for_another_companys_vacancy__is_refused(world):
    response = world.client_for("employer_a").post(
        reverse("events:employer_room_request_create"),
        {
            "vacancies": [world.vacancy_b.pk],
            "date_1": in_days(10),
            "start_time": "10:00",
            "end_time": "12:00",
            "interviewers": "1",
        },
    )
    assert response.status_code == 200
    assert not RoomRequest.objects.exists()


def test_counselor_accepts__an_interview_room_event_with_the_company_and_its_slots_is_created(world):
    request = RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a], interviewers=3)
    world.company_a.contact_email = "hr@gana.example.kr"
    world.company_a.save()
    day = request.preferred_dates[1]
    response = world.client_for("counselor_x").post(
        reverse("events:manage_room_request_accept", kwargs={"pk": request.pk}),
        {
            "date": day.isoformat(),
            "start_time": "10:00",
            "end_time": "12:00",
            "slot_minutes": "30",
            "venue": "상설면접장 2호실",
            "comment": "이력서 10부 지참",
        },
    )
    request.refresh_from_db()
    event = request.event
    assert response.status_code == 302
    assert response.url == reverse("events:manage_prematching", kwargs={"pk": event.pk})
    assert request.status == RoomRequest.Status.ACCEPTED
    assert event.kind == EventKind.INTERVIEW_ROOM and event.state == Event.State.OPEN
    assert timezone.localtime(event.starts_at).date() == day
    assert event.venue == "상설면접장 2호실"
    participation = event.participations.get()
    assert participation.company == world.company_a
    assert participation.status == Participation.Status.CONFIRMED
    assert [v.pk for v in participation.vacancies.all()] == [world.vacancy_a.pk]
    slots = list(participation.slots.all())
    assert len(slots) == 4 and {slot.capacity for slot in slots} == {3}
    notice = Notification.objects.get(recipient="hr@gana.example.kr")
    assert "Interview room confirmed" in notice.subject
    assert reverse("events:employer_room_request", kwargs={"pk": request.pk}) in notice.body


def test_counselor_declines_with_a_comment__the_employer_reads_it(world):
    request = RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    world.client_for("counselor_x").post(
        reverse("events:manage_room_request_decline", kwargs={"pk": request.pk}),
        {"decline-comment": "그 주에는 면접장이 찼습니다. 다음 주는 가능합니다."},
    )
    request.refresh_from_db()
    assert request.status == RoomRequest.Status.DECLINED
    assert request.event is None
    page = world.client_for("employer_a").get(reverse("events:employer_room_request", kwargs={"pk": request.pk}))
    assert "그 주에는 면접장이 찼습니다." in page.content.decode()


def test_decline__without_a_comment__is_refused_and_nothing_changes(world):
    request = RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    response = world.client_for("counselor_x").post(
        reverse("events:manage_room_request_decline", kwargs={"pk": request.pk}), {"decline-comment": ""}
    )
    request.refresh_from_db()
    assert response.status_code == 200
    assert request.status == RoomRequest.Status.REQUESTED


def test_accept__twice__is_refused_by_the_transition_table(world):
    request = RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    counselor = world.users["counselor_x"]
    kwargs = {"date": request.preferred_dates[0], "start_time": datetime.time(10), "end_time": datetime.time(12)}
    services.room_request_accept(request=request, by=counselor, **kwargs)
    with pytest.raises(ValidationError):
        services.room_request_accept(request=request, by=counselor, **kwargs)
    assert Event.objects.count() == 1


def test_invited_seeker__is_booked_into_a_room_slot_and_told_through_notify(world):
    request = RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    request = services.room_request_accept(
        request=request,
        by=world.users["counselor_x"],
        date=request.preferred_dates[0],
        start_time=datetime.time(10),
        end_time=datetime.time(11),
    )
    slot = request.event.participations.get().slots.first()
    world.seeker_a.email = "hana@example.kr"
    world.seeker_a.save()
    response = world.client_for("counselor_x").post(
        reverse("events:manage_schedule", kwargs={"pk": request.event_id}),
        {"slot": slot.pk, "seeker": world.seeker_a.pk, "vacancy": world.vacancy_a.pk, "next": "prematching"},
    )
    assert response.status_code == 302
    interview = Interview.objects.get(seeker=world.seeker_a)
    assert interview.slot == slot
    invitation = Notification.objects.get(recipient="hana@example.kr", subject__contains="Interview invitation")
    assert world.company_a.name in invitation.subject
    assert "/events/mine/" in invitation.body


def test_prematching_page_of_an_accepted_room__lists_candidates_for_its_vacancy(world):
    request = RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    request = services.room_request_accept(
        request=request,
        by=world.users["counselor_x"],
        date=request.preferred_dates[0],
        start_time=datetime.time(10),
        end_time=datetime.time(11),
    )
    page = world.client_for("counselor_x").get(reverse("events:manage_prematching", kwargs={"pk": request.event_id}))
    content = page.content.decode()
    assert world.vacancy_a.title in content
    assert world.seeker_a.name in content  # an active seeker of centre X, ranked among all active seekers


def test_room_requests_list__shows_only_the_counselors_centre(world):
    RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    RoomRequestFactory(company=world.company_b, vacancies=[world.vacancy_b])
    content = world.client_for("counselor_y").get(reverse("events:manage_room_requests")).content.decode()
    assert world.company_b.name in content
    assert world.company_a.name not in content


def test_employer_events_page__shows_the_state_of_its_requests(world):
    RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a])
    content = world.client_for("employer_a").get(reverse("events:employer_events")).content.decode()
    assert "Requested" in content or "신청" in content
