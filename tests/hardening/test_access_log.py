"""The personal-data access log (접속기록): written on every view and export, append-only in the database,
reviewed monthly by managers."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.urls import reverse
from django.utils import timezone

from seekers.models import AccessRecord
from seekers.services import access_record
from tests.factories import UserFactory


def test_opening_a_case__writes_who_when_from_where_whose_and_what(world):
    client = world.client_for("counselor_x")
    assert client.get(reverse("seekers:case", args=[world.seeker_a.pk]), REMOTE_ADDR="10.1.2.3").status_code == 200
    record = AccessRecord.objects.get()
    assert record.user == world.users["counselor_x"]
    assert record.seeker == world.seeker_a
    assert record.action == AccessRecord.Action.VIEW
    assert record.ip_address == "10.1.2.3"
    assert abs(record.at - timezone.now()) < datetime.timedelta(minutes=1)


def test_export__asks_for_a_reason_first_and_records_it_on_every_row(world):
    client = world.client_for("counselor_x")
    url = reverse("seekers:export") + "?status=active"
    ask = client.get(url)
    assert ask.status_code == 200
    assert 'name="reason"' in ask.content.decode() and 'name="purpose"' in ask.content.decode()
    assert 'action="/seekers/export/?status=active"' in ask.content.decode()  # the search is carried through
    assert AccessRecord.objects.count() == 0
    response = client.post(url, {"purpose": "other", "reason": "사례 인계 (담당자 변경으로 전체 인계)"})
    body = b"".join(response.streaming_content).decode()
    assert world.seeker_a.name in body
    assert response["Content-Disposition"].startswith("attachment;")
    assert set(AccessRecord.objects.values_list("action", "reason")) == {
        ("export", "사례 인계 (담당자 변경으로 전체 인계)")
    }


def test_export__by_a_link__downloads_nothing(world):
    """A GET (a link, an image, a prefetch) only shows the reason form, whatever its query string says."""
    response = world.client_for("counselor_x").get(
        reverse("seekers:export"), {"reason": "월간 보고서 작성을 위한 추출"}
    )
    assert response.status_code == 200 and "Content-Disposition" not in response
    assert world.seeker_a.name not in response.content.decode()
    assert AccessRecord.objects.count() == 0


@pytest.mark.parametrize(
    "data",
    [{"purpose": "other", "reason": "aaaaa"}, {"purpose": "other", "reason": "aaaaaaaaaaaa"}, {"purpose": "other"}, {}],
    ids=["five letters", "one letter repeated", "other without a reason", "nothing"],
)
def test_export__without_a_real_reason__is_refused_with_a_message(world, data):
    response = world.client_for("counselor_x").post(reverse("seekers:export"), data)
    assert response.status_code == 400 and "Content-Disposition" not in response
    assert 'class="error"' in response.content.decode()
    assert AccessRecord.objects.count() == 0


def test_export__with_a_common_purpose__records_the_purpose(world):
    response = world.client_for("counselor_x").post(reverse("seekers:export"), {"purpose": "handover"})
    assert world.seeker_a.name in b"".join(response.streaming_content).decode()
    assert set(AccessRecord.objects.values_list("reason", flat=True)) == {"Handing over cases to another counselor"}


def test_an_employer_opening_a_referred_seekers_profile__is_recorded(world):
    from tests.matching.factories import ReferralFactory

    referral = ReferralFactory(seeker=world.seeker_a, vacancy=world.vacancy_a, sent=True)
    response = world.client_for("employer_a").get(reverse("matching:referral", args=[referral.pk]))
    assert response.status_code == 200
    assert (
        AccessRecord.objects.filter(user=world.users["employer_a"], seeker=world.seeker_a, action="view").count() == 1
    )


@pytest.mark.parametrize(
    "statement",
    [
        "UPDATE seekers_accessrecord SET reason = 'covered up'",
        "UPDATE seekers_accessrecord SET seeker_id = NULL",
        "DELETE FROM seekers_accessrecord",
    ],
)
def test_the_access_log__is_refused_update_and_delete_by_the_database(world, statement):
    access_record(user=world.users["counselor_x"], seeker=world.seeker_a, action="view", request=None)
    with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(statement)
    assert AccessRecord.objects.filter(reason="", seeker=world.seeker_a).count() == 1


def test_the_access_log__also_refuses_the_orm(world):
    record = access_record(user=world.users["counselor_x"], seeker=world.seeker_a, action="view", request=None)
    with pytest.raises(DatabaseError), transaction.atomic():
        AccessRecord.objects.filter(pk=record.pk).delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        record.reason = "edited"
        record.save()


def last_month_start() -> datetime.date:
    first = timezone.localdate().replace(day=1)
    return (first - datetime.timedelta(days=1)).replace(day=1)


def test_monthly_review__flags_an_account_far_above_its_centres_median(world, settings):
    month = last_month_start()
    colleagues = [UserFactory(counselor=True, centre=world.centre_x) for _ in range(3)]
    volumes = {world.users["counselor_x"]: 400, colleagues[0]: 30, colleagues[1]: 25, colleagues[2]: 35}
    day = timezone.make_aware(datetime.datetime.combine(month + datetime.timedelta(days=3), datetime.time(10)))
    rows = [
        AccessRecord(user=user, seeker=world.seeker_a, centre=world.centre_x, action="view")
        for user, count in volumes.items()
        for _ in range(count)
    ]
    AccessRecord.objects.bulk_create(rows)
    # `at` is auto_now_add: move the rows into last month in one statement before the trigger would see them.
    with connection.cursor() as cursor:
        cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cursor.execute("ALTER TABLE seekers_accessrecord DISABLE TRIGGER seekers_accessrecord_append_only")
        cursor.execute("UPDATE seekers_accessrecord SET at = %s", [day])
        cursor.execute("ALTER TABLE seekers_accessrecord ENABLE TRIGGER seekers_accessrecord_append_only")
    response = world.client_for("manager_x").get(reverse("security:access_review"), {"month": month.strftime("%Y-%m")})
    assert response.status_code == 200
    review = response.context["review"]
    assert [row.user_id for row in review.flagged] == [world.users["counselor_x"].pk]
    assert review.total == 490
    page = response.content.decode()
    assert str(world.users["counselor_x"]) in page.split("<table")[0]  # named in the flagged list, not only in colour


def test_monthly_review__shows_a_manager_only_their_centre(world):
    access_record(user=world.users["counselor_y"], seeker=world.seeker_b, action="view", request=None)
    response = world.client_for("manager_x").get(
        reverse("security:access_review"), {"month": timezone.localdate().strftime("%Y-%m")}
    )
    assert response.context["review"].rows == []
    admin = world.client_for("admin").get(
        reverse("security:access_review"), {"month": timezone.localdate().strftime("%Y-%m")}
    )
    assert admin.context["review"].total == 1


def test_monthly_review__with_a_bad_month__answers_400_not_500(world):
    response = world.client_for("manager_x").get(reverse("security:access_review"), {"month": "2024-13"})
    assert response.status_code == 400
