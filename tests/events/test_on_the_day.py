"""On the day: interviews without a slot at a job fair booth, and walk-ins who never registered."""

import pytest
from django.urls import reverse
from django.utils import timezone

from events.models import Interview, Registration
from events.report import event_report
from seekers.models import Consent, Seeker
from tests.events.factories import EventFactory, ParticipationFactory, RegistrationFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def booth(world):
    return ParticipationFactory(
        event=EventFactory(centre=world.centre_x, under_way=True), company=world.company_a, vacancies=[world.vacancy_a]
    )


def test_employer_records_an_on_the_spot_interview_by_the_check_in_code__counted_in_the_report(world, booth):
    registration = RegistrationFactory(event=booth.event, seeker=world.seeker_a, checked_in_at=timezone.now())
    response = world.client_for("employer_a").post(
        reverse("events:on_the_spot", kwargs={"pk": booth.pk}),
        {"code": registration.code.lower(), "vacancy": world.vacancy_a.pk, "outcome": "passed_first"},
    )
    assert response.status_code == 302
    interview = Interview.objects.get()
    assert interview.slot is None and interview.period is None
    assert interview.outcome == Interview.Outcome.PASSED_FIRST
    assert interview.registration == registration
    report = event_report(booth.event)
    assert (report.interviews, report.on_the_spot, report.passed_first, report.hires) == (1, 1, 1, 0)


def test_staff_records_a_hire_for_a_checked_in_person_chosen_from_the_list(world, booth):
    registration = RegistrationFactory(event=booth.event, seeker=world.seeker_a, checked_in_at=timezone.now())
    world.client_for("counselor_x").post(
        reverse("events:on_the_spot", kwargs={"pk": booth.pk}),
        {"registration": registration.pk, "vacancy": world.vacancy_a.pk, "outcome": "hired"},
    )
    assert Interview.objects.get().outcome == Interview.Outcome.HIRED
    assert event_report(booth.event).hires == 1


def test_on_the_spot__for_someone_not_checked_in__is_refused_with_a_clear_error(world, booth):
    registration = RegistrationFactory(event=booth.event, seeker=world.seeker_a)
    response = world.client_for("employer_a").post(
        reverse("events:on_the_spot", kwargs={"pk": booth.pk}),
        {"code": registration.code, "vacancy": world.vacancy_a.pk, "outcome": "interviewed"},
    )
    assert response.status_code == 200
    assert "Check this person in first" in response.content.decode()
    assert not Interview.objects.exists()


def test_on_the_spot__with_an_unknown_code__is_refused(world, booth):
    response = world.client_for("employer_a").post(
        reverse("events:on_the_spot", kwargs={"pk": booth.pk}),
        {"code": "ZZZZZZZZ", "vacancy": world.vacancy_a.pk, "outcome": "interviewed"},
    )
    assert response.status_code == 200
    assert "Nobody registered for this event has this code." in response.content.decode()
    assert not Interview.objects.exists()


def test_employer__cannot_pick_from_the_checked_in_list(world, booth):
    RegistrationFactory(event=booth.event, seeker=world.seeker_a, checked_in_at=timezone.now())
    content = world.client_for("employer_a").get(reverse("events:on_the_spot", kwargs={"pk": booth.pk})).content
    assert world.seeker_a.name not in content.decode()


def walk_in_data(world, **changes) -> dict:
    data = {
        "booth": world.users["counselor_x"].booth_id,
        "name": "박새봄",
        "birth_date": "1968-03-02",
        "phone": "01055556666",
        "consent_collection": "on",
    }
    data.update(changes)
    return data


def test_walk_in_never_registered__becomes_a_seeker_with_the_consent_and_is_checked_in(world):
    event = EventFactory(centre=world.centre_x, capacity=0, under_way=True)  # walk-ins come on the day
    response = world.client_for("counselor_x").post(
        reverse("events:manage_walk_in", kwargs={"pk": event.pk}), walk_in_data(world)
    )
    assert response.status_code == 302
    seeker = Seeker.objects.get(name="박새봄")
    assert seeker.centre == world.centre_x and seeker.phone == "010-5555-6666"
    assert Consent.objects.filter(seeker=seeker, kind="collection").exists()
    registration = Registration.objects.get(seeker=seeker)
    assert registration.source == Registration.Source.WALK_IN
    assert registration.status == Registration.Status.CONFIRMED
    assert registration.checked_in_at is not None


def test_walk_in__without_the_consent__is_refused_and_nothing_is_saved(world):
    event = EventFactory(centre=world.centre_x)
    data = walk_in_data(world)
    del data["consent_collection"]
    response = world.client_for("counselor_x").post(reverse("events:manage_walk_in", kwargs={"pk": event.pk}), data)
    assert response.status_code == 200
    assert "consent" in response.content.decode()
    assert not Seeker.objects.filter(name="박새봄").exists()
    assert not Registration.objects.exists()


def test_walk_in__with_a_bad_phone_and_no_email__shows_the_error(world):
    event = EventFactory(centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("events:manage_walk_in", kwargs={"pk": event.pk}), walk_in_data(world, phone="12345")
    )
    assert response.status_code == 200
    assert "Korean phone number" in response.content.decode()
    assert not Seeker.objects.filter(name="박새봄").exists()


def test_walk_in__at_another_centres_booth__is_refused(world):
    event = EventFactory(centre=world.centre_x)
    response = world.client_for("counselor_x").post(
        reverse("events:manage_walk_in", kwargs={"pk": event.pk}),
        walk_in_data(world, booth=world.users["counselor_y"].booth_id),
    )
    assert response.status_code == 200
    assert not Seeker.objects.filter(name="박새봄").exists()
