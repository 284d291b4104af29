import pytest

from employers.models import Company, Vacancy
from jobcenter.demo import Demo

pytestmark = pytest.mark.django_db


def test_demo_seed__covers_every_state_and_is_idempotent():
    from employers import demo as employers_demo
    from jobcenter import demo as jobcenter_demo

    for _ in range(2):
        demo = Demo()
        jobcenter_demo.seed(demo)
        employers_demo.seed(demo)
    assert Company.objects.count() == 7
    assert Company.objects.filter(verified_at__isnull=True).count() == 1
    assert set(Vacancy.objects.values_list("status", flat=True)) == {
        "published",
        "submitted",
        "draft",
        "expired",
        "filled",
    }
    assert Vacancy.objects.count() == 9
