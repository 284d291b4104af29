"""The read-replica router against a real second database: the `replica` alias is a second test database
(jobcenter/settings.py under TESTING), so a row can exist on one side only and show where a read went."""

import pytest
from django.db import transaction
from django.urls import reverse

from jobcenter.db_router import ReplicaRouter, lagging_reads
from jobcenter.models import Centre, Region, User
from tests.factories import CentreFactory

pytestmark = pytest.mark.django_db(databases=["default", "replica"])


@pytest.fixture
def replica_on(settings):
    settings.READ_REPLICA_ALIAS = "replica"
    return settings


def centre_on(alias: str, name: str) -> Centre:
    # The code tables are loaded into the primary by a data migration; the stand-in replica gets one region.
    region, _ = Region.objects.using(alias).get_or_create(
        code="28260", defaults={"name_ko": "서구", "level": Region.Level.SIGUNGU}
    )
    return Centre.objects.using(alias).create(name=name, region=region)


def test_lagging_read__with_a_replica__is_answered_by_the_replica(replica_on):
    centre_on("default", "기본 센터")
    centre_on("replica", "복제 센터")

    with lagging_reads():
        names = set(Centre.objects.values_list("name", flat=True))

    assert "복제 센터" in names
    assert "기본 센터" not in names


def test_ordinary_read__with_a_replica__stays_on_the_primary(replica_on):
    centre_on("default", "기본 센터")
    centre_on("replica", "복제 센터")

    names = set(Centre.objects.values_list("name", flat=True))

    assert names >= {"기본 센터"}
    assert "복제 센터" not in names


def test_lagging_read__without_a_replica__stays_on_the_primary(settings):
    settings.READ_REPLICA_ALIAS = None
    centre_on("default", "기본 센터")

    with lagging_reads():
        assert Centre.objects.filter(name="기본 센터").exists()


def test_write__inside_lagging_reads__never_goes_to_the_replica(replica_on):
    region = Region.objects.get(code="28260")
    with lagging_reads():
        Centre.objects.create(name="새 센터", region=region)
        Centre.objects.filter(name="새 센터").update(phone="02-000-0000")

    assert Centre.objects.using("default").get(name="새 센터").phone == "02-000-0000"
    assert not Centre.objects.using("replica").filter(name="새 센터").exists()


def test_row_read_from_the_replica__when_saved__is_written_to_the_primary(replica_on):
    centre_on("replica", "복제 센터")
    with lagging_reads():
        centre = Centre.objects.get(name="복제 센터")
        centre.phone = "02-111-1111"
        centre.save()

    assert Centre.objects.using("default").get(name="복제 센터").phone == "02-111-1111"
    assert Centre.objects.using("replica").get(name="복제 센터").phone == ""


def test_lagging_read__inside_a_transaction_on_the_primary__reads_its_own_writes(replica_on):
    with lagging_reads(), transaction.atomic():
        CentreFactory(name="방금 만든 센터")
        assert Centre.objects.filter(name="방금 만든 센터").exists()


def test_users_and_sessions__in_lagging_reads__are_read_from_the_primary(replica_on):
    router = ReplicaRouter()
    from django.contrib.sessions.models import Session
    from django_otp.plugins.otp_totp.models import TOTPDevice

    with lagging_reads():
        assert router.db_for_read(User) is None
        assert router.db_for_read(Session) is None
        assert router.db_for_read(TOTPDevice) is None
        assert router.db_for_read(Centre) == "replica"
    assert router.db_for_write(Centre) == "default"


def test_public_board__with_a_replica__is_read_from_the_replica(replica_on, world, client):
    # The vacancy exists on the primary only: the board (a page that may lag) does not see it yet ...
    response = client.get(reverse("employers:board"))
    assert response.status_code == 200
    assert "A사 생산직" not in response.content.decode()

    # ... while without the replica the same page shows it.
    replica_on.READ_REPLICA_ALIAS = None
    response = client.get(reverse("employers:board"))
    assert "A사 생산직" in response.content.decode()


def test_counselor_page__with_a_replica__is_read_from_the_primary(replica_on, world):
    client = world.client_for("counselor_x")

    response = client.get(reverse("seekers:list"))

    assert response.status_code == 200
    assert "김하나" in response.content.decode()
