import pytest
from django.core.management import call_command

from events.models import Event, EventKind, EventSeries


@pytest.mark.django_db
def test_seed_demo__creates_the_seeds_kinds_of_event_once():
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    counts = Event.objects.count()
    call_command("seed_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115

    assert Event.objects.count() == counts
    assert set(Event.objects.values_list("kind", flat=True)) >= {
        EventKind.JOB_FAIR,
        EventKind.INTERVIEW_DAY,
        EventKind.LECTURE,
        EventKind.TRAINING,
    }
    assert (
        EventSeries.objects.get(title="금요채용마당").events.count() >= 5
    )  # eight weeks of Fridays, less public holidays
    fair = Event.objects.get(title="2026 서구 채용한마당")
    assert fair.participations.exists() and fair.registrations.exists()
