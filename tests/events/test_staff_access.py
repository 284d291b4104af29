"""Administrators on the event pages (every centre), the navigation, and what the confirmation carries."""

import pytest
from django.urls import reverse

from events import services
from events.models import Event
from jobcenter.models import Notification
from tests.events.factories import EventFactory

pytestmark = pytest.mark.django_db


def test_administrator__sees_events_of_every_centre(world):
    EventFactory(centre=world.centre_x, title="X 채용한마당")
    EventFactory(centre=world.centre_y, title="Y 채용한마당")
    content = world.client_for("admin").get(reverse("events:manage_list")).content.decode()
    assert "X 채용한마당" in content and "Y 채용한마당" in content


def test_administrator__creates_an_event_for_a_chosen_centre(world):
    response = world.client_for("admin").post(
        reverse("events:manage_create"),
        {
            "centre": world.centre_y.pk,
            "kind": "lecture",
            "mode": "in_person",
            "title": "취업특강",
            "venue": "Y 교육장",
            "starts_at": "2030-05-02T14:00",
            "ends_at": "2030-05-02T16:00",
            "completion_percent": "80",
        },
    )
    assert response.status_code == 302
    assert Event.objects.get().centre == world.centre_y


@pytest.mark.parametrize("principal", ["counselor_x", "manager_x", "admin"])
def test_navigation__has_events_for_staff(world, principal):
    content = world.client_for(principal).get(reverse("events:manage_list")).content.decode()
    assert f'href="{reverse("events:manage_list")}"' in content


@pytest.mark.parametrize("principal", ["anonymous", "seeker_a", "employer_a"])
def test_navigation__has_the_public_calendar_for_everyone_else(world, principal):
    content = world.client_for(principal).get(reverse("employers:board")).content.decode()
    assert f'href="{reverse("events:calendar")}"' in content


def test_confirmation__carries_the_check_in_code_and_the_qr_page_link(world):
    world.seeker_a.email = "hana@example.kr"
    world.seeker_a.save()
    event = EventFactory(centre=world.centre_x)
    registration = services.registration_create(event=event, seeker=world.seeker_a, by=world.users["seeker_a"])
    mail = Notification.objects.get(recipient="hana@example.kr")
    assert registration.code in mail.body
    assert "http" in mail.body
    assert reverse("events:my_registration", kwargs={"pk": registration.pk}) in mail.body
