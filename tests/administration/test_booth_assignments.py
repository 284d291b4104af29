"""Booth assignments (issue 27): a counselor has a usual booth and may also serve at other booths of their centre
(a mobile desk on Tuesdays, an outreach booth); the centre page lists both under each booth."""

import re

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from jobcenter.administration import selectors, services
from jobcenter.models import User
from jobcenter.security.models import RoleChange
from tests.factories import BoothFactory, UserFactory

pytestmark = pytest.mark.django_db


def edit_data(person, **overrides) -> dict:
    data = {
        "name": person.get_full_name(),
        "email": person.email,
        "phone": "",
        "role": person.role,
        "centre": person.centre_id,
        "booth": person.booth_id or "",
    }
    data.update(overrides)
    return data


def test_staff_update__other_booths_are_set_and_go_to_the_rights_log_by_name(world):
    counselor = world.users["counselor_x"]
    desk = BoothFactory(centre=world.centre_x, name="화요 이동상담 창구")
    library = BoothFactory(centre=world.centre_x, name="도서관 부스")

    response = world.client_for("admin").post(
        reverse("administration:staff_edit", args=[counselor.pk]),
        edit_data(counselor, other_booths=[desk.pk, library.pk]),
    )

    assert response.status_code == 302
    assert set(counselor.other_booths.all()) == {desk, library}
    change = RoleChange.objects.get(user=counselor, field=RoleChange.Field.OTHER_BOOTHS)
    assert (change.old_value, change.by_username) == ("", "admin")
    page = world.client_for("admin").get(reverse("administration:staff_detail", args=[counselor.pk])).content.decode()
    assert "도서관 부스, 화요 이동상담 창구" in page  # the log and the heading name the booths, not their ids


def test_staff_update__the_same_booths_again__logs_nothing(world):
    counselor = world.users["counselor_x"]
    desk = BoothFactory(centre=world.centre_x)
    admin = world.users["admin"]
    fields = {"name": "김상담", "email": counselor.email, "phone": "", "role": counselor.role}
    fields |= {"centre": world.centre_x, "booth": counselor.booth}

    services.staff_update(user=counselor, by=admin, other_booths=[desk], **fields)
    again = services.staff_update(user=counselor, by=admin, other_booths=[desk], **fields)

    assert again == [] and RoleChange.objects.filter(user=counselor, field="booths").count() == 1


def test_staff_update__another_centres_booth__is_refused_in_korean(world, korean):
    counselor = world.users["counselor_x"]
    booth_y = world.users["counselor_y"].booth

    response = world.client_for("admin").post(
        reverse("administration:staff_edit", args=[counselor.pk]), edit_data(counselor, other_booths=[booth_y.pk])
    )

    assert response.status_code == 400
    assert f"{booth_y.name}: 같은 센터의 창구에서만 근무할 수 있습니다." in response.content.decode()
    assert not counselor.other_booths.exists()
    with pytest.raises(ValidationError):
        services.staff_update(
            user=counselor,
            by=world.users["admin"],
            name="김상담",
            email=counselor.email,
            phone="",
            role=counselor.role,
            centre=world.centre_x,
            booth=counselor.booth,
            other_booths=[booth_y],
        )


def test_staff_update__the_usual_booth_is_not_listed_again_as_another(world):
    counselor = world.users["counselor_x"]

    world.client_for("admin").post(
        reverse("administration:staff_edit", args=[counselor.pk]),
        edit_data(counselor, other_booths=[counselor.booth_id]),
    )

    assert not counselor.other_booths.exists()


def test_invite__with_other_booths(world):
    desk = BoothFactory(centre=world.centre_x, name="이동상담 창구")
    world.client_for("admin").post(
        reverse("administration:staff_invite"),
        {
            "name": "홍길동",
            "username": "hong.gildong",
            "email": "hong@example.kr",
            "role": "counselor",
            "centre": world.centre_x.pk,
            "booth": world.users["counselor_x"].booth_id,
            "other_booths": [desk.pk],
        },
    )

    person = User.objects.get(username="hong.gildong")
    assert list(person.other_booths.all()) == [desk]
    assert RoleChange.objects.filter(user=person, field="booths", new_value=str(desk.pk)).exists()


def test_the_centre_page__lists_under_each_booth_its_usual_and_also_serving_counselors(world):
    booth_x = world.users["counselor_x"].booth
    desk = BoothFactory(centre=world.centre_x, name="화요 이동상담 창구")
    visitor = UserFactory(counselor=True, centre=world.centre_x, booth=desk, last_name="박", first_name="방문")
    visitor.other_booths.add(booth_x)
    world.users["counselor_x"].other_booths.add(desk)
    gone = UserFactory(counselor=True, centre=world.centre_x, last_name="최", first_name="퇴사", is_active=False)
    gone.other_booths.add(booth_x)

    rows = {row.booth.pk: row for row in selectors.booth_rows(world.centre_x)}

    assert rows[booth_x.pk].counselors == [world.users["counselor_x"]]
    assert rows[booth_x.pk].also_serving == [visitor]  # the deactivated one is not at any booth
    assert rows[desk.pk].counselors == [visitor] and rows[desk.pk].also_serving == [world.users["counselor_x"]]
    page = world.client_for("manager_x").get(reverse("administration:centre", args=[world.centre_x.pk]))
    assert "Also serving:" in page.content.decode() and "박방문" in page.content.decode()


def test_the_staff_edit_form__shows_the_other_booths_ticked(world):
    counselor = world.users["counselor_x"]
    desk = BoothFactory(centre=world.centre_x, name="화요 이동상담 창구")
    counselor.other_booths.add(desk)

    page = world.client_for("admin").get(reverse("administration:staff_detail", args=[counselor.pk])).content.decode()

    assert re.search(rf'name="other_booths" value="{desk.pk}"[^>]*checked', page)
