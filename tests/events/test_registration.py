import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone

from events import services
from events.models import EventLogEntry, Registration
from jobcenter.models import Notification
from tests.events.factories import EventFactory, RegistrationFactory, in_days
from tests.seekers.factories import SeekerFactory

pytestmark = pytest.mark.django_db


def test_sign_up__with_seats_free__is_confirmed_with_a_code_and_a_confirmation(world):
    world.seeker_a.email = "a@example.kr"
    world.seeker_a.save()
    event = EventFactory(centre=world.centre_x, capacity=10)

    registration = services.registration_create(event=event, seeker=world.seeker_a, by=world.users["seeker_a"])

    assert registration.status == Registration.Status.CONFIRMED
    assert len(registration.code) == 8
    assert Notification.objects.filter(recipient="a@example.kr", subject__contains=event.title).exists()
    assert EventLogEntry.objects.filter(registration=registration, to_value="confirmed").exists()


def test_sign_up__when_full__goes_on_the_waiting_list():
    event = EventFactory(capacity=1)
    services.registration_create(event=event, seeker=SeekerFactory(), by=None)

    second = services.registration_create(event=event, seeker=SeekerFactory(), by=None)

    assert second.status == Registration.Status.WAITLISTED
    assert second.waitlisted_at is not None


def test_cancel__of_a_confirmed_seat__promotes_the_oldest_on_the_waiting_list_and_tells_them():
    event = EventFactory(capacity=1)
    first = services.registration_create(event=event, seeker=SeekerFactory(), by=None)
    older = services.registration_create(event=event, seeker=SeekerFactory(email="older@example.kr"), by=None)
    newer = services.registration_create(event=event, seeker=SeekerFactory(), by=None)

    services.registration_cancel(registration=first, by=None)

    older.refresh_from_db()
    newer.refresh_from_db()
    assert older.status == Registration.Status.CONFIRMED
    assert newer.status == Registration.Status.WAITLISTED
    assert Notification.objects.filter(recipient="older@example.kr", subject__contains="free").exists()


def test_sign_up__twice__is_refused():
    event = EventFactory()
    seeker = SeekerFactory()
    services.registration_create(event=event, seeker=seeker, by=None)

    with pytest.raises(ValidationError, match="already signed up"):
        services.registration_create(event=event, seeker=seeker, by=None)


def test_sign_up__again_after_cancelling__is_allowed():
    event = EventFactory()
    seeker = SeekerFactory()
    services.registration_cancel(
        registration=services.registration_create(event=event, seeker=seeker, by=None), by=None
    )

    again = services.registration_create(event=event, seeker=seeker, by=None)

    assert again.status == Registration.Status.CONFIRMED


def test_database__refuses_two_live_registrations_of_one_seeker():
    registration = RegistrationFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        RegistrationFactory(event=registration.event, seeker=registration.seeker)


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"state": "planned"}, "not open"),
        ({"registration_opens_at": in_days(3)}, "not opened yet"),
        ({"registration_closes_at": timezone.now() - datetime.timedelta(hours=1)}, "closed"),
    ],
)
def test_self_sign_up__outside_the_window__is_refused(changes, message):
    event = EventFactory(**changes)
    with pytest.raises(ValidationError, match=message):
        services.registration_create(event=event, seeker=SeekerFactory(), by=None)
    assert not Registration.objects.exists()


def test_counselor_sign_up__before_sign_up_opens__is_allowed(world):
    event = EventFactory(centre=world.centre_x, planned=True)
    registration = services.registration_create(
        event=event, seeker=world.seeker_a, by=world.users["counselor_x"], source=Registration.Source.COUNSELOR
    )
    assert registration.status == Registration.Status.CONFIRMED


def test_walk_in__on_a_full_event__is_registered_and_checked_in(world):
    event = EventFactory(centre=world.centre_x, capacity=1, under_way=True)  # walk-ins come on the day
    RegistrationFactory(event=event)  # the one place, taken

    registration = services.walk_in_register(event=event, seeker=world.seeker_a, by=world.users["counselor_x"])

    assert registration.status == Registration.Status.CONFIRMED
    assert registration.source == Registration.Source.WALK_IN
    assert registration.checked_in_at is not None


def test_check_in__of_a_waitlisted_seeker__is_refused(world):
    registration = RegistrationFactory(waitlisted=True)
    with pytest.raises(ValidationError, match="cannot be checked in"):
        services.registration_check_in(registration=registration, by=world.users["counselor_x"])


def test_event_transition__outside_the_table__is_refused(world):
    event = EventFactory(state="held")
    with pytest.raises(ValidationError):
        services.event_transition(event=event, to_state="open", by=world.users["counselor_x"])


def test_event_cancel__tells_everyone_signed_up(world):
    event = EventFactory(centre=world.centre_x)
    RegistrationFactory(event=event, seeker=SeekerFactory(phone="010-1111-2222"))

    services.event_transition(event=event, to_state="cancelled", by=world.users["counselor_x"])

    assert Notification.objects.filter(recipient="010-1111-2222", subject__contains="Cancel").exists() or (
        Notification.objects.filter(recipient="010-1111-2222").exists()
    )


def test_reminders__go_once_to_confirmed_participants_of_tomorrow():
    tomorrow = EventFactory(starts_at=in_days(1, 14))
    RegistrationFactory(event=tomorrow, seeker=SeekerFactory(phone="010-2222-3333"))
    RegistrationFactory(event=tomorrow, waitlisted=True, seeker=SeekerFactory(phone="010-4444-5555"))
    RegistrationFactory(event=EventFactory(starts_at=in_days(3)), seeker=SeekerFactory(phone="010-6666-7777"))

    assert services.reminders_queue() == 1
    assert services.reminders_queue() == 0
    assert list(Notification.objects.values_list("recipient", flat=True)) == ["010-2222-3333"]
