import datetime

import pytest
from django.urls import reverse

from outreach import services
from outreach.models import DeskSession, DeskSessionConsultation, DeskSessionRegistration
from seekers.models import Consultation, Seeker
from tests.outreach.factories import DeskSessionFactory, MobileDeskFactory

pytestmark = pytest.mark.django_db


def test_desk_dates__second_and_fourth_thursday__skip_holidays(world):
    desk = MobileDeskFactory(centre=world.centre_x, weeks_of_month=[2, 4])
    days = services.desk_dates(desk=desk, starts_on=datetime.date(2026, 9, 1), ends_on=datetime.date(2026, 10, 31))
    # 2026-09-24 is 추석 (Chuseok); the other 2nd/4th Thursdays remain.
    assert days == [datetime.date(2026, 9, 10), datetime.date(2026, 10, 8), datetime.date(2026, 10, 22)]


def test_visit_plan_days__every_tuesday_and_wednesday__skip_public_holidays():
    days = services.schedule_dates(
        weekdays=[1, 2], starts_on=datetime.date(2025, 9, 30), ends_on=datetime.date(2025, 10, 15)
    )
    # 2025-10-07 (Tue) is Chuseok and 10-08 (Wed) its substitute holiday.
    assert days == [
        datetime.date(2025, 9, 30),
        datetime.date(2025, 10, 1),
        datetime.date(2025, 10, 14),
        datetime.date(2025, 10, 15),
    ]


def test_session__opened_from_the_desk_page__records_the_staff_present(world):
    desk = MobileDeskFactory(centre=world.centre_x)
    client = world.client_for("counselor_x")
    response = client.post(
        reverse("outreach:desk_detail", kwargs={"pk": desk.pk}),
        {"held_on": "2026-04-09", "staff": [world.users["counselor_x"].pk, world.users["manager_x"].pk]},
    )
    session = DeskSession.objects.get()
    assert response["Location"] == reverse("outreach:session_detail", kwargs={"pk": session.pk})
    assert set(session.staff.all()) == {world.users["counselor_x"], world.users["manager_x"]}


def test_session__a_second_session_on_the_same_day__is_refused(world):
    session = DeskSessionFactory(desk__centre=world.centre_x, held_on=datetime.date(2026, 4, 9))
    response = world.client_for("counselor_x").post(
        reverse("outreach:desk_detail", kwargs={"pk": session.desk_id}),
        {"held_on": "2026-04-09", "staff": [world.users["counselor_x"].pk]},
    )
    assert response.status_code == 200
    assert DeskSession.objects.count() == 1


def test_session__consultation_logged__is_a_real_mobile_desk_consultation_counted_on_the_session(world):
    session = DeskSessionFactory(desk__centre=world.centre_x)
    client = world.client_for("counselor_x")
    client.post(
        reverse("outreach:session_consultation", kwargs={"pk": session.pk}),
        {"seeker": world.seeker_a.pk, "topics": ["job_search"], "notes": "도서관 상담"},
    )
    consultation = Consultation.objects.get(seeker=world.seeker_a)
    assert consultation.channel == Consultation.Channel.MOBILE_DESK
    assert consultation.started_at.date() == session.held_on
    assert DeskSessionConsultation.objects.get().session == session
    page = client.get(reverse("outreach:desk_detail", kwargs={"pk": session.desk_id}))
    assert page.context["sessions"][0].consultation_count == 1


def test_session__another_centres_seeker__cannot_be_logged(world):
    session = DeskSessionFactory(desk__centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("outreach:session_consultation", kwargs={"pk": session.pk}), {"seeker": world.seeker_b.pk}
    )
    assert response.status_code == 400
    assert Consultation.objects.count() == 0


def test_session__resident_registered_at_the_desk__becomes_a_seeker_with_a_consultation(world):
    session = DeskSessionFactory(desk__centre=world.centre_x)
    client = world.client_for("counselor_x")
    client.post(
        reverse("outreach:session_registration", kwargs={"pk": session.pk}),
        {"name": "정다은", "birth_date": "1975-04-02", "phone": "010-2222-3333", "consent_collection": "on"},
    )
    seeker = Seeker.objects.get(name="정다은")
    assert seeker.centre == world.centre_x
    assert DeskSessionRegistration.objects.get().seeker == seeker
    assert seeker.consultations.get().channel == Consultation.Channel.MOBILE_DESK


def test_session__registration_without_consent__is_refused_and_nothing_saved(world):
    session = DeskSessionFactory(desk__centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("outreach:session_registration", kwargs={"pk": session.pk}),
        {"name": "정다은", "birth_date": "1975-04-02"},
    )
    assert response.status_code == 400
    assert not Seeker.objects.filter(name="정다은").exists()


def test_session__of_another_centre__is_not_found(world):
    session = DeskSessionFactory(desk__centre=world.centre_y)
    assert (
        world.client_for("counselor_x").get(reverse("outreach:session_detail", kwargs={"pk": session.pk})).status_code
        == 404
    )
