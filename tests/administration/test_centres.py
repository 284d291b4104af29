"""Centres and booths edited in the product (issue 27): one source for the telephone the footer and letters show."""

import re

import pytest
from django.urls import reverse

from jobcenter.models import Booth

pytestmark = pytest.mark.django_db


def save_centre(client, world, **overrides):
    data = {
        "centre-name": world.centre_x.name,
        "centre-address": "인천광역시 서구 서곶로 307",
        "centre-phone": "032-560-4000",
    }
    data.update(overrides)
    return client.post(reverse("administration:centre_edit", args=[world.centre_x.pk]), data)


def test_a_new_telephone__shows_in_every_pages_footer_at_once(world):
    response = save_centre(world.client_for("admin"), world, **{"centre-phone": "032-560-4123"})

    assert response.status_code == 302
    board = world.client_for("anonymous").get(reverse("employers:board")).content.decode()
    assert "032-560-4123" in board


@pytest.mark.parametrize("typed", ["4000", "전화 없음", "032-560-4000-1234"])
def test_a_telephone_that_cannot_be_dialled__is_refused(world, typed):
    response = save_centre(world.client_for("admin"), world, **{"centre-phone": typed})

    world.centre_x.refresh_from_db()
    assert response.status_code == 400 and world.centre_x.phone != typed


def test_a_booth_name_typed_twice_in_one_centre__is_refused(world):
    response = world.client_for("admin").post(
        reverse("administration:booth_new", args=[world.centre_x.pk]),
        {"booth-name": "X 창구", "booth-location": "2층", "booth-is_active": "on"},
    )

    assert response.status_code == 400
    assert Booth.objects.filter(centre=world.centre_x, name="X 창구").count() == 1


def test_a_booth__serves_several_target_groups_ticked_on_its_form(world):
    client = world.client_for("admin")
    response = client.post(
        reverse("administration:booth_new", args=[world.centre_x.pk]),
        {"booth-name": "X 청년·여성 창구", "booth-location": "2층", "booth-target_groups": ["youth", "women"]},
    )
    booth = Booth.objects.get(centre=world.centre_x, name="X 청년·여성 창구")

    assert response.status_code == 302 and booth.target_groups == ["youth", "women"]

    response = client.post(
        reverse("administration:booth_edit", args=[booth.pk]),
        {"name": booth.name, "location": "2층", "target_groups": ["elderly"], "is_active": "on"},
    )
    booth.refresh_from_db()
    assert response.status_code == 302 and booth.target_groups == ["elderly"]
    form = client.get(reverse("administration:booth_edit", args=[booth.pk])).content.decode()
    assert re.search(r'value="elderly"[^>]*checked', form) and not re.search(r'value="youth"[^>]*checked', form)


def test_a_target_group_that_is_not_offered__is_refused(world):
    response = world.client_for("admin").post(
        reverse("administration:booth_new", args=[world.centre_x.pk]),
        {"booth-name": "X 새 창구", "booth-location": "2층", "booth-target_groups": ["pirates"]},
    )

    assert response.status_code == 400 and not Booth.objects.filter(name="X 새 창구").exists()


def test_the_centre_page__lists_each_booths_target_groups_and_counselors(world):
    booth = world.users["counselor_x"].booth
    booth.target_groups = [Booth.Speciality.YOUTH, Booth.Speciality.WOMEN]
    booth.save()

    page = (
        world.client_for("manager_x").get(reverse("administration:centre", args=[world.centre_x.pk])).content.decode()
    )

    assert "Youth, Women" in page and world.users["counselor_x"].get_full_name() in page
    assert 'name="centre-phone"' not in page  # a manager reads, the administrator changes


def test_another_centres_page__is_not_found_for_a_manager(world):
    response = world.client_for("manager_x").get(reverse("administration:centre", args=[world.centre_y.pk]))

    assert response.status_code == 404


def test_opening_hours__weekdays_with_the_same_hours__read_as_one_line(world):
    import datetime

    from jobcenter.administration.selectors import hours_summary
    from seekers.models import OpeningHours

    booth = world.users["counselor_x"].booth
    for weekday in range(5):
        OpeningHours.objects.create(
            booth=booth, weekday=weekday, opens_at=datetime.time(9), closes_at=datetime.time(12)
        )
        OpeningHours.objects.create(
            booth=booth, weekday=weekday, opens_at=datetime.time(13), closes_at=datetime.time(18)
        )
    OpeningHours.objects.create(booth=booth, weekday=5, opens_at=datetime.time(9), closes_at=datetime.time(12))

    lines = hours_summary(list(booth.opening_hours.all()))

    assert len(lines) == 2
    assert lines[0].startswith("Monday~Friday") and lines[1].startswith("Saturday")
