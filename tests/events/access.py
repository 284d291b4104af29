"""Objects the access table (tests/access_table.py) needs for the events URLs: all at centre X."""

import datetime

from django.utils import timezone

from events.models import Registration
from tests.events.factories import (
    EventFactory,
    EventSeriesFactory,
    InterviewFactory,
    InterviewSlotFactory,
    ParticipationFactory,
    RegistrationFactory,
    RoomRequestFactory,
)

# Counselor X, manager X and the administrator (every centre) manage centre X's events; counselor Y must not
# learn they exist.
CENTRE_X_COUNSELING = frozenset({"counselor_x", "manager_x", "admin"})
EVENT_STAFF = frozenset({"counselor_x", "counselor_y", "manager_x", "admin"})
HIDES_CENTRE_X = frozenset({"counselor_y"})


def event_x(world) -> dict:
    return {"pk": EventFactory(centre=world.centre_x).pk}


def participation_a(world):
    return ParticipationFactory(
        event=EventFactory(centre=world.centre_x), company=world.company_a, vacancies=[world.vacancy_a]
    )


def participation_a_pk(world) -> dict:
    return {"pk": participation_a(world).pk}


def registration_a(world) -> dict:
    return {"pk": RegistrationFactory(event=EventFactory(centre=world.centre_x), seeker=world.seeker_a).pk}


def completed_registration_a(world) -> dict:
    registration = RegistrationFactory(
        event=EventFactory(centre=world.centre_x, lecture=True), seeker=world.seeker_a, completed_at=timezone.now()
    )
    return {"pk": registration.pk}


def interview_a(world) -> dict:
    return {"pk": InterviewFactory(participation=participation_a(world), seeker=world.seeker_a).pk}


def session_x(world) -> dict:
    return {"pk": EventFactory(centre=world.centre_x, lecture=True).sessions.get().pk}


def event_x_with_slot(world) -> dict:
    slot = InterviewSlotFactory(participation=participation_a(world))
    world.extra["slot"] = slot
    return {"pk": slot.participation.event_id}


def schedule_data(world) -> dict:
    return {"slot": world.extra["slot"].pk, "seeker": world.seeker_a.pk}


def seeker_a_data(world) -> dict:
    return {"seeker": world.seeker_a.pk}


def slots_data(world) -> dict:
    start = timezone.localtime() + datetime.timedelta(days=7)
    return {
        "first_start": start.strftime("%Y-%m-%dT09:00"),
        "last_end": start.strftime("%Y-%m-%dT10:00"),
        "minutes": 20,
        "interviewers": 2,
    }


def registration_status(world) -> str:
    return Registration.Status.CONFIRMED


def series_x(world) -> dict:
    return {"pk": EventSeriesFactory(centre=world.centre_x).pk}


def room_request_a(world) -> dict:
    return {"pk": RoomRequestFactory(company=world.company_a, vacancies=[world.vacancy_a]).pk}


def room_accept_data(world) -> dict:
    from events.models import RoomRequest

    request = RoomRequest.objects.latest("pk")
    return {
        "date": request.preferred_dates[0].isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "slot_minutes": 30,
        "venue": "상설면접장",
    }


def room_request_data(world) -> dict:
    day = timezone.localdate() + datetime.timedelta(days=10)
    return {
        "vacancies": [world.vacancy_a.pk],
        "date_1": day.isoformat(),
        "start_time": "10:00",
        "end_time": "12:00",
        "interviewers": 2,
    }
